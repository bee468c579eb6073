## The operator's administration (R6.6)
menu-administration = ⚙️ Administration
admin-home = Administration: the catalogue offered to applicants, the staff, any participant (and their individual requirements), the programme rules.
button-admin-catalogue = 📚 Catalogue
button-admin-staff = 👥 Staff
button-admin-yes = ✅ Yes
button-admin-add = ➕ Add
button-admin-save = 💾 Save
button-admin-done = Done
button-admin-rename = ✏️ Edit name
button-admin-deactivate = 🚫 Deactivate
button-admin-reactivate = ✅ Reactivate
admin-cancelled = Cancelled, nothing was changed.
admin-use-buttons = Please answer with the buttons of the last message, or press «Cancel».

## Catalogue
admin-choose-kind = Which part of the catalogue?
admin-kind-book = Books
admin-kind-partner = Partner organisations
admin-kind-centre = Programme centres
admin-kind-region = Regions
admin-choose-section = Books of which section?
admin-items = { $kind }: { $count } in all, page { $page }. 🚫 marks items no longer offered.
admin-field-code = Code: { $value }
admin-field-name = Name (kk / ru / en): { $value }
admin-field-section = Section: { $value }
admin-field-author = Author (kk / ru / en): { $value }
admin-field-directions = Directions: { $value }
admin-field-region = Region: { $value }
admin-nationwide = Nationwide
admin-item-active = Offered to new applications.
admin-item-retired = 🚫 Not offered to new applications; kept where it is already used.
admin-confirm-deactivate = Stop offering «{ $name }» to new applications? Applications and entries that already use it keep it.
admin-confirm-reactivate = Offer «{ $name }» to new applications again?
admin-deactivated = No longer offered.
admin-reactivated = Offered again.
admin-ask-names = Send the name in three lines: Kazakh, Russian, English.
admin-renamed = The name is saved.
admin-ask-code = New item ({ $kind }). Send its code: up to 40 lowercase latin letters, digits and «-», for example «abai-path».
admin-ask-section = Which section is the book in?
admin-ask-authors = Send the author in three lines: Kazakh, Russian, English.
admin-ask-directions = Which directions does the partner organisation take participants for? Choose, then press «Done».
admin-ask-region = Which region?
admin-confirm-add = Add to the catalogue ({ $kind })?
admin-added = Added to the catalogue.
admin-error-code = The code must be up to 40 lowercase latin letters, digits and «-», starting with a letter or a digit. Please send it again.
admin-error-code-taken = This code is already used. Please send another.
admin-error-names = Please send exactly three lines, Kazakh, Russian and English, none of them empty.
admin-error-section = The section must be 1, 2 or 3.
admin-error-directions = Choose at least one direction: volunteering or tourist trips.
admin-error-region = That region is not in the catalogue or is no longer offered.
admin-error-invalid = The item does not follow the catalogue's rules. Please check every answer.

## Staff
admin-choose-role = Staff of which role?
admin-staff-list = { $role }: { $count } in all, page { $page }. 🏖 absent, 🚫 deactivated.
admin-staff-title = <b>{ $name }</b>, { $role }
admin-staff-place = Centre or region: { $place }
admin-staff-expert = Expert: { $name }
admin-staff-active = At work.
admin-staff-absent = 🏖 Absent: someone acts for them.
admin-staff-inactive = 🚫 Deactivated: their duties were passed on.
button-admin-assign-expert = 👤 Assign an expert
button-admin-assign-region = 🗺 Assign a region
admin-choose-expert = Which expert supervises mentor { $name }? ✅ marks the present one.
admin-no-experts = There is no active expert yet: invite one first.
admin-choose-region = Whose regional coordinator acts for expert { $name } while they are away? ✅ marks the present region, ⭐ the default (their mentors' centres').
admin-assigned = Assigned; they are told.
admin-confirm-staff-deactivate-mentor = Deactivate mentor { $name }? Their participants pass to their expert, who takes them over or hands them to another of their mentors. They lose the mentor's menu.
admin-confirm-staff-deactivate-expert = Deactivate expert { $name }? Their appeals and duties pass to the regional coordinator. They lose the expert's menu.
admin-confirm-staff-deactivate = Deactivate { $name }? They lose their role's menu and buttons.
admin-confirm-staff-reactivate = Reactivate { $name }? Their role comes back; duties passed on stay with whoever took them until they say they are back.
admin-staff-deactivated = Deactivated.
admin-staff-reactivated = Reactivated.
admin-error-not-staff = There is no staff member with this Telegram id.
admin-error-not-mentor = This staff member is not a mentor.
admin-error-not-expert = Choose an active expert.
admin-error-already-assigned = This is already so.
admin-error-self = You cannot deactivate yourself.
admin-error-no-substitute-mentor = This mentor has participants and no active expert to take them: assign an expert first.
admin-error-no-substitute-expert = This expert has duties and there is no active coordinator in their region: invite one or assign another region first.

## News to staff
admin-deactivated-expert-news = Mentor { $name } was deactivated by the operator. You act for them now: take their participants over yourself or hand them to another of your mentors.
admin-deactivated-coordinator-news = Expert { $name } was deactivated by the operator. You decide their appeals now. { $appeals ->
        [0] No appeal is waiting.
        [one] One appeal is waiting: open it with the button below.
       *[other] { $appeals } appeals are waiting: open them one at a time with the button below, oldest first.
    }
admin-expert-assigned-news = The operator assigned you an expert: { $name }.
admin-mentor-assigned-news = The operator put mentor { $name } under your supervision.
admin-region-assigned-news = The operator set your region: { $region }. Its regional coordinator acts for you while you are away.
