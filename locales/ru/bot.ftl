## Programme terms (GLOSSARY.md)
programme = программа «Нагрудный знак Елбасы»
level-bronze = Бронзовый
level-silver = Серебряный
level-gold = Золотой
direction-sport = Спорт и физическая культура
direction-talent = Таланты и навыки
direction-reading = Чтение книг
direction-heritage = Национальное наследие
direction-volunteering = Волонтёрство
direction-tourism = Туристические походы
direction-work = Трудовой опыт
role-participant = Участник
role-mentor = Наставник
role-expert = Эксперт
role-coordinator = Региональный координатор
role-centre = Центр программы
role-operator = Оператор
status-draft = черновик
status-submitted = подана
status-consent-pending = ожидает согласия законного представителя
status-under-review = на рассмотрении у наставника
status-active = активна
status-completed = завершена
status-awarded = знак вручён
status-rejected = отклонена
status-withdrawn = отозвана
weekday-0 = Пн
weekday-1 = Вт
weekday-2 = Ср
weekday-3 = Чт
weekday-4 = Пт
weekday-5 = Сб
weekday-6 = Вс

## Commands and menu
command-start = Главное меню
command-apply = Подать заявку или посмотреть мою заявку
command-mydata = Мои персональные данные
command-language = Сменить язык
command-help = Помощь
command-task = Дать участнику дополнительное задание
command-ratings = Моя анонимная оценка от участников
menu-application = 📝 Моя заявка
menu-my-data = 🔐 Мои данные
menu-language = 🌐 Язык
menu-my-participants = 👥 Мои участники
menu-rate-mentor = ⭐ Оценить наставника
menu-absence = 🏖 Не могу работать
menu-my-mentors = 🧑‍🏫 Мои наставники
menu-invite = ✉️ Пригласить сотрудников
welcome = Добро пожаловать в бот <b>программы «Нагрудный знак Елбасы»</b>! Молодые люди от 14 до 29 лет выбирают уровень (Бронзовый, Серебряный, Золотой) и направления, занимаются с наставником и ведут журнал (дневник). Участие бесплатное и добровольное.
choose-language = Выберите язык:
language-set = Язык сохранён: русский.
draft-waiting = 📝 Ваша заявка сохранена на том месте, где вы остановились. Нажмите «📝 Моя заявка», чтобы продолжить.
use-menu = Пожалуйста, пользуйтесь кнопками меню ниже.
back = Возвращаемся назад.
help-participant = Нажмите «📝 Моя заявка», чтобы подать заявку или узнать её статус. «🔐 Мои данные» показывает, что мы о вас храним. /language меняет язык.
help-mentor = «👥 Мои участники» — список закреплённых за вами участников: откройте карточку, согласуйте индивидуальный график и активируйте участника.
help-expert = Вы — эксперт программы. Инструменты контроля скоро появятся в этом боте.
help-coordinator = Вы — региональный координатор программы. Региональные инструменты скоро появятся в этом боте.
help-centre = Вы — центр программы. «✉️ Пригласить сотрудников» создаёт одноразовые ссылки-приглашения для ваших наставников.
help-operator = Вы — оператор программы. «✉️ Пригласить сотрудников» создаёт одноразовые ссылки-приглашения для любой роли сотрудника.

## Buttons
button-back = ◀ Назад
button-cancel = Отмена
button-agree = ✅ Даю согласие
button-done = ✅ Готово
button-continue = Продолжить ▶
button-refresh = 🔄 Обновить
button-share-phone = 📱 Отправить мой номер телефона
button-accept-agreement = ✅ Принимаю договор
button-withdraw = Отозвать заявку
button-withdraw-confirm = Да, отозвать
button-keep = Нет, оставить
button-new-guardian-link = 🔗 Новая ссылка для законного представителя
button-download-data = 📄 Скачать файлом
button-erase-data = 🗑 Удалить мои данные
button-erase-confirm = Да, удалить мои данные
button-guardian-confirm = ✅ Подтверждаю как законный представитель
button-open-card = Открыть карточку
button-schedule = 🗓 { $direction }
button-activate = 🚀 Активировать участника
button-activate-confirm = Да, активировать

