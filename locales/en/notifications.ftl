## Reminders, digests, escalations and the outbox (R2.6, R5.1, R6.2-R6.5, R7.1, R7.3)

menu-reminders = ⏰ Reminders
menu-outbox = 📮 Notifications
menu-report-problem = 🚨 Report a problem

reminders-title = ⏰ <b>Reminders</b>
    Tap a kind to pause or resume it. Before a session you are reminded { $minutes } min ahead; pick another time below. There are no reminders at night.
reminder-toggle = { $on ->
    [1] ✅
   *[0] ⏸
} { $kind }
reminder-kind-session = Before each session
reminder-kind-week = Weekly nudge
reminder-kind-books = Reading plan
reminder-kind-deadline = Level deadline
reminder-lead = { $minutes } min
reminders-saved = Saved
digest-on = 📬 You get one daily digest of entries waiting for review instead of a message per entry.
digest-off = 📨 Each new entry reaches you as its own message with the review buttons. You can get one daily digest instead.
button-digest-on = 📬 Switch to a daily digest
button-digest-off = 📨 Back to a message per entry

reminder-session = ⏰ Soon: <b>{ $direction }</b> at { $time } ({ $activity }). Add the entry to your diary afterwards!
reminder-week = 📅 This week there is no entry yet for: { $directions }. There is still time, and if you cannot this week, tell your mentor from your diary.
reminder-books = 📚 Reading plan: { $done } of { $total } books so far, and by now the plan expects { $expected }. Pick the next book from the list in your diary.
reminder-deadline = ⏳ { $days ->
        [one] { $days } day
       *[other] { $days } days
    } left until your level ends on { $date }. Still to do:

digest-title = 📬 { $count } entr(ies) wait for your review:
digest-line = • { $name }: { $count }

escalation-application = ⚠️ The application of <b>{ $name }</b> (mentor { $mentor }) was not decided by { $deadline }. Please see to it.
escalation-entry-mentor = ⏳ An entry of <b>{ $name }</b> sent on { $date } still waits for your review.
escalation-entry-expert = ⚠️ An entry of <b>{ $name }</b> sent on { $date } has waited too long for mentor { $mentor }'s review.
escalation-appeal = ⚠️ An appeal of <b>{ $name }</b> has not been decided in time. Please see to it with the expert.
centre-agreement-warning = ⚠️ The programme centre «{ $centre }» has not signed its agreement yet. Unless it is signed by { $deadline }, the centre loses its registration.
centre-agreement-lost = ⛔ The programme centre «{ $centre }» did not sign its agreement within 10 working days of approval and has lost its registration.

ask-problem = 🚨 Describe the problem for the operator in one message.
problem-confirm = Send this to the operator?

    { $text }
button-send-problem = 📤 Send
problem-sent = ✅ Sent to the operator.
problem-cancelled = Cancelled; nothing was sent.
problem-no-operator = There is no operator in the bot yet; nothing was sent.
operator-problem = 🚨 Coordinator <b>{ $name }</b> ({ $region }) reports a problem:

    { $text }

outbox-status = 📮 <b>Notifications</b>
    Waiting: { $pending }, sending: { $sending }, sent in the last 24 hours: { $sent }
    Failed: { $failed }, undeliverable (blocked the bot): { $dropped }
outbox-oldest = Oldest waiting since { $time }
outbox-problem = #{ $id } { $kind }, { $status }, attempts: { $attempts }: { $error }
button-outbox-retry = 🔁 Send failed ones again
outbox-retried = Queued again: { $count }
reminder-kind-rating = Monthly mentor rating
reminder-rating = ⭐ How is it going with your mentor this month? Rate them anonymously with «{ $button }» in the menu; it takes a minute.
button-rate-end = ⭐ Rate your mentor for this level
