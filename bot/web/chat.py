"""The Gradio chat at /chat: a ChatInterface over ``Engine.answer``; it only renders the Answer.

The answer is revealed progressively (streaming) from the finished Answer record, so every
shell still shows the same record; thumbs on a reply go to the same feedback store as the
widget's, keyed by the answer's id.
"""

from __future__ import annotations

import re

import time
from collections.abc import Iterator
from typing import Any

from bot.errors import BotError
from bot.answer import Answer

STARTERS = [
    "What is TAO used for?",
    "What is a subnet?",
    "How does staking work?",
    "What fees do I pay to stake?",
    "What is Dynamic TAO?",
    "Who produces blocks in Bittensor?",
]


def chat_link(url: str) -> str:
    """A site link as seen from the chat page ({base}/chat/): relative, so it works under any path prefix."""
    return ".." + url if url.startswith("/") and not url.startswith("//") else url


def render_markdown(answer: Answer) -> str:
    """The Answer as Markdown: passages with linked [n] markers, then the sources list (and, for live
    numbers, where they came from)."""
    parts = []
    for p in answer.passages:
        if p.citation is None:
            parts.append(p.text)
        else:
            c = answer.citations[p.citation]
            parts.append(f"{p.text} [[{p.citation + 1}]]({chat_link(c.link or c.url)})")
    lines = [" ".join(parts)]
    if answer.live:
        lines.append(f"\n_Chain data {answer.live.label} ({answer.live.network})._")
    if answer.citations:
        lines.append("\n**" + ("Closest pages" if answer.kind == "refusal" else "Sources") + "**\n")
        lines.extend(f"{i}. [{c.title} › {c.section}]({chat_link(c.link or c.url)})" for i, c in enumerate(answer.citations, start=1))
    return "\n".join(lines)


_ESCAPABLE = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<&:])")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<&:])")


def as_text(typed: str) -> str:
    """What a user typed, as Markdown that shows exactly those characters: no link, image, markup or HTML
    ("<img src=x>" and "[a](http://...)" show as typed; the chat renders every message as Markdown)."""
    return _ESCAPABLE.sub(r"\\\1", typed)


def typed(shown: str) -> str:
    """The text a user typed, from the message ``as_text`` made for the chat window."""
    return _ESCAPED.sub(r"\1", shown)


def _as_typed(history: list[Any]) -> list[Any]:
    return [{**turn, "content": typed(turn["content"])}
            if isinstance(turn, dict) and turn.get("role") == "user" and isinstance(turn.get("content"), str) else turn
            for turn in history]


def reply(engine: Any, message: Any, history: list[Any], store: Any = None) -> tuple[dict[str, Any], str | None]:
    """The chat's answer as an assistant message (follow-ups as option buttons), and the answer's id."""
    text = message.get("text", "") if isinstance(message, dict) else message
    try:
        answer = engine.answer(text, _as_typed(history))
    except BotError as exc:
        return {"role": "assistant", "content": exc.message}, None
    if store is not None:
        store.record_answer(answer, "chat")
    return {
        "role": "assistant",
        "content": render_markdown(answer),
        "options": [{"value": q} for q in answer.followups],
    }, answer.id


