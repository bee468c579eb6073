## Напоминания, сводки, эскалации и очередь уведомлений (R2.6, R5.1, R6.2-R6.5, R7.1, R7.3)

menu-reminders = ⏰ Напоминания
menu-outbox = 📮 Уведомления
menu-report-problem = 🚨 Сообщить о проблеме

reminders-title = ⏰ <b>Напоминания</b>
    Нажмите на вид, чтобы приостановить или возобновить его. О занятии напоминаем за { $minutes } мин; другое время можно выбрать ниже. Ночью напоминаний нет.
reminder-toggle = { $on ->
    [1] ✅
   *[0] ⏸
} { $kind }
reminder-kind-session = Перед каждым занятием
reminder-kind-week = Еженедельное напоминание
reminder-kind-books = План чтения
reminder-kind-deadline = Срок уровня
reminder-lead = { $minutes } мин
reminders-saved = Сохранено
digest-on = 📬 Вы получаете одну ежедневную сводку записей, ожидающих проверки, вместо сообщения о каждой записи.
digest-off = 📨 Каждая новая запись приходит отдельным сообщением с кнопками проверки. Можно получать одну ежедневную сводку.
button-digest-on = 📬 Перейти на ежедневную сводку
button-digest-off = 📨 Снова сообщение о каждой записи

reminder-session = ⏰ Скоро: <b>{ $direction }</b> в { $time } ({ $activity }). Не забудьте потом добавить запись в дневник!
reminder-week = 📅 На этой неделе ещё нет записей по направлениям: { $directions }. Время ещё есть, а если на этой неделе не получается, сообщите наставнику из дневника.
reminder-books = 📚 План чтения: прочитано { $done } из { $total } книг, а к этому времени план предполагает { $expected }. Выберите следующую книгу из списка в дневнике.
reminder-deadline = ⏳ До окончания уровня { $date } осталось дней: { $days }. Ещё нужно:

digest-title = 📬 Записей, ожидающих вашей проверки: { $count }
digest-line = • { $name }: { $count }

escalation-application = ⚠️ Заявка участника <b>{ $name }</b> (наставник { $mentor }) не рассмотрена к { $deadline }. Пожалуйста, займитесь ею.
escalation-entry-mentor = ⏳ Запись участника <b>{ $name }</b> от { $date } всё ещё ждёт вашей проверки.
escalation-entry-expert = ⚠️ Запись участника <b>{ $name }</b> от { $date } слишком долго ждёт проверки наставника { $mentor }.
escalation-appeal = ⚠️ Апелляция участника <b>{ $name }</b> не рассмотрена в срок. Пожалуйста, решите её вместе с экспертом.
centre-agreement-warning = ⚠️ Центр программы «{ $centre }» ещё не подписал соглашение. Если оно не будет подписано до { $deadline }, центр лишится регистрации.
centre-agreement-lost = ⛔ Центр программы «{ $centre }» не подписал соглашение в течение 10 рабочих дней после одобрения и лишился регистрации.

ask-problem = 🚨 Опишите проблему для оператора одним сообщением.
problem-confirm = Отправить оператору?

    { $text }
button-send-problem = 📤 Отправить
problem-sent = ✅ Отправлено оператору.
problem-cancelled = Отменено, ничего не отправлено.
problem-no-operator = В боте пока нет оператора; ничего не отправлено.
operator-problem = 🚨 Координатор <b>{ $name }</b> ({ $region }) сообщает о проблеме:

    { $text }

outbox-status = 📮 <b>Уведомления</b>
    Ожидают: { $pending }, отправляются: { $sending }, отправлены: { $sent }
    Ошибки: { $failed }, недоставимы (бот заблокирован): { $dropped }
outbox-oldest = Самое старое ожидает с { $time }
outbox-problem = #{ $id } { $kind }, { $status }, попыток: { $attempts }: { $error }
button-outbox-retry = 🔁 Отправить неудавшиеся снова
outbox-retried = Снова в очереди: { $count }
