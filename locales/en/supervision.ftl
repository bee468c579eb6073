## A mentor who cannot work (R6.2)
absence-confirm-mentor = Your participants will pass to your expert until you are back. Mark yourself absent?
button-absence-confirm = ✅ Yes, I can't work for now
absence-no-substitute-mentor = You have no expert to pass your participants to. Please contact your programme centre.
absence-recorded = You are marked absent. Your participants' entries now go to whoever acts for you. Press the same menu button when you are back.
absence-status = You are marked absent. Acting for you: { $substitute }.
button-absence-back = 👋 I am back
absence-back = Welcome back! Your participants and their entries are yours again.
absence-back-news-mentor = Mentor { $name } is back and takes their participants over again.
absence-expert-news = Mentor { $name } cannot work for now. You act for them until they are back: take the participants over yourself or hand them to another of your mentors.
button-absence-keep = 🙋 I take them over
button-absence-hand = ➡️ Hand to { $name }
absence-kept = You act for mentor { $name } until they are back.
absence-handed = Mentor { $name }'s participants are handed to { $substitute }.
absence-substitute-news = Mentor { $name } cannot work for now: your expert has handed their participants to you until they are back. Their new entries come to you.
absence-released = You no longer act for mentor { $name }.

## The expert's supervision and journal (R6.3)
sv-no-mentors = You do not supervise any mentors yet.
sv-mentors = Mentors you supervise ({ $count }):
sv-mentor-row = { $name } · participants: { $count }
sv-mentor-title = <b>Mentor { $name }</b>, participants: { $count }
sv-mentor-absent = 🏖 Absent now; acting for them: { $substitute }
sv-note-line = { $date }: { $text }
button-sv-add-note = 📝 Add a note
sv-ask-note = Type your note on mentor { $name }. You, the regional coordinator and the operator will see it on the mentor's card; the mentor will not.
sv-note-saved = The note is saved.
sv-card-mentor = Mentor: { $name }
sv-no-entries = No diary entries yet.
sv-entries = Diary entries ({ $count }):
absence-confirm-expert = Appeals and your other duties will pass to the regional coordinator until you are back. Mark yourself absent?
absence-no-substitute-expert = No regional coordinator was found to pass your duties to. Please contact the operator.
absence-back-news-expert = Expert { $name } is back and takes their duties over again.
absence-coordinator-news = Expert { $name } cannot work for now. Until they are back you decide the appeals. { $appeals ->
        [0] No appeal is waiting.
        [one] One appeal is waiting: open it with the button below.
       *[other] { $appeals } appeals are waiting: open them one at a time with the button below, oldest first.
    }
button-next-appeal = ⚖️ Open the next appeal ({ $count } waiting)
appeals-none-waiting = No appeals are waiting.
