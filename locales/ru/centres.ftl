## Центр программы подаёт заявку через бота; решает оператор (R6.5)
command-centre = Подать заявку как центр программы
menu-centres = 🏢 Центры
menu-our-staff = 👥 Наши сотрудники

centre-intro = 🏢 <b>Заявка на статус центра программы</b> «Нагрудный знак Елбасы». Ответьте на шесть коротких вопросов; перед отправкой оператору вы увидите всю заявку.
centre-ask-organisation = Полное название организации?
centre-ask-region = В каком регионе работает организация?
centre-ask-bin = БИН организации (бизнес-идентификационный номер, 12 цифр):
centre-ask-address = Адрес организации:
centre-ask-contact-name = ФИО контактного лица (фамилия и имя):
centre-ask-phone = Телефон контактного лица: поделитесь своим кнопкой ниже или введите его с кодом страны, например +7 701 123 45 67.
centre-phone-saved = Телефон сохранён.
centre-use-buttons = Пожалуйста, воспользуйтесь кнопками вопроса.
centre-summary = Проверьте заявку:
centre-card =
    🏢 <b>{ $organisation }</b>
    Регион: { $region }
    БИН: { $bin }
    Адрес: { $address }
    Контактное лицо: { $contact }, { $phone }
centre-field-organisation = Организация
centre-field-region = Регион
centre-field-bin = БИН
centre-field-address = Адрес
centre-field-contact-name = Контактное лицо
centre-field-phone = Телефон
button-centre-submit = 📨 Отправить оператору
button-centre-edit = ✏️ Изменить
centre-cancelled = Заявка отменена, ничего не отправлено. Чтобы начать заново, отправьте /centre.
centre-submitted = 📨 Заявка отправлена оператору. Решение придёт сюда.

centre-error-bin = БИН состоит ровно из 12 цифр. Проверьте его и отправьте ещё раз.
centre-error-bin-checksum = Последняя (контрольная) цифра БИН не сходится с остальными: вероятно, где-то опечатка. Проверьте номер и отправьте ещё раз.
centre-error-phone = Отправьте номер телефона с кодом страны, например +7 701 123 45 67, или поделитесь им кнопкой.
centre-error-contact-name = Введите ФИО контактного лица: как минимум фамилию и имя, только буквы.
centre-error-staff = У вас уже есть роль в программе, поэтому с этого аккаунта нельзя подать заявку как центр программы.
centre-error-participant = У вас есть заявка участника; центр программы подаёт заявку с другого аккаунта.
centre-error-pending = Ваша заявка на статус центра программы уже у оператора. Решение придёт сюда.
centre-error-decided = По этой заявке уже принято решение.
centre-error-applicant-staff = Аккаунт заявителя тем временем стал сотрудником программы и не может стать руководителем центра. Отклоните заявку с этой причиной.
centre-error-applicant-participant = Аккаунт заявителя тем временем подал заявку участника и не может стать руководителем центра. Отклоните заявку с этой причиной.
centre-error-not-unsigned = Соглашение этого центра уже отмечено подписанным, или центр лишился регистрации.

centre-applied-news = 🏢 Новая заявка на статус центра программы:
button-centre-approve = ✅ Одобрить
button-centre-refuse = ❌ Отклонить
centre-card-approved = ✅ Одобрена.
centre-card-refused = ❌ Отклонена: { $reason }
centre-list = 🏢 Заявок ждут решения: { $applications }. Одобренных центров без подписанного соглашения: { $unsigned }.
centre-list-empty = 🏢 Заявок нет, и все одобренные центры подписали соглашение.
button-centre-open = 🏢 { $organisation } · { $date }
button-centre-sign = ✍️ { $centre }: подписать до { $deadline }
centre-approve-confirm = Одобрить «{ $organisation }»? Центр будет добавлен в справочник (регион: { $region }), заявитель станет его руководителем, а соглашение нужно подписать в течение 10 рабочих дней.
button-centre-approve-yes = ✅ Да, одобрить
centre-approved = ✅ «{ $organisation }» одобрен как центр программы <code>{ $code }</code>. Соглашение нужно подписать до { $deadline }.
centre-ask-reason = Почему заявка «{ $organisation }» отклоняется? Заявитель прочитает причину (от 3 до 500 символов).
centre-refuse-confirm = Отклонить «{ $organisation }» с этой причиной?
    { $reason }
button-centre-refuse-yes = ❌ Да, отклонить
centre-refused = ❌ Заявка «{ $organisation }» отклонена; заявителю сообщена причина.
centre-nothing-changed = Ничего не изменено.
centre-signed-confirm = Отметить соглашение «{ $centre }» подписанным? Срок в 10 рабочих дней перестанет действовать.
button-centre-signed-yes = ✍️ Да, подписано
centre-signed = ✍️ Соглашение «{ $centre }» отмечено подписанным.

centre-approved-news = ✅ Ваша заявка одобрена: «{ $organisation }» теперь центр программы, а вы его руководитель. Соглашение с оператором нужно подписать до { $deadline } (10 рабочих дней), иначе центр лишится регистрации. Ваше меню изменилось: «✉️ Пригласить сотрудников» приглашает ваших наставников, «👥 Наши сотрудники» показывает их список.
centre-refused-news = ❌ Ваша заявка на статус центра программы («{ $organisation }») отклонена. Причина, указанная оператором: { $reason }
    Вы можете подать заявку снова командой /centre.

centre-staff-title = 👥 Сотрудники «{ $centre }»: { $count }
centre-staff-line = • { $name } — { $role }, { $state }
centre-staff-active = работает
centre-staff-absent = отсутствует
centre-staff-inactive = деактивирован
