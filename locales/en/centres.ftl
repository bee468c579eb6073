## A programme centre applies from the bot; the operator decides (R6.5)
command-centre = Apply as a programme centre
menu-centres = 🏢 Centres
menu-our-staff = 👥 Our staff

centre-intro = 🏢 <b>Application to become a programme centre</b> of the Elbasy Badge programme. Answer six short questions; you will see everything before it is sent to the operator.
centre-ask-organisation = What is the organisation's full name?
centre-ask-region = In which region does the organisation work?
centre-ask-bin = The organisation's BIN (business identification number, 12 digits):
centre-ask-address = The organisation's address:
centre-ask-contact-name = The contact person's full name (surname and first name):
centre-ask-phone = The contact person's phone number: share yours with the button below or type it with the country code, e.g. +7 701 123 45 67.
centre-phone-saved = Phone number saved.
centre-use-buttons = Please use the buttons of the question.
centre-summary = Please check the application:
centre-card =
    🏢 <b>{ $organisation }</b>
    Region: { $region }
    BIN: { $bin }
    Address: { $address }
    Contact person: { $contact }, { $phone }
centre-field-organisation = Organisation
centre-field-region = Region
centre-field-bin = BIN
centre-field-address = Address
centre-field-contact-name = Contact person
centre-field-phone = Phone
button-centre-submit = 📨 Send to the operator
button-centre-edit = ✏️ Edit
centre-cancelled = The application was cancelled; nothing was sent. Send /centre to start again.
centre-submitted = 📨 Your application was sent to the operator. You will get the decision here.

centre-error-bin = A BIN is exactly 12 digits. Please check it and send it again.
centre-error-bin-checksum = This BIN's last (check) digit does not match the others: a digit is probably mistyped. Please check it and send it again.
centre-error-phone = Please send a phone number with the country code, e.g. +7 701 123 45 67, or share it with the button.
centre-error-contact-name = Please enter the contact person's full name: at least a surname and a first name, letters only.
centre-error-staff = You already have a role in the programme, so you cannot apply as a programme centre from this account.
centre-error-participant = You have an application as a participant; a programme centre applies from another account.
centre-error-pending = Your application to become a programme centre is already with the operator. You will get the decision here.
centre-error-decided = This application has already been decided.
centre-error-applicant-staff = The applicant's account has meanwhile joined the programme staff, so it cannot become the centre's head. Refuse the application with that reason.
centre-error-applicant-participant = The applicant's account has meanwhile applied as a participant, so it cannot become the centre's head. Refuse the application with that reason.
centre-error-not-unsigned = This centre's agreement is already marked signed, or the centre has lost its registration.

centre-applied-news = 🏢 A new application to become a programme centre:
button-centre-approve = ✅ Approve
button-centre-refuse = ❌ Refuse
centre-card-approved = ✅ Approved.
centre-card-refused = ❌ Refused: { $reason }
centre-list = 🏢 Applications waiting: { $applications }. Approved centres yet to sign the agreement: { $unsigned }.
centre-list-empty = 🏢 No applications are waiting and every approved centre has signed its agreement.
button-centre-open = 🏢 { $organisation } · { $date }
button-centre-sign = ✍️ { $centre }: sign by { $deadline }
centre-approve-confirm = Approve «{ $organisation }»? The centre is added to the catalogue in { $region }, the applicant becomes its head, and the agreement must be signed within 10 working days.
button-centre-approve-yes = ✅ Yes, approve
centre-approved = ✅ «{ $organisation }» is approved as programme centre <code>{ $code }</code>. The agreement must be signed by { $deadline }.
centre-ask-reason = Why is «{ $organisation }» refused? The applicant will read your reason (3 to 500 characters).
centre-refuse-confirm = Refuse «{ $organisation }» with this reason?
    { $reason }
button-centre-refuse-yes = ❌ Yes, refuse
centre-refused = ❌ «{ $organisation }» is refused; the applicant has been told the reason.
centre-nothing-changed = Nothing was changed.
centre-signed-confirm = Mark the agreement of «{ $centre }» as signed? The 10-working-day deadline then no longer applies.
button-centre-signed-yes = ✍️ Yes, it is signed
centre-signed = ✍️ The agreement of «{ $centre }» is recorded as signed.

centre-approved-news = ✅ Your application is approved: «{ $organisation }» is now a programme centre and you are its head. The agreement with the operator must be signed by { $deadline } (10 working days), otherwise the centre loses its registration. Your menu has changed: «✉️ Invite staff» invites your mentors, «👥 Our staff» lists them.
centre-refused-news = ❌ Your application to become a programme centre («{ $organisation }») was refused. The operator's reason: { $reason }
    You may apply again with /centre.

centre-staff-title = 👥 Staff of «{ $centre }»: { $count }
centre-staff-line = • { $name } — { $role }, { $state }
centre-staff-active = at work
centre-staff-absent = absent
centre-staff-inactive = deactivated