## The application
ask-consent = Перед подачей заявки: для проведения программы мы обрабатываем ваши персональные данные (ФИО, дату рождения, телефон, фото, место жительства и учёбы, информацию о себе, увлечения) в соответствии с Законом Республики Казахстан «О персональных данных и их защите». Они используются только для программы, их видят только ваш наставник и сотрудники программы, а вы в любой момент можете посмотреть или удалить их через /mydata. Вы согласны?
application-cancelled = Заявка не начата, ничего не сохранено.
ask-full-name = Введите ваше полное имя (фамилия, имя и отчество, если есть), например: Абайулы Нурлан Серикулы.
ask-birth-date = Введите дату рождения в формате ДД.ММ.ГГГГ, например 15.05.2009.
ask-phone = Отправьте свой номер телефона кнопкой ниже. Принимается только ваш собственный номер.
phone-saved = Номер телефона сохранён.
contact-saved = Контакт сохранён.
ask-photo = Отправьте свою фотографию (как фото, а не как файл).
ask-region = Выберите ваш регион:
ask-locality = Выберите ваш город, посёлок или район:
ask-study-place = Где вы учитесь? Введите название вашей школы, колледжа или вуза.
ask-about = Коротко расскажите о себе (до 1000 символов).
ask-hobbies = Какие у вас увлечения? (до 500 символов)
ask-level = Выберите уровень:
level-closed = Уровень «{ $level }» доступен с { $age } лет.
ask-directions = Выберите направления для уровня «{ $level }». Значком 🔒 отмечены направления, обязательные в этом году; нажимайте на остальные, чтобы добавить или убрать их, затем нажмите «Готово».
direction-mandatory = Это направление в этом году обязательное.
ask-choice-longer = Спорт и таланты: одно из этих направлений длится более короткий срок, другое — более длинный. Какому из них отвести более длинный срок?
choice-longer = { $direction }: { $months } мес.
ask-choice-heritage-mode = Национальное наследие: выберите, как вы будете его выполнять.
choice-heritage-sessions = Занятия (национальные виды спорта, культура, кухня, декоративно-прикладное искусство)
choice-heritage-book = Одна дополнительная книга из Золотого фонда казахской литературы
ask-choice-heritage-months = Национальное наследие: сколько месяцев вы будете посещать занятия?
choice-months = { $months } мес.
ask-partner = Для направления «{ $direction }» нужна уполномоченная организация-партнёр. Выберите одну:
ask-mentor = Центры программы и наставники рядом с вами (сначала наименее загруженные). Выберите наставника:
mentor-option = { $n }. <b>{ $name }</b>, { $centre } (участников: { $load })
no-mentors = Свободных наставников пока нет. Ваши ответы сохранены; нажмите «Обновить» чуть позже.
current-value = Текущий ответ: <i>{ $value }</i>. Отправьте новый или вернитесь назад.
review-title = <b>Пожалуйста, проверьте свою заявку</b>
review-profile = ФИО: { $full_name }
    Дата рождения: { $birth_date }
    Телефон: { $phone }
    Регион: { $region }, { $locality }
    Место учёбы: { $study_place }
    О себе: { $about }
    Увлечения: { $hobbies }
review-level = Уровень: <b>{ $level }</b>. Требования по выбранным направлениям:
review-partners = Организации-партнёры: { $partners }
review-mentor = Наставник: <b>{ $mentor }</b>, { $centre }
edit-full-name = ФИО
edit-birth-date = Дата рождения
edit-phone = Телефон
edit-photo = Фото
edit-region = Регион
edit-locality = Населённый пункт
edit-study-place = Учёба
edit-about = О себе
edit-hobbies = Увлечения
edit-level = Уровень
edit-directions = Направления
edit-choices = Варианты
edit-partners = Партнёры
edit-mentor = Наставник
agreement-text = <b>Договор (соглашение) о добровольном участии</b>
    Принимая его, я добровольно и бесплатно присоединяюсь к программе «Нагрудный знак Елбасы» на уровне «{ $level }»; обязуюсь выполнять требования уровня по выбранным направлениям, соблюдать индивидуальный график, согласованный с наставником, честно вести журнал (дневник) и вовремя сообщать наставнику, если не могу выполнить задание. Я могу прекратить участие в любой момент. Если мне нет 18 лет, этот договор также должен подтвердить мой законный представитель.
