menu-analytics = 📊 Figures
analytics-mentor-title = 📊 <b>My participants in figures</b>
analytics-participants = Active participants: { $count }
analytics-empty = The figures appear once a participant is activated.
analytics-directions = <b>Completion by direction</b>, on average:
analytics-direction = • { $direction }: { $average }% ({ $count ->
        [one] one participant
       *[other] { $count } participants
    })
analytics-levels = <b>Personal rating by level</b>, on average:
analytics-level = • { $level }: { $rating }% ({ $count ->
        [one] one participant
       *[other] { $count } participants
    })
analytics-waiting = { $count ->
        [one] One participant's figures are still being prepared from their diary.
       *[other] { $count } participants' figures are still being prepared from their diaries.
    }
