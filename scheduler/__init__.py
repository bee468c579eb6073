"""Periodic jobs (reminders, deadlines, escalations, the outbox sender) arrive with the notifications work."""
