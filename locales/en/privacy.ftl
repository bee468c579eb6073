my-data-summary =
    <b>What we store about you</b>
    Account: Telegram id { $id }, language { $language }, since { $since }.
    Applications: { $applications }.
    Diary entries: { $entries }; files: { $files }.
    Missed weeks reported: { $missed }; extra tasks from the mentor: { $tasks }.
    Mentor rating surveys answered: { $surveys }.
    Consents given as a legal representative: { $consents }; reports confirmed as an employer: { $confirmations }.
    Notifications kept: { $notifications } (their texts are deleted { $days } days after sending).
my-data-application = • { $level }, { $year }: { $status }
my-data-no-level = level not chosen
my-data-withheld-rating-answers = Not included: your answers to the mentor rating surveys. They are stored apart from you on purpose, with nothing that leads back to you, so that they stay anonymous; the file shows only which surveys you answered.
my-data-file = Everything we store about you, as a JSON file.
erase-confirm = Delete your personal data? Drafts are deleted. Your name, birth date, phone, photo, texts, files, your legal representative's contact and the messages about you are deleted from everything the programme keeps; submitted applications are withdrawn. What stays is an anonymous record for the programme's statistics (level, directions, dates and statuses) that nobody can link to you. If you confirmed someone's application as a legal representative or a report as an employer, your name and phone are removed from it. This cannot be undone.
erase-staff-active = You are staff at work: your participants, entries or appeals would be left with nobody. Ask the operator to deactivate your account first (your duties pass on then), and erase after that.
erase-staff-note = As a former staff member, your profile, documents and name are deleted; your Telegram number stays only as the key of the decisions and notes you made at work.
