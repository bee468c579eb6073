menu-analytics = 📊 Показатели
analytics-mentor-title = 📊 <b>Мои участники в цифрах</b>
analytics-participants = Активных участников: { $count }
analytics-empty = Показатели появятся, когда участник будет активирован.
analytics-directions = <b>Выполнение по направлениям</b>, в среднем:
analytics-direction = • { $direction }: { $average }% ({ $count ->
        [one] { $count } участник
        [few] { $count } участника
       *[many] { $count } участников
    })
analytics-levels = <b>Личный рейтинг по уровням</b>, в среднем:
analytics-level = • { $level }: { $rating }% ({ $count ->
        [one] { $count } участник
        [few] { $count } участника
       *[many] { $count } участников
    })
analytics-waiting = { $count ->
        [one] Показатели { $count } участника ещё готовятся по его дневнику.
       *[other] Показатели { $count } участников ещё готовятся по их дневникам.
    }
