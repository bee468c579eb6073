# Anonymous mentor rating (R6.1, R8.1)
rating-intro = <b>Rate your mentor</b>
    Three short questions, 1 to 5 stars each. Your answer is stored without your name, and your mentor sees only averages of at least 3 answers.
rating-question = Question { $number } of { $total }: { $question }
rating-q1 = My mentor helps me and explains things clearly.
rating-q2 = My mentor reviews my entries fairly and on time.
rating-q3 = Overall, how satisfied are you with your mentor?
rating-q1-short = Helps and explains
rating-q2-short = Fair and timely review
rating-q3-short = Overall
rating-thanks = Thank you! Your anonymous rating has been saved.
rating-already = You have already rated your mentor this month. You can rate again next month.
rating-no-mentor = You have no mentor to rate yet.
rating-stale = This survey button is no longer valid. Press «⭐ Rate my mentor» to start again.
rating-bad-score = A score must be from 1 to 5 stars.
rating-title = <b>Your rating from participants</b> (anonymous)
rating-overall = <b>Overall</b>
rating-period = <b>{ $period }</b>
rating-line = { $question }: { $average } ({ $count } answers)
rating-not-enough = Not enough answers yet (needs { $min }).
