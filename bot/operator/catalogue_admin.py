"""The operator's catalogue from the bot (R6.6): books by section, partners, centres and regions, paged; an
item's names, retiring and restoring it (after a confirmation), and a short form to add one.

The rules are `core/catalogue_admin.py` (the import's validator); the form's answers live in the
conversation state until the operator saves them, and a problem in an answer asks for it again.
"""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import CatalogueAdminCb
from bot.filters import RoleFilter
from bot.keyboards import button, columns
from core import catalogue_admin as rules
from core.catalog import LANGUAGES, PARTNER_DIRECTIONS
from core.errors import DomainError
from core.programme import Role
from core.text_input import ascii_int, clean_text
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff

PAGE = 10
Cb = CatalogueAdminCb


class AddForm(StatesGroup):
    code = State()
    name = State()
    section = State()
    author = State()
    directions = State()
    region = State()
    confirm = State()


class RenameForm(StatesGroup):
    names = State()


def message_of(query: CallbackQuery) -> Message:
    assert isinstance(query.message, Message)
    return query.message


def markup(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=rows)


def cancel_row(t: Translator) -> list[InlineKeyboardButton]:
    return [button(t("button-cancel"), Cb(action="stop"))]


def label(t: Translator, item: Any, kind: str) -> str:
    name = t.name(item, rules.NAME_FIELD[kind])
    return name if item.active else f"🚫 {name}"


def names_text(names: dict[str, str]) -> str:
    return " / ".join(names[language] for language in LANGUAGES)


def section(kind: str, code: str) -> int | None:
    """The section a book list is for; a forged one is refused."""
    if kind != "book":
        return None
    number = ascii_int(code, max_digits=1)
    if str(number) not in rules.SECTIONS:
        raise DomainError("error-bad-button")
    return number


