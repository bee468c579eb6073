"""«👤 My profile» of every staff member: asked after the invitation, question by question, each skippable and
completed later; each field edited from the profile screen; a mentor's and an expert's documents (R8.2).

The rules (what a field accepts, which files are documents, who may see them) are `core/staff_profiles.py`.
"""

from __future__ import annotations

from contextlib import suppress

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Filter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, Message

from bot.callbacks import ProfileCb, StaffCardCb
from bot.contacts import share_phone_keyboard
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import MENUS, button, columns, languages, main_menu
from bot.staff.cards import profile_lines
from core import staff_profiles
from core.access import DOCUMENT_OWNERS
from core.errors import DomainError
from core.policy import Policy
from core.ports import StaffRecord
from core.profile import normalise_phone
from core.programme import STAFF_ROLES, Role
from core.staff_profiles import DOCUMENT_KINDS, FIELDS, Profile, Upload
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff


class ProfileFlow(StatesGroup):
    photo = State()
    full_name = State()
    phone = State()
    region = State()
    organisation = State()
    bio = State()
    document = State()


STATES = {
    "photo": ProfileFlow.photo,
    "full_name": ProfileFlow.full_name,
    "phone": ProfileFlow.phone,
    "region": ProfileFlow.region,
    "organisation": ProfileFlow.organisation,
    "bio": ProfileFlow.bio,
}
EXPECTED = {
    "photo": "error-profile-photo-expected",
    "full_name": "error-profile-text-expected",
    "phone": "error-contact-expected",
    "region": "error-profile-region-expected",
    "organisation": "error-profile-text-expected",
    "bio": "error-profile-text-expected",
}


class NotMenu(Filter):
    """A message that is neither a command nor one of the role's menu buttons: those leave a question for their
    own screen, whichever router (before or after this one) handles them."""

    async def __call__(self, message: Message, t: Translator, role: Role) -> bool:
        text = message.text or ""
        return not text.startswith("/") and text not in {t(key) for row in MENUS.get(role, ()) for key in row}


def key(field: str) -> str:
    return field.replace("_", "-")


async def show(message: Message, t: Translator, uow: Holder, profile: Profile, intro: str | None = None) -> None:
    """The profile screen: every field, an edit button for each, the documents, and completing what is missing."""
    lines = [intro] if intro else []
    lines += [t("profile-title"), *await profile_lines(t, uow, profile, own=True)]
    edit = [button(t(f"button-profile-edit-{key(f)}"), ProfileCb(action="edit", value=f)) for f in FIELDS]
    rows = columns(edit)
    if profile.missing:
        lines.append(t("profile-missing", count=len(profile.missing)))
        rows.append([button(t("button-profile-complete"), ProfileCb(action="complete"))])
    if profile.staff.role in DOCUMENT_OWNERS:
        rows.append([button(t("button-profile-documents"), ProfileCb(action="docs"))])
    rows.append([button(t("button-profile-language"), ProfileCb(action="language"))])
    if profile.profile is not None and profile.profile.photo_file_id:
        await message.answer_photo(profile.profile.photo_file_id, caption=profile.staff.full_name or "")
    await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def ask(
    message: Message,
    state: FSMContext,
    t: Translator,
    uow: Holder,
    field: str,
    *,
    round_: bool,
    intro: str | None = None,
) -> None:
    """One question; in a round (first entry, completing later) with Skip and Later, alone with Back."""
    text = t("profile-ask-bio", limit=staff_profiles.BIO_MAX) if field == "bio" else t(f"profile-ask-{key(field)}")
    if intro:
        text = intro + "\n\n" + text
    await state.set_state(STATES[field])
    await state.update_data(field=field, round=round_, asked=None)
    if field == "phone":
        labels = ("button-profile-skip", "button-profile-later") if round_ else ("button-back",)
        await message.answer(text, reply_markup=share_phone_keyboard(t, *(KeyboardButton(text=t(k)) for k in labels)))
        return
    rows: list[list[InlineKeyboardButton]] = []
    if field == "region":
        regions = await uow.catalogue.regions()
        rows = columns([button(t.name(r), ProfileCb(action="region", value=r.code)) for r in regions])
    if round_:
        rows.append(
            [
                button(t("button-profile-skip"), ProfileCb(action="skip", value=field)),
                button(t("button-profile-later"), ProfileCb(action="later", value=field)),
            ]
        )
    else:
        rows.append([button(t("button-back"), ProfileCb(action="back", value=field))])
    sent = await message.answer(text, reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))
    await state.update_data(asked=sent.message_id)


