"""The emulator against real aiogram, in polling and in webhook mode."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.methods import SendMessage
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    CallbackQuery,
    ChatMemberUpdated,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    KeyboardButton,
    MenuButtonCommands,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import ClientSession, web

from emulator import BotAPIEmulator, UploadInfo

TOKEN = "123456:EMULATOR-test-token"
SECRET = "webhook-secret_42"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@dataclass
class Seen:
    """What the bot's handlers observed, for assertions on the bot side."""

    albums: dict[str, list[int]] = field(default_factory=dict)
    memberships: list[tuple[int, str]] = field(default_factory=list)


def build_router(seen: Seen) -> Router:
    router = Router()

    @router.message(CommandStart())
    async def start(message: Message, command: CommandObject) -> None:
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [InlineKeyboardButton(text="Like", callback_data="like")],
                [
                    InlineKeyboardButton(text="Alert", callback_data="alert"),
                    InlineKeyboardButton(text="Site", url="https://example.org"),
                ],
            ]
        )
        name = message.from_user.first_name if message.from_user else "?"
        suffix = f" ({command.args})" if command.args else ""
        await message.answer(f"Hello, <b>{name}</b> &amp; co{suffix}", reply_markup=keyboard)

    @router.callback_query(F.data == "like")
    async def like(query: CallbackQuery) -> None:
        assert isinstance(query.message, Message)
        await query.message.edit_text("Liked <i>it</i>")
        await query.answer("Thanks!")

    @router.callback_query(F.data == "alert")
    async def alert(query: CallbackQuery) -> None:
        await query.answer("Careful", show_alert=True)

    @router.callback_query()
    async def unknown(query: CallbackQuery) -> None:
        await query.answer(f"unknown {query.data}")

    @router.message(Command("menu"))
    async def menu(message: Message) -> None:
        keyboard = ReplyKeyboardMarkup(
            keyboard=[[KeyboardButton(text="Share phone", request_contact=True), KeyboardButton(text="Later")]],
            resize_keyboard=True,
        )
        await message.answer("Choose", reply_markup=keyboard)

    @router.message(Command("hide"))
    async def hide(message: Message) -> None:
        await message.answer("Hidden", reply_markup=ReplyKeyboardRemove())

    @router.message(Command("doc"))
    async def doc(message: Message) -> None:
        await message.bot.send_chat_action(message.chat.id, "upload_document")  # type: ignore[union-attr]
        await message.answer_document(BufferedInputFile(b"report-bytes", filename="report.txt"), caption="Report")

    @router.message(Command("album"))
    async def bot_album(message: Message) -> None:
        await message.answer_media_group(
            [
                InputMediaPhoto(media=BufferedInputFile(PNG, "a.png"), caption="first"),
                InputMediaPhoto(media=BufferedInputFile(PNG, "b.png")),
            ]
        )

    @router.message(Command("notify"))
    async def notify(message: Message, command: CommandObject) -> None:
        await message.bot.send_message(int(command.args or 0), "Ping from a friend")  # type: ignore[union-attr]

    @router.message(Command("echo"))
    async def echo(message: Message, command: CommandObject) -> SendMessage:
        return SendMessage(chat_id=message.chat.id, text=f"echo {command.args}")

    @router.message(F.media_group_id)
    async def album(message: Message) -> None:
        seen.albums.setdefault(str(message.media_group_id), []).append(message.message_id)

    @router.message(F.photo)
    async def photo(message: Message) -> None:
        assert message.photo
        await message.answer_photo(message.photo[-1].file_id, caption="Same photo")

    @router.message(F.contact)
    async def contact(message: Message) -> None:
        assert message.contact
        await message.answer(f"contact {message.contact.user_id}")

    @router.message(F.voice)
    async def voice(message: Message) -> None:
        assert message.voice
        await message.answer(f"voice {message.voice.duration}s")

    @router.message(F.text)
    async def text(message: Message) -> None:
        await message.answer(f"You said: {message.text}")

    @router.my_chat_member()
    async def membership(event: ChatMemberUpdated) -> None:
        seen.memberships.append((event.chat.id, event.new_chat_member.status))

    return router


