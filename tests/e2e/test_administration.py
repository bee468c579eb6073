"""The operator's administration from the bot (R6.6): catalogue edits that applicants see at once, assignments,
and a deactivated mentor whose participants pass to their expert; nobody else may administer."""

from __future__ import annotations

from typing import Any

from bot.callbacks import CatalogueAdminCb, DiaryCb, StaffAdminCb
from core.programme import Role
from storage.models import Book, Region
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import activated, ap, become_staff, first_contact, last_text, mn, shown, start_application

OPERATOR, EXPERT, OTHER_EXPERT, MENTOR = 700, 701, 702, 703
NAME = "Абайұлы Нұрлан Серікұлы"


async def operator_of(world: World, locale: str = "en") -> Any:
    return await become_staff(world, OPERATOR, locale, Role.OPERATOR, "Operator Person")


async def open_catalogue(operator: Any, t: Any, kind: str) -> None:
    await operator.send_text(t("menu-administration"))
    assert plain(t("admin-home")) in last_text(operator)
    await operator.click(text=t("button-admin-catalogue"))
    await operator.click(text=t(f"admin-kind-{kind}"))


async def row(world: World, model: type[Any], code: str) -> Any:
    async with world.sessions() as session:
        return await session.get(model, code)


def book_buttons(user: Any) -> list[str]:
    return [text for r in user.last.buttons for text, data in r if data.startswith("dy:book:")]


async def test_operator_adds_a_book_and_renames_a_region(world: World) -> None:
    t = tr("en")
    operator = await operator_of(world)
    mentor = await become_staff(world, MENTOR, "en", Role.MENTOR, "Mentor Person", centre="astana-youth")

    await open_catalogue(operator, t, "book")
    await operator.click(text=t("book-section-1"))
    await operator.click(text=t("button-admin-add"))
    assert plain(t("admin-ask-code", kind=t("admin-kind-book"))) in last_text(operator)
    await operator.send_text("Новая книга")
    assert plain(t("admin-error-code")) in last_text(operator)
    await operator.send_text("auezov-path-of-abai")
    assert plain(t("admin-error-code-taken")) in last_text(operator)
    await operator.send_text("test-kids-of-steppe")
    assert plain(t("admin-ask-names")) in last_text(operator)
    await operator.send_text("Дала балалары\nДети степи")
    assert plain(t("admin-error-names")) in last_text(operator)
    await operator.send_text("Дала балалары\nДети степи\nChildren of the Steppe")
    assert plain(t("admin-ask-section")) in last_text(operator)
    await operator.send_text("1")
    assert plain(t("admin-use-buttons")) in last_text(operator)
    await operator.click(text=t("book-section-1"))
    assert plain(t("admin-ask-authors")) in last_text(operator)
    await operator.send_text("Сәкен Сейфуллин\nСакен Сейфуллин\nSaken Seifullin")
    assert plain(t("admin-confirm-add", kind=t("admin-kind-book"))) in last_text(operator)
    assert await row(world, Book, "test-kids-of-steppe") is None
    await operator.click(text=t("button-admin-save"))
    assert plain(t("admin-added")) in last_text(operator)
    book = await row(world, Book, "test-kids-of-steppe")
    assert (book.section, book.title_en, book.author_kk, book.active) == (
        1,
        "Children of the Steppe",
        "Сәкен Сейфуллин",
        True,
    )

    await open_catalogue(operator, t, "region")
    await operator.click(text="Astana city")
    await operator.click(text=t("button-admin-rename"))
    await operator.send_text("Елорда\nСтолица\nThe Capital")
    assert plain(t("admin-renamed")) in last_text(operator)
    assert (await row(world, Region, "astana")).name_ru == "Столица"

    # A new applicant is offered the new name; an active participant the new book.
    applicant = world.emu.user(7101, "Applicant", language_code="en")
    await first_contact(applicant, "en")
    await start_application(applicant, "en")
    user, _ = await activated(world, 7102, "en", mentor, MENTOR)
    await user.send_text(t("menu-add-entry"))
    await user.click(data=DiaryCb(action="dir", value="reading").pack())
    await user.click(data=DiaryCb(action="section", value="1").pack())
    assert "Children of the Steppe — Saken Seifullin" in book_buttons(user)

    # Retired: no longer offered, after a confirmation.
    await open_catalogue(operator, t, "book")
    await operator.click(text=t("book-section-1"))
    while "Children of the Steppe" not in operator.inline_buttons():
        await operator.click(text="▶")
    await operator.click(text="Children of the Steppe")
    await operator.click(text=t("button-admin-deactivate"))
    assert plain(t("admin-confirm-deactivate", name="Children of the Steppe")) in last_text(operator)
    await operator.click(text=t("button-admin-yes"))
    assert not (await row(world, Book, "test-kids-of-steppe")).active
    await user.forge_click(DiaryCb(action="section", value="1").pack(), user.last.message_id)
    assert "Children of the Steppe — Saken Seifullin" not in book_buttons(user)
    assert book_buttons(user)


