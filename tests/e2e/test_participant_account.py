"""Language, /mydata (see, download, erase) and withdrawing an application."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.callbacks import DataCb, LangCb, MyAppCb
from core.programme import Role
from storage.models import Application, AuditRecord, User
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import become_staff, first_contact, last_text, start_application, submitted


async def test_language_follows_telegram_then_the_choice(world: World) -> None:
    user = world.emu.user(4001, "Ainur", language_code="ru-RU")
    await user.send_command("start")
    assert plain(tr("ru")("welcome")) in user.messages[0].text
    assert user.reply_keyboard is not None and any(tr("ru")("menu-application") in row for row in user.reply_keyboard)
    await user.click(data=LangCb(code="en").pack())
    await user.send_command("help")
    assert plain(tr("en")("help-participant")) in last_text(user)
    stranger = world.emu.user(4002, "Hans", language_code="de")
    await stranger.send_command("start")
    assert plain(tr("kk")("welcome")) in stranger.messages[0].text


async def test_forged_language_refused(world: World) -> None:
    user = world.emu.user(4003, "A", language_code="en")
    await user.send_command("start")
    answer = await user.forge_click("lang:xx", user.last.message_id)
    assert answer is not None and answer.text == plain(tr("en")("error-stale-button"))
    async with world.sessions() as session:
        assert (await session.get(User, 4003)).locale == "en"  # type: ignore[union-attr]


async def with_mentor(world: World, user_id: int, locale: str = "en") -> Application:
    await become_staff(world, 700 + user_id % 100, locale, Role.MENTOR, "Mentor Zeta", centre="astana-youth")
    await submitted(world, user_id, locale, 700 + user_id % 100)
    app = await world.application(user_id)
    assert app is not None
    return app


async def test_mydata_shows_downloads_and_erases(world: World) -> None:
    t = tr("en")
    app = await with_mentor(world, 4004)
    user = world.emu.user(4004, "Applicant")
    await user.send_command("mydata")
    assert "Applications: 1." in last_text(user)
    assert plain(t("my-data-application", level=t("level-bronze"), year="2026", status=t("status-under-review"))) in (
        last_text(user)
    )
    await user.click(data=DataCb(action="file").pack())
    document = user.last
    assert document.media == "document" and document.data["document"]["file_name"] == "my-data.json"
    data = json.loads(world.emu.state.files.get(document.file_id).data)  # type: ignore[union-attr]
    assert data["account"]["telegram_id"] == 4004
    assert data["applications"][0]["full_name"] == "Абайұлы Нұрлан Серікұлы"
    assert data["applications"][0]["phone"] == "+77010000000"
    first = data["applications"][0]["history"][0]
    assert (first["entity"], first["from"], first["to"], first["reason"]) == ("application", "draft", "submitted", None)

    await user.click(data=DataCb(action="erase").pack())
    assert plain(t("erase-confirm")) in last_text(user)
    await user.click(data=DataCb(action="erase-yes").pack())
    assert plain(t("erased-bye")) in last_text(user)

    async with world.sessions() as session:
        kept = await session.get(Application, app.id)
        assert kept is not None and kept.user_id is None and kept.anonymised_at is not None
        assert kept.status == "withdrawn" and kept.level == "bronze"
        assert (kept.full_name, kept.phone, kept.birth_date, kept.photo_file_id, kept.about) == (None,) * 5
        assert await session.get(User, 4004) is None
        actors = set(await session.scalars(select(AuditRecord.actor_id).where(AuditRecord.entity_id == app.id)))
        assert 4004 not in actors


async def test_erase_can_be_cancelled(world: World) -> None:
    user = world.emu.user(4005, "A", language_code="ru")
    await first_contact(user, "ru")
    await start_application(user, "ru")
    await user.send_text(tr("ru")("menu-my-data"))
    await user.click(data=DataCb(action="erase").pack())
    await user.click(data=DataCb(action="keep").pack())
    assert plain(tr("ru")("kept")) in last_text(user)
    assert await world.application(4005) is not None


async def test_withdraw_asks_first(world: World) -> None:
    t = tr("kk")
    app = await with_mentor(world, 4006, "kk")
    user = world.emu.user(4006, "Applicant")
    await user.send_text(t("menu-application"))
    await user.click(data=MyAppCb(action="withdraw", app_id=app.id).pack())
    assert plain(t("withdraw-confirm")) in last_text(user)
    await user.click(data=MyAppCb(action="keep", app_id=app.id).pack())
    assert (await world.application(4006)).status == "under_review"  # type: ignore[union-attr]
    await user.click(data=MyAppCb(action="withdraw", app_id=app.id).pack())
    confirmation = user.last.message_id
    await user.click(data=MyAppCb(action="withdraw-yes", app_id=app.id).pack())
    assert (await world.application(4006)).status == "withdrawn"  # type: ignore[union-attr]
    again = await user.forge_click(MyAppCb(action="withdraw-yes", app_id=app.id).pack(), confirmation)
    assert again is not None and again.text == plain(
        t("error-illegal-transition", current="withdrawn", target="withdrawn")
    )
    other = world.emu.user(4007, "Other", language_code="kk")
    await other.send_command("start")
    answer = await other.forge_click(MyAppCb(action="withdraw-yes", app_id=app.id).pack(), other.last.message_id)
    assert answer is not None and answer.text == plain(t("error-bad-button"))
    # A new application can be started after withdrawing.
    await user.send_text(t("menu-application"))
    assert plain(t("ask-consent")) in last_text(user)


async def test_guardian_link_can_be_renewed(world: World) -> None:
    t = tr("ru")
    await become_staff(world, 750, "ru", Role.MENTOR, "Наставник Один", centre="astana-youth")
    user = await submitted(world, 4008, "ru", 750, birth="01.01.2010")
    old = last_text(user).split("?start=")[1].split()[0]
    app = await world.application(4008)
    assert app is not None
    await user.send_text(t("menu-application"))
    await user.click(data=MyAppCb(action="guardian", app_id=app.id).pack())
    new = last_text(user).split("?start=")[1].split()[0]
    assert new != old
    parent = world.emu.user(4009, "Parent", language_code="ru")
    await parent.send_command("start", old)
    assert plain(t("error-link-expired")) in last_text(parent)
    await parent.send_command("start", new)
    assert plain(t("guardian-intro", name=app.full_name)) in last_text(parent)