application-submitted-toast = Заявка подана
application-submitted = ✅ Ваша заявка подана и отправлена наставнику. Решение будет принято до { $deadline } (14 рабочих дней).
application-submitted-minor = ✅ Ваша заявка подана. Так как вам нет 18 лет, договор должен подтвердить ваш законный представитель (родитель или опекун). Отправьте ему эту одноразовую ссылку — он откроет её в Telegram и подтвердит:
    { $link }
    Решение будет принято до { $deadline } (14 рабочих дней).
guardian-link = Новая одноразовая ссылка для вашего законного представителя (предыдущая больше не действует):
    { $link }

## Status of an application
status-title = Ваша заявка: <b>{ $status }</b>
status-level = Уровень: { $level }. Направления: { $directions }
status-mentor = Наставник: { $mentor }
status-deadline = Решение до { $deadline }
withdraw-confirm = Отозвать заявку? Это действие нельзя отменить; позже вы сможете подать заявку снова.
withdrawn = Ваша заявка отозвана.
kept = Ничего не изменено.
participant-guardian-confirmed = ✅ Ваш законный представитель подтвердил договор. Теперь ваша заявка у наставника.
participant-activated = 🚀 Ваш наставник { $mentor } активировал вас: ваше участие началось! Ваш индивидуальный график:

## Legal representative
guardian-intro = Здравствуйте! { $name } подаёт заявку в программу «Нагрудный знак Елбасы» и указывает вас своим законным представителем (родителем или опекуном). Чтобы подтвердить, отправьте свой номер телефона кнопкой ниже.
guardian-agreement = Вы, как законный представитель участника { $name }, подтверждаете договор (соглашение) о добровольном участии на уровне «{ $level }» программы «Нагрудный знак Елбасы» и даёте согласие на обработку его персональных данных для целей программы.
guardian-confirmed = ✅ Спасибо! Участие подтверждено: { $name }.
guardian-cancelled = Ничего не подтверждено. Вы можете снова открыть ссылку, пока она действует.

## Personal data
erased = Ваши персональные данные удалены.
erased-bye = До свидания! Нажмите /start, если захотите вернуться.

## Staff
invitation-accepted = ✅ Добро пожаловать! Теперь у вашей учётной записи роль: <b>{ $role }</b>.
ask-staff-full-name = Пожалуйста, введите ваше ФИО так, как его будут видеть участники.
staff-profile-saved = Спасибо, { $name }. Ваш профиль сохранён.
invite-choose-role = Кого вы приглашаете?
invite-choose-centre = Выберите центр программы:
invite-choose-region = Выберите регион:
invite-no-centres = Центров программы пока нет. Импортируйте их командой «tosbelgi catalog import».
invite-created = Одноразовое приглашение для роли «{ $role }», действует { $hours } ч. Отправьте его нужному человеку; роль получит первая учётная запись, которая его откроет:
    { $link }
mentor-new-application = 📥 Новая заявка от <b>{ $name }</b>. Решение до { $deadline }.
mentor-no-participants = За вами пока не закреплён ни один участник.
mentor-participants = Ваши участники ({ $count }):
card-title = <b>{ $name }</b> — { $status }
card-profile = Дата рождения: { $birth_date }
    Телефон: { $phone }
    Регион: { $region }, { $locality }
    Место учёбы: { $study_place }
    О себе: { $about }
    Увлечения: { $hobbies }
    Уровень: <b>{ $level }</b>
card-guardian = Законный представитель: { $name }, { $phone }
card-progress = 📈 Выполнено: { $percent }%
card-rating = 📔 Дневник · личный рейтинг: { $rating }%
schedule-missing = <i>график ещё не согласован</i>
schedule-line = { $activity }; { $days } в { $time }; { $minutes } мин в неделю
ask-schedule-activity = { $direction }: о каком занятии вы договорились? (например, «футбольная секция в школе № 12»)
ask-schedule-days = По каким дням недели?
ask-schedule-time = В какое время? Выберите или введите ЧЧ:ММ.
ask-schedule-minutes = Сколько всего минут в неделю?
minutes = { $minutes } мин
schedule-saved = График для направления «{ $direction }» сохранён.
activate-confirm = Активировать участника { $name }? Срок участия начнёт отсчитываться прямо сейчас.
activated-toast = Участник активирован
activated = 🚀 Участник { $name } активирован. Участие началось.

