# Charts and exports of the figures (R8.4)
button-chart = 🖼 Chart
button-export-xlsx = 📥 XLSX
button-export-csv = 📄 CSV
button-chart-mine = 🖼 My progress chart
chart-distribution = Participants by personal rating, %
chart-regions = Mean personal rating by region
chart-directions = Mean completion by direction
chart-caption = { $scope }: { $count } active participants
chart-mine = My completion by direction
chart-mine-caption = Personal rating: { $rating }%
export-everyone = The whole programme
export-preparing = Preparing the file…
export-caption = { $scope }: { $count } participants
export-sheet-participants = Participants
export-sheet-ratings = Ratings
export-sheet-backlog = Review backlog
export-col-id = No.
export-col-name = Full name
export-col-status = Status
export-col-level = Level
export-col-region = Region
export-col-locality = Locality
export-col-mentor = Mentor
export-col-activated = Activated on
export-col-rating = Personal rating, %
export-col-participants = Active participants
export-col-waiting = Entries waiting
export-col-oldest = Waiting since
export-col-median-hours = Median time to review, hours
diary-left-weeks = { $left } more { $left ->
    [one] week
   *[other] weeks
 } of sessions to cover, by { $by }
diary-left-books = { $left } more { $left ->
    [one] book
   *[other] books
 } to read, by { $by }
diary-left-days = { $left } more { $left ->
    [one] day
   *[other] days
 } to log, by { $by }
diary-behind = ⚠️ Only { $weeks } { $weeks ->
    [one] week remains
   *[other] weeks remain
 }: talk to your mentor about catching up.
