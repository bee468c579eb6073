"""Placeholder: being written."""

from aiogram import Router


def router() -> Router:
    return Router(name="supervision")
