## Programme terms (GLOSSARY.md)
programme = Elbasy Badge programme
level-bronze = Bronze
level-silver = Silver
level-gold = Gold
direction-sport = Sport and physical culture
direction-talent = Talent and skills
direction-reading = Reading
direction-heritage = National heritage
direction-volunteering = Volunteering
direction-tourism = Tourist trips
direction-work = Work experience
role-participant = Participant
role-mentor = Mentor
role-expert = Expert
role-coordinator = Regional coordinator
role-centre = Programme centre
role-operator = Operator
status-draft = draft
status-submitted = submitted
status-consent-pending = waiting for the legal representative's consent
status-under-review = under review by the mentor
status-active = active
status-completed = completed
status-awarded = awarded
status-rejected = rejected
status-withdrawn = withdrawn
weekday-0 = Mon
weekday-1 = Tue
weekday-2 = Wed
weekday-3 = Thu
weekday-4 = Fri
weekday-5 = Sat
weekday-6 = Sun

## Commands and menu
command-start = Main menu
command-apply = Apply or see my application
command-mydata = My personal data
command-language = Change language
command-help = Help
command-task = Set an extra task for a participant
command-ratings = My anonymous rating from participants
command-participant = Open a participant by number
command-rules = The year's programme rules
menu-application = 📝 My application
menu-my-data = 🔐 My data
menu-language = 🌐 Language
menu-my-participants = 👥 My participants
menu-rate-mentor = ⭐ Rate my mentor
menu-absence = 🏖 I can't work for now
menu-my-mentors = 🧑‍🏫 My mentors
menu-invite = ✉️ Invite staff
welcome = Welcome to the <b>Elbasy Badge programme</b> bot! Young people aged 14 to 29 choose a level (Bronze, Silver, Gold) and directions, work with a mentor and keep a diary. Participation is free and voluntary.
choose-language = Choose your language:
language-set = Language saved: English.
draft-waiting = 📝 Your application is saved where you left it. Press «📝 My application» to continue.
use-menu = Please use the menu buttons below.
back = Going back.
help-participant = Press «📝 My application» to apply or to see your application's status. «🔐 My data» shows what we store about you. /language changes the language. «📎 My documents» sends your mentor the signed agreement and document copies; «📔 My diary» says what is left in each direction and by when. An organisation that wants to be a programme centre sends /centre.
help-mentor = «👥 My participants» lists the participants assigned to you: open a card, agree the individual schedule and activate the participant. «📥 Entries to review» holds their diary entries; «📊 Figures» shows how your participants are doing. «👤 My profile» keeps your profile, documents and language. On a participant's card: «📎 Documents» to check, «✍️ Characterisation».
help-expert = You are an expert of the programme. «🧑‍🏫 My mentors» shows the mentors you supervise and their participants, read-only; appeals come to you as messages; «📊 Figures» shows how your mentors' participants are doing. «👤 My profile» keeps your profile and documents; a mentor in «🧑‍🏫 My mentors» opens their card.
help-coordinator = You are a regional coordinator of the programme. «📊 Figures» shows your region's participants and experts; «🚨 Report a problem» reaches the operator. «🧑‍🏫 Staff» opens the cards of your region's experts and mentors; under «📊 Figures» are a chart and XLSX/CSV exports. /participant N opens a participant of your region (N is the first column of an export): the card, schedule, diary and documents.
help-centre = You are a programme centre. «✉️ Invite staff» creates one-time invitation links for your mentors. «👥 Our staff» lists your centre's people; «👤 My profile» keeps yours.
help-operator = You are the programme operator. «✉️ Invite staff» creates one-time invitation links for any staff role; «📊 Figures» shows the whole programme: applications, staff, completion and ratings by level and region. /participant N opens any participant's card, schedule and diary, and sets individual requirements for a participant with a disability. /rules shows the year's requirements and puts new ones in force from a YAML file. «⚙️ Administration»: the catalogue, staff, any participant, the programme rules; «🏢 Centres»: centres' applications; «🧑‍🏫 Staff»: staff cards; under «📊 Figures» are a chart and XLSX/CSV exports.

