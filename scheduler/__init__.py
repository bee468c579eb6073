"""Periodic jobs (reminders, deadlines, escalations) and the outbox sender."""
