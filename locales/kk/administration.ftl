## Оператордың әкімшілігі (R6.6)
menu-administration = ⚙️ Әкімшілік
admin-home = Әкімшілік: өтінімде ұсынылатын анықтамалықтар, қызметкерлер, кез келген қатысушы (және оның жеке талаптары), бағдарлама ережелері.
button-admin-catalogue = 📚 Анықтамалықтар
button-admin-staff = 👥 Қызметкерлер
button-admin-yes = ✅ Иә
button-admin-add = ➕ Қосу
button-admin-save = 💾 Сақтау
button-admin-done = Дайын
button-admin-rename = ✏️ Атауын өзгерту
button-admin-deactivate = 🚫 Өшіру
button-admin-reactivate = ✅ Қайта қосу
admin-cancelled = Бас тартылды, ештеңе өзгерген жоқ.
admin-use-buttons = Соңғы хабарламаның батырмаларымен жауап беріңіз немесе «Бас тарту» батырмасын басыңыз.

## Анықтамалықтар
admin-choose-kind = Қай анықтамалық?
admin-kind-book = Кітаптар
admin-kind-partner = Серіктес ұйымдар
admin-kind-centre = Бағдарламалар орталықтары
admin-kind-region = Аймақтар
admin-choose-section = Қай бөлімнің кітаптары?
admin-items = { $kind }: барлығы { $count }, { $page }-бет. 🚫 — енді ұсынылмайды.
admin-field-code = Коды: { $value }
admin-field-name = Атауы (kk / ru / en): { $value }
admin-field-section = Бөлімі: { $value }
admin-field-author = Авторы (kk / ru / en): { $value }
admin-field-directions = Бағыттары: { $value }
admin-field-region = Аймағы: { $value }
admin-nationwide = Бүкіл ел бойынша
admin-item-active = Жаңа өтінімдерде ұсынылады.
admin-item-retired = 🚫 Жаңа өтінімдерде ұсынылмайды; бұрын таңдалған жерінде сақталады.
admin-confirm-deactivate = «{ $name }» жаңа өтінімдерде енді ұсынылмасын ба? Оны таңдап қойған өтінімдер мен жазбаларда ол сақталады.
admin-confirm-reactivate = «{ $name }» жаңа өтінімдерде қайта ұсынылсын ба?
admin-deactivated = Енді ұсынылмайды.
admin-reactivated = Қайта ұсынылады.
admin-ask-names = Атауын үш жолмен жіберіңіз: қазақша, орысша, ағылшынша.
admin-renamed = Атауы сақталды.
admin-ask-code = Жаңа жазба ({ $kind }). Кодын жіберіңіз: 40 таңбаға дейін кіші латын әріптері, цифрлар және «-», мысалы «abai-path».
admin-ask-section = Кітап қай бөлімде?
admin-ask-authors = Авторын үш жолмен жіберіңіз: қазақша, орысша, ағылшынша.
admin-ask-directions = Серіктес ұйым қатысушыларды қай бағыттар бойынша қабылдайды? Таңдап, «Дайын» батырмасын басыңыз.
admin-ask-region = Қай аймақ?
admin-confirm-add = Анықтамалыққа қосылсын ба ({ $kind })?
admin-added = Анықтамалыққа қосылды.
admin-error-code = Код — 40 таңбаға дейін кіші латын әріптері, цифрлар және «-», әріппен немесе цифрмен басталады. Қайта жіберіңіз.
admin-error-code-taken = Бұл код бос емес. Басқасын жіберіңіз.
admin-error-names = Дәл үш бос емес жол жіберіңіз: қазақша, орысша және ағылшынша.
admin-error-section = Бөлім — 1, 2 немесе 3.
admin-error-directions = Кемінде бір бағытты таңдаңыз: еріктілік немесе туристік сапарлар.
admin-error-region = Мұндай аймақ анықтамалықта жоқ немесе енді ұсынылмайды.
admin-error-invalid = Жазба анықтамалық ережелеріне сай емес. Барлық жауапты тексеріңіз.

