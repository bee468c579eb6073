## Қатысушының құжаттары (R6.2), тәлімгердің мінездемесі және қатысушы карточкасы (R8.1)

menu-my-documents = 📎 Менің құжаттарым

docs-kind-agreement = Қол қойылған ерікті қатысу туралы келісім
docs-kind-identity = Жеке куәліктің немесе туу туралы куәліктің көшірмесі
docs-kind-certificate = Сертификаттар мен дипломдар
docs-state-missing = әлі жіберілмеген
docs-state-sent = жіберілді, тәлімгердің тексеруін күтуде
docs-state-checked = тексерілді
docs-state-returned = қайтарылды, қайта жіберіңіз

docs-title = 📎 <b>Менің құжаттарым</b>
docs-line = { $icon } { $kind }: { $state }
docs-returned-reason = ↳ Тәлімгердің себебі: { $reason }
docs-certificates = 🎓 { $kind } (міндетті емес): { $count }
docs-certificate-line = ↳ { $number }. { $icon } { $state }
docs-how = Әрқайсысын фото немесе PDF, JPEG, PNG файлы ретінде жіберіңіз. Тәлімгеріңіз оны тексереді.
button-docs-upload = 📤 { $kind }
docs-ask-file = «<b>{ $kind }</b>» құжатын фото немесе PDF, JPEG, PNG файлы ретінде жіберіңіз ({ $mb } МБ-қа дейін).
docs-upload-cancelled = Бас тартылды. Ештеңе жіберілген жоқ.
docs-received = ✅ Қабылданды: { $kind }. Тәлімгеріңізге хабарланды.
docs-no-application = Құжаттар тәлімгер өтініміңізді қарай бастағаннан кейін және бағдарлама барысында жиналады.
docs-file-expected = Құжаттың фотосын немесе PDF, JPEG, PNG файлын жіберіңіз, не болмаса «Бас тарту» түймесін басыңыз.
docs-file-too-big = Файл тым үлкен: ең көбі { $mb } МБ. Кішірек скан немесе фото жіберіңіз.
docs-file-type = Тек PDF, JPEG және PNG файлдары немесе фото қабылданады.
docs-file-content = Файлдың мазмұны оның түріне сәйкес келмейді. Түпнұсқа PDF, JPEG не PNG файлын немесе фото жіберіңіз.
docs-file-not-checked = Файлды тексеру мүмкін болмады. Оны қайта жіберіңіз.
docs-already-checked = Бұл құжатты тәлімгеріңіз тексеріп қойған, басқа ештеңе қажет емес.
docs-too-many = Ең көбі { $max } сертификат пен диплом жіберуге болады.

docs-file-caption = { $name }: { $kind } — { $state } ({ $date } жіберілген)
button-docs-check = ✅ Тексерілді
button-docs-return = ↩️ Қайтару
button-docs-ask = 📎 Құжаттарды сұрау
button-docs-list = 📎 Құжаттар
docs-staff-title = 📎 <b>{ $name } құжаттары</b>: { $count } файл
docs-asked-toast = Сұрау жіберілді
docs-asked = 📎 { $name } қатысушысынан сұралды: { $kinds }.
docs-nothing-missing = Ештеңе жетіспейді: келісім мен жеке куәлік көшірмесі жіберілген.
docs-checked-toast = Тексерілді деп белгіленді
docs-ask-reason = «{ $kind }» құжатын неге қайтарасыз? Қысқаша себебін жазыңыз ({ $max } таңбаға дейін); оны қатысушы алады.
docs-returned-done = ↩️ Қайтарылды: { $kind }. Қатысушы себебін алды.
docs-return-cancelled = Бас тартылды. Құжат қайтарылған жоқ.
docs-card-line = 📎 Құжаттар: { $state }
docs-card-missing = жетіспейді — { $kinds }
docs-card-unchecked = тексеруіңізді күтуде — { $count }
docs-card-complete = барлығы жіберілді және тексерілді

docs-request-news = 📎 Тәлімгеріңіз { $mentor } мына құжаттарды жіберуді сұрайды: { $kinds }. Төмендегі түймені басыңыз немесе «📎 Менің құжаттарым» бөлімін ашыңыз.
docs-arrived-news = 📎 { $name } құжат жіберді: { $kind }.
docs-checked-news = ✅ Тәлімгеріңіз тексерді: { $kind }.
docs-returned-news = ↩️ Тәлімгеріңіз қайтарды: { $kind }.
    Себебі: { $reason }
    Оны қайта жіберіңіз.

card-characterisation = ✍️ Тәлімгердің мінездемесі: { $text }
card-mentor-rating = ⭐ Тәлімгердің жасырын бағасы ({ $count } жауап): көмегі { $q1 } · тексеруі { $q2 } · жалпы { $q3 }
status-characterisation = ✍️ Тәлімгеріңіздің мінездемесі: { $text }
button-characterisation = ✍️ Мінездеме
characterisation-ask = ✍️ { $name } туралы қысқаша мінездеме жазыңыз: мінезі, ынтасы және бағдарламадағы жетістіктері, { $limit } таңбаға дейін. Ол қатысушының карточкасында қатысушының өзіне, сізге, сарапшыға және одан жоғарыларға көрсетіледі. Жаңа мәтін алдыңғысын ауыстырады.
characterisation-current = Қазіргі мәтін: { $text }
characterisation-too-long = Мәтінде { $length } таңба бар, ал ең көбі { $limit } болуы керек. Қысқартып, қайта жіберіңіз: ештеңе өзгертілген жоқ.
characterisation-saved = ✅ { $name } мінездемесі сақталды.
characterisation-cancelled = Бас тартылды. Мінездеме өзгертілген жоқ.