async def test_a_renamed_and_a_retired_region_in_the_application(world: World) -> None:
    t = tr("ru")
    operator = await operator_of(world, "ru")
    await open_catalogue(operator, t, "region")
    await operator.click(text="город Астана")
    await operator.click(text=t("button-admin-rename"))
    await operator.send_text("Елорда\nСтолица\nThe Capital")
    await open_catalogue(operator, t, "region")
    await operator.click(text="область Абай")
    await operator.click(text=t("button-admin-deactivate"))
    await operator.click(text=t("button-cancel"))
    assert (await row(world, Region, "abai")).active
    await operator.click(text=t("button-admin-deactivate"))
    await operator.click(text=t("button-admin-yes"))
    assert not (await row(world, Region, "abai")).active

    user = world.emu.user(7201, "Applicant", language_code="ru")
    await first_contact(user, "ru")
    await start_application(user, "ru")
    await user.send_text(NAME)
    await user.send_text("01.01.2001")
    await user.send_contact("+7 701 000 00 00")
    await user.send_photo(b"\x89PNG portrait")
    assert plain(t("ask-region")) in last_text(user)
    regions = [text for r in user.last.buttons for text, data in r if (data or "").startswith(ap("region", "pick"))]
    assert "Столица" in regions and "город Астана" not in regions and "область Абай" not in regions


async def test_a_deactivated_mentors_participants_pass_to_their_expert(world: World) -> None:
    t = tr("en")
    operator = await operator_of(world)
    expert = await become_staff(world, EXPERT, "en", Role.EXPERT, "Expert Person")
    mentor = await become_staff(
        world, MENTOR, "en", Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT
    )
    user, app_id = await activated(world, 7301, "en", mentor, MENTOR)

    await operator.send_text(t("menu-administration"))
    await operator.click(text=t("button-admin-staff"))
    await operator.click(text=t("role-mentor"))
    await operator.click(text="Mentor Person")
    assert plain(t("admin-staff-expert", name="Expert Person")) in last_text(operator)
    await operator.click(text=t("button-admin-deactivate"))
    assert plain(t("admin-confirm-staff-deactivate-mentor", name="Mentor Person")) in last_text(operator)
    await operator.click(text=t("button-admin-yes"))
    assert plain(t("admin-staff-deactivated")) in last_text(operator)
    assert plain(t("admin-staff-inactive")) in last_text(operator)
    staff = await world.staff(MENTOR)
    assert staff is not None and not staff.active and staff.substitute_id == EXPERT

    # The expert takes the participants over, and their entries come to the expert.
    assert plain(t("admin-deactivated-expert-news", name="Mentor Person")) in last_text(expert)
    await expert.click(text=t("button-absence-keep"))
    await expert.send_text(t("menu-my-mentors"))
    await expert.click(text=plain(t("sv-mentor-row", name="Mentor Person", count=1)))
    assert NAME in " ".join(expert.inline_buttons())
    answer = await expert.forge_click(mn("card", app_id), expert.last.message_id)
    assert answer is not None and not answer.text
    assert shown(expert, "card-title", "en", name=NAME, status=t("status-active"))

    # The former mentor has the plain menu, and their old buttons are refused.
    await mentor.send_text(t("menu-my-participants"))
    assert plain(t("use-menu")) in last_text(mentor)
    keyboard = [str(b) for r in mentor.reply_keyboard or [] for b in r]
    assert t("menu-my-participants") not in keyboard and t("menu-language") in keyboard
    answer = await mentor.forge_click(mn("card", app_id), mentor.last.message_id)
    assert answer is not None and answer.text == plain(t("error-stale-button"))

    # Reactivated: the role comes back, the participants stay with the expert until the mentor is back.
    await operator.click(text=t("button-admin-reactivate"))
    await operator.click(text=t("button-admin-yes"))
    assert plain(t("admin-staff-reactivated")) in last_text(operator)
    await mentor.send_command("start")
    keyboard = [str(b) for r in mentor.reply_keyboard or [] for b in r]
    assert t("menu-my-participants") in keyboard
    staff = await world.staff(MENTOR)
    assert staff is not None and staff.active and staff.substitute_id == EXPERT
    await mentor.send_text(t("menu-absence"))
    assert plain(t("absence-status", substitute="Expert Person")) in last_text(mentor)


