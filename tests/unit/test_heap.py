"""What start-up does for the collector: aiogram's response models built once and kept, start-up objects frozen."""

from __future__ import annotations

import gc

from aiogram.methods.base import Response
from aiogram.types import File, Message

from bot.runner import RESPONSE_MODELS, pin_response_models, settle_heap


def test_response_models_survive_a_collection() -> None:
    """Without the pin, pydantic's weak cache loses `Response[Message]` in a collection and the next call
    builds a new class (about 3 ms)."""
    pin_response_models()
    gc.collect()
    assert Response[Message] in RESPONSE_MODELS
    assert Response[File] in RESPONSE_MODELS
    assert Response[list[Message]] in RESPONSE_MODELS
    count = len(RESPONSE_MODELS)
    pin_response_models()
    assert len(RESPONSE_MODELS) == count, "built once"


def test_settle_heap_freezes_what_start_up_built() -> None:
    try:
        settle_heap()
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_settle_heap_turns_the_collector_back_on_after_a_start_up_without_it() -> None:
    """`tosbelgi run` starts with the collector off; a bot that never turned it back on would only grow."""
    gc.disable()
    try:
        settle_heap()
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
