"""Follow-ups with the earlier answers in the history: nothing said twice, the new topic first, no yes/no misread."""

import pytest


def _turns(*pairs):
    return [m for q, a in pairs for m in ({"role": "user", "content": q}, {"role": "assistant", "content": a})]


def test_a_follow_up_never_quotes_a_sentence_the_previous_answer_gave(real_engine):
    first = real_engine.answer("What is TAO used for?")
    second = real_engine.answer("and how do I stake it?", _turns(("What is TAO used for?", first.text)))
    assert second.kind == "answer"
    said = set(first.text.split(". "))
    assert not [s for s in second.text.split(". ") if len(s) > 30 and s in said]


def test_without_the_assistant_turn_the_same_follow_up_may_repeat(real_engine):
    """The assistant turn is what the engine reads: the same question with only the user turn behaves as before."""
    first = real_engine.answer("What is TAO used for?")
    alone = real_engine.answer("and how do I stake it?", ["What is TAO used for?"])
    aware = real_engine.answer("and how do I stake it?", _turns(("What is TAO used for?", first.text)))
    assert alone.text != aware.text


def test_suggested_follow_ups_never_repeat_a_question_already_asked(real_engine):
    asked = "Is staking safe? Can the validator take my TAO?"
    answer = real_engine.answer("what are the risks of staking?", [asked])
    assert asked not in answer.followups


def test_a_yes_or_no_is_kept_only_for_the_question_it_answers(real_engine):
    assert real_engine.answer("Is Bittensor only an AI model?").text.startswith("No, ")
    risky = real_engine.answer("is staking risky? can i lose my tao")
    assert not risky.text.startswith(("No,", "Yes,"))
    assert "risk" in " ".join(risky.text.split()[:40]).lower()


@pytest.mark.parametrize("history", [
    [{"role": "assistant", "content": [{"type": "text", "text": "TAO is the token."}, {"type": "image"}]}],
    [{"role": "assistant"}], [("what is tao", None)], [None, 3, {"role": 7}],
])
def test_odd_history_shapes_never_break_an_answer(real_engine, history):
    assert real_engine.answer("how do i stake?", history).kind == "answer"


def test_a_chain_of_follow_ups_leans_on_the_question_that_named_the_topic():
    from bot.answer.question import follow_up_context

    history = ["how do i register my hotkey on a subnet so i can mine", "how much is that gonna cost me"]
    assert follow_up_context("and do i get it back?", history) == " ".join(history)
    assert follow_up_context("and do i get it back?", ["what is yuma consensus", *history]) == " ".join(history)


def test_a_question_too_thin_to_answer_alone_is_read_as_a_follow_up(real_engine):
    history = _turns(("how much tao do i need to launch my own subnet", "..."),
                     ("can a few of us chip in together to pay for it?", "..."))
    assert real_engine.answer("whats the least i can put in").kind == "refusal"
    assert real_engine.answer("whats the least i can put in", history).kind == "answer"


@pytest.mark.parametrize("question", ["what's a good recipe for pasta carbonara?",
                                      "ok cool. whats a good pasta recipe for tonight"])
def test_an_out_of_scope_question_stays_refused_whatever_came_before(real_engine, question):
    history = _turns(("how do i stake my tao?", "You stake from a coldkey with `btcli stake add`."))
    assert real_engine.answer(question, history).kind == "refusal"


def test_a_huge_history_is_read_as_its_last_turns(fixture_engine):
    recent = [{"role": "user", "content": "How do tide pool swaps work?"}]
    junk = [{"role": "user", "content": "filler " * 1000}] * 100_000
    assert (fixture_engine.answer("and what does it cost?", history=junk + recent).text
            == fixture_engine.answer("and what does it cost?", history=recent).text)
