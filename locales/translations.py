"""Texts from `locales/<lang>/*.ftl` (Fluent); every user-facing string goes through here."""

from __future__ import annotations

import html
from collections.abc import Mapping
from importlib import resources
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

from core.settings import LOCALES


class Translations:
    """All bundles, loaded once at start-up."""

    def __init__(self, default: str) -> None:
        self.default = default
        self.bundles: dict[str, FluentBundle] = {}
        for locale in LOCALES:
            bundle = FluentBundle([locale], use_isolating=False)
            folder = resources.files("locales").joinpath(locale)
            for file in sorted(folder.iterdir(), key=lambda f: f.name):
                if file.name.endswith(".ftl"):
                    bundle.add_resource(FluentResource(file.read_text(encoding="utf-8")))
            self.bundles[locale] = bundle
        self.translators = {locale: Translator(bundle, locale) for locale, bundle in self.bundles.items()}

    def keys(self, locale: str) -> set[str]:
        return set(self.bundles[locale]._messages)

    def pick(self, language_code: str | None) -> str:
        """The locale for a new user: their Telegram language if we speak it, else the default."""
        code = (language_code or "").split("-")[0].lower()
        return code if code in self.bundles else self.default

    def translator(self, locale: str) -> Translator:
        """One translator per language for the process, so what it formatted once is kept."""
        return self.translators.get(locale) or self.translators[self.default]


class Translator:
    """Formats a message by key; string arguments are HTML-escaped because messages use HTML."""

    def __init__(self, bundle: FluentBundle, locale: str) -> None:
        self.bundle = bundle
        self.locale = locale
        self._plain: dict[str, str] = {}
        """Messages without arguments, formatted once: menu filters ask for them on every message."""

    def __call__(self, key: str, **args: Any) -> str:
        if not args and key in self._plain:
            return self._plain[key]
        message = self.bundle.get_message(key) if self.bundle.has_message(key) else None
        if message is None or message.value is None:
            raise KeyError(f"missing locale key {key!r} in {self.locale}")
        text, errors = self.bundle.format_pattern(message.value, _escape(args))
        if errors:
            raise ValueError(f"locale key {key!r} in {self.locale}: {errors}")
        if not args:
            self._plain[key] = str(text)
        return str(text)

    def name(self, item: Any, field: str = "name") -> str:
        """The localized name of a catalogue row (name_kk / name_ru / name_en), unescaped."""
        return str(getattr(item, f"{field}_{self.locale}"))


def _escape(args: Mapping[str, Any]) -> dict[str, Any]:
    return {k: html.escape(v) if isinstance(v, str) else v for k, v in args.items()}
