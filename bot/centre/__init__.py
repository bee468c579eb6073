"""A programme centre: applying from the bot, and its head's screens (R6.5)."""
