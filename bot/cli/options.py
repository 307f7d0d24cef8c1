"""What every `taoguide` command shares: the settings (a bad TAOGUIDE_* value becomes a one-line
message), the engine, and the translation of the library's named errors into click's.

It sits below the command modules, so none of them imports another to reach these.
"""

from __future__ import annotations

from typing import Any

import click

from bot.errors import BotError
from bot.settings import Settings
from kb.errors import KBError


def load_settings() -> Settings:
    try:
        return Settings()
    except Exception as exc:  # pydantic ValidationError: a TAOGUIDE_* variable has a bad value
        raise click.ClickException(f"Invalid setting: {exc}. Fix the TAOGUIDE_* environment variable named above.") from exc


def fail(exc: Exception) -> click.ClickException:
    return click.ClickException(str(exc))


def load_engine() -> Any:
    from bot.answer import Engine

    try:
        return Engine(load_settings())
    except (KBError, BotError) as exc:
        raise fail(exc) from exc