def make_bot(base_url: str, token: str = TOKEN) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(base_url))
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode="HTML"))


@dataclass
class Env:
    mode: str
    emu: BotAPIEmulator
    bot: Bot
    seen: Seen


@pytest.fixture(scope="module", params=["polling", "webhook"])
async def env(request: pytest.FixtureRequest) -> AsyncIterator[Env]:
    """The real aiogram stack wired to the emulator, once per transport."""
    seen = Seen()
    dispatcher = Dispatcher()
    dispatcher.include_router(build_router(seen))
    async with BotAPIEmulator(TOKEN) as emu:
        bot = make_bot(emu.base_url)
        if request.param == "polling":
            polling = asyncio.create_task(dispatcher.start_polling(bot, handle_signals=False, polling_timeout=5))
            yield Env("polling", emu, bot, seen)
            await dispatcher.stop_polling()
            await polling
        else:
            app = web.Application()
            handler = SimpleRequestHandler(dispatcher, bot, secret_token=SECRET, handle_in_background=False)
            handler.register(app, path="/webhook")
            runner = web.AppRunner(app)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            host, port = runner.addresses[0][:2]
            await bot.set_webhook(f"http://{host}:{port}/webhook", secret_token=SECRET)
            yield Env("webhook", emu, bot, seen)
            await runner.cleanup()


@pytest.fixture(scope="module")
def ids() -> Iterator[int]:
    return itertools.count(10_001)


async def test_text_round_trip(env: Env, ids: Iterator[int]) -> None:
    user = env.emu.user(next(ids), "Dana")
    sent = await user.send_text("hello")
    assert user.last.text == "You said: hello"
    assert user.last.message_id == sent.message_id + 1  # ids are shared by both sides of a chat
    assert env.emu.calls_to("sendMessage")[-1].params["chat_id"] == user.id


async def test_html_is_stored_plain_and_raw(env: Env, ids: Iterator[int]) -> None:
    user = env.emu.user(next(ids), "Dana")
    await user.open_deep_link("ref42")
    assert user.last.text == "Hello, Dana & co (ref42)"
    assert user.last.html == "Hello, <b>Dana</b> &amp; co (ref42)"
    assert user.last.data["entities"] == [{"type": "bold", "offset": 7, "length": 4}]
    assert user.inline_buttons() == ["Like", "Alert", "Site"]
    assert user.last.buttons[1] == [("Alert", "alert"), ("Site", "https://example.org")]


async def test_click_edits_and_answers(env: Env, ids: Iterator[int]) -> None:
    user = env.emu.user(next(ids))
    await user.send_command("start")
    greeting = user.last
    answer = await user.click("Like")
    assert answer is not None and answer.text == "Thanks!" and not answer.show_alert
    assert greeting.edited and greeting.text == "Liked it" and greeting.html == "Liked <i>it</i>"
    assert (greeting.history[0].text or "").startswith("Hello")
    assert greeting.buttons == []  # edit_text without reply_markup drops the keyboard, like Telegram
    await user.send_command("start")
    alert = await user.click(data="alert")
    assert alert is not None and alert.show_alert and alert.text == "Careful"
    assert user.callback_answers[-1] is alert


async def test_click_without_button_fails_clearly(env: Env, ids: Iterator[int]) -> None:
    user = env.emu.user(next(ids))
    await user.send_text("no buttons here")
    with pytest.raises(AssertionError, match="no inline button"):
        await user.click("Nope")
    await user.send_command("start")
    with pytest.raises(AssertionError, match="not a callback button"):
        await user.click("Site")


async def test_forged_click_reaches_the_bot(env: Env, ids: Iterator[int]) -> None:
    user = env.emu.user(next(ids))
    await user.send_command("start")
    answer = await user.forge_click("admin:delete_all", user.last.message_id)
    assert answer is not None and answer.text == "unknown admin:delete_all"


async def test_reply_keyboard(env: Env, ids: Iterator[int]) -> None:
    user = env.emu.user(next(ids))
    await user.send_command("menu")
    keyboard = user.reply_keyboard
    assert keyboard == [["Share phone", "Later"]]
    assert keyboard is not None and keyboard[0][0].request_contact and not keyboard[0][1].request_contact
    await user.send_command("hide")
    assert user.reply_keyboard is None