async def kinds(query: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.clear()
    rows = columns([button(t(f"admin-kind-{kind}"), Cb(action="list", kind=kind)) for kind in rules.KINDS])
    rows.append([button(t("button-back"), Cb(action="home"))])
    await query.answer()
    await message_of(query).edit_text(t("admin-choose-kind"), reply_markup=markup(rows))


async def list_items(query: CallbackQuery, callback_data: Cb, t: Translator, uow: Holder) -> None:
    """A page of the kind's items, retired ones marked; books are asked their section first."""
    kind = rules.check_kind(callback_data.kind)
    back = [button(t("button-back"), Cb(action="kinds"))]
    if kind == "book" and not callback_data.code:
        buttons = [button(t(f"book-section-{n}"), Cb(action="list", kind=kind, code=n)) for n in rules.SECTIONS]
        await query.answer()
        await message_of(query).edit_text(t("admin-choose-section"), reply_markup=markup(columns(buttons, 1) + [back]))
        return
    page = max(callback_data.page, 0)
    items, total = await uow.admin.items(kind, page * PAGE, PAGE, section(kind, callback_data.code))
    rows = [[button(label(t, i, kind), Cb(action="item", kind=kind, code=i.code))] for i in items]
    nav = []
    if page > 0:
        nav.append(button("◀", Cb(action="list", kind=kind, code=callback_data.code, page=page - 1)))
    if (page + 1) * PAGE < total:
        nav.append(button("▶", Cb(action="list", kind=kind, code=callback_data.code, page=page + 1)))
    rows += [nav] if nav else []
    rows.append([button(t("button-admin-add"), Cb(action="add", kind=kind)), *back])
    text = t("admin-items", kind=t(f"admin-kind-{kind}"), count=total, page=page + 1)
    await query.answer()
    await message_of(query).edit_text(text, reply_markup=markup(rows))


async def describe(t: Translator, uow: Holder, kind: str, values: dict[str, Any]) -> list[str]:
    """An item's fields as the operator reads them, from a stored item or the form's answers."""
    lines = [t("admin-field-code", value=values["code"]), t("admin-field-name", value=names_text(values["names"]))]
    if kind == "book":
        lines.append(t("admin-field-section", value=t(f"book-section-{values['section']}")))
        lines.append(t("admin-field-author", value=names_text(values["author"])))
    if kind == "partner":
        directions = ", ".join(t(f"direction-{d}") for d in sorted(values["directions"]))
        lines.append(t("admin-field-directions", value=directions))
    if kind in ("partner", "centre"):
        region = await uow.catalogue.region(values["region"]) if values.get("region") else None
        lines.append(t("admin-field-region", value=t.name(region) if region else t("admin-nationwide")))
    return lines


def stored_values(kind: str, item: Any) -> dict[str, Any]:
    def names(field: str) -> dict[str, str]:
        return {language: getattr(item, f"{field}_{language}") for language in LANGUAGES}

    values: dict[str, Any] = {"code": item.code, "names": names(rules.NAME_FIELD[kind])}
    if kind == "book":
        values.update(section=item.section, author=names("author"))
    if kind == "partner":
        values.update(directions=item.directions, region=item.region_code)
    if kind == "centre":
        values.update(region=item.region_code)
    return values


async def item_view(t: Translator, uow: Holder, kind: str, code: str) -> tuple[str, InlineKeyboardMarkup]:
    item = await rules.item_of(uow, kind, code)
    lines = [t(f"admin-kind-{kind}"), *await describe(t, uow, kind, stored_values(kind, item))]
    lines.append(t("admin-item-active") if item.active else t("admin-item-retired"))
    toggle = (
        button(t("button-admin-deactivate"), Cb(action="off", kind=kind, code=code))
        if item.active
        else button(t("button-admin-reactivate"), Cb(action="on", kind=kind, code=code))
    )
    back_code = str(getattr(item, "section", "")) if kind == "book" else ""
    rows = [
        [button(t("button-admin-rename"), Cb(action="name", kind=kind, code=code)), toggle],
        [button(t("button-back"), Cb(action="list", kind=kind, code=back_code))],
    ]
    return "\n".join(lines), markup(rows)


async def open_item(query: CallbackQuery, callback_data: Cb, state: FSMContext, t: Translator, uow: Holder) -> None:
    await state.clear()
    text, keyboard = await item_view(t, uow, callback_data.kind, callback_data.code)
    await query.answer()
    await message_of(query).edit_text(text, reply_markup=keyboard)


async def ask_toggle(query: CallbackQuery, callback_data: Cb, t: Translator, uow: Holder) -> None:
    """Retiring or restoring is confirmed first."""
    kind, active = callback_data.kind, callback_data.action == "on"
    item = await rules.item_of(uow, kind, callback_data.code)
    if item.active == active:
        raise DomainError("error-stale-button")
    key = "admin-confirm-reactivate" if active else "admin-confirm-deactivate"
    rows = [
        [
            button(t("button-admin-yes"), Cb(action="ony" if active else "offy", kind=kind, code=item.code)),
            button(t("button-cancel"), Cb(action="item", kind=kind, code=item.code)),
        ]
    ]
    await query.answer()
    await message_of(query).edit_text(t(key, name=label(t, item, kind)), reply_markup=markup(rows))


async def toggle(query: CallbackQuery, callback_data: Cb, t: Translator, uow: Holder, staff: Staff) -> None:
    active = callback_data.action == "ony"
    await rules.set_active(uow, staff, callback_data.kind, callback_data.code, active)
    await query.answer(t("admin-reactivated") if active else t("admin-deactivated"))
    text, keyboard = await item_view(t, uow, callback_data.kind, callback_data.code)
    await message_of(query).edit_text(text, reply_markup=keyboard)


async def ask_rename(query: CallbackQuery, callback_data: Cb, state: FSMContext, t: Translator, uow: Holder) -> None:
    item = await rules.item_of(uow, callback_data.kind, callback_data.code)
    await state.set_state(RenameForm.names)
    await state.update_data(kind=callback_data.kind, code=item.code)
    await query.answer()
    await message_of(query).answer(t("admin-ask-names"), reply_markup=markup([cancel_row(t)]))


async def got_rename(message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff) -> None:
    data = await state.get_data()
    kind, code = str(data["kind"]), str(data["code"])
    await rules.rename(uow, staff, kind, code, rules.parse_names(message.text))
    await state.clear()
    text, keyboard = await item_view(t, uow, kind, code)
    await message.answer(t("admin-renamed") + "\n\n" + text, reply_markup=keyboard)


# --- the form to add an item ------------------------------------------------------------------------


async def start_add(query: CallbackQuery, callback_data: Cb, state: FSMContext, t: Translator) -> None:
    kind = rules.check_kind(callback_data.kind)
    await state.set_state(AddForm.code)
    await state.update_data(kind=kind, values={})
    await query.answer()
    await message_of(query).answer(
        t("admin-ask-code", kind=t(f"admin-kind-{kind}")), reply_markup=markup([cancel_row(t)])
    )


async def answer(uow: Holder, state: FSMContext, field: str, value: object) -> tuple[str, dict[str, Any]]:
    """The form's answers with this one, if the import's rules accept it (else a localized refusal)."""
    data = await state.get_data()
    kind, values = str(data["kind"]), {**data["values"], field: value}
    await rules.check_field(uow, kind, values, field)
    await state.update_data(values=values)
    return kind, values


async def got_code(message: Message, state: FSMContext, t: Translator, uow: Holder) -> None:
    await answer(uow, state, "code", clean_text(message.text))
    await state.set_state(AddForm.name)
    await message.answer(t("admin-ask-names"), reply_markup=markup([cancel_row(t)]))


async def got_name(message: Message, state: FSMContext, t: Translator, uow: Holder) -> None:
    kind = str((await state.get_data())["kind"])
    await answer(uow, state, rules.NAME_FIELD[kind], rules.parse_names(message.text))
    await next_step(message, state, t, uow, kind)


async def got_author(message: Message, state: FSMContext, t: Translator, uow: Holder) -> None:
    await answer(uow, state, "author", rules.parse_names(message.text))
    await confirm(message, state, t, uow)


async def next_step(message: Message, state: FSMContext, t: Translator, uow: Holder, kind: str) -> None:
    """After the names: a book's section, a partner's directions, a centre's region; a region is complete."""
    if kind == "book":
        await state.set_state(AddForm.section)
        buttons = [button(t(f"book-section-{n}"), Cb(action="sec", code=n)) for n in rules.SECTIONS]
        await message.answer(t("admin-ask-section"), reply_markup=markup(columns(buttons, 1) + [cancel_row(t)]))
    elif kind == "partner":
        await state.set_state(AddForm.directions)
        await message.answer(t("admin-ask-directions"), reply_markup=directions_markup(t, []))
    elif kind == "centre":
        await ask_region(message, state, t, uow, nationwide=False)
    else:
        await confirm(message, state, t, uow)


async def answered(query: CallbackQuery) -> Message:
    """A form button was taken: its keyboard goes, and the next question comes as a new message."""
    await query.answer()
    message = message_of(query)
    await message.edit_reply_markup(reply_markup=None)
    return message


async def got_section(query: CallbackQuery, callback_data: Cb, state: FSMContext, t: Translator, uow: Holder) -> None:
    await answer(uow, state, "section", callback_data.code)
    await state.set_state(AddForm.author)
    message = await answered(query)
    await message.answer(t("admin-ask-authors"), reply_markup=markup([cancel_row(t)]))


def directions_markup(t: Translator, chosen: list[str]) -> InlineKeyboardMarkup:
    buttons = [
        button(("✅ " if d in chosen else "") + t(f"direction-{d}"), Cb(action="dir", code=d))
        for d in sorted(PARTNER_DIRECTIONS)
    ]
    return markup([buttons, [button(t("button-admin-done"), Cb(action="dirok"))], cancel_row(t)])


async def toggle_direction(query: CallbackQuery, callback_data: Cb, state: FSMContext, t: Translator) -> None:
    if callback_data.code not in PARTNER_DIRECTIONS:
        raise DomainError("error-bad-button")
    chosen = set((await state.get_data()).get("directions", []))
    chosen ^= {callback_data.code}
    await state.update_data(directions=sorted(chosen))
    await query.answer()
    await message_of(query).edit_reply_markup(reply_markup=directions_markup(t, sorted(chosen)))


async def directions_done(query: CallbackQuery, state: FSMContext, t: Translator, uow: Holder) -> None:
    await answer(uow, state, "directions", list((await state.get_data()).get("directions", [])))
    await ask_region(await answered(query), state, t, uow, nationwide=True)


async def ask_region(message: Message, state: FSMContext, t: Translator, uow: Holder, *, nationwide: bool) -> None:
    """A partner may work nationwide; a centre is in one region."""
    await state.set_state(AddForm.region)
    buttons = [button(t.name(r), Cb(action="reg", code=r.code)) for r in await uow.catalogue.regions()]
    rows = columns(buttons)
    if nationwide:
        rows.insert(0, [button(t("admin-nationwide"), Cb(action="reg"))])
    await message.answer(t("admin-ask-region"), reply_markup=markup(rows + [cancel_row(t)]))


async def got_region(query: CallbackQuery, callback_data: Cb, state: FSMContext, t: Translator, uow: Holder) -> None:
    await answer(uow, state, "region", callback_data.code or None)
    await confirm(await answered(query), state, t, uow)


async def confirm(message: Message, state: FSMContext, t: Translator, uow: Holder) -> None:
    data = await state.get_data()
    kind, values = str(data["kind"]), dict(data["values"])
    shown = {**values, "names": values[rules.NAME_FIELD[kind]]}
    await state.set_state(AddForm.confirm)
    lines = [t("admin-confirm-add", kind=t(f"admin-kind-{kind}")), *await describe(t, uow, kind, shown)]
    rows = [[button(t("button-admin-save"), Cb(action="save")), *cancel_row(t)]]
    await message.answer("\n".join(lines), reply_markup=markup(rows))


async def save(query: CallbackQuery, state: FSMContext, t: Translator, uow: Holder, staff: Staff) -> None:
    data = await state.get_data()
    added = await rules.add(uow, staff, str(data["kind"]), dict(data["values"]))
    await state.clear()
    await query.answer(t("admin-added"))
    text, keyboard = await item_view(t, uow, added.kind, added.code)
    await message_of(query).edit_text(t("admin-added") + "\n\n" + text, reply_markup=keyboard)


async def stop(query: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await query.answer()
    await message_of(query).edit_text(t("admin-cancelled"))


async def use_buttons(message: Message, t: Translator) -> None:
    """A message where the form waits for a button."""
    await message.answer(t("admin-use-buttons"))


def router() -> Router:
    """The catalogue handlers, in the order they are tried."""
    r = Router(name="catalogue-admin")
    r.message.filter(RoleFilter(Role.OPERATOR))
    r.callback_query.filter(RoleFilter(Role.OPERATOR))
    r.callback_query.register(kinds, Cb.filter(F.action == "kinds"))
    r.callback_query.register(list_items, Cb.filter(F.action == "list"))
    r.callback_query.register(open_item, Cb.filter(F.action == "item"))
    r.callback_query.register(ask_toggle, Cb.filter(F.action.in_({"off", "on"})))
    r.callback_query.register(toggle, Cb.filter(F.action.in_({"offy", "ony"})))
    r.callback_query.register(ask_rename, Cb.filter(F.action == "name"))
    r.callback_query.register(start_add, Cb.filter(F.action == "add"))
    r.callback_query.register(stop, Cb.filter(F.action == "stop"))
    r.callback_query.register(got_section, AddForm.section, Cb.filter(F.action == "sec"))
    r.callback_query.register(toggle_direction, AddForm.directions, Cb.filter(F.action == "dir"))
    r.callback_query.register(directions_done, AddForm.directions, Cb.filter(F.action == "dirok"))
    r.callback_query.register(got_region, AddForm.region, Cb.filter(F.action == "reg"))
    r.callback_query.register(save, AddForm.confirm, Cb.filter(F.action == "save"))
    r.message.register(got_rename, RenameForm.names)
    r.message.register(got_code, AddForm.code)
    r.message.register(got_name, AddForm.name)
    r.message.register(got_author, AddForm.author)
    r.message.register(use_buttons, AddForm.section)
    r.message.register(use_buttons, AddForm.directions)
    r.message.register(use_buttons, AddForm.region)
    r.message.register(use_buttons, AddForm.confirm)
    return r
