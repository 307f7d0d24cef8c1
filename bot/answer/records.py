"""Typed records the bot returns. Every shell (CLI, API, chat, widget) shows the same Answer."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

AnswerKind = Literal["answer", "refusal", "live"]


class Citation(BaseModel):
    """A section the answer quotes (or, for a refusal, a close page worth reading)."""

    model_config = ConfigDict(frozen=True)

    title: str = Field(description="Page title.")
    section: str = Field(description="Section heading.")
    url: str = Field(description="Site URL with the section anchor.")
    link: str = Field("", description="The URL with a text fragment (#anchor:~:text=…) that scrolls to the first quoted "
                                      "sentence in browsers that support it; the anchor alone works everywhere else.")
    score: float = Field(description="Cosine similarity of the question to this section.")


class Passage(BaseModel):
    """A run of quoted sentences and the citation (index into ``citations``) they came from."""

    model_config = ConfigDict(frozen=True)

    text: str
    citation: int | None = Field(None, description="Index into citations; None for fixed wording such as a refusal.")


class Candidate(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    fused: float
    dense: float | None = None
    lexical: float | None = None
    heading: float | None = None
    sentence: float | None = None
    rank_dense: int | None = None
    rank_lexical: int | None = None


class Trace(BaseModel):
    """What the bot did for one question: kept as data, shown with --debug / ?debug=1."""

    question: str
    queries: list[str] = Field(default_factory=list, description="Texts sent to retrieval.")
    candidates: list[Candidate] = Field(default_factory=list)
    decision: str = ""
    reason: str = ""
    timings_ms: dict[str, float] = Field(default_factory=dict)


class LiveFacts(BaseModel):
    """Where the live numbers of an answer came from, and how fresh they are."""

    state: Literal["live", "stale", "bundled"] = Field(description="live: read from the chain in the last 5 minutes; "
                                                                    "stale: last known; bundled: the stored snapshot.")
    label: str = Field(description="The freshness words shown with the numbers: block, time, age, why not live.")
    block: int
    time: str | None = Field(None, description="The chain time of the numbers (ISO 8601; the bundled snapshot: its day).")
    age_s: int | None = Field(None, description="How old the numbers were, in seconds, when the answer was made.")
    network: str
    intent: str
    data: dict = Field(default_factory=dict)


class Answer(BaseModel):
    id: str = Field(default_factory=lambda: uuid.uuid4().hex,
                    description="Unique id of this answer; send it back with feedback (POST /api/feedback).")
    kind: AnswerKind
    text: str
    citations: list[Citation] = Field(default_factory=list)
    passages: list[Passage] = Field(default_factory=list, description="The text split by the citation each part came from.")
    followups: list[str] = Field(default_factory=list, description="Suggested next questions.")
    live: LiveFacts | None = Field(None, description="For live answers: the snapshot the numbers came from.")
    trace: Trace

    @property
    def score(self) -> float:
        """Best citation score (0 when there is none)."""
        return max((c.score for c in self.citations), default=0.0)
