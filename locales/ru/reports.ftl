# Графики и выгрузки показателей (R8.4)
button-chart = 🖼 График
button-export-xlsx = 📥 XLSX
button-export-csv = 📄 CSV
button-chart-mine = 🖼 График моего прогресса
chart-distribution = Участники по личному рейтингу, %
chart-regions = Средний личный рейтинг по регионам
chart-directions = Среднее выполнение по направлениям
chart-caption = { $scope }: активных участников — { $count }
chart-mine = Моё выполнение по направлениям
chart-mine-caption = Личный рейтинг: { $rating }%
export-everyone = Вся программа
export-preparing = Готовлю файл…
export-caption = { $scope }: участников — { $count }
export-sheet-participants = Участники
export-sheet-ratings = Рейтинги
export-sheet-backlog = Очередь проверки
export-col-id = №
export-col-name = ФИО
export-col-status = Статус
export-col-level = Уровень
export-col-region = Регион
export-col-locality = Населённый пункт
export-col-mentor = Наставник
export-col-activated = Дата активации
export-col-rating = Личный рейтинг, %
export-col-participants = Активных участников
export-col-waiting = Записей ждут
export-col-oldest = Ждут с
export-col-median-hours = Медианное время проверки, ч
diary-left-weeks = Осталось покрыть занятиями { $left } { $left ->
    [one] неделю
    [few] недели
   *[many] недель
 } — до { $by }
diary-left-books = Осталось прочитать { $left } { $left ->
    [one] книгу
    [few] книги
   *[many] книг
 } — до { $by }
diary-left-days = Осталось отметить { $left } { $left ->
    [one] день
    [few] дня
   *[many] дней
 } — до { $by }
diary-behind = ⚠️ До конца уровня { $weeks ->
    [one] осталась { $weeks } неделя
    [few] осталось { $weeks } недели
   *[many] осталось { $weeks } недель
 }: обсудите с наставником, как наверстать.
