# Individual requirements of a participant with a disability (R3.5), and the operator's view of a participant
button-individual = ♿ { $direction }: requirements
individual-card-number = Application No. { $number }
individual-card-set = ♿ Individual requirements in: { $directions }
individual-ask-number = Send the application's number (the first column of an export).
individual-no-application = There is no application No. { $number }. Send another number, or use the menu.
individual-value-months = { $value } { $value ->
    [one] month
   *[other] months
 } of sessions
individual-value-weekly-minutes = { $value } min a week
individual-value-books = { $value } { $value ->
    [one] book
   *[other] books
 }
individual-value-trip-days = { $value } { $value ->
    [one] day
   *[other] days
 } of trips
individual-value-work-days = { $value } { $value ->
    [one] day
   *[other] days
 } of work
individual-title = <b>{ $name }</b> · { $direction }
individual-line = • now { $current } (the level asks { $standard })
button-individual-change = ✏️ Change: { $what }
button-individual-restore = ↩️ Back to the level's requirement
individual-note = Individual requirements are for a participant with a disability. Only the numbers are kept, never the reason; the participant and their mentor are told.
individual-choose = Choose the new value (the level asks { $standard }):
individual-saved = Saved; the participant and the mentor are told.
individual-told-participant = ♿ Your requirement in { $direction } is now: { $target }. Your progress is counted against it.
individual-told-mentor = ♿ The operator set an individual requirement for { $name } in { $direction }: { $target }.
individual-not-adjustable = This application is neither under review nor active: its requirements can no longer change.
individual-bad-value = This value is not offered. Open the direction again.
button-admin-participant = 🔎 A participant