## Buttons
button-back = ◀ Back
button-cancel = Cancel
button-agree = ✅ I agree
button-done = ✅ Done
button-continue = Continue ▶
button-refresh = 🔄 Refresh
button-share-phone = 📱 Share my phone number
button-accept-agreement = ✅ I accept the agreement
button-withdraw = Withdraw the application
button-withdraw-confirm = Yes, withdraw
button-keep = No, keep it
button-new-guardian-link = 🔗 New link for the legal representative
button-download-data = 📄 Download as a file
button-erase-data = 🗑 Delete my data
button-erase-confirm = Yes, delete my data
button-guardian-confirm = ✅ I confirm as the legal representative
button-open-card = Open the card
button-schedule = 🗓 { $direction }
button-activate = 🚀 Activate the participant
button-activate-confirm = Yes, activate

## The application
ask-consent = Before you apply: to run the programme we process your personal data (full name, date of birth, phone, photo, place of residence and study, about you, hobbies) under the Law of the Republic of Kazakhstan "On personal data and its protection". It is used only for the programme, seen only by your mentor and programme staff, and you can see or delete it any time with /mydata. Do you agree?
application-cancelled = Your application was not started and nothing was saved.
ask-full-name = Enter your full name (surname, first name, patronymic if you have one), for example: Abaiuly Nurlan Serikuly.
ask-birth-date = Enter your date of birth as DD.MM.YYYY, for example 15.05.2009.
ask-phone = Share your phone number with the button below. Only your own number is accepted.
phone-saved = Phone number saved.
contact-saved = Contact saved.
ask-photo = Send your photo (as a photo, not a file).
ask-region = Choose your region:
ask-locality = Choose your city, town or district:
ask-study-place = Where do you study? Enter the name of your school, college or university.
ask-about = Tell us briefly about yourself (up to 1000 characters).
ask-hobbies = What are your hobbies? (up to 500 characters)
ask-level = Choose your level:
level-closed = { $level } is open from the age of { $age }.
ask-directions = Choose your directions for the { $level } level. 🔒 marks the directions that are mandatory this year; tap the others to add or remove them, then press «Done».
direction-mandatory = This direction is mandatory this year.
ask-choice-longer = Sport and Talent: one of them runs for the shorter period and the other for the longer one. Which one takes the longer period?
choice-longer = { $direction }: { $months } months
ask-choice-heritage-mode = National heritage: choose how you will fulfil it.
choice-heritage-sessions = Sessions (national sports, culture, cuisine, arts and crafts)
choice-heritage-book = One extra book from the Golden fund of Kazakh literature
ask-choice-heritage-months = National heritage: for how many months will you attend sessions?
choice-months = { $months } months
ask-partner = { $direction } needs an authorised partner organisation. Choose one:
ask-mentor = Programme centres and mentors near you (the least busy first). Choose your mentor:
mentor-option = { $n }. <b>{ $name }</b>, { $centre } ({ $load } participants)
no-mentors = There is no mentor available yet. Your answers are saved; press «Refresh» a little later.
current-value = Current answer: <i>{ $value }</i>. Send a new one or go back.
review-title = <b>Please check your application</b>
review-profile = Full name: { $full_name }
    Date of birth: { $birth_date }
    Phone: { $phone }
    Region: { $region }, { $locality }
    Place of study: { $study_place }
    About me: { $about }
    Hobbies: { $hobbies }