## Rules texts
req-sessions-options = занятия не менее 1 часа в неделю в течение { $months } мес.
req-or-extra-book = , или одна дополнительная книга из Золотого фонда казахской литературы
req-sessions = занятия не менее { $minutes } мин в неделю в течение { $months } мес.
req-books = не менее { $books } книг из трёх разделов, из них { $section1 } — из Золотого фонда казахской литературы
req-trip = поход продолжительностью { $days } дн.
req-work = не менее { $days } дн. трудового опыта

## Errors
error-internal = Извините, у нас что-то пошло не так. Всё, что вы ввели ранее, сохранено; попробуйте ещё раз.
error-stale-button = Эта кнопка из старого сообщения или больше не действует.
error-bad-button = Эта кнопка недействительна. Пожалуйста, пользуйтесь кнопками последнего сообщения.
error-not-allowed = У вас нет прав на это действие.
error-illegal-transition = Это уже сделано или больше невозможно.
error-use-buttons = Пожалуйста, ответьте кнопками сообщения ниже.
error-text-expected = Пожалуйста, ответьте текстом.
error-text-too-long = Текст слишком длинный: не более { $limit } символов.
error-text-too-short = Текст слишком короткий.
error-full-name = Пожалуйста, введите ваше ФИО: как минимум фамилию и имя, только буквами.
error-not-a-date = Это не дата. Пожалуйста, напишите её в формате ДД.ММ.ГГГГ, например 15.05.2009.
error-date-in-future = Дата не может быть в будущем.
error-age-range = Программа открыта для молодёжи от { $min } до { $max } лет.
error-level-too-young = Этот уровень доступен с { $min } лет.
error-contact-expected = Пожалуйста, отправьте свой номер телефона кнопкой ниже.
error-contact-not-own = Это не ваш собственный контакт. Пожалуйста, отправьте свой номер телефона кнопкой.
error-photo-expected = Пожалуйста, отправьте фото.
error-no-directions = Выберите хотя бы одно направление.
error-direction-not-in-level = Эти направления не входят в этот уровень: { $directions }.
error-mandatory-missing = Эти направления в этом году обязательные: { $directions }.
error-choice-missing = Сначала сделайте оставшийся выбор.
error-application-incomplete = Заявка ещё не заполнена до конца.
error-already-submitted = Эта заявка уже подана.
error-consent-not-pending = По этой заявке согласие законного представителя не ожидается.
error-guardian-is-participant = Участник не может подтвердить договор как свой собственный законный представитель. Пожалуйста, отправьте ссылку родителю или опекуну.
error-link-invalid = Эта ссылка недействительна.
error-link-used = Эта ссылка уже использована.
error-link-expired = Срок действия ссылки истёк. Попросите новую.
error-already-staff = У этой учётной записи Telegram уже есть роль сотрудника.
error-participant-cannot-be-staff = У этой учётной записи есть открытая заявка участника, поэтому она не может получить роль сотрудника.
error-invite-role = Участникам приглашение не нужно.
error-invite-needs-centre = Для приглашения наставника или центра нужно указать центр программы.
error-invite-needs-region = Для приглашения координатора нужно указать регион.
error-schedule-incomplete = Сначала согласуйте график по каждому направлению: { $directions }.
error-activity = Пожалуйста, опишите занятие: от 2 до 200 символов.
error-no-days = Выберите хотя бы один день.
error-time = Пожалуйста, напишите время в формате ЧЧ:ММ, например 18:30.
error-minutes = Пожалуйста, введите число минут от 15 до 2400.
error-minutes-too-few = Уровень требует не менее { $minutes } мин в неделю.

