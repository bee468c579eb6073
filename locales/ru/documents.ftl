## Документы участника (R6.2), характеристика от наставника и карточка участника (R8.1)

menu-my-documents = 📎 Мои документы

docs-kind-agreement = Подписанный договор о добровольном участии
docs-kind-identity = Копия удостоверения личности или свидетельства о рождении
docs-kind-certificate = Сертификаты и дипломы
docs-state-missing = ещё не отправлено
docs-state-sent = отправлено, ждёт проверки наставника
docs-state-checked = проверено
docs-state-returned = возвращено, отправьте ещё раз

docs-title = 📎 <b>Мои документы</b>
docs-line = { $icon } { $kind }: { $state }
docs-returned-reason = ↳ Причина от наставника: { $reason }
docs-certificates = 🎓 { $kind } (необязательно): { $count }
docs-certificate-line = ↳ { $number }. { $icon } { $state }
docs-how = Отправьте каждый документ фотографией или файлом PDF, JPEG или PNG. Наставник его проверит.
button-docs-upload = 📤 { $kind }
docs-ask-file = Отправьте документ «<b>{ $kind }</b>» фотографией или файлом PDF, JPEG или PNG (до { $mb } МБ).
docs-upload-cancelled = Отменено. Ничего не отправлено.
docs-received = ✅ Получено: { $kind }. Наставник уведомлён.
docs-no-application = Документы собираются, когда наставник рассматривает вашу заявку, и во время программы.
docs-file-expected = Отправьте фотографию документа или файл PDF, JPEG или PNG либо нажмите «Отмена».
docs-file-too-big = Файл слишком большой: не более { $mb } МБ. Отправьте скан поменьше или фотографию.
docs-file-type = Принимаются только файлы PDF, JPEG и PNG или фотография.
docs-file-content = Содержимое файла не соответствует его типу. Отправьте оригинальный файл PDF, JPEG или PNG либо фотографию.
docs-file-not-checked = Не удалось проверить файл. Отправьте его ещё раз.
docs-already-checked = Наставник уже проверил этот документ, больше ничего не нужно.
docs-too-many = Можно отправить не более { $max } сертификатов и дипломов.

docs-file-caption = { $name }: { $kind } — { $state } (отправлено { $date })
button-docs-check = ✅ Проверено
button-docs-return = ↩️ Вернуть
button-docs-ask = 📎 Запросить документы
button-docs-list = 📎 Документы
docs-staff-title = 📎 <b>Документы участника { $name }</b>: файлов — { $count }
docs-asked-toast = Запрос отправлен
docs-asked = 📎 У участника { $name } запрошено: { $kinds }.
docs-nothing-missing = Всё на месте: договор и копия удостоверения отправлены.
docs-checked-toast = Отмечено как проверенное
docs-ask-reason = Почему вы возвращаете «{ $kind }»? Напишите короткую причину (до { $max } символов); её получит участник.
docs-returned-done = ↩️ Возвращено: { $kind }. Участник получил вашу причину.
docs-return-cancelled = Отменено. Документ не возвращён.
docs-card-line = 📎 Документы: { $state }
docs-card-missing = не хватает — { $kinds }
docs-card-unchecked = ждут вашей проверки — { $count }
docs-card-complete = все отправлены и проверены

docs-request-news = 📎 Ваш наставник { $mentor } просит отправить: { $kinds }. Нажмите кнопку ниже или откройте «📎 Мои документы».
docs-arrived-news = 📎 { $name } отправил(а) документ: { $kind }.
docs-checked-news = ✅ Наставник проверил: { $kind }.
docs-returned-news = ↩️ Наставник вернул: { $kind }.
    Причина: { $reason }
    Пожалуйста, отправьте ещё раз.

card-characterisation = ✍️ Характеристика от наставника: { $text }
card-mentor-rating = ⭐ Анонимная оценка наставника (ответов: { $count }): помогает { $q1 } · проверка { $q2 } · в целом { $q3 }
status-characterisation = ✍️ Характеристика от вашего наставника: { $text }
button-characterisation = ✍️ Характеристика
characterisation-ask = ✍️ Напишите короткую характеристику участника { $name }: характер, старание и успехи в программе, до { $limit } символов. Её видят в карточке участника сам участник, вы, эксперт и выше. Новый текст заменяет прежний.
characterisation-current = Текущий текст: { $text }
characterisation-too-long = В тексте { $length } символов, а можно не более { $limit }. Сократите его и отправьте ещё раз: ничего не изменено.
characterisation-saved = ✅ Характеристика участника { $name } сохранена.
characterisation-cancelled = Отменено. Характеристика не изменена.