review-level = Level: <b>{ $level }</b>. Requirements of your directions:
review-partners = Partner organisations: { $partners }
review-mentor = Mentor: <b>{ $mentor }</b>, { $centre }
edit-full-name = Name
edit-birth-date = Birth date
edit-phone = Phone
edit-photo = Photo
edit-region = Region
edit-locality = Locality
edit-study-place = Study
edit-about = About me
edit-hobbies = Hobbies
edit-level = Level
edit-directions = Directions
edit-choices = Options
edit-partners = Partners
edit-mentor = Mentor
agreement-text = <b>Voluntary participation agreement</b>
    By accepting it I join the Elbasy Badge programme at the { $level } level voluntarily and free of charge; I undertake to meet the level's requirements in my chosen directions, to follow the individual schedule agreed with my mentor, to keep my diary honestly, and to tell my mentor in time if I cannot do a task. I may withdraw at any time. If I am under 18, my legal representative must also confirm this agreement.
application-submitted-toast = Application submitted
application-submitted = ✅ Your application has been submitted and sent to your mentor. The decision is due by { $deadline } (14 working days).
application-submitted-minor = ✅ Your application has been submitted. As you are under 18, your legal representative (parent or guardian) must confirm the agreement. Send them this one-time link; they open it in Telegram and confirm:
    { $link }
    The decision is due by { $deadline } (14 working days).
guardian-link = A new one-time link for your legal representative (the previous one no longer works):
    { $link }

## Status of an application
status-title = Your application: <b>{ $status }</b>
status-level = Level: { $level }. Directions: { $directions }
status-mentor = Mentor: { $mentor }
status-deadline = Decision due by { $deadline }
withdraw-confirm = Withdraw your application? This cannot be undone; you can apply again later.
withdrawn = Your application has been withdrawn.
kept = Nothing was changed.
participant-guardian-confirmed = ✅ Your legal representative has confirmed the agreement. Your application is now with your mentor.
participant-activated = 🚀 Your mentor { $mentor } has activated you: your participation has started! Your individual schedule:

## Legal representative
guardian-intro = Hello! { $name } has applied to the Elbasy Badge programme and named you as their legal representative (parent or guardian). To confirm, share your phone number with the button below.
guardian-agreement = You confirm, as the legal representative of { $name }, the voluntary participation agreement for the { $level } level of the Elbasy Badge programme, and consent to the processing of their personal data for the programme.
guardian-confirmed = ✅ Thank you! The participation of { $name } is confirmed.
guardian-cancelled = Nothing was confirmed. You can open the link again while it is valid.

## Personal data
erased = Your personal data has been deleted.
erased-bye = Goodbye! Press /start if you want to come back.

## Staff
invitation-accepted = ✅ Welcome! Your account now has the role: <b>{ $role }</b>.
ask-staff-full-name = Please enter your full name as participants will see it.
staff-profile-saved = Thank you, { $name }. Your profile is saved.
invite-choose-role = Whom do you invite?
invite-choose-centre = Choose the programme centre:
invite-choose-region = Choose the region:
invite-no-centres = There are no programme centres yet. Import them with «tosbelgi catalog import».
invite-created = One-time invitation for the role { $role }, valid for { $hours } hours. Send it to the person; the first account that opens it gets the role:
    { $link }
mentor-new-application = 📥 New application from <b>{ $name }</b>. Decision due by { $deadline }.
mentor-no-participants = No participants are assigned to you yet.
mentor-participants = Your participants ({ $count }):
card-title = <b>{ $name }</b> — { $status }
card-profile = Date of birth: { $birth_date }
    Phone: { $phone }
    Region: { $region }, { $locality }
    Place of study: { $study_place }
    About: { $about }
    Hobbies: { $hobbies }
    Level: <b>{ $level }</b>
card-guardian = Legal representative: { $name }, { $phone }
card-progress = 📈 Done: { $percent }%
card-rating = 📔 Diary · personal rating: { $rating }%
schedule-missing = <i>schedule not agreed yet</i>
schedule-line = { $activity }; { $days } at { $time }; { $minutes } min a week
ask-schedule-activity = { $direction }: what activity did you agree on? (for example "football section at school No. 12")
ask-schedule-days = On which days of the week?
ask-schedule-time = At what time? Choose or type HH:MM.
ask-schedule-minutes = How many minutes a week in total?
minutes = { $minutes } min
schedule-saved = Schedule saved for { $direction }.
activate-confirm = Activate { $name }? Their participation clock starts now.
activated-toast = Participant activated
activated = 🚀 { $name } is active. Their participation has started.

