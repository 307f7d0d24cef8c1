"""`taoguide eval` and `taoguide bench`: the quality tools (``bot.quality``) from the terminal.

``eval`` prints the evaluation tables (and, on request, the facts ceiling, the misses and a
JSON report); ``bench`` prints the latency numbers and writes them as JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from bot.cli import options
from bot.cli.options import fail, load_settings
from bot.errors import BotError
from kb.errors import KBError


@click.command()
@click.option("--no-build", is_flag=True, help="Skip the from-scratch index build (the slowest part).")
@click.option("--no-http", is_flag=True, help="Skip the real server under load.")
@click.option("--rounds", default=3, show_default=True, help="Times each question is asked (warm).")
@click.option("--seconds", default=10.0, show_default=True, help="Length of each HTTP load run.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("build/bench.json"), show_default=True,
              help="Where to write the results as JSON.")
def bench(no_build: bool, no_http: bool, rounds: int, seconds: float, out: Path) -> None:
    """Measure answers in-process against their floor, a real server under load, and an index build.

    Example: taoguide bench --no-build
    """
    from bot.quality import bench as benchmark

    settings = load_settings()
    try:
        result = benchmark.run(settings, build=not no_build, rounds=rounds, http=not no_http, seconds=seconds)
    except (KBError, BotError) as exc:
        raise fail(exc) from exc
    except RuntimeError as exc:  # the served process did not start or a load tool failed
        raise click.ClickException(f"{exc} Run `taoguide serve` by hand to see why.") from exc
    benchmark.write(result, settings.root / out if not out.is_absolute() else out)
    for line in benchmark.summary(result):
        click.echo(line)


@click.command(name="eval")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--baselines", is_flag=True,
              help="Also score BM25-only and dense-only retrieval, and rank fusion (rrf), on the same index.")
@click.option("--json", "report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the full report (overall, per topic, per question) to this JSON file.")
@click.option("--failures", is_flag=True, help="List the questions that missed, with what the bot did.")
@click.option("--conversations", "dialogues", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Conversations to replay (default: tests/eval/conversations.jsonl next to the questions).")
@click.option("--ceiling", is_flag=True,
              help="Also print the best answer-fact accuracy any choice of sentences from the top 1, 3 and 5 "
                   "retrieved sections could reach (within the sentence budget).")
def evaluate(file: Path | None, baselines: bool, report: Path | None, failures: bool, ceiling: bool,
             dialogues: Path | None) -> None:
    """Score the bot on an evaluation set (default: tests/eval/questions.jsonl).

    \b
    Prints hit@1, hit@5, MRR, answer-fact accuracy, refusal precision/recall, false
    refusals, follow-up accuracy and latency, overall and per topic; then what readers
    see (lead accuracy in the first 40 words, words per answer, misleading openers,
    redundant sentences) and the replayed conversations (lead accuracy of later turns,
    sentences repeated from the previous answer).
    Example: taoguide eval --baselines --json build/eval.json
    """
    from bot.answer import Engine
    from bot.quality import conversations as talks
    from bot.quality import evaluate as ev

    settings = load_settings()
    path = file or settings.root / "tests" / "eval" / "questions.jsonl"
    try:
        items = ev.load_items(path)
    except ValueError as exc:
        raise click.ClickException(f"{exc}. Fix that line (see the format in tests/eval/README.md).") from exc
    dialogues = dialogues or (path.parent / "conversations.jsonl")
    try:
        chats = talks.load(dialogues) if dialogues.exists() else []
    except ValueError as exc:
        raise click.ClickException(f"{exc}. Fix that line (see the format in tests/eval/README.md).") from exc
    engine = options.load_engine()
    runs = {"hybrid": engine}
    if baselines:
        for mode in ("lexical", "dense", "rrf"):
            runs[mode] = Engine(settings.model_copy(update={"retrieval": mode}), engine.index)
    results: dict[str, Any] = {}
    for name, eng in runs.items():
        outcomes = ev.run(eng, items)
        metrics = ev.score(outcomes)
        results[name] = {"metrics": metrics.as_dict(), "outcomes": outcomes}
    _print_eval(results, len(items), path)
    talk = talks.score(talks.replay(engine, chats)) if chats else None
    if talk:
        _print_conversations(talk, dialogues)
    ceilings = {}
    if ceiling:
        limit = settings.max_sentences
        ceilings = {f"top{k}": round(v, 4) for k, v in ev.ceilings(engine, items, (1, 3, 5), limit).items()}
        click.echo(f"facts ceiling with {limit} sentences from the top 1 / 3 / 5 sections: "
                   + " / ".join(f"{v:.3f}" for v in ceilings.values())
                   + f"  (the answers reach {results['hybrid']['metrics']['fact_accuracy']:.3f})")
    if failures:
        _print_failures(results["hybrid"]["outcomes"])
    if report:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(json.dumps({
            "file": str(path), "questions": len(items), **({"facts_ceiling": ceilings} if ceilings else {}),
            **({"conversations": {**talk.as_dict(), "turns": talk.per_turn}} if talk else {}),
            **{name: {"metrics": r["metrics"], "questions": [
                {"id": o.item.id, "topic": o.item.topic, "kind": o.kind, "rank": o.rank(), "facts": o.has_facts,
                 "cited_gold": o.cited_gold, "led": o.led, "words": o.words, "opener": o.opener,
                 "redundant": o.redundant, "ms": round(o.ms, 2)} for o in r["outcomes"]]}
               for name, r in results.items()}}, indent=1), encoding="utf-8")
        click.echo(f"report written to {report}")


_EVAL_COLUMNS = [("hit1", "hit@1"), ("hit5", "hit@5"), ("mrr", "MRR"), ("fact_accuracy", "facts"),
                 ("refusal_precision", "ref.prec"), ("refusal_recall", "ref.recall"), ("false_refusals", "false ref."),
                 ("followup_accuracy", "follow-up"), ("median_ms", "median ms"), ("p95_ms", "p95 ms")]
_READING_COLUMNS = [("lead_accuracy", "lead@40"), ("median_words", "words med."), ("p90_words", "words p90"),
                    ("misleading_openers", "bad openers"), ("redundant_sentences", "redundant")]


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return str(value)
    return f"{value:.1f}" if isinstance(value, float) and value > 1.5 else f"{value:.3f}"


def _print_eval(results: dict[str, Any], count: int, path: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=140)
    for title, columns in ((f"TAO Guide evaluation: {count} questions from {path.name}", _EVAL_COLUMNS),
                           ("what readers see (lead@40: lead keys in the first 40 words; counts over all answers)",
                            _READING_COLUMNS)):
        table = Table(title=title)
        table.add_column("retrieval")
        for _, label in columns:
            table.add_column(label, justify="right")
        for name, result in results.items():
            table.add_row(name, *(_fmt(result["metrics"][key]) for key, _ in columns))
        console.print(table)
    topics = Table(title="per topic (hybrid)")
    topics.add_column("topic")
    topics.add_column("n", justify="right")
    for _, label in _EVAL_COLUMNS:
        topics.add_column(label, justify="right")
    for topic, m in results["hybrid"]["metrics"]["per_topic"].items():
        topics.add_row(topic, str(m["n"]), *(_fmt(m[key]) for key, _ in _EVAL_COLUMNS))
    console.print(topics)


def _print_conversations(metrics: Any, path: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"conversations: {metrics.conversations} replayed from {path.name}, "
                        f"{metrics.later_turns} later turns (with the earlier answers in the history)")
    for label in ("lead@40", "facts+gold", "repeated sentences", "turns repeating", "suggestions asked again",
                  "words med."):
        table.add_column(label, justify="right")
    table.add_row(_fmt(metrics.lead_accuracy), _fmt(metrics.fact_accuracy), str(metrics.repeated_sentences),
                  str(metrics.turns_with_repeats), str(metrics.suggestions_asked_again), _fmt(metrics.median_words))
    Console(width=140).print(table)


def _print_failures(outcomes: list[Any]) -> None:
    for o in outcomes:
        item = o.item
        if item.scope == "out" and o.kind != "refusal":
            click.echo(f"ANSWERED-OUT  {item.id}  {item.question!r}  → {o.ranking[:1]}")
        elif item.scope == "in" and (o.kind == "refusal" or not o.has_facts or o.rank() != 1
                                     or (item.lead and not o.led) or o.opener):
            problem = ("REFUSED" if o.kind == "refusal" else "NO-FACTS" if not o.has_facts else "RANK" if o.rank() != 1
                       else "OPENER" if o.opener else "LEAD")
            click.echo(f"{problem:<13} {item.id}  {item.question!r}  rank={o.rank()}  top={o.ranking[:2]}  "
                       f"gold={list(item.gold)[:2]}")
