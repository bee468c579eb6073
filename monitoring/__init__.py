"""What an operator watches: Prometheus metrics of the bot and the outbox sender, and the log formats."""