## Rules texts
req-sessions-options = sessions of at least 1 hour a week for { $months } months
req-or-extra-book = , or one extra book from the Golden fund of Kazakh literature
req-sessions = sessions of at least { $minutes } minutes a week for { $months } months
req-books = at least { $books } books across the three sections, { $section1 } of them from the Golden fund of Kazakh literature
req-trip = a { $days }-day trip
req-work = at least { $days } days of work experience

## Errors
error-internal = Sorry, something went wrong on our side. What you entered before is saved; please try again.
error-unavailable = Our server is busy for a moment and could not take this. Please send it again in a minute; everything before it is saved.
error-unavailable-queued = Our server is busy for a moment. Telegram keeps what you just sent and gives it to us again, and we take it as soon as we are back; there is no need to send it again.
error-stale-button = This button is from an old message or no longer valid.
error-bad-button = This button is not valid. Please use the buttons of the latest message.
error-not-allowed = You are not allowed to do this.
error-illegal-transition = This has already been done or is no longer possible.
error-use-buttons = Please answer with the buttons of the message below.
error-text-expected = Please answer with text.
error-text-too-long = The text is too long: at most { $limit } characters.
error-text-too-short = The text is too short.
error-full-name = Please enter your full name: at least a surname and a first name, letters only.
error-not-a-date = That is not a date. Please write it as DD.MM.YYYY, for example 15.05.2009.
error-date-in-future = The date cannot be in the future.
error-age-range = The programme is open to young people aged { $min } to { $max }.
error-level-too-young = This level is open from the age of { $min }.
error-contact-expected = Please share your phone number with the button below.
error-contact-not-own = This is not your own contact. Please share your own phone number with the button.
error-photo-expected = Please send a photo.
error-no-directions = Choose at least one direction.
error-direction-not-in-level = These directions are not part of this level: { $directions }.
error-mandatory-missing = These directions are mandatory this year: { $directions }.
error-choice-missing = Please make the remaining choice first.
error-application-incomplete = The application is not complete yet.
error-already-submitted = This application has already been submitted.
error-consent-not-pending = The legal representative's consent is not awaited for this application.
error-guardian-is-participant = The participant cannot confirm as their own legal representative. Please send the link to your parent or guardian.
error-link-invalid = This link is not valid.
error-link-used = This link has already been used.
error-link-expired = This link has expired. Ask for a new one.
error-already-staff = This Telegram account already has a staff role.
error-participant-cannot-be-staff = This account has an open participant application and cannot take a staff role.
error-invite-role = Participants do not need an invitation.
error-invite-needs-centre = A mentor or a centre invitation needs a programme centre.
error-invite-needs-region = A coordinator invitation needs a region.
error-schedule-incomplete = Agree the schedule for every direction first: { $directions }.
error-activity = Please describe the activity in 2 to 200 characters.
error-no-days = Choose at least one day.
error-time = Please write the time as HH:MM, for example 18:30.
error-minutes = Please enter a number of minutes between 15 and 2400.
error-minutes-too-few = The level requires at least { $minutes } minutes a week.

