"""The CLI shell: ask (text, --json, --jsonl batch), build, check, config; errors say what to do."""

import json

import pytest
from click.testing import CliRunner

from bot.cli import main


def test_ask_prints_the_answer_with_numbered_sources(run):
    result = run("ask", "How long is the staking cooldown?")
    assert result.exit_code == 0
    assert "42 blocks" in result.output and "[1]" in result.output
    assert "Sources:" in result.output and "/learn/staking/#the-staking-cooldown" in result.output


def test_ask_json_prints_the_answer_record(run):
    data = json.loads(run("ask", "--json", "What is Quarnite?").output)
    assert data["kind"] == "answer" and data["citations"][0]["url"].startswith("/glossary/#quarnite")
    assert "trace" not in data


def test_ask_debug_shows_the_trace(run):
    assert '"candidates"' in run("ask", "--debug", "What is Quarnite?").output


def test_jsonl_batch_prints_one_line_per_question_with_the_contract_fields(run):
    lines = "\n".join([
        json.dumps({"id": "a", "question": "how many moons does vortan have"}),
        json.dumps({"id": 2, "question": "how do I bake bread?"}),
        "not json",
        json.dumps({"id": "empty", "question": ""}),
        "",
        json.dumps({"id": "f", "question": "and what does it cost?", "history": ["How do tide pool swaps work?"]}),
    ])
    result = run("ask", "--jsonl", "-", input=lines)
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in records] == ["a", 2, 3, "empty", "f"]
    assert [r["kind"] for r in records] == ["answer", "refusal", "error", "error", "answer"]
    for r in records:
        assert {"id", "question", "kind", "text", "citations", "score", "elapsed_ms"} <= set(r)
    assert records[0]["citations"][0]["url"] == "/faq/#how-many-moons-does-planet-vortan-have"
    assert set(records[0]["citations"][0]) >= {"title", "url"}
    assert "not valid input" in records[2]["text"] and "empty" in records[3]["text"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(("ask",), "Give either a QUESTION or --jsonl", id="nothing"),
        pytest.param(("ask", "q", "--jsonl", "-"), "Give either a QUESTION or --jsonl", id="both"),
    ],
)
def test_usage_errors_exit_2_with_an_example(run, args, message):
    result = run(*args)
    assert result.exit_code == 2 and message in result.output


def test_a_bad_question_exits_1_with_the_message(run):
    result = run("ask", "   ")
    assert result.exit_code == 1 and "empty" in result.output


def test_ask_without_an_index_says_to_build(tmp_path, monkeypatch):
    monkeypatch.setenv("TAOGUIDE_INDEX_DIR", str(tmp_path / "nothing"))
    result = CliRunner().invoke(main, ["ask", "What is TAO?"])
    assert result.exit_code == 1 and "taoguide build" in result.output


def test_ask_and_check_with_a_damaged_index_name_the_file_and_the_rebuild(fixture_site, tmp_path, monkeypatch):
    import shutil

    index = tmp_path / "index"
    shutil.copytree(fixture_site.index_dir.resolve(), index)
    (index / "units.npy").write_bytes((index / "units.npy").read_bytes()[:100])
    for name in ("root", "content_dir", "mkdocs_config", "site_dir"):
        monkeypatch.setenv(f"TAOGUIDE_{name.upper()}", str(getattr(fixture_site, name)))
    monkeypatch.setenv("TAOGUIDE_INDEX_DIR", str(index))
    for args in (["ask", "What is TAO?"], ["check"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        assert "units.npy does not match its checksum" in result.output and "taoguide build --force" in result.output
        assert "Traceback" not in result.output


def test_build_reports_up_to_date_when_nothing_changed(run):
    result = run("build")
    assert result.exit_code == 0, result.output
    assert "site: up to date" in result.output and "index: up to date" in result.output


def test_check_passes_on_a_built_site(run):
    result = run("check")
    assert result.exit_code == 0, result.output
    assert [line.split()[1] for line in result.output.splitlines()] == ["content", "site", "model", "index", "manifest"]


def test_check_fails_and_names_a_stale_index(run, fixture_site, tmp_path, monkeypatch):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(fixture_site.content_dir, content)
    (content / "faq.md").write_text((content / "faq.md").read_text() + "\nNew line.\n")
    monkeypatch.setenv("TAOGUIDE_CONTENT_DIR", str(content))
    result = run("check")
    assert result.exit_code == 1 and "FAIL  manifest" in result.output and "taoguide build" in result.output


def test_config_lists_every_setting_with_its_variable(run):
    output = run("config").output
    for name in ("root", "index_dir", "port", "min_dense", "max_question_chars"):
        assert f"TAOGUIDE_{name.upper()}" in output


def test_invalid_setting_is_reported(monkeypatch):
    monkeypatch.setenv("TAOGUIDE_PORT", "not-a-port")
    result = CliRunner().invoke(main, ["config"])
    assert result.exit_code == 1 and "TAOGUIDE_" in result.output
