"""`/rules`: the operator sees the year's requirements and mandatory directions in force, downloads them as YAML
and puts new ones in force by sending a rules file, checked and confirmed first. The rules are
`core/programme_rules.py`."""

from __future__ import annotations

from importlib import resources

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import RulesCb
from bot.filters import RoleFilter
from bot.keyboards import button
from bot.participant.diary import download
from bot.participant.texts import describe_requirement
from core import programme_rules
from core.access import active_staff
from core.drafts import DownloadFailed
from core.errors import DomainError
from core.policy import Policy
from core.programme import Role
from core.rules import ProgrammeRules
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff


class RulesFlow(StatesGroup):
    file = State()
    confirm = State()


def summary(t: Translator, rules: ProgrammeRules) -> list[str]:
    """Ages, the weekly minimum, the mandatory directions, then each level's age, length and directions."""
    mandatory = ", ".join(t(f"direction-{d.value}") for d in rules.mandatory) or "—"
    lines = [
        t("rules-title", year=str(rules.year)),
        t("rules-ages", min=rules.min_age, max=rules.max_age, minutes=rules.weekly_minutes),
        t("rules-mandatory", directions=mandatory),
    ]
    for level in rules.levels.values():
        lines += [
            "",
            t("rules-level", level=t(f"level-{level.level.value}"), age=level.min_age, months=level.duration_months),
        ]
        lines += [
            f"• {t(f'direction-{d.value}')}: {describe_requirement(t, req)}" for d, req in level.requirements.items()
        ]
    return lines


def shipped_text(year: int) -> str | None:
    found = resources.files("core.data.rules") / f"{year}.yaml"
    return found.read_text(encoding="utf-8") if found.is_file() else None


async def show(message: Message, state: FSMContext, t: Translator, staff: Staff, policy: Policy) -> None:
    active_staff(staff, Role.OPERATOR)
    await state.clear()
    since = policy.rules_since
    source = t("rules-source-operator", day=f"{since:%d.%m.%Y}") if since else t("rules-source-file")
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(t("button-rules-file"), RulesCb(action="file")),
                button(t("button-rules-send"), RulesCb(action="send")),
            ]
        ]
    )
    await message.answer("\n".join([*summary(t, policy.rules), "", source]), reply_markup=markup)


async def show_from_menu(query: CallbackQuery, state: FSMContext, t: Translator, staff: Staff, policy: Policy) -> None:
    """«📜 Programme rules» in Administration: the same as `/rules`."""
    await query.answer()
    if isinstance(query.message, Message):
        await show(query.message, state, t, staff, policy)


async def send_file(query: CallbackQuery, t: Translator, uow: Holder, staff: Staff, policy: Policy) -> None:
    text = await programme_rules.current_text(uow, staff, policy) or shipped_text(policy.rules.year)
    await query.answer()
    if text is not None and isinstance(query.message, Message):
        document = BufferedInputFile(text.encode(), f"rules-{policy.rules.year}.yaml")
        await query.message.answer_document(document, caption=t("rules-file-caption"))


async def ask_file(query: CallbackQuery, state: FSMContext, t: Translator, staff: Staff) -> None:
    active_staff(staff, Role.OPERATOR)
    await state.set_state(RulesFlow.file)
    await query.answer()
    if isinstance(query.message, Message):
        cancel = InlineKeyboardMarkup(inline_keyboard=[[button(t("button-cancel"), RulesCb(action="cancel"))]])
        await query.message.answer(t("rules-ask-file"), reply_markup=cancel)


async def got_file(
    message: Message, bot: Bot, state: FSMContext, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    """Checked as soon as it arrives; a file that is not one is explained and another asked for."""
    assert message.document is not None
    if (message.document.file_size or 0) > programme_rules.MAX_BYTES:
        await message.answer(t("rules-too-big", limit=programme_rules.MAX_BYTES // 1024))
        return
    try:
        checked = await programme_rules.check(uow, staff, await download(bot, message.document.file_id), policy)
    except DomainError as error:
        await message.answer(t(error.key, **error.params) + "\n" + t("rules-ask-again"))
        return
    except DownloadFailed:
        await message.answer(t("rules-download-failed"))
        return
    await state.set_state(RulesFlow.confirm)
    await state.update_data(file_id=message.document.file_id)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(t("button-rules-apply"), RulesCb(action="apply")),
                button(t("button-cancel"), RulesCb(action="cancel")),
            ]
        ]
    )
    lines = [*summary(t, checked.rules), "", t("rules-confirm", plans=checked.plans)]
    await message.answer("\n".join(lines), reply_markup=markup)


async def not_a_file(message: Message, t: Translator) -> None:
    await message.answer(t("rules-ask-file"))


async def apply(
    query: CallbackQuery, bot: Bot, state: FSMContext, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    """Fetched again and checked again: the participants may have changed since the preview."""
    file_id = (await state.get_data()).get("file_id")
    if await state.get_state() != RulesFlow.confirm.state or not file_id:
        raise DomainError("rules-stale")
    try:
        data = await download(bot, file_id)
    except DownloadFailed:
        raise DomainError("rules-download-failed") from None
    done = await programme_rules.put_in_force(uow, staff, data, policy.now(), policy)
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("rules-in-force", year=str(done.rules.year), recounted=done.recounted))


async def cancel(query: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("rules-cancelled"))


def router() -> Router:
    r = Router(name="operator-rules")
    r.message.filter(RoleFilter(Role.OPERATOR))
    r.callback_query.filter(RoleFilter(Role.OPERATOR))
    r.message.register(show, Command("rules"))
    r.callback_query.register(show_from_menu, RulesCb.filter(F.action == "show"))
    r.callback_query.register(send_file, RulesCb.filter(F.action == "file"))
    r.callback_query.register(ask_file, RulesCb.filter(F.action == "send"))
    r.callback_query.register(apply, RulesCb.filter(F.action == "apply"))
    r.callback_query.register(cancel, RulesCb.filter(F.action == "cancel"))
    r.message.register(got_file, RulesFlow.file, F.document)
    r.message.register(not_a_file, RulesFlow.file)
    return r
