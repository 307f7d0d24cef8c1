"""What users type: normalisation, clear errors, and the conversation before it."""

import pytest

from bot.errors import BadQuestion
from bot.answer.question import clean_question, depends_on_context, previous_questions, retrieval_queries


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("  What is   TAO? ", "What is TAO?", id="whitespace"),
        pytest.param("What is\u200b TAO\u0000?", "What is TAO ?", id="invisible-and-control-chars"),
        pytest.param("ｗｈａｔ ｉｓ ＴＡＯ？", "what is TAO?", id="fullwidth"),
        pytest.param("<script>alert(1)</script>what is dTAO?", "alert(1) what is dTAO?", id="html-dropped"),
        pytest.param("is 1 < 2 TAO?", "is 1 < 2 TAO?", id="lone-angle-bracket-kept"),
        pytest.param("¿qué es τ?", "¿qué es τ?", id="unicode-letters-kept"),
    ],
)
def test_clean_question_normalises(raw, expected):
    assert clean_question(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        pytest.param("", "empty", id="empty"),
        pytest.param("   \n\t ", "empty", id="blank"),
        pytest.param("?!…", "empty", id="punctuation-only"),
        pytest.param("<b></b>", "empty", id="markup-only"),
        pytest.param("x" * 1001, "1,001 characters long; the limit is 1,000", id="too-long"),
        pytest.param(None, "must be text", id="not-text"),
        pytest.param(42, "must be text", id="number"),
    ],
)
def test_bad_questions_get_a_message_saying_what_to_do(raw, message):
    with pytest.raises(BadQuestion, match=message) as info:
        clean_question(raw)
    assert "What is TAO used for?" in info.value.message or "sentence or two" in info.value.message


@pytest.mark.parametrize(
    "history",
    [
        pytest.param(["how do I create a subnet?"], id="strings"),
        pytest.param([("how do I create a subnet?", "Use btcli subnet create.")], id="pairs"),
        pytest.param([{"role": "user", "content": "how do I create a subnet?"},
                      {"role": "assistant", "content": "Use btcli subnet create."}], id="messages"),
        pytest.param([{"role": "user", "content": [{"type": "text", "text": "how do I create a subnet?"}]}],
                     id="message-parts"),
    ],
)
def test_previous_questions_accepts_common_history_shapes(history):
    assert previous_questions(history) == ["how do I create a subnet?"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("and how much does that cost?", True),
        ("what about for validators?", True),
        ("how long does it take?", True),
        ("What is the maximum supply of TAO?", False),
        ("How do I stake TAO to a validator on subnet 19 with btcli?", False),
    ],
)
def test_depends_on_context(question, expected):
    assert depends_on_context(question) is expected


def test_follow_up_queries_keep_the_literal_words_first():
    assert retrieval_queries("how much does that cost?", ["how do I create a subnet?"]) == [
        "how much does that cost?", "how do I create a subnet? how much does that cost?"]


def test_a_full_question_after_a_conversation_stands_alone():
    assert retrieval_queries("What is the maximum supply of TAO in total?", ["how do I create a subnet?"]) == [
        "What is the maximum supply of TAO in total?"]


def test_a_very_short_question_after_a_conversation_is_a_follow_up():
    assert len(retrieval_queries("on testnet?", ["what is the EVM chain id?"])) == 2
    assert retrieval_queries("on testnet?", []) == ["on testnet?"]


@pytest.mark.parametrize(("question", "rest"), [
    ("different question: whats rao", "whats rao"),
    ("ok different thing, who actually created bittensor", "who actually created bittensor"),
    ("unrelated: can subnets talk to each other?", "can subnets talk to each other?"),
    ("btw what is dtao", "what is dtao"),
    ("other than that, is it safe", ""),  # "other" is not a new topic here
    ("new subnet owners pay what?", ""),
    ("and how do I stake it?", ""),
])
def test_a_question_that_announces_a_new_topic_stands_alone(question, rest):
    from bot.answer.question import depends_on_context, new_topic

    assert new_topic(question) == rest
    if rest:
        assert not depends_on_context(question)
        assert retrieval_queries(question, ["how long is a block?"]) == [rest]


def test_registering_a_subnet_and_pow_are_searched_in_the_pages_words():
    assert retrieval_queries("how do i register a new subnet", []) == ["how do i create a new subnet"]
    assert retrieval_queries("is pow registration back", []) == ["is proof-of-work (PoW) registration back"]


def test_an_answer_reads_only_the_last_turns_each_cut_short():
    from bot.answer.question import MAX_HISTORY_TURNS, MAX_TURN_CHARS, recent_turns

    history = [{"role": "user", "content": f"question {n}"} for n in range(100_000)]
    kept = recent_turns(history)
    assert len(kept) == MAX_HISTORY_TURNS and kept[-1]["content"] == "question 99999"
    huge = recent_turns([{"role": "assistant", "content": "x" * 5_000_000}, "y" * 5_000_000, ("q" * 10**6, "a" * 10**6)])
    assert len(huge[0]["content"]) == len(huge[1]) == len(huge[2][0]) == MAX_TURN_CHARS


@pytest.mark.parametrize("history", ["a string", {"role": "user"}, 42, None])
def test_a_history_that_is_not_a_list_of_turns_counts_as_none(history):
    from bot.answer.question import recent_turns

    assert recent_turns(history) == []


def test_a_huge_question_is_refused_before_normalising_with_a_short_message():
    with pytest.raises(BadQuestion) as refused:
        clean_question("\ufb03" * 300_000, max_chars=1000)  # NFKC would make it 900,000 characters first
    assert "300,000 characters" in refused.value.message and len(refused.value.message) < 300