async def close_question(message: Message, state: FSMContext) -> None:
    """Removes the buttons of the question just answered by a message, so they cannot be pressed later."""
    asked = (await state.get_data()).get("asked")
    if asked and message.bot is not None:
        with suppress(TelegramBadRequest):
            await message.bot.edit_message_reply_markup(chat_id=message.chat.id, message_id=asked, reply_markup=None)


async def begin(
    message: Message, state: FSMContext, t: Translator, uow: Holder, staff: StaffRecord, intro: str
) -> None:
    """Right after the name a new staff member gave: the first unanswered question, or the menu when none is."""
    profile = await staff_profiles.profile_of(uow, staff)
    question = profile.next_question()
    if question is None:
        await state.clear()
        await message.answer(intro, reply_markup=main_menu(t, Role(staff.role)))
        return
    await ask(message, state, t, uow, question, round_=True, intro=intro + "\n\n" + t("profile-first-entry"))


async def advance(
    message: Message, state: FSMContext, t: Translator, uow: Holder, profile: Profile, field: str, saved: bool
) -> None:
    """After an answer (or a skip): the next question of the round, else the profile screen."""
    await close_question(message, state)
    data = await state.get_data()
    if data.get("round"):
        question = profile.next_question(field)
        if question is not None:
            await ask(message, state, t, uow, question, round_=True, intro=t("profile-saved") if saved else None)
            return
    await state.clear()
    intro = t("profile-done") if data.get("round") else t("profile-saved")
    await show(message, t, uow, profile, intro)


async def my_profile(message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff) -> None:
    await state.clear()
    await show(message, t, uow, await staff_profiles.profile_of(uow, staff))


async def edit(
    query: CallbackQuery, callback_data: ProfileCb, state: FSMContext, t: Translator, uow: Holder, staff: Staff
) -> None:
    if callback_data.value not in FIELDS:
        raise DomainError("error-bad-button")
    await staff_profiles.profile_of(uow, staff)
    await query.answer()
    if isinstance(query.message, Message):
        await ask(query.message, state, t, uow, callback_data.value, round_=False)


async def complete(query: CallbackQuery, state: FSMContext, t: Translator, uow: Holder, staff: Staff) -> None:
    profile = await staff_profiles.profile_of(uow, staff)
    question = profile.next_question()
    await query.answer()
    if not isinstance(query.message, Message):
        return
    if question is None:
        await show(query.message, t, uow, profile)
        return
    await ask(query.message, state, t, uow, question, round_=True)


async def current_field(state: FSMContext, field: str) -> None:
    """A Skip, Later, Back or region button belongs to the question being asked; any other is stale."""
    if field not in STATES or await state.get_state() != STATES[field].state:
        raise DomainError("error-stale-button")


async def skip(
    query: CallbackQuery, callback_data: ProfileCb, state: FSMContext, t: Translator, uow: Holder, staff: Staff
) -> None:
    await current_field(state, callback_data.value)
    profile = await staff_profiles.profile_of(uow, staff)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
        await advance(query.message, state, t, uow, profile, callback_data.value, saved=False)


async def later(query: CallbackQuery, callback_data: ProfileCb, state: FSMContext, t: Translator, role: Role) -> None:
    await current_field(state, callback_data.value)
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
        await query.message.answer(t("profile-later"), reply_markup=main_menu(t, role))


async def back(
    query: CallbackQuery, callback_data: ProfileCb, state: FSMContext, t: Translator, uow: Holder, staff: Staff
) -> None:
    await current_field(state, callback_data.value)
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
        await show(query.message, t, uow, await staff_profiles.profile_of(uow, staff))


async def got_photo(message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff) -> None:
    assert message.photo
    profile = await staff_profiles.set_photo(uow, staff, message.photo[-1].file_id)
    await advance(message, state, t, uow, profile, "photo", saved=True)


async def got_name(message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff) -> None:
    profile = await staff_profiles.set_name(uow, staff, message.text or "")
    await advance(message, state, t, uow, profile, "full_name", saved=True)


async def got_contact(
    message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff, role: Role
) -> None:
    contact = message.contact
    assert contact is not None
    profile = await staff_profiles.set_phone(uow, staff, contact.user_id, normalise_phone(contact.phone_number))
    await message.answer(t("profile-phone-saved"), reply_markup=main_menu(t, role))
    await advance(message, state, t, uow, profile, "phone", saved=False)


