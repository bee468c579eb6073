"""Domain errors carry a locale key, so the bot can answer in the user's language."""

from typing import Any


class DomainError(Exception):
    """A rule of the programme was broken; `key` names the localized explanation."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class NotAllowed(DomainError):
    """The acting user may not do this to this object (role or assignment)."""

    def __init__(self, key: str = "error-not-allowed", **params: Any) -> None:
        super().__init__(key, **params)


class IllegalTransition(DomainError):
    """A status change that the state machine does not allow, e.g. a double click."""

    def __init__(self, current: str, target: str) -> None:
        super().__init__("error-illegal-transition", current=current, target=target)
        self.current = current
        self.target = target
