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
