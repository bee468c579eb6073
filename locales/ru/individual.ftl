# Индивидуальные требования участника с инвалидностью (R3.5) и просмотр участника оператором
button-individual = ♿ { $direction }: требования
individual-card-number = Заявка № { $number }
individual-card-set = ♿ Индивидуальные требования по направлениям: { $directions }
individual-ask-number = Отправьте номер заявки (первый столбец выгрузки).
individual-no-application = Заявки № { $number } нет. Отправьте другой номер или воспользуйтесь меню.
individual-value-months = { $value } { $value ->
    [one] месяц
    [few] месяца
   *[many] месяцев
 } занятий
individual-value-weekly-minutes = { $value } мин в неделю
individual-value-books = { $value } { $value ->
    [one] книга
    [few] книги
   *[many] книг
 }
individual-value-trip-days = { $value } { $value ->
    [one] день
    [few] дня
   *[many] дней
 } походов
individual-value-work-days = { $value } { $value ->
    [one] день
    [few] дня
   *[many] дней
 } работы
individual-title = <b>{ $name }</b> · { $direction }
individual-line = • сейчас { $current } (уровень требует { $standard })
button-individual-change = ✏️ Изменить: { $what }
button-individual-restore = ↩️ Вернуть требование уровня
individual-note = Индивидуальные требования устанавливаются участнику с инвалидностью. Хранятся только числа, причина — никогда; участнику и его наставнику придёт сообщение.
individual-choose = Выберите новое значение (уровень требует { $standard }):
individual-saved = Сохранено; участнику и наставнику отправлено сообщение.
individual-told-participant = ♿ Ваше требование по направлению «{ $direction }» теперь: { $target }. Прогресс считается по нему.
individual-told-mentor = ♿ Оператор установил индивидуальное требование участнику { $name } по направлению «{ $direction }»: { $target }.
individual-not-adjustable = Эта заявка не на рассмотрении и не активна: её требования больше не меняются.
individual-bad-value = Такое значение не предлагается. Откройте направление заново.
button-admin-participant = 🔎 Участник
