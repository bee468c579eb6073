menu-analytics = 📊 Показатели
analytics-mentor-title = 📊 <b>Мои участники в цифрах</b>
analytics-expert-title = 📊 <b>Участники моих наставников в цифрах</b>
analytics-coordinator-title = 📊 <b>{ $region } в цифрах</b>
analytics-operator-title = 📊 <b>Программа в цифрах</b>
analytics-as-of = <i>Заявки, участники и рейтинги на { $time }, пересчитываются каждые несколько минут; сотрудники и очередь на проверку — в реальном времени.</i>
analytics-participants = Активных участников: { $count }
analytics-mentors = Наставников: { $count }
analytics-experts = Экспертов: { $count }
analytics-empty = Показатели появятся, когда участник будет активирован.
analytics-directions = <b>Выполнение по направлениям</b>, в среднем:
analytics-direction = • { $direction }: { $average }% ({ $count ->
        [one] { $count } участник
        [few] { $count } участника
       *[many] { $count } участников
    })
analytics-levels = <b>Личный рейтинг по уровням</b>, в среднем:
analytics-regions = <b>Личный рейтинг по регионам</b>, в среднем:
analytics-group = • { $name }: { $rating }% ({ $count ->
        [one] { $count } участник
        [few] { $count } участника
       *[many] { $count } участников
    })
analytics-waiting = { $count ->
        [one] Показатели { $count } участника ещё готовятся по его дневнику.
       *[other] Показатели { $count } участников ещё готовятся по их дневникам.
    }
analytics-applications = <b>Заявки по статусам</b>:
analytics-status = • { $status }: { $count }
analytics-staff = <b>Сотрудники в работе</b>:
analytics-role = • { $role }: { $count }
analytics-backlog = <b>Записи, ожидающие проверки</b>, сначала самые долгие:
analytics-backlog-mentor = • { $name }: ждут { $waiting }, самая ранняя { $days } дн.; обычно проверяет за { $hours } ч
analytics-backlog-mentor-new = • { $name }: ждут { $waiting }, самая ранняя { $days } дн.; за последние 30 дней проверок не было
analytics-backlog-none = Записей, ожидающих проверки, нет.
