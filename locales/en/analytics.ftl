menu-analytics = 📊 Figures
analytics-mentor-title = 📊 <b>My participants in figures</b>
analytics-expert-title = 📊 <b>My mentors' participants in figures</b>
analytics-coordinator-title = 📊 <b>{ $region } in figures</b>
analytics-operator-title = 📊 <b>The programme in figures</b>
analytics-as-of = <i>Applications, participants and ratings as of { $time }, counted again every few minutes; staff and the review backlog are live.</i>
analytics-participants = Active participants: { $count }
analytics-mentors = Mentors: { $count }
analytics-experts = Experts: { $count }
analytics-empty = The figures appear once a participant is activated.
analytics-directions = <b>Completion by direction</b>, on average:
analytics-direction = • { $direction }: { $average }% ({ $count ->
        [one] one participant
       *[other] { $count } participants
    })
analytics-levels = <b>Personal rating by level</b>, on average:
analytics-regions = <b>Personal rating by region</b>, on average:
analytics-group = • { $name }: { $rating }% ({ $count ->
        [one] one participant
       *[other] { $count } participants
    })
analytics-waiting = { $count ->
        [one] One participant's figures are still being prepared from their diary.
       *[other] { $count } participants' figures are still being prepared from their diaries.
    }
analytics-applications = <b>Applications by status</b>:
analytics-status = • { $status }: { $count }
analytics-staff = <b>Staff at work</b>:
analytics-role = • { $role }: { $count }
analytics-backlog = <b>Entries waiting for review</b>, the longest waits first:
analytics-backlog-mentor = • { $name }: { $waiting } waiting, the oldest for { $days } d.; usually reviews within { $hours } h
analytics-backlog-mentor-new = • { $name }: { $waiting } waiting, the oldest for { $days } d.; no review in the last 30 days
analytics-backlog-none = No entry is waiting for review.
