"""The reader's measures: lead keys in the first 40 words, misleading openers, redundancy, repeats."""

from bot.quality import reading

FILLER = " ".join(["word"] * 45)


def test_a_lead_key_counts_only_within_the_first_40_words():
    assert reading.leads_with("Staking costs 0.05%. " + FILLER, [("0.05%",)])
    assert not reading.leads_with(FILLER + " Staking costs 0.05%.", [("0.05%",)])
    assert reading.leads_with("It costs 0.05% or 0.1 TAO.", [("0.05%", "1%"), ("0.1 TAO",)])


def test_yes_no_questions_are_recognised_in_any_clause():
    assert reading.is_yes_no_question("is staking risky? can i lose my tao")
    assert reading.is_yes_no_question("ok so can I unstake any time")
    assert not reading.is_yes_no_question("how do I stake?")


def test_a_yes_or_no_that_answers_nothing_asked_is_misleading():
    no = "No, a validator cannot move or spend your stake."
    assert reading.misleading_opener("what are the risks of staking", no)
    assert reading.misleading_opener("is staking risky? can i lose my tao", no,
                                     "Do I need a hotkey to stake?")  # the section answers another question
    assert not reading.misleading_opener("can the validator take my tao?", no, "Is staking safe? Can the validator take my TAO?")
    assert not reading.misleading_opener("what are the risks of staking", "Staking carries risks.")


def test_a_sentence_that_restates_an_earlier_one_is_redundant():
    text = ("A coldkey swap costs 0.1 TAO and waits 5 days. The coldkey swap waits 5 days and costs 0.1 TAO. "
            "During the wait the owner can dispute the swap.")
    assert reading.redundant_sentences(text) == 1
    assert reading.redundant_sentences("A swap costs 0.1 TAO. A swap costs 0.2 TAO on testnet.") == 0  # a new figure


def test_sentences_of_the_previous_answer_count_as_repeated_word_for_word_or_nearly():
    previous = "TAO is the network's token. Holders stake TAO to validators to earn rewards."
    assert reading.repeated_sentences("TAO is the network's token. Run `btcli stake add` to stake.", previous) == 1
    assert reading.repeated_sentences("Holders stake TAO to validators to earn their rewards.", previous) == 1
    assert reading.repeated_sentences("Run `btcli stake add` to stake.", previous) == 0


def test_a_new_command_is_news_even_in_familiar_words():
    previous = "The btcli command prints what is installed."
    assert reading.repeated_sentences("The command `btcli --version` prints the installed version.", previous) == 0
