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


class ReportCb(CallbackData, prefix="rp"):
    """A chart or an export of the figures the pressing user's role may see; `kind` is chart, xlsx or csv."""

    kind: str


class ProfileCb(CallbackData, prefix="pf"):
    """«👤 My profile»: `action` edit, skip or later (`value` the field), region (its code), documents, add
    (`value` the kind), delete and delete-yes (`value` the document id), back."""

    action: str
    value: str = ""


class StaffCardCb(CallbackData, prefix="sc"):
    """A staff card (`target` the staff member), their documents, or a page of the staff list (`target` the page)."""

    action: str
    target: int = 0


class DocumentCb(CallbackData, prefix="pdc"):
    """A participant's documents (R6.2): `ask`, `list`, `ok`, `ret` by staff (`app_id` or `doc_id`); `up` (`kind`)
    and `cancel` by the participant."""

    action: str
    app_id: int = 0
    doc_id: int = 0
    kind: str = ""


class CharacterisationCb(CallbackData, prefix="chr"):
    """The mentor's characterisation of a participant (R8.1): `write` it, or `cancel` writing."""

    action: str
    app_id: int


class CentreFormCb(CallbackData, prefix="cf"):
    """A button of the centre application form; `step` is the question it belongs to, so a button of another
    step is stale."""

    step: str
    action: str
    value: str = ""


class CentreAppCb(CallbackData, prefix="ca"):
    """The operator's buttons on an organisation's application to be a programme centre."""

    action: str
    request_id: int


class CentreSignCb(CallbackData, prefix="cs"):
    """The operator marks an approved centre's agreement signed."""

    action: str
    centre_id: int


class CatalogueAdminCb(CallbackData, prefix="ad"):
    """The operator's catalogue: `kind` book, partner, centre or region; `code` the item (for a book list, the
    section), or a form answer (a section, a direction, a region); `page` of a list."""

    action: str
    kind: str = ""
    code: str = ""
    page: int = 0


class StaffAdminCb(CallbackData, prefix="as"):
    """The operator's staff administration: a role's list (`role`, `page`), a member (`user_id`), and what to
    assign them (`value` an expert's id or a region's code)."""

    action: str
    user_id: int = 0
    role: str = ""
    page: int = 0
    value: str = ""


class IndividualCb(CallbackData, prefix="ir"):
    """The operator's individual requirements of a participant (R3.5): `dir` a direction's numbers, `field` one
    number's options, `set` a value, `restore` the level's requirement."""

    action: str
    app_id: int
    direction: str = ""
    field: str = ""
    value: int = 0


class RulesCb(CallbackData, prefix="ru"):
    """The operator's programme rules (R3.5, R6.6): `file` the rules in force as YAML, `send` new ones, `apply`
    the checked ones, `cancel`."""

    action: str
