"""The one settings object of TAO Guide: build-side settings plus the server's and the bot's.

Every field has a default, a description and a ``TAOGUIDE_<NAME>`` environment override
(``TAOGUIDE_PORT=8000``). It is built once by the shell (CLI, app factory) and passed down;
nothing else reads the environment. ``taoguide config`` prints the effective values.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from kb.settings import KBSettings


class Settings(KBSettings):
    host: str = Field("127.0.0.1", description="Address the server listens on.")
    port: int = Field(7860, ge=1, le=65535, description="Port the server listens on.")
    public_url: str = Field("", description="Public base URL of the site (e.g. https://guide.example.org); citation links become absolute when set.")
    concurrency: int = Field(4, ge=1, le=64, description="Questions answered at the same time by the chat (each uses one CPU thread).")

    retrieval: Literal["hybrid", "rrf", "dense", "lexical"] = Field(
        "hybrid", description="Ranking: blend of all evidence (hybrid), reciprocal rank fusion (rrf), or one retriever alone (dense, lexical).")
    top_k: int = Field(8, ge=1, le=50, description="Sections fetched per question before composing an answer.")
    min_dense: float = Field(0.47, ge=-1, le=1, description="Refuse when no section's cosine similarity to the question reaches this.")
    max_citations: int = Field(3, ge=1, le=5, description="At most this many sections are quoted in one answer.")
    max_sentences: int = Field(5, ge=1, le=10, description="At most this many sentences are quoted in one answer.")
    max_question_chars: int = Field(1000, ge=20, description="Longer questions are rejected with a message asking to shorten them.")

    trace_file: str = Field("", description="Append every answer's trace as one JSON line to this file (empty: off).")
