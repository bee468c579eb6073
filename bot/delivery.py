"""How an update came, and what its handling tells the webhook's HTTP answer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Delivery:
    """Passed to the dispatcher with each webhook update (handlers see it as `delivery`); polling has none,
    since getUpdates never delivers an update again."""

    again: bool = False
    """The update's effects are not stored (a store out of reach, or another instance still on it): the answer
    is non-2xx, so Telegram delivers it again."""