## The diary
menu-add-entry = ➕ Добавить запись
menu-diary = 📔 Мой журнал
diary-not-active = Журнал (дневник) откроется, как только наставник вас активирует.
entry-continue = У вас есть незавершённая запись — давайте её продолжим.
ask-entry-direction = К какому направлению относится эта запись?
ask-entry-kind = Что вы добавляете?
entry-kind-session = Отчёт о занятии
entry-kind-final-video = Итоговое видео с результатом
entry-kind-essay = Эссе о книге
entry-kind-daily = Ежедневный отчёт
entry-kind-work = Отчёт о работе
ask-entry-date = Когда это было? Выберите дату или введите её в формате ДД.ММ.ГГГГ (не более чем на { $days } дн. назад).
button-today = Сегодня
button-yesterday = Вчера
ask-entry-minutes = Сколько минут это длилось? Выберите или введите число.
ask-entry-text-session = Что вы делали и каких успехов добились?
ask-entry-text-daily = Каковы результаты акции?
ask-entry-text-work = Опишите выполненную работу.
ask-entry-title-daily = Как называлась акция или поход?
ask-entry-book-section = Из какого раздела эта книга?
book-section-1 = Золотой фонд казахской литературы
book-section-2 = Золотой фонд мировой литературы
book-section-3 = Личностный рост, научно-популярная литература
ask-entry-book = { $section }: выберите книгу.
ask-entry-content = Напишите короткое эссе о книге (не менее { $chars } симв.) или запишите голосовое или видеосообщение длительностью не менее { $seconds } сек.
ask-entry-media-session = Если есть, добавьте фото, видео или голосовые сообщения с занятия (добавлено { $count } из { $max }), затем нажмите «Готово».
ask-entry-media-final-video = Отправьте короткое видео, которое показывает достигнутый результат (добавлено { $count } из { $max }), затем нажмите «Готово».
ask-entry-media-daily = Добавьте хотя бы одно фото или видео (добавлено { $count } из { $max }), затем нажмите «Готово».
ask-entry-media-work = Если есть, добавьте фото или документы (добавлено { $count } из { $max }), затем нажмите «Готово».
entry-media-added = Добавлено файлов: { $count }. Отправьте ещё или нажмите «Готово».
ask-entry-confirm = Отправить эту запись наставнику?
button-send-entry = 📤 Отправить наставнику
button-discard = ✖ Удалить
discard-confirm = Удалить эту запись? Всё, что вы ввели, будет потеряно.
button-discard-confirm = Да, удалить
entry-discarded = Запись удалена.
entry-sent-toast = Отправлено наставнику
entry-sent = 📤 Ваша запись отправлена наставнику. Мы сообщим вам о решении.
mentor-new-entry = 📥 Новая запись в журнале от <b>{ $name }</b>:
button-review-approve = ✅ Подтвердить
button-review-reject = ❌ Отклонить
button-review-more = ✏️ Попросить дополнить
entry-title = { $icon } <b>{ $direction }</b> · { $kind } · { $date }
entry-book = 📖 { $title } — { $author } (раздел { $section })
entry-action = Акция: { $title }
entry-minutes = Продолжительность: { $minutes } мин
entry-text = { $text }
entry-files = Файлов: { $count }
entry-reason = Комментарий наставника: { $reason }
entry-appeal = Апелляция: { $reason }
entry-arbiter = Решение эксперта: { $reason }

## Mentor's review
reason-detail = Недостаточно подробностей о том, что было сделано
reason-media = На фото или видео не видно самой деятельности
reason-date = Дата не совпадает с графиком
reason-direction = Запись не относится к этому направлению
reason-copied = Похоже, текст скопирован из другого источника
button-own-reason = ✍️ Написать свою причину
ask-reason-reject = Почему вы отклоняете эту запись?
ask-reason-more = Что ещё должен добавить участник?
ask-own-reason = Напишите причину — участник её увидит.
decided-approve = ✅ Подтверждено ({ $name })
decided-reject = ❌ Отклонено ({ $name })
decided-more = ✏️ Запрошена доработка ({ $name })
entry-approved-news = ✅ Наставник подтвердил вашу запись.
entry-rejected-news = ❌ Наставник отклонил вашу запись. Если вы не согласны, можете подать апелляцию эксперту.
entry-more-work-news = ✏️ Наставник просит вас дополнить запись.
button-appeal = ⚖️ Подать апелляцию
button-revise = ✏️ Дополнить

## Diary view and appeals
diary-title = <b>Мой журнал</b> · личный рейтинг: { $rating }%
diary-direction = <b>{ $direction }</b>: выполнено { $percent }%
button-appeal-entry = ⚖️ Апелляция: { $entry }
button-revise-entry = ✏️ Дополнить: { $entry }
ask-appeal-reason = Почему вы не согласны с решением наставника? Эксперт увидит вашу причину, запись и всю её историю.
appeal-sent = ⚖️ Ваша апелляция отправлена эксперту.
appeal-recorded = ⚖️ Ваша апелляция зарегистрирована; её рассмотрит эксперт.
expert-appeal = ⚖️ Апелляция от <b>{ $name }</b> на решение наставника { $mentor }:
button-uphold = Оставить решение наставника в силе
button-overturn = Отменить его (подтвердить запись)
ask-arbiter-reason-uphold = Почему вы оставляете решение в силе? Обе стороны увидят вашу причину.
ask-arbiter-reason-overturn = Почему вы отменяете решение? Обе стороны увидят вашу причину.
arbitrated-upheld = Решение наставника оставлено в силе.
arbitrated-overturned = Решение наставника отменено; запись засчитана как подтверждённая.
appeal-upheld-news = ⚖️ Эксперт оставил в силе решение наставника по записи участника { $name }.
appeal-overturned-news = ⚖️ Эксперт отменил решение наставника по записи участника { $name }: запись засчитана как подтверждённая.