async def test_the_operator_assigns_an_expert_and_both_are_told(world: World) -> None:
    t = tr("en")
    operator = await operator_of(world)
    first = await become_staff(world, EXPERT, "en", Role.EXPERT, "First Expert")
    second = await become_staff(world, OTHER_EXPERT, "kk", Role.EXPERT, "Second Expert")
    mentor = await become_staff(
        world, MENTOR, "ru", Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT
    )
    await operator.send_text(t("menu-administration"))
    await operator.click(text=t("button-admin-staff"))
    await operator.click(text=t("role-mentor"))
    await operator.click(text="Mentor Person")
    await operator.click(text=t("button-admin-assign-expert"))
    assert "✅ First Expert" in operator.inline_buttons()
    await operator.click(text="Second Expert")
    assert plain(t("admin-assigned")) in last_text(operator)
    assert (await world.staff(MENTOR)).expert_id == OTHER_EXPERT  # type: ignore[union-attr]
    assert plain(tr("ru")("admin-expert-assigned-news", name="Second Expert")) in last_text(mentor)
    assert plain(tr("kk")("admin-mentor-assigned-news", name="Mentor Person")) in last_text(second)
    assert not shown(first, "admin-mentor-assigned-news", "en", name="Mentor Person")

    await operator.send_text(t("menu-administration"))
    await operator.click(text=t("button-admin-staff"))
    await operator.click(text=t("role-expert"))
    await operator.click(text="Second Expert")
    await operator.click(text=t("button-admin-assign-region"))
    assert "⭐ Astana city" in operator.inline_buttons()
    await operator.click(text="Abai Region")
    assert plain(t("admin-assigned")) in last_text(operator)
    assert (await world.staff(OTHER_EXPERT)).region_code == "abai"  # type: ignore[union-attr]
    assert plain(tr("kk")("admin-region-assigned-news", region="Абай облысы")) in last_text(second)


async def test_only_the_operator_administers(world: World) -> None:
    t = tr("en")
    operator = await operator_of(world)
    mentor = await become_staff(world, MENTOR, "en", Role.MENTOR, "Mentor Person", centre="astana-youth")
    someone = world.emu.user(7501, "Someone", language_code="en")
    await first_contact(someone, "en")
    await someone.send_text(t("menu-administration"))
    assert plain(t("use-menu")) in last_text(someone)
    for data in (
        CatalogueAdminCb(action="offy", kind="region", code="astana"),
        CatalogueAdminCb(action="kinds"),
        StaffAdminCb(action="offy", user_id=OPERATOR),
        StaffAdminCb(action="list", role="operator"),
    ):
        answer = await mentor.forge_click(data.pack(), mentor.last.message_id)
        assert answer is not None and answer.text == plain(t("error-stale-button"))
    assert (await row(world, Region, "astana")).active
    assert (await world.staff(OPERATOR)).active  # type: ignore[union-attr]

    # The operator's own forged buttons are checked too.
    for data, key in (
        (CatalogueAdminCb(action="offy", kind="staff", code="astana"), "error-bad-button"),
        (CatalogueAdminCb(action="item", kind="book", code="no-such-book"), "error-not-allowed"),
        (StaffAdminCb(action="offy", user_id=OPERATOR), "admin-error-self"),
        (StaffAdminCb(action="list", role="participant"), "error-not-allowed"),
        (StaffAdminCb(action="expert", user_id=MENTOR, value="x1"), "error-bad-button"),
    ):
        answer = await operator.forge_click(data.pack(), operator.last.message_id)
        assert answer is not None and answer.text == plain(t(key)), data
    # A form button outside its step is stale.
    answer = await operator.forge_click(CatalogueAdminCb(action="save").pack(), operator.last.message_id)
    assert answer is not None and answer.text == plain(t("error-stale-button"))
