## A participant's documents (R6.2), the mentor's characterisation and the fuller participant card (R8.1)

menu-my-documents = 📎 My documents

docs-kind-agreement = Signed participation agreement
docs-kind-identity = Copy of the ID card or birth certificate
docs-kind-certificate = Certificates and diplomas
docs-state-missing = not sent yet
docs-state-sent = sent, waiting for the mentor's check
docs-state-checked = checked
docs-state-returned = returned, please send it again

docs-title = 📎 <b>My documents</b>
docs-line = { $icon } { $kind }: { $state }
docs-returned-reason = ↳ Mentor's reason: { $reason }
docs-certificates = 🎓 { $kind } (optional): { $count }
docs-certificate-line = ↳ { $number }. { $icon } { $state }
docs-how = Send each one as a photo or a PDF, JPEG or PNG file. Your mentor checks it.
button-docs-upload = 📤 { $kind }
docs-ask-file = Send <b>{ $kind }</b> as a photo or a PDF, JPEG or PNG file (up to { $mb } MB).
docs-upload-cancelled = Cancelled. Nothing was sent.
docs-received = ✅ Received: { $kind }. Your mentor has been told.
docs-no-application = Documents are collected once your mentor is reviewing your application, and during the programme.
docs-file-expected = Please send a photo or a PDF, JPEG or PNG file of the document, or press «Cancel».
docs-file-too-big = The file is too big: at most { $mb } MB. Please send a smaller scan or a photo.
docs-file-type = Only PDF, JPEG and PNG files are accepted, or a photo.
docs-file-content = This file's content does not match its type. Please send the original PDF, JPEG or PNG file, or a photo.
docs-file-not-checked = The file could not be checked. Please send it again.
docs-already-checked = Your mentor has already checked this document; nothing more is needed.
docs-too-many = At most { $max } certificates and diplomas can be sent.

docs-file-caption = { $name }: { $kind } — { $state } (sent { $date })
button-docs-check = ✅ Checked
button-docs-return = ↩️ Return
button-docs-ask = 📎 Ask for documents
button-docs-list = 📎 Documents
docs-staff-title = 📎 <b>Documents of { $name }</b>: { $count } files
docs-asked-toast = Request sent
docs-asked = 📎 { $name } has been asked for: { $kinds }.
docs-nothing-missing = Nothing is missing: the agreement and the ID copy have been sent.
docs-checked-toast = Marked as checked
docs-ask-reason = Why are you returning «{ $kind }»? Write a short reason (up to { $max } characters); the participant receives it.
docs-returned-done = ↩️ Returned: { $kind }. The participant has received your reason.
docs-return-cancelled = Cancelled. The document was not returned.
docs-card-line = 📎 Documents: { $state }
docs-card-missing = missing — { $kinds }
docs-card-unchecked = waiting for your check — { $count }
docs-card-complete = all sent and checked

docs-request-news = 📎 Your mentor { $mentor } asks you to send: { $kinds }. Tap a button below, or open «📎 My documents».
docs-arrived-news = 📎 { $name } sent a document: { $kind }.
docs-checked-news = ✅ Your mentor checked: { $kind }.
docs-returned-news = ↩️ Your mentor returned: { $kind }.
    Reason: { $reason }
    Please send it again.

card-characterisation = ✍️ Mentor's characterisation: { $text }
card-mentor-rating = ⭐ Mentor's anonymous rating ({ $count } answers): helps { $q1 } · reviews { $q2 } · overall { $q3 }
status-characterisation = ✍️ Your mentor's characterisation: { $text }
button-characterisation = ✍️ Characterisation
characterisation-ask = ✍️ Write a short characterisation of { $name }: their character, effort and progress in the programme, up to { $limit } characters. It is shown on the participant's card to the participant, to you, to the expert and above. A new text replaces the previous one.
characterisation-current = Current text: { $text }
characterisation-too-long = The text has { $length } characters; at most { $limit } are allowed. Please shorten it and send it again: nothing has been changed.
characterisation-saved = ✅ Characterisation of { $name } saved.
characterisation-cancelled = Cancelled. The characterisation was not changed.
