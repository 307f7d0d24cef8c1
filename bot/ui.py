"""The Gradio chat at /chat: a ChatInterface over ``Engine.answer``; it only renders the Answer."""

from __future__ import annotations

from typing import Any

from bot.errors import BotError
from bot.records import Answer

STARTERS = [
    "What is TAO used for?",
    "What is a subnet?",
    "How does staking work?",
    "What fees do I pay to stake?",
    "What is Dynamic TAO?",
    "Who produces blocks in Bittensor?",
]


def render_markdown(answer: Answer) -> str:
    """The Answer as Markdown: passages with linked [n] markers, then the sources list."""
    parts = []
    for p in answer.passages:
        if p.citation is None:
            parts.append(p.text)
        else:
            c = answer.citations[p.citation]
            parts.append(f"{p.text} [[{p.citation + 1}]]({c.url})")
    lines = [" ".join(parts)]
    if answer.citations:
        lines.append("\n**" + ("Closest pages" if answer.kind == "refusal" else "Sources") + "**\n")
        lines.extend(f"{i}. [{c.title} › {c.section}]({c.url})" for i, c in enumerate(answer.citations, start=1))
    return "\n".join(lines)


def reply(engine: Any, message: Any, history: list[Any]) -> dict[str, Any]:
    """The chat handler: the engine's answer as an assistant message, follow-ups as option buttons."""
    text = message.get("text", "") if isinstance(message, dict) else message
    try:
        answer = engine.answer(text, history)
    except BotError as exc:
        return {"role": "assistant", "content": exc.message}
    return {
        "role": "assistant",
        "content": render_markdown(answer),
        "options": [{"value": q} for q in answer.followups],
    }


def make_chat(engine: Any, concurrency: int = 4) -> Any:
    import gradio as gr

    def ask(message: str, history: list[Any]) -> dict[str, Any]:
        return reply(engine, message, history)

    return gr.ChatInterface(
        ask,
        title="TAO Guide",
        description="Ask about Bittensor. Answers are quoted from the TAO Guide pages, with links to the exact "
                    "section; when the pages don't cover a question, the assistant says so.",
        examples=STARTERS,
        api_name="ask",
        concurrency_limit=concurrency,
        fill_height=True,
        autofocus=True,
    )
