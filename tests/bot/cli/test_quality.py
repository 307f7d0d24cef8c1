"""`taoguide eval`: the evaluation table, and with --ceiling the best facts score reachable."""

import json


def test_eval_prints_the_table_and_with_ceiling_the_best_reachable_facts(run, tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps(row) for row in [
        {"id": "1", "topic": "staking", "question": "How long is the staking cooldown?", "scope": "in",
         "gold": ["/learn/staking/#the-staking-cooldown"], "facts": ["42 blocks"]},
        {"id": "2", "topic": "out", "question": "best pizza dough recipe", "scope": "out"},
    ]))
    report = tmp_path / "report.json"
    result = run("eval", str(questions), "--ceiling", "--json", str(report))
    assert result.exit_code == 0, result.output
    assert "hit@1" in result.output and "facts ceiling with" in result.output
    data = json.loads(report.read_text())
    assert data["facts_ceiling"]["top1"] == 1.0
    assert data["hybrid"]["metrics"]["fact_accuracy"] == 1.0