async def test_photo_resent_by_file_id_and_downloaded(env: Env, ids: Iterator[int]) -> None:
    user = env.emu.user(next(ids))
    sent = await user.send_photo(PNG, width=1600, height=1200)
    assert len(sent.data["photo"]) > 1
    reply = user.last
    assert reply.media == "photo" and reply.caption == "Same photo"
    assert reply.file_id == sent.file_id
    assert reply.file_id is not None
    downloaded = await env.bot.download(reply.file_id)
    assert downloaded is not None and downloaded.read() == PNG


async def test_bot_uploads_document(env: Env, ids: Iterator[int]) -> None:
    user = env.emu.user(next(ids))
    await user.send_command("doc")
    assert user.chat_actions == ["upload_document"]
    document = user.last
    assert document.media == "document" and document.caption == "Report"
    assert document.data["document"]["file_name"] == "report.txt"
    call = env.emu.calls_to("sendDocument")[-1]
    upload = next(value for value in call.params.values() if isinstance(value, UploadInfo))
    assert upload.filename == "report.txt" and upload.size == len(b"report-bytes")
    assert document.file_id is not None
    stored = env.emu.state.files.get(document.file_id)
    assert stored is not None and stored.data == b"report-bytes"
    downloaded = await env.bot.download(document.file_id)
    assert downloaded is not None and downloaded.read() == b"report-bytes"


async def test_bot_sends_album(env: Env, ids: Iterator[int]) -> None:
    user = env.emu.user(next(ids))
    await user.send_command("album")
    first, second = user.messages[-2:]
    assert first.media_group_id is not None and first.media_group_id == second.media_group_id
    assert first.caption == "first" and second.caption is None


async def test_user_album_shares_media_group_id(env: Env, ids: Iterator[int]) -> None:
    user = env.emu.user(next(ids))
    sent = await user.send_album([("photo", PNG), ("video", b"mp4", 3), ("photo", PNG)], caption="trip")
    group = sent[0].media_group_id
    assert group is not None and {message.media_group_id for message in sent} == {group}
    assert env.seen.albums[group] == [message.message_id for message in sent]


async def test_contact_user_id(env: Env, ids: Iterator[int]) -> None:
    user = env.emu.user(next(ids), "Aigerim")
    await user.send_contact("+77011234567")
    assert user.last.text == f"contact {user.id}"
    await user.send_contact("+77017654321", user_id=None, first_name="Mom")
    assert user.last.text == "contact None"


async def test_voice(env: Env, ids: Iterator[int]) -> None:
    user = env.emu.user(next(ids))
    await user.send_voice(b"OggS....", duration=7)
    assert user.last.text == "voice 7s"


async def test_reply_into_webhook_and_polling_return(env: Env, ids: Iterator[int]) -> None:
    user = env.emu.user(next(ids))
    await user.send_command("echo", "hi there")
    assert user.last.text == "echo hi there"
    assert env.emu.calls_to("sendMessage")[-1].via_webhook_reply == (env.mode == "webhook")


async def test_block_emits_membership_and_forbids_sends(env: Env, ids: Iterator[int]) -> None:
    friend = env.emu.user(next(ids))
    user = env.emu.user(next(ids))
    await friend.block()
    assert env.seen.memberships[-1] == (friend.id, "kicked")
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await env.bot.send_message(friend.id, "hi")
    await friend.unblock()
    assert env.seen.memberships[-1] == (friend.id, "member")
    await user.send_command("notify", str(friend.id))
    await env.emu.settle()
    assert friend.last.text == "Ping from a friend"


# -- errors, as aiogram sees them (transport-independent, so run once) -----------------------------


@pytest.fixture(scope="module")
async def api() -> AsyncIterator[tuple[BotAPIEmulator, Bot]]:
    async with BotAPIEmulator(TOKEN) as emu:
        bot = make_bot(emu.base_url)
        yield emu, bot
        await bot.session.close()


