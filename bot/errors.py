"""User-facing errors of the answer side. Each carries a message that says what to do next,
and the HTTP status the API uses for it; the core never imports web frameworks."""

from __future__ import annotations


class BotError(Exception):
    status = 500
    code = "error"
    retry_after_s = 0  # sent as Retry-After when set: when asking again may succeed

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


class ServerBusy(BotError):
    """More questions are waiting for an answer than the server will queue."""

    status = 503
    code = "busy"
    retry_after_s = 2

    def __init__(self) -> None:
        super().__init__("The server is answering as many questions as it can right now; ask again in a few seconds.")


class AnswerTooSlow(BotError):
    """One answer took longer than the server allows (``TAOGUIDE_ANSWER_TIMEOUT_S``)."""

    status = 503
    code = "answer_timeout"

    def __init__(self, seconds: float) -> None:
        super().__init__(f"The answer took longer than {seconds:g} s, so it was stopped waiting for. Ask again; "
                         "a shorter question or a shorter history is answered faster.")