def reveal(text: str, steps: int = 12) -> list[str]:
    """Growing prefixes of ``text`` that end between words and never inside a Markdown link, ending with the text."""
    cuts, depth = [], 0
    for i, ch in enumerate(text):
        depth += ch in "[("
        depth -= ch in "])" and depth > 0
        if ch in " \n" and depth == 0:
            cuts.append(i)
    step = max(1, len(cuts) // steps)
    return [text[:i] for i in cuts[step - 1::step]] + [text]


def record_vote(store: Any, ids: dict[str, str], message: Any, liked: Any) -> bool:
    """Store a chat thumb for the answer shown as ``message``; False when there is nothing to rate."""
    answer_id = ids.get(message_text(message))
    if store is None or answer_id is None or liked not in (True, False):
        return False
    store.vote(answer_id, "up" if liked else "down")
    return True


def message_text(value: Any) -> str:
    """The text of a chat message as Gradio hands it to event handlers (a string, or parts of one)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return message_text(value.get("content", value.get("text", value.get("value", ""))))
    if isinstance(value, list):
        return "".join(message_text(v) for v in value)
    return ""


STAKER_PAGES = [  # (tab, what it says): the lookups live on the site's own pages now
    ("Portfolio", "Your wallets' free balance and stake, valued at the pools, with totals across wallets, CSV and "
                  "optional tracking over time: **[open the portfolio page](../portfolio/)**. Only public addresses "
                  "are needed, never a seed phrase. You can also ask here: \"what's my balance 5F…\"."),
    ("Validators", "Every validator in the server's chain snapshot, with its identity name, take, nominators, stake and "
                   "validator trust per subnet, searchable and sortable: **[open the validator directory](../validators/)**. "
                   "You can also ask here: \"what's the take of <validator name>?\""),
]


def make_ui(engine: Any, settings: Any, store: Any = None) -> Any:
    """The chat under a header of links back to the site (``chat_look``), plus a tab each pointing to the
    portfolio and validator pages."""
    import gradio as gr

    from bot.web.chat_look import header_html

    with gr.Blocks(title="TAO Guide") as ui:
        gr.HTML(header_html())
        with gr.Tab("Ask"):
            make_chat(engine, settings.concurrency, store)
        for tab, text in STAKER_PAGES:
            with gr.Tab(tab):
                gr.Markdown(text)
        gr.Markdown("[API documentation](../api/docs) · answers come only from the TAO Guide pages")
    return ui


STREAM_DELAY_S = 0.02  # between revealed parts: the whole answer shows within about a quarter of a second


def make_chat(engine: Any, concurrency: int = 4, store: Any = None) -> Any:
    """The chat; call it inside a ``gr.Blocks`` (the thumbs handler attaches to it)."""
    import gradio as gr

    answer_ids = gr.State({})  # rendered reply → answer id, so a thumb finds the answer it rates

    def ask(message: str, history: list[Any], ids: dict[str, str]) -> Iterator[tuple[dict[str, Any], dict[str, str]]]:
        final, answer_id = reply(engine, message, history, store)
        if answer_id is not None:
            ids = {**ids, final["content"]: answer_id}
        for part in reveal(final["content"])[:-1]:
            yield {"role": "assistant", "content": part}, ids
            time.sleep(STREAM_DELAY_S)
        yield final, ids

    def rate(ids: dict[str, str], data: gr.LikeData) -> None:
        record_vote(store, ids, data.value, data.liked)

    # Gradio injects LikeData by the parameter's annotation object; this module's annotations are strings
    rate.__annotations__["data"] = gr.LikeData

    class TextInputChat(gr.ChatInterface):
        """The chat with the user's own messages shown as the text they typed (``as_text``), never as Markdown."""

        def _message_as_message_dict(self, message: Any, role: Any) -> Any:
            if role == "user" and isinstance(message, str):
                message = as_text(message)
            return super()._message_as_message_dict(message, role)

    chat = TextInputChat(
        ask,
        chatbot=gr.Chatbot(feedback_options=("Like", "Dislike"), label="TAO Guide", height="70vh"),
        additional_inputs=[answer_ids],
        additional_outputs=[answer_ids],
        title=None,  # the page's header carries the name, in the site's font (chat_look)
        description="Ask about Bittensor. Answers are quoted from the TAO Guide pages, with links to the exact "
                    "section; when the pages don't cover a question, the assistant says so.",
        examples=[[q] for q in STARTERS],
        api_name="ask",
        concurrency_limit=concurrency,
        fill_height=True,
        autofocus=True,
    )
    chat.chatbot.like(rate, [answer_ids], None, api_visibility="private")  # needs the enclosing gr.Blocks
    return chat