async def test_text_limits(api: tuple[BotAPIEmulator, Bot], ids: Iterator[int]) -> None:
    emu, bot = api
    user = emu.user(next(ids))
    await bot.send_message(user.id, "я" * 4096)
    await bot.send_message(user.id, "<b>" + "x" * 4096 + "</b>")  # tags do not count
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(user.id, "я" * 4097)
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(user.id, "😀" * 2049)  # 4098 UTF-16 code units
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(user.id, "  \n ")
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_photo(user.id, BufferedInputFile(PNG, "p.png"), caption="c" * 1025)


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("a <br> b", 'Unsupported start tag "br" at byte offset 2'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x </b>", "Unexpected end tag at byte offset 2"),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler"'),
    ],
)
async def test_html_rejected(api: tuple[BotAPIEmulator, Bot], ids: Iterator[int], html: str, reason: str) -> None:
    emu, bot = api
    user = emu.user(next(ids))
    with pytest.raises(TelegramBadRequest, match="can't parse entities") as error:
        await bot.send_message(user.id, html)
    assert reason in error.value.message


async def test_html_accepted(api: tuple[BotAPIEmulator, Bot], ids: Iterator[int]) -> None:
    emu, bot = api
    user = emu.user(next(ids))
    html = (
        '<b>b</b> <i>i</i> <u>u</u> <s>s</s> <tg-spoiler>p</tg-spoiler> <span class="tg-spoiler">q</span> '
        '<a href="https://x.org/?a=1&amp;b=2">link</a> <code>c</code> <pre><code class="language-py">x=1</code></pre> '
        '<blockquote expandable>quote</blockquote> <tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> '
        "&lt;tag&gt; &quot;q&quot; &#65; &#x42; & AT&T"
    )
    message = await bot.send_message(user.id, html)
    assert message.text is not None and message.text.endswith('<tag> "q" A B & AT&T')
    kinds = [entity.type for entity in message.entities or []]
    assert kinds == [
        "bold", "italic", "underline", "strikethrough", "spoiler", "spoiler", "text_link", "code", "pre",
        "expandable_blockquote", "custom_emoji",
    ]  # fmt: skip
    link = next(entity for entity in message.entities or [] if entity.type == "text_link")
    assert link.url == "https://x.org/?a=1&b=2"
    pre = next(entity for entity in message.entities or [] if entity.type == "pre")
    assert pre.language == "py"
    assert message.html_text.startswith("<b>b</b>")


async def test_callback_data_limits(api: tuple[BotAPIEmulator, Bot], ids: Iterator[int]) -> None:
    emu, bot = api
    user = emu.user(next(ids))

    def markup(data: str) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="b", callback_data=data)]])

    await bot.send_message(user.id, "ok", reply_markup=markup("ж" * 32))  # 64 bytes
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(user.id, "too long", reply_markup=markup("ж" * 32 + "x"))
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(user.id, "empty", reply_markup=markup(""))


async def test_chat_and_message_errors(api: tuple[BotAPIEmulator, Bot], ids: Iterator[int]) -> None:
    emu, bot = api
    user = emu.user(next(ids))
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(999, "nobody")
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text(chat_id=user.id, message_id=4242, text="x")
    sent = await bot.send_message(user.id, "<b>same</b>")
    with pytest.raises(TelegramBadRequest, match="message is not modified: specified new message content"):
        await bot.edit_message_text(chat_id=user.id, message_id=sent.message_id, text="<b>same</b>")
    await bot.edit_message_text(chat_id=user.id, message_id=sent.message_id, text="same")  # formatting differs
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query("123")
    assert await bot.delete_message(user.id, sent.message_id)
    assert user.messages[-1].deleted
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(user.id, sent.message_id)
    with pytest.raises(TelegramBadRequest, match="wrong file identifier/HTTP URL specified"):
        await bot.send_photo(user.id, "AgACAgIAAxkBAAnope")


async def test_answer_callback_twice(api: tuple[BotAPIEmulator, Bot], ids: Iterator[int]) -> None:
    emu, bot = api
    user = emu.user(next(ids))
    query_id = emu.state.open_query(user.id)
    assert await bot.answer_callback_query(query_id, text="once")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query_id, text="twice")