## The diary
menu-add-entry = ➕ Add an entry
menu-diary = 📔 My diary
diary-not-active = The diary opens once your mentor has activated you.
entry-continue = You have an unfinished entry; let us continue it.
ask-entry-direction = For which direction is this entry?
ask-entry-kind = What do you add?
entry-kind-session = Session report
entry-kind-final-video = Final video of the result
entry-kind-essay = Book essay
entry-kind-daily = Daily report
entry-kind-work = Work report
ask-entry-date = When did it happen? Choose or type the date as DD.MM.YYYY (up to { $days } days back).
button-today = Today
button-yesterday = Yesterday
ask-entry-minutes = How many minutes did it last? Choose or type a number.
ask-entry-text-session = What did you do, and what progress did you make?
ask-entry-text-daily = What were the results of the action?
ask-entry-text-work = Describe the work you did.
ask-entry-title-daily = What was the name of the action or trip?
ask-entry-book-section = Which section is the book from?
book-section-1 = Golden fund of Kazakh literature
book-section-2 = Golden fund of world literature
book-section-3 = Personal growth, popular science
ask-entry-book = { $section }: choose the book.
ask-entry-content = Write a short essay about the book (at least { $chars } characters), or record a voice or video message of at least { $seconds } seconds.
ask-entry-media-session = Add photos, videos or voice notes of the session if you have them ({ $count } of { $max } added), then press «Done».
ask-entry-media-final-video = Send the short video that shows the result you achieved ({ $count } of { $max } added), then press «Done».
ask-entry-media-daily = Add at least one photo or video ({ $count } of { $max } added), then press «Done».
ask-entry-media-work = Add photos or documents if you have them ({ $count } of { $max } added), then press «Done».
error-media-duplicate = This file is already attached to the entry.
entry-media-added = Added: { $count ->
        [one] { $count } file
       *[other] { $count } files
    }. Send more or press «Done».
ask-entry-confirm = Send this entry to your mentor?
button-send-entry = 📤 Send to the mentor
button-discard = ✖ Discard
discard-confirm = Discard this entry? What you entered will be lost.
button-discard-confirm = Yes, discard
entry-discarded = The entry was discarded.
entry-sent-toast = Sent to the mentor
entry-sent = 📤 Your entry has been sent to your mentor. You will be told of the decision.
mentor-new-entry = 📥 New diary entry from <b>{ $name }</b>:
button-review-approve = ✅ Approve
button-review-reject = ❌ Reject
button-review-more = ✏️ Ask for more
entry-title = { $icon } <b>{ $direction }</b> · { $kind } · { $date }
entry-book = 📖 { $title } — { $author } (section { $section })
entry-action = Action: { $title }
entry-minutes = Duration: { $minutes } min
entry-text = { $text }
entry-files = Files: { $count }
entry-reason = Mentor's comment: { $reason }
entry-appeal = Appeal: { $reason }
entry-arbiter = Expert's decision: { $reason }

## Mentor's review
reason-detail = Not enough detail about what was done
reason-media = The photo or video does not show the activity
reason-date = The date does not match the schedule
reason-direction = The entry does not belong to this direction
reason-copied = The text seems copied from elsewhere
button-own-reason = ✍️ Write my own reason
ask-reason-reject = Why do you reject this entry?
ask-reason-more = What more should the participant add?
ask-own-reason = Type the reason; the participant will see it.
decided-approve = ✅ Approved ({ $name })
decided-reject = ❌ Rejected ({ $name })
decided-more = ✏️ More work asked ({ $name })
entry-approved-news = ✅ Your mentor approved your entry.
entry-rejected-news = ❌ Your mentor rejected your entry. If you disagree, you can appeal to the expert.
entry-more-work-news = ✏️ Your mentor asks you to add more to your entry.
button-appeal = ⚖️ Appeal
button-revise = ✏️ Add more

