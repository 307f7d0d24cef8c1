"""User-facing errors of the answer side. Each carries a message that says what to do next,
and the HTTP status the API uses for it; the core never imports web frameworks."""

from __future__ import annotations


class BotError(Exception):
    status = 500
    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadQuestion(BotError):
    """The question cannot be answered as written (empty, too long, not text)."""

    status = 422
    code = "bad_question"


class BadAddress(BotError):
    """A lookup was given something that is not a Bittensor (SS58) address."""

    status = 422
    code = "bad_address"


class NotFound(BotError):
    """A lookup's address is valid but names nothing of the kind asked for (e.g. not a validator)."""

    status = 404
    code = "not_found"


class ChainDown(BotError):
    """A lookup needs the chain, and the chain cannot be reached."""

    status = 503
    code = "chain_unavailable"


class ChainBusy(BotError):
    """Too many lookups are already waiting on the chain; this one was not started."""

    status = 503
    code = "chain_busy"


class TrackingOff(BotError):
    """A wallet was asked to be tracked on a server that does not track wallets."""

    status = 409
    code = "tracking_off"


class TooManyTracked(BotError):
    """The server already tracks as many wallets as its settings allow."""

    status = 409
    code = "tracking_full"
