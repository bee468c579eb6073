"""User journeys shared by the end-to-end tests: each step asserts what the user was shown."""

from __future__ import annotations

from typing import Any

from bot.callbacks import AppCb, LangCb, MentorCb
from core.programme import Role
from tests.e2e.conftest import World, plain, tr


def ap(step: str, action: str, value: str = "") -> str:
    return AppCb(step=step, action=action, value=value).pack()


def shown(user: Any, key: str, locale: str, **args: Any) -> bool:
    """Whether any non-deleted bot message in the chat shows this text."""
    text = plain(tr(locale)(key, **args))
    return any(text in (m.text or m.caption or "") for m in user.messages)


def last_text(user: Any) -> str:
    return user.last.text or user.last.caption or ""


async def first_contact(user: Any, locale: str) -> None:
    await user.send_command("start")
    await user.click(data=LangCb(code=locale).pack())
    assert plain(tr(locale)("language-set")) in last_text(user)


async def start_application(user: Any, locale: str) -> None:
    await user.send_text(tr(locale)("menu-application"))
    assert plain(tr(locale)("ask-consent")) in last_text(user)
    await user.click(data=ap("consent", "consent", "yes"))
    assert plain(tr(locale)("ask-full-name")) in last_text(user)


async def fill_profile(
    user: Any,
    locale: str,
    *,
    birth: str = "15.05.2000",
    region: str = "astana",
    locality: str = "astana",
    study: str = "Nazarbayev University",
    full_name: str = "Абайұлы Нұрлан Серікұлы",
    phone: str = "+7 701 000 00 00",
    about: str = "I like to help people & learn <new> things",
    hobbies: str = "chess, dombra",
) -> None:
    """From the full name to the hobbies, each answer moving to the next question."""
    t = tr(locale)
    await user.send_text(full_name)
    assert plain(t("ask-birth-date")) in last_text(user)
    await user.send_text(birth)
    assert plain(t("ask-phone")) in last_text(user)
    await user.send_contact(phone)
    assert plain(t("ask-photo")) in last_text(user)
    await user.send_photo(b"\x89PNG portrait")
    assert plain(t("ask-region")) in last_text(user)
    await user.click(data=ap("region", "pick", region))
    assert plain(t("ask-locality")) in last_text(user)
    await user.click(data=ap("locality", "pick", locality))
    assert plain(t("ask-study-place")) in last_text(user)
    await user.send_text(study)
    assert plain(t("ask-about")) in last_text(user)
    await user.send_text(about)
    assert plain(t("ask-hobbies")) in last_text(user)
    await user.send_text(hobbies)
    assert plain(t("ask-level")) in last_text(user)


async def choose_programme(
    user: Any,
    locale: str,
    *,
    level: str,
    extra: tuple[str, ...] = (),
    choices: tuple[tuple[str, str], ...] = (),
    partners: tuple[str, ...] = (),
) -> None:
    """Level, directions beyond the mandatory ones, the level's choices, partner organisations."""
    await user.click(data=ap("level", "pick", level))
    assert plain(tr(locale)("ask-directions", level=tr(locale)(f"level-{level}"))) in last_text(user)
    for direction in extra:
        await user.click(data=ap("directions", "toggle", direction))
    await user.click(data=ap("directions", "done"))
    for choice, value in choices:
        await user.click(data=ap("choices", choice, value))
    for partner in partners:
        await user.click(data=ap("partners", "pick", partner))


async def choose_mentor_and_submit(user: Any, locale: str, mentor_id: int, level: str) -> None:
    t = tr(locale)
    assert plain(t("ask-mentor")) in last_text(user)
    await user.click(data=ap("mentor", "pick", str(mentor_id)))
    assert plain(t("review-title")) in last_text(user)
    await user.click(data=ap("review", "agree"))
    assert plain(t("agreement-text", level=t(f"level-{level}"))) in last_text(user)
    await user.click(data=ap("review", "accept"))


async def become_staff(
    world: World,
    user_id: int,
    locale: str,
    role: Role,
    full_name: str,
    centre: str | None = None,
    region: str | None = None,
    expert_id: int | None = None,
) -> Any:
    payload = await world.invitation(role, centre, region, expert_id)
    user = world.emu.user(user_id, full_name.split()[0], language_code=locale)
    await user.send_command("start", payload)
    t = tr(locale)
    assert shown(user, "invitation-accepted", locale, role=t(f"role-{role.value}"))
    assert plain(t("ask-staff-full-name")) in last_text(user)
    await user.send_text(full_name)
    assert plain(t("staff-profile-saved", name=full_name)) in last_text(user)
    return user


def mn(action: str, app_id: int, direction: str = "", value: str = "") -> str:
    return MentorCb(action=action, app_id=app_id, direction=direction, value=value).pack()


async def set_schedule(mentor: Any, locale: str, app_id: int, direction: str, minutes: str = "90") -> None:
    t = tr(locale)
    await mentor.click(data=mn("sched", app_id, direction))
    await mentor.send_text(f"{direction} club, school No. 12")
    assert plain(t("ask-schedule-days")) in last_text(mentor)
    await mentor.click(data=mn("day", app_id, direction, "1"))
    await mentor.click(data=mn("day", app_id, direction, "3"))
    await mentor.click(data=mn("days-done", app_id, direction))
    assert plain(t("ask-schedule-time")) in last_text(mentor)
    await mentor.send_text("18:30")
    assert plain(t("ask-schedule-minutes")) in last_text(mentor)
    await mentor.click(data=mn("min", app_id, direction, minutes))
    assert shown(mentor, "schedule-saved", locale, direction=t(f"direction-{direction}"))


async def submitted(
    world: World, user_id: int, locale: str, mentor_id: int, *, birth: str = "01.01.2001", accept: bool = True
) -> Any:
    """A participant who applied for Bronze with the mandatory directions; `accept=False` stops at the agreement."""
    user = world.emu.user(user_id, "Applicant", language_code=locale)
    await first_contact(user, locale)
    await start_application(user, locale)
    await fill_profile(user, locale, birth=birth)
    await choose_programme(user, locale, level="bronze")
    if accept:
        await choose_mentor_and_submit(user, locale, mentor_id, "bronze")
    else:
        await user.click(data=ap("mentor", "pick", str(mentor_id)))
        await user.click(data=ap("review", "agree"))
    return user


async def activated(
    world: World,
    user_id: int,
    locale: str,
    mentor: Any,
    mentor_id: int,
    *,
    level: str = "bronze",
    extra: tuple[str, ...] = (),
    choices: tuple[tuple[str, str], ...] = (),
    partners: tuple[str, ...] = (),
) -> tuple[Any, int]:
    """An adult participant whose mentor (same language) agreed the schedule and activated them."""
    user = world.emu.user(user_id, "Participant", language_code=locale)
    await first_contact(user, locale)
    await start_application(user, locale)
    await fill_profile(user, locale, birth="01.01.2001")
    await choose_programme(user, locale, level=level, extra=extra, choices=choices, partners=partners)
    await choose_mentor_and_submit(user, locale, mentor_id, level)
    app = await world.application(user_id)
    assert app is not None
    await mentor.click(data=mn("card", app.id))
    for direction in app.directions:
        await set_schedule(mentor, locale, app.id, direction)
    await mentor.click(data=mn("activate", app.id))
    await mentor.click(data=mn("activate-yes", app.id))
    assert (await world.application(user_id)).status == "active"  # type: ignore[union-attr]
    return user, app.id