## Diary view and appeals
diary-title = <b>My diary</b> · personal rating: { $rating }%
diary-direction = <b>{ $direction }</b>: { $percent }% done
button-appeal-entry = ⚖️ Appeal: { $entry }
button-revise-entry = ✏️ Add more: { $entry }
ask-appeal-reason = Why do you disagree with the mentor's decision? The expert will see your reason, the entry and the whole history.
appeal-sent = ⚖️ Your appeal has been sent to the expert.
appeal-recorded = ⚖️ Your appeal has been recorded; an expert will consider it.
expert-appeal = ⚖️ Appeal from <b>{ $name }</b> against a decision of mentor { $mentor }:
button-uphold = Uphold the mentor's decision
button-overturn = Overturn it (approve the entry)
ask-arbiter-reason-uphold = Why do you uphold the decision? Both sides will see your reason.
ask-arbiter-reason-overturn = Why do you overturn the decision? Both sides will see your reason.
arbitrated-upheld = The mentor's decision is upheld.
arbitrated-overturned = The mentor's decision is overturned; the entry counts as approved.
appeal-upheld-news = ⚖️ The expert upheld the mentor's decision on the entry of { $name }.
appeal-overturned-news = ⚖️ The expert overturned the mentor's decision on the entry of { $name }: it counts as approved.

## Diary errors
error-date-before-start = The date is before your participation started ({ $start }).
error-date-too-old = Entries can be backdated by at most { $days } days.
error-entry-minutes = Please enter a number of minutes between { $min } and { $max }.
error-text-too-short-min = The text is too short: at least { $min } characters.
error-too-many-files = An entry can have at most { $max } files.
error-file-too-big = The file is too big: at most { $mb } MB.
error-media-too-long = The recording is too long: at most { $seconds } seconds.
error-document-type = Only PDF, Word documents and images are accepted as documents.
error-need-photo-or-video = Add at least one photo or video first.
error-need-video = Add the video of your result first.
error-entry-incomplete = The entry is not complete yet.
error-reason-required = A reason is required.
error-essay-expected = Please write the essay as text, or send a voice or video message.
error-media-expected = Please send a photo, video, voice note or document, or press «Done».
error-essay-too-short = The recording is too short: at least { $seconds } seconds.
error-media-undecodable = This file could not be played. Please record it again.
error-essay-silent = The recording is mostly silence. Please record your essay again, speaking clearly.
error-already-decided = This entry has already been decided.
error-finish-draft-first = Finish or discard the entry you are composing first.
menu-review-queue = 📥 Entries to review
queue-empty = No entries are waiting for your review.
queue-title = Entries waiting for your review: { $count } (page { $page } of { $pages }), oldest first:
button-cant = 🙁 I can't do it this week
ask-missed-reason = What prevents you from doing your tasks or uploading them in time? Your mentor will be told.
missed-illness = Illness
missed-disaster = Natural disaster
missed-bereavement = A death in the family
missed-no-internet = No internet
missed-other = Another reason
ask-missed-details = Please describe the reason in a few words.
missed-recorded = Recorded. Your mentor has been told.
mentor-missed = 🙁 { $name } cannot do their tasks this week. Reason: { $reason } ({ $details }).
error-employer-not-confirmed = The employer has not confirmed this work report yet.

## Level completion
button-complete = 🏁 Complete the level
completion-title = <b>{ $name }</b>: completion of the level's requirements
completion-not-yet = The level can be completed when every direction reaches 100%.
ask-assessment = Every direction is done. Write your assessment of the participant and your recommendation for the coordinator (at least 20 characters).
completion-confirm = Complete the level with this assessment? This cannot be undone.
button-complete-level = ✅ Yes, complete the level
completed = 🏁 { $name } has completed the level.
participant-completed = 🏁 Congratulations! Your mentor has confirmed that you completed the { $level } level. Your results go to the award commission.
error-directions-unfinished = These directions are not finished yet: { $directions }.

## Messages
button-message = ✉️ Write to the participant
ask-message-to-participant = Type your message; the participant will receive it from the bot.
message-from-mentor = ✉️ Message from your mentor { $mentor }:
    { $text }
message-delivered = Delivered.
message-not-delivered = Not delivered: the participant may have blocked the bot. Try again later.
error-no-centre = There is no centre with code { $code }.
error-centre-not-approved = Centre { $code } is not approved yet: approve it first.