## Қызметкерлер
admin-choose-role = Қай рөлдегі қызметкерлер?
admin-staff-list = { $role }: барлығы { $count }, { $page }-бет. 🏖 — жоқ, 🚫 — өшірілген.
admin-staff-title = <b>{ $name }</b>, { $role }
admin-staff-place = Орталығы немесе аймағы: { $place }
admin-staff-expert = Сарапшысы: { $name }
admin-staff-active = Жұмыста.
admin-staff-absent = 🏖 Жоқ: оны біреу алмастырады.
admin-staff-inactive = 🚫 Өшірілген: міндеттері басқаға берілді.
button-admin-assign-expert = 👤 Сарапшы тағайындау
button-admin-assign-region = 🗺 Аймақ тағайындау
admin-choose-expert = { $name } тәлімгерді қай сарапшы бақылайды? ✅ — қазіргісі.
admin-no-experts = Белсенді сарапшы әлі жоқ: алдымен сарапшы шақырыңыз.
admin-choose-region = { $name } сарапшы жоқ кезде оны қай аймақтың үйлестірушісі алмастырады? ✅ — қазіргі аймақ, ⭐ — әдепкі (тәлімгерлері орталықтарының аймағы).
admin-assigned = Тағайындалды; оларға хабарланды.
admin-confirm-staff-deactivate-mentor = { $name } тәлімгерді өшіреміз бе? Оның қатысушылары сарапшысына өтеді, ол оларды өзі алады немесе басқа тәлімгеріне тапсырады. Тәлімгер мәзірі одан алынады.
admin-confirm-staff-deactivate-expert = { $name } сарапшыны өшіреміз бе? Оның апелляциялары мен міндеттері аймақтық үйлестірушіге өтеді. Сарапшы мәзірі одан алынады.
admin-confirm-staff-deactivate = { $name } өшірілсін бе? Оның рөлінің мәзірі мен батырмалары алынады.
admin-confirm-staff-reactivate = { $name } қайта қосылсын ба? Рөлі қайтады; берілген міндеттер ол оралғанын белгілегенше алмастырушыда қалады.
admin-staff-deactivated = Өшірілді.
admin-staff-reactivated = Қайта қосылды.
admin-error-not-staff = Бұл Telegram id-мен қызметкер жоқ.
admin-error-not-mentor = Бұл қызметкер тәлімгер емес.
admin-error-not-expert = Белсенді сарапшыны таңдаңыз.
admin-error-already-assigned = Қазірдің өзінде солай.
admin-error-self = Өзіңізді өшіре алмайсыз.
admin-error-no-substitute-mentor = Тәлімгердің қатысушылары бар, ал оларды қабылдайтын белсенді сарапшы жоқ: алдымен сарапшы тағайындаңыз.
admin-error-no-substitute-expert = Сарапшының міндеттері бар, ал оның аймағында белсенді үйлестіруші жоқ: үйлестіруші шақырыңыз немесе алдымен басқа аймақ тағайындаңыз.

## Қызметкерлерге хабарлар
admin-deactivated-expert-news = Оператор { $name } тәлімгерді өшірді. Енді оны сіз алмастырасыз: қатысушыларын өзіңіз алыңыз немесе басқа тәлімгеріңізге тапсырыңыз.
admin-deactivated-coordinator-news = Оператор { $name } сарапшыны өшірді. Енді оның апелляцияларын сіз шешесіз. { $appeals ->
        [0] Күтіп тұрған апелляция жоқ.
        [1] Бір апелляция күтіп тұр: оны төмендегі батырмамен ашыңыз.
       *[other] { $appeals } апелляция күтіп тұр: төмендегі батырмамен ең ертесінен бастап бір-бірден ашыңыз.
    }
admin-expert-assigned-news = Оператор сізге сарапшы тағайындады: { $name }.
admin-mentor-assigned-news = Оператор { $name } тәлімгерді сіздің бақылауыңызға берді.
admin-region-assigned-news = Оператор сіздің аймағыңызды белгіледі: { $region }. Сіз жоқ кезде оның аймақтық үйлестірушісі сізді алмастырады.
