"""The process's Prometheus metrics, one definition each; the bot and the sender count, `/metrics` shows them.
Labels are kinds and outcomes only, never a user, a chat or a text."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

UPDATES = Counter("tosbelgi_updates_total", "Telegram updates handled, by type", ["type"])
UPDATE_SECONDS = Histogram(
    "tosbelgi_update_seconds",
    "Time to handle an update (from its database session on), by type",
    ["type"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
UPDATES_SKIPPED = Counter(
    "tosbelgi_updates_skipped_total", "Updates delivered again and not handled again, by why", ["reason"]
)
ERRORS = Counter(
    "tosbelgi_errors_total", "Updates that failed, by kind: a store out of reach, or anything else", ["kind"]
)
SENDS = Counter(
    "tosbelgi_outbox_sends_total",
    "Outbox messages tried, by outcome (sent, pending: retried later, failed, dropped)",
    ["outcome"],
)
FLOOD = Counter("tosbelgi_telegram_429_total", "Answers 429 Too Many Requests from Telegram to the sender")
OUTBOX_DEPTH = Gauge(
    "tosbelgi_outbox_depth", "Outbox rows waiting or being sent, by status, read at each scrape", ["status"]
)


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus's text format, and its content type."""
    return generate_latest(), CONTENT_TYPE_LATEST