async def phone_text(message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff, role: Role) -> None:
    """The reply keyboard's Skip, Later and Back; any other text is not a shared contact."""
    data = await state.get_data()
    text = message.text or ""
    if data.get("round") and text == t("button-profile-skip"):
        await message.answer(t("profile-skipped"), reply_markup=main_menu(t, role))
        await advance(message, state, t, uow, await staff_profiles.profile_of(uow, staff), "phone", saved=False)
    elif data.get("round") and text == t("button-profile-later"):
        await close_question(message, state)
        await state.clear()
        await message.answer(t("profile-later"), reply_markup=main_menu(t, role))
    elif not data.get("round") and text == t("button-back"):
        await state.clear()
        await message.answer(t("profile-unchanged"), reply_markup=main_menu(t, role))
        await show(message, t, uow, await staff_profiles.profile_of(uow, staff))
    else:
        raise DomainError("error-contact-expected")


async def got_region(
    query: CallbackQuery, callback_data: ProfileCb, state: FSMContext, t: Translator, uow: Holder, staff: Staff
) -> None:
    await current_field(state, "region")
    profile = await staff_profiles.set_region(uow, staff, callback_data.value)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
        await advance(query.message, state, t, uow, profile, "region", saved=True)


async def got_organisation(message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff) -> None:
    profile = await staff_profiles.set_organisation(uow, staff, message.text)
    await advance(message, state, t, uow, profile, "organisation", saved=True)


async def got_bio(message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff) -> None:
    profile = await staff_profiles.set_bio(uow, staff, message.text)
    await advance(message, state, t, uow, profile, "bio", saved=True)


async def unexpected(message: Message, state: FSMContext) -> None:
    """Something other than the question asks for: a file for a text, a text for a photo."""
    data = await state.get_data()
    raise DomainError(EXPECTED.get(str(data.get("field")), "error-profile-text-expected"))


async def unexpected_document(message: Message) -> None:
    raise DomainError("error-profile-doc-type")


async def language(query: CallbackQuery, t: Translator) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(t("choose-language"), reply_markup=languages())


async def documents_screen(
    message: Message, t: Translator, uow: Holder, staff: Staff, intro: str | None = None
) -> None:
    owner = staff_profiles.document_owner(staff)
    docs = await uow.profiles.documents(owner.user_id)
    lines = [intro] if intro else []
    lines.append(t("profile-docs-title", count=len(docs), max=staff_profiles.DOCUMENTS_MAX))
    rows = []
    for doc in docs:
        label = t(
            "button-profile-doc-delete",
            kind=t(f"profile-doc-kind-{doc.kind}"),
            date=doc.uploaded_at.strftime("%d.%m.%Y"),
        )
        rows.append([button(label, ProfileCb(action="delete", value=str(doc.id)))])
    if docs:
        rows.append([button(t("button-profile-docs-show"), StaffCardCb(action="docs", target=owner.user_id))])
    rows += columns(
        [button(t(f"button-profile-doc-add-{kind}"), ProfileCb(action="add", value=kind)) for kind in DOCUMENT_KINDS]
    )
    rows.append([button(t("button-back"), ProfileCb(action="profile"))])
    await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def documents(query: CallbackQuery, state: FSMContext, t: Translator, uow: Holder, staff: Staff) -> None:
    staff_profiles.document_owner(staff)
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
        await documents_screen(query.message, t, uow, staff)


async def to_profile(query: CallbackQuery, state: FSMContext, t: Translator, uow: Holder, staff: Staff) -> None:
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
        await show(query.message, t, uow, await staff_profiles.profile_of(uow, staff))


async def ask_document(
    query: CallbackQuery, callback_data: ProfileCb, state: FSMContext, t: Translator, staff: Staff
) -> None:
    staff_profiles.document_owner(staff)
    if callback_data.value not in DOCUMENT_KINDS:
        raise DomainError("error-bad-button")
    await state.set_state(ProfileFlow.document)
    await state.update_data(kind=callback_data.value, field=None)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
        markup = InlineKeyboardMarkup(inline_keyboard=[[button(t("button-back"), ProfileCb(action="docs"))]])
        text = t(
            "profile-doc-ask",
            kind=t(f"profile-doc-kind-{callback_data.value}"),
            mb=staff_profiles.DOCUMENT_MAX_BYTES // (1024 * 1024),
        )
        await query.message.answer(text, reply_markup=markup)


