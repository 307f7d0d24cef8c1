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
    """The Answer as Markdown: passages with linked [n] markers, then the sources list (and, for live
    numbers, where they came from)."""
    parts = []
    for p in answer.passages:
        if p.citation is None:
            parts.append(p.text)
        else:
            c = answer.citations[p.citation]
            parts.append(f"{p.text} [[{p.citation + 1}]]({c.url})")
    lines = [" ".join(parts)]
    if answer.live:
        lines.append(f"\n_Chain data {answer.live.label} ({answer.live.network})._")
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


def render_validator(report: Any) -> str:
    lines = [f"**Validator** `{report.hotkey}` (owner coldkey `{report.owner_coldkey}`)",
             f"- Take: **{report.take_percent:g}%** · nominators: **{report.nominators:,}**",
             f"- Validates (holds a permit) in: {', '.join(f'SN{n}' for n in report.validates_in) or 'no subnet'}",
             f"- Total stake: about **{report.total_stake_tao_value:,.2f} TAO** at spot prices (read at block "
             f"{report.block:,}; prices {report.prices})", "", "| Subnet | Stake | ≈ TAO |", "|---|---:|---:|"]
    for s in report.stake_by_subnet:
        value = "unknown" if s.tao_value is None else f"{s.tao_value:,.2f}"
        lines.append(f"| SN{s.netuid} {s.name or ''} | {s.stake:,.4f} | {value} |")
    return "\n".join(lines)


def render_portfolio(report: Any) -> str:
    if not report.positions:
        return f"`{report.coldkey}` has no stake (read at block {report.block:,})."
    lines = [f"**Stake of** `{report.coldkey}`: about **{report.total_tao_value:,.2f} TAO** at spot prices "
             f"(read at block {report.block:,}; prices {report.prices}). Read-only.", "",
             "| Subnet | Hotkey | Amount | ≈ TAO |", "|---|---|---:|---:|"]
    for p in report.positions:
        value = "unknown" if p.tao_value is None else f"{p.tao_value:,.2f}"
        unit = "TAO" if p.netuid == 0 else "alpha"
        lines.append(f"| SN{p.netuid} {p.name or ''} | `{p.hotkey[:8]}…{p.hotkey[-6:]}` | {p.alpha:,.4f} {unit} | {value} |")
    return "\n".join(lines)


def lookup(kind: str, engine: Any, settings: Any, address: str) -> str:
    """The Validator and Portfolio tabs' handler: the lookup rendered, or its error message."""
    from bot import lookups

    try:
        if kind == "validator":
            return render_validator(lookups.validator(settings, engine.chain, address))
        return render_portfolio(lookups.portfolio(settings, engine.chain, address))
    except BotError as exc:
        return f"⚠️ {exc.message}"


LOOKUP_TABS = [  # (kind, what the tab explains, the address field's label)
    ("validator", "Look up a validator by its **hotkey**: take, nominators, stake per subnet and where it validates. "
                  "Read live from the chain.", "Validator hotkey (SS58, starts with 5)"),
    ("portfolio", "See the stake positions of a **coldkey** and their TAO value at current prices. Read-only: only the "
                  "public address is needed, never a seed phrase.", "Coldkey address (SS58, starts with 5)"),
]


def make_ui(engine: Any, settings: Any) -> Any:
    """The chat, plus a tab each for the validator and portfolio lookups."""
    import gradio as gr

    with gr.Blocks(title="TAO Guide") as ui:
        with gr.Tab("Ask"):
            make_chat(engine, settings.concurrency)
        for kind, intro, label in LOOKUP_TABS:
            with gr.Tab(kind.capitalize()):
                gr.Markdown(intro)
                address = gr.Textbox(label=label, max_length=64)
                out = gr.Markdown()
                gr.Button("Look up").click(lambda a, kind=kind: lookup(kind, engine, settings, a), address, out,
                                           api_name=kind, concurrency_limit=settings.concurrency)
        gr.Markdown("[Learn site](/) · [Subnet screener](/subnets) · [API](/api/docs)")
    return ui


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
