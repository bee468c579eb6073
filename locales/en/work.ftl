## Work experience confirmed by the employer (R5.2) and the mentor's extra tasks (R5.3)

work-employer-link = 🔗 Your work experience report needs your employer's confirmation. Forward this one-time link to your employer (it works for { $hours } hours):
    { $link }
work-employer-intro = 💼 <b>Work experience</b> report of an Elbasy Badge programme participant, <b>{ $name }</b>:
    Date: { $date }
    Duration: { $minutes } min
    { $text }
work-employer-ask-contact = If you are the employer, please share your own phone number with the button below.
work-employer-confirm-question = Do you confirm that { $name } did this work as described?
button-work-confirm = ✅ I confirm the report
work-employer-thanks = ✅ Thank you! The work experience report of { $name } is confirmed.
work-employer-cancelled = Confirmation cancelled. You can open the link again while it is valid.
work-confirmed-news = ✅ Your employer { $employer } confirmed your work experience report of { $date }.
work-confirmed-mentor = 💼 The employer { $employer } confirmed the work experience report of <b>{ $name }</b> of { $date }. You can now approve it.
work-entry-employer-confirmed = 💼 Confirmed by the employer: { $employer }
work-entry-employer-waiting = 💼 Not yet confirmed by the employer
error-employer-is-participant = The participant cannot confirm their own report. Please send the link to your employer.

task-diary-title = 📌 Extra tasks from your mentor ({ $count }):
task-diary-line =   • { $direction }: { $text }
task-no-participants = You have no active participants to set an extra task for.
task-ask-participant = ➕ Extra task: choose the participant.
task-ask-direction = Which direction is the extra task for { $name } in?
task-ask-text = Type the extra task for { $name } ({ $direction }).
task-created = ✅ The extra task for { $name } ({ $direction }) is saved and sent to the participant.
task-news = 📌 Your mentor set you an extra task ({ $direction }):
    { $text }