## Diary errors
error-date-before-start = Эта дата раньше начала вашего участия ({ $start }).
error-date-too-old = Задним числом запись можно внести не более чем на { $days } дн. назад.
error-entry-minutes = Пожалуйста, введите число минут от { $min } до { $max }.
error-text-too-short-min = Текст слишком короткий. Минимальное число символов: { $min }.
error-too-many-files = Максимальное число файлов в одной записи: { $max }.
error-file-too-big = Файл слишком большой: не более { $mb } МБ.
error-media-too-long = Аудио или видео слишком длинное: не более { $seconds } сек.
error-document-type = В качестве документов принимаются только PDF, документы Word и изображения.
error-need-photo-or-video = Сначала добавьте хотя бы одно фото или видео.
error-need-video = Сначала добавьте видео с вашим результатом.
error-entry-incomplete = Запись ещё не заполнена до конца.
error-reason-required = Нужно указать причину.
error-essay-expected = Пожалуйста, напишите эссе текстом или отправьте голосовое или видеосообщение.
error-media-expected = Пожалуйста, отправьте фото, видео, голосовое сообщение или документ либо нажмите «Готово».
error-essay-too-short = Сообщение слишком короткое: не менее { $seconds } сек.
error-media-undecodable = Этот файл не удалось воспроизвести. Пожалуйста, запишите его заново.
error-essay-silent = В сообщении почти ничего не слышно. Пожалуйста, запишите эссе заново и говорите чётко.
error-already-decided = По этой записи уже принято решение.
error-finish-draft-first = Сначала завершите или удалите запись, которую вы сейчас составляете.
menu-review-queue = 📥 Записи на проверку
queue-empty = Нет записей, которые ждут вашей проверки.
queue-title = Записи, которые ждут вашей проверки: { $count } (стр. { $page } из { $pages }), сначала самые старые:
button-cant = 🙁 Не могу на этой неделе
ask-missed-reason = Что мешает вам выполнять задания или вовремя их загружать? Мы сообщим об этом наставнику.
missed-illness = Болезнь
missed-disaster = Стихийное бедствие
missed-bereavement = Смерть в семье
missed-no-internet = Нет интернета
missed-other = Другая причина
ask-missed-details = Пожалуйста, опишите причину в нескольких словах.
missed-recorded = Принято. Мы сообщили вашему наставнику.
mentor-missed = 🙁 { $name } не может выполнить задания на этой неделе. Причина: { $reason } ({ $details }).
error-employer-not-confirmed = Работодатель ещё не подтвердил этот отчёт о работе.

## Level completion
button-complete = 🏁 Завершить уровень
completion-title = <b>{ $name }</b>: выполнение требований уровня
completion-not-yet = Уровень можно завершить, когда каждое направление выполнено на 100%.
ask-assessment = Все направления выполнены. Напишите оценку участника и рекомендацию для координатора (не менее 20 символов).
completion-confirm = Завершить уровень с этой оценкой? Это действие нельзя отменить.
button-complete-level = ✅ Да, завершить уровень
completed = 🏁 Участник { $name } завершил уровень.
participant-completed = 🏁 Поздравляем! Наставник подтвердил, что вы выполнили требования уровня «{ $level }». Ваши результаты переданы наградной комиссии.
error-directions-unfinished = Эти направления ещё не выполнены: { $directions }.

## Messages
button-message = ✉️ Написать участнику
ask-message-to-participant = Напишите сообщение; участник получит его от бота.
message-from-mentor = ✉️ Сообщение от вашего наставника ({ $mentor }):
    { $text }
message-delivered = Доставлено.
message-not-delivered = Не доставлено: возможно, участник заблокировал бота. Попробуйте позже.
error-no-centre = Центра с кодом { $code } нет.
error-centre-not-approved = Центр { $code } ещё не одобрен: сначала одобрите его.