async def test_error_classes(api: tuple[BotAPIEmulator, Bot], ids: Iterator[int]) -> None:
    emu, bot = api
    user = emu.user(next(ids))
    stranger = make_bot(emu.base_url, token="654321:WRONG")
    with pytest.raises(TelegramUnauthorizedError):
        await stranger.get_me()
    await stranger.session.close()
    async with ClientSession() as http, http.post(f"{emu.base_url}/bot{TOKEN}/noSuchMethod") as response:
        assert response.status == 404
        body = await response.json()
    assert body == {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
    emu.fail_next("sendMessage", 404, "Not Found")
    with pytest.raises(TelegramNotFound):
        await bot.send_message(user.id, "x")
    emu.fail_next("sendmessage", 500, "Internal Server Error", times=2)
    for _ in range(2):
        with pytest.raises(TelegramServerError):
            await bot.send_message(user.id, "x")
    emu.fail_next("sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7, chat_id=user.id)
    await bot.send_message(emu.user(next(ids)).id, "other chat is unaffected")
    with pytest.raises(TelegramRetryAfter) as retry:
        await bot.send_message(user.id, "x")
    assert retry.value.retry_after == 7
    await bot.send_message(user.id, "recovered")


async def test_rate_limits(api: tuple[BotAPIEmulator, Bot], ids: Iterator[int]) -> None:
    emu, bot = api
    first, second = emu.user(next(ids)), emu.user(next(ids))
    emu.limits.per_chat_per_second = 1
    emu.limits.global_per_second = 3
    try:
        await bot.send_message(first.id, "one")
        with pytest.raises(TelegramRetryAfter) as error:
            await bot.send_message(first.id, "two")
        assert error.value.retry_after == 1
        assert "Too Many Requests: retry after 1" in error.value.message
        await bot.send_message(second.id, "other chat")
        await bot.send_message(emu.user(next(ids)).id, "third chat")
        with pytest.raises(TelegramRetryAfter):
            await bot.send_message(emu.user(next(ids)).id, "fourth chat, global limit")
    finally:
        emu.limits.per_chat_per_second = emu.limits.global_per_second = None


async def test_webhook_conflicts_with_get_updates(api: tuple[BotAPIEmulator, Bot]) -> None:
    _emu, bot = api
    await bot.set_webhook("http://127.0.0.1:9/hook", secret_token=SECRET)
    info = await bot.get_webhook_info()
    assert info.url == "http://127.0.0.1:9/hook"
    with pytest.raises(TelegramConflictError, match="can't use getUpdates method while webhook is active"):
        await bot.get_updates()
    await bot.delete_webhook()
    assert await bot.get_updates(timeout=0) == []


async def test_get_updates_long_poll(api: tuple[BotAPIEmulator, Bot], ids: Iterator[int]) -> None:
    emu, bot = api
    user = emu.user(next(ids))
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    sending = asyncio.create_task(user.send_text("wake up"))
    updates = await asyncio.wait_for(poll, 1)
    assert [u.message.text for u in updates if u.message] == ["wake up"]
    await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    await sending


async def test_profile_methods(api: tuple[BotAPIEmulator, Bot], ids: Iterator[int]) -> None:
    emu, bot = api
    me = await bot.get_me()
    assert me.username == "tosbelgi_bot" and me.id == 123456 and me.is_bot
    await bot.set_my_commands([BotCommand(command="start", description="Start")], language_code="kk")
    assert [c.command for c in await bot.get_my_commands(language_code="kk")] == ["start"]
    assert emu.profile.commands[("default", "kk")][0]["command"] == "start"
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Bad-Name", description="x")])
    await bot.delete_my_commands(language_code="kk")
    assert await bot.get_my_commands(language_code="kk") == []
    assert await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
    assert await bot.set_my_description("About")
    assert await bot.set_my_short_description("Short")
    assert await bot.set_my_name("Tosbelgi")
    assert (await bot.get_my_description()).description == "About"
    user = emu.user(next(ids), "Nurlan", username="nurlan")
    chat = await bot.get_chat(user.id)
    assert chat.username == "nurlan" and chat.type == "private"
    location = await bot.send_location(user.id, 43.25, 76.95)
    assert location.location is not None and location.location.latitude == 43.25
    contact = await bot.send_contact(user.id, "+77000000000", "Office")
    assert contact.contact is not None and contact.contact.first_name == "Office"
    copied = await bot.copy_message(user.id, user.id, contact.message_id)
    assert user.messages[-1].message_id == copied.message_id
    forwarded = await bot.forward_message(user.id, user.id, location.message_id)
    assert forwarded.forward_origin is not None


async def test_media_edits(api: tuple[BotAPIEmulator, Bot], ids: Iterator[int]) -> None:
    emu, bot = api
    user = emu.user(next(ids))
    photo = await bot.send_photo(user.id, BufferedInputFile(PNG, "p.png"), caption="<b>one</b>")
    await bot.edit_message_caption(chat_id=user.id, message_id=photo.message_id, caption="two")
    record = user.last
    assert record.caption == "two" and record.history[0].caption == "one" and record.history[0].html == "<b>one</b>"
    with pytest.raises(TelegramBadRequest, match="there is no text in the message to edit"):
        await bot.edit_message_text(chat_id=user.id, message_id=photo.message_id, text="x")
    new = InputMediaPhoto(media=BufferedInputFile(b"new-bytes", "n.png"), caption="three")
    edited = await bot.edit_message_media(media=new, chat_id=user.id, message_id=photo.message_id)
    assert isinstance(edited, Message) and edited.photo and record.caption == "three"
    assert record.file_id == edited.photo[-1].file_id != photo.photo[-1].file_id  # type: ignore[index]
    document = await bot.send_document(user.id, BufferedInputFile(b"d", "d.txt"))
    assert document.document is not None
    with pytest.raises(TelegramBadRequest, match="can't use file of type Document as Photo"):
        await bot.send_photo(user.id, document.document.file_id)
    file = await bot.get_file(document.document.file_id)
    assert file.file_path is not None and file.file_size == 1
    with pytest.raises(TelegramBadRequest, match="invalid file_id"):
        await bot.get_file("nope")


async def test_webhook_failure_and_json_reply(api: tuple[BotAPIEmulator, Bot], ids: Iterator[int]) -> None:
    emu, bot = api
    answers = [web.Response(status=500)]

    async def hook(request: web.Request) -> web.Response:
        assert request.headers["X-Telegram-Bot-Api-Secret-Token"] == SECRET
        update: dict[str, Any] = await request.json()
        chat_id = update["message"]["chat"]["id"]
        reply = {"method": "sendMessage", "chat_id": chat_id, "text": "<i>json</i> reply", "parse_mode": "HTML"}
        return answers.pop() if answers else web.json_response(reply)

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    host, port = runner.addresses[0][:2]
    user = emu.user(next(ids))
    await bot.set_webhook(f"http://{host}:{port}/hook", secret_token=SECRET)
    try:
        with pytest.raises(AssertionError, match="500"):
            await user.send_text("boom")
        info = await bot.get_webhook_info()
        assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
        await user.send_text("again")
        assert user.last.text == "json reply"
        assert emu.calls[-1].via_webhook_reply and emu.calls[-1].method == "sendMessage"
    finally:
        await bot.delete_webhook()
        await runner.cleanup()


async def test_settle_waits_for_unprompted_messages(api: tuple[BotAPIEmulator, Bot], ids: Iterator[int]) -> None:
    emu, bot = api
    user = emu.user(next(ids))

    async def notify_later() -> None:
        await asyncio.sleep(0.02)
        await bot.send_message(user.id, "Reminder")

    task = asyncio.create_task(notify_later())
    await emu.settle()
    assert user.last.text == "Reminder"
    await task


async def test_unhandled_update_times_out_clearly() -> None:
    async with BotAPIEmulator(TOKEN, sync_timeout=0.1) as emu:
        with pytest.raises(AssertionError, match="was never fetched by getUpdates"):
            await emu.user(1).send_text("anyone?")