async def got_document(
    message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    """A photo or a file of the kind asked; anything else is refused and the question stays."""
    kind = str((await state.get_data()).get("kind"))
    if message.photo:
        largest = message.photo[-1]
        upload = Upload(kind, "photo", largest.file_id, largest.file_unique_id, file_size=largest.file_size)
    elif message.document:
        doc = message.document
        upload = Upload(kind, "document", doc.file_id, doc.file_unique_id, doc.file_name, doc.mime_type, doc.file_size)
    else:
        raise DomainError("error-profile-doc-type")
    await staff_profiles.add_document(uow, staff, upload, policy.now())
    await state.clear()
    await documents_screen(message, t, uow, staff, t("profile-doc-saved", kind=t(f"profile-doc-kind-{kind}")))


async def ask_delete(query: CallbackQuery, callback_data: ProfileCb, t: Translator, uow: Holder, staff: Staff) -> None:
    doc = await staff_profiles.own_document(uow, staff, doc_id(callback_data))
    await query.answer()
    if isinstance(query.message, Message):
        rows = [
            [button(t("button-profile-doc-delete-yes"), ProfileCb(action="delete-yes", value=str(doc.id)))],
            [button(t("button-keep"), ProfileCb(action="docs"))],
        ]
        await query.message.edit_text(
            t(
                "profile-doc-delete-confirm",
                kind=t(f"profile-doc-kind-{doc.kind}"),
                date=doc.uploaded_at.strftime("%d.%m.%Y"),
            ),
            reply_markup=InlineKeyboardMarkup(inline_keyboard=rows),
        )


async def delete(query: CallbackQuery, callback_data: ProfileCb, t: Translator, uow: Holder, staff: Staff) -> None:
    doc = await staff_profiles.delete_document(uow, staff, doc_id(callback_data))
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("profile-doc-deleted", kind=t(f"profile-doc-kind-{doc.kind}")))
        await documents_screen(query.message, t, uow, staff)


def doc_id(callback_data: ProfileCb) -> int:
    if not callback_data.value.isdigit() or len(callback_data.value) > 12:
        raise DomainError("error-bad-button")
    return int(callback_data.value)


def router() -> Router:
    """The profile handlers; placed after the other features' routers, so a menu button pressed in the middle
    of a question is handled by its own feature."""
    r = Router(name="staff-profile")
    r.message.filter(RoleFilter(*STAFF_ROLES))
    r.callback_query.filter(RoleFilter(*STAFF_ROLES))
    r.message.register(my_profile, MenuButton("menu-my-profile"))
    r.callback_query.register(edit, ProfileCb.filter(F.action == "edit"))
    r.callback_query.register(complete, ProfileCb.filter(F.action == "complete"))
    r.callback_query.register(skip, ProfileCb.filter(F.action == "skip"))
    r.callback_query.register(later, ProfileCb.filter(F.action == "later"))
    r.callback_query.register(back, ProfileCb.filter(F.action == "back"))
    r.callback_query.register(got_region, ProfileCb.filter(F.action == "region"))
    r.callback_query.register(language, ProfileCb.filter(F.action == "language"))
    r.callback_query.register(documents, ProfileCb.filter(F.action == "docs"))
    r.callback_query.register(to_profile, ProfileCb.filter(F.action == "profile"))
    r.callback_query.register(ask_document, ProfileCb.filter(F.action == "add"))
    r.callback_query.register(ask_delete, ProfileCb.filter(F.action == "delete"))
    r.callback_query.register(delete, ProfileCb.filter(F.action == "delete-yes"))
    r.message.register(got_photo, ProfileFlow.photo, F.photo)
    r.message.register(got_name, ProfileFlow.full_name, F.text, NotMenu())
    r.message.register(got_contact, ProfileFlow.phone, F.contact)
    r.message.register(phone_text, ProfileFlow.phone, F.text, NotMenu())
    r.message.register(got_organisation, ProfileFlow.organisation, F.text, NotMenu())
    r.message.register(got_bio, ProfileFlow.bio, F.text, NotMenu())
    r.message.register(got_document, ProfileFlow.document, F.photo | F.document)
    r.message.register(unexpected, StateFilter(*STATES.values()), NotMenu())
    r.message.register(unexpected_document, ProfileFlow.document, NotMenu())
    return r
