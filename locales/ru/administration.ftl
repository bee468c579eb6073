## Администрирование оператором (R6.6)
menu-administration = ⚙️ Администрирование
admin-home = Администрирование: справочники, которые предлагаются в заявке, сотрудники, любой участник (и его индивидуальные требования), правила программы.
button-admin-catalogue = 📚 Справочники
button-admin-staff = 👥 Сотрудники
button-admin-yes = ✅ Да
button-admin-add = ➕ Добавить
button-admin-save = 💾 Сохранить
button-admin-done = Готово
button-admin-rename = ✏️ Изменить название
button-admin-deactivate = 🚫 Отключить
button-admin-reactivate = ✅ Включить снова
admin-cancelled = Отменено, ничего не изменено.
admin-use-buttons = Ответьте кнопками последнего сообщения или нажмите «Отмена».

## Справочники
admin-choose-kind = Какой справочник?
admin-kind-book = Книги
admin-kind-partner = Организации-партнёры
admin-kind-centre = Центры программы
admin-kind-region = Регионы
admin-choose-section = Книги какого раздела?
admin-items = { $kind }: всего { $count }, страница { $page }. 🚫 — больше не предлагается.
admin-field-code = Код: { $value }
admin-field-name = Название (kk / ru / en): { $value }
admin-field-section = Раздел: { $value }
admin-field-author = Автор (kk / ru / en): { $value }
admin-field-directions = Направления: { $value }
admin-field-region = Регион: { $value }
admin-nationwide = По всей стране
admin-item-active = Предлагается в новых заявках.
admin-item-retired = 🚫 Не предлагается в новых заявках; остаётся там, где уже выбран.
admin-confirm-deactivate = Больше не предлагать «{ $name }» в новых заявках? Заявки и записи, где он уже выбран, его сохранят.
admin-confirm-reactivate = Снова предлагать «{ $name }» в новых заявках?
admin-deactivated = Больше не предлагается.
admin-reactivated = Снова предлагается.
admin-ask-names = Отправьте название тремя строками: на казахском, русском и английском.
admin-renamed = Название сохранено.
admin-ask-code = Новая запись ({ $kind }). Отправьте код: до 40 строчных латинских букв, цифр и «-», например «abai-path».
admin-ask-section = В каком разделе книга?
admin-ask-authors = Отправьте автора тремя строками: на казахском, русском и английском.
admin-ask-directions = По каким направлениям организация-партнёр принимает участников? Выберите и нажмите «Готово».
admin-ask-region = Какой регион?
admin-confirm-add = Добавить в справочник ({ $kind })?
admin-added = Добавлено в справочник.
admin-error-code = Код — до 40 строчных латинских букв, цифр и «-», начинается с буквы или цифры. Отправьте его ещё раз.
admin-error-code-taken = Этот код уже занят. Отправьте другой.
admin-error-names = Отправьте ровно три непустые строки: на казахском, русском и английском.
admin-error-section = Раздел — 1, 2 или 3.
admin-error-directions = Выберите хотя бы одно направление: волонтёрство или туристические походы.
admin-error-region = Такого региона нет в справочнике, или он больше не предлагается.
admin-error-invalid = Запись не соответствует правилам справочника. Проверьте все ответы.

## Сотрудники
admin-choose-role = Сотрудники какой роли?
admin-staff-list = { $role }: всего { $count }, страница { $page }. 🏖 — отсутствует, 🚫 — отключён.
admin-staff-title = <b>{ $name }</b>, { $role }
admin-staff-place = Центр или регион: { $place }
admin-staff-expert = Эксперт: { $name }
admin-staff-active = Работает.
admin-staff-absent = 🏖 Отсутствует: его замещают.
admin-staff-inactive = 🚫 Отключён: его обязанности переданы.
button-admin-assign-expert = 👤 Назначить эксперта
button-admin-assign-region = 🗺 Назначить регион
admin-choose-expert = Какой эксперт курирует наставника { $name }? ✅ — нынешний.
admin-no-experts = Активных экспертов пока нет: сначала пригласите эксперта.
admin-choose-region = Координатор какого региона замещает эксперта { $name } на время отсутствия? ✅ — нынешний регион, ⭐ — по умолчанию (регион центров его наставников).
admin-assigned = Назначено; им сообщено.
admin-confirm-staff-deactivate-mentor = Отключить наставника { $name }? Его участники перейдут к его эксперту, который возьмёт их сам или передаст другому своему наставнику. Меню наставника у него пропадёт.
admin-confirm-staff-deactivate-expert = Отключить эксперта { $name }? Его апелляции и обязанности перейдут к региональному координатору. Меню эксперта у него пропадёт.
admin-confirm-staff-deactivate = Отключить { $name }? Меню и кнопки его роли пропадут.
admin-confirm-staff-reactivate = Снова включить { $name }? Роль вернётся; переданные обязанности останутся у замещающего, пока сотрудник не отметит, что вернулся.
admin-staff-deactivated = Отключён.
admin-staff-reactivated = Снова включён.
admin-error-not-staff = Сотрудника с таким Telegram id нет.
admin-error-not-mentor = Этот сотрудник не наставник.
admin-error-not-expert = Выберите активного эксперта.
admin-error-already-assigned = Уже так.
admin-error-self = Нельзя отключить самого себя.
admin-error-no-substitute-mentor = У наставника есть участники, а активного эксперта, который их примет, нет: сначала назначьте эксперта.
admin-error-no-substitute-expert = У эксперта есть обязанности, а активного координатора в его регионе нет: пригласите координатора или сначала назначьте другой регион.

## Сообщения сотрудникам
admin-deactivated-expert-news = Оператор отключил наставника { $name }. Теперь его замещаете вы: возьмите его участников сами или передайте другому своему наставнику.
admin-deactivated-coordinator-news = Оператор отключил эксперта { $name }. Теперь его апелляции решаете вы. { $appeals ->
        [0] Ожидающих апелляций нет.
        [1] Ждёт одна апелляция: откройте её кнопкой ниже.
        [one] Ждёт { $appeals } апелляция: открывайте их по одной кнопкой ниже, начиная с самой ранней.
        [few] Ждут { $appeals } апелляции: открывайте их по одной кнопкой ниже, начиная с самой ранней.
       *[many] Ждут { $appeals } апелляций: открывайте их по одной кнопкой ниже, начиная с самой ранней.
    }
admin-expert-assigned-news = Оператор назначил вам эксперта: { $name }.
admin-mentor-assigned-news = Оператор передал вам под кураторство наставника { $name }.
admin-region-assigned-news = Оператор указал ваш регион: { $region }. На время вашего отсутствия вас замещает его региональный координатор.
