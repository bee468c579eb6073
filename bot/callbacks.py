"""Every inline button's data; each handler re-checks on the server what the data claims."""

from aiogram.filters.callback_data import CallbackData


class LangCb(CallbackData, prefix="lang"):
    code: str


class AppCb(CallbackData, prefix="ap"):
    """A button of the application wizard; `step` makes buttons of earlier steps stale."""

    step: str
    action: str
    value: str = ""


class MyAppCb(CallbackData, prefix="my"):
    action: str
    app_id: int


class DataCb(CallbackData, prefix="pd"):
    action: str


class MentorCb(CallbackData, prefix="mn"):
    action: str
    app_id: int
    direction: str = ""
    value: str = ""


class InviteCb(CallbackData, prefix="inv"):
    role: str
    target: str = ""


class DiaryCb(CallbackData, prefix="dy"):
    """A participant's diary button; `entry_id` 0 means the entry being composed."""

    action: str
    value: str = ""
    entry_id: int = 0


class ReviewCb(CallbackData, prefix="rv"):
    action: str
    entry_id: int
    value: str = ""


class ArbitrationCb(CallbackData, prefix="ar"):
    action: str
    entry_id: int


class AppealsCb(CallbackData, prefix="aq"):
    """Opens the oldest appeal waiting for an expert, for them or whoever acts for them."""

    expert_id: int


class QueueCb(CallbackData, prefix="rq"):
    action: str
    value: int = 0


class ReminderCb(CallbackData, prefix="rm"):
    action: str
    value: str = ""


class ProblemCb(CallbackData, prefix="pr"):
    action: str


class OutboxCb(CallbackData, prefix="ob"):
    action: str


class RatingStartCb(CallbackData, prefix="rs"):
    """Starts a survey from a prompt: the monthly one (`end` 0) or the one at the end of a level (`end` 1)."""

    app_id: int
    end: int = 0


class RatingCb(CallbackData, prefix="rt"):
    """A star button: question number (1..3) and score (1..5), re-checked against the conversation state."""

    q: int
    value: int


class TaskCb(CallbackData, prefix="tk"):
    action: str
    app_id: int
    direction: str = ""


class SupervisionCb(CallbackData, prefix="sv"):
    """The expert's read-only view: a mentor (`target` is their id), a participant (an application id)."""

    action: str
    target: int = 0


class AbsenceCb(CallbackData, prefix="ab"):
    action: str
    mentor_id: int = 0
    value: int = 0


class LinkCb(CallbackData, prefix="lk"):
    """Confirm or cancel what a one-time link asks (`purpose` guardian or employer; `target` the application
    or the entry it points to), after the opener shared their own contact."""

    action: str
    purpose: str
    target: int
