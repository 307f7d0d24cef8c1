"""Fuzzing the API: no input, valid or hostile, gets a server error, and every refusal has the one error shape.

Two parts, both with a fixed seed and a bounded number of cases so they run the same in every
`make test` (see the README's hardening section for the counts and the time they take):

- Schemathesis generates requests for every operation of the server's own OpenAPI schema,
  valid and invalid (wrong types, missing fields, values out of range);
- Hypothesis sends hostile JSON bodies to the endpoints that take text: lone surrogates, NULs,
  right-to-left and zero-width marks, huge numbers, deep nesting and wrong types in any field.
"""

import json

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis.errors import Unsatisfiable
from pydantic import SecretStr

from bot.feedback import FeedbackStore
from tests.conftest import closed_port

CASES_PER_OPERATION = 30
HOSTILE_CASES = 150
FUZZ = settings(max_examples=CASES_PER_OPERATION, derandomize=True, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def fuzz_app(fixture_site, fixture_engine, tmp_path_factory):
    """The whole server, with a feedback store, an admin token, an allowed origin and a chain that refuses at once."""
    from bot.web import make_app

    settings_ = fixture_site.model_copy(update={"cors_origins": ["http://127.0.0.1:9999"],
                                                "admin_token": SecretStr("s3cret"),
                                                "chain_network": f"ws://127.0.0.1:{closed_port()}",
                                                "lookup_timeout_s": 2.0})
    store = FeedbackStore(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'feedback.sqlite'}")
    app = make_app(settings_, engine=fixture_engine, store=store)
    yield app
    store.close()


@pytest.fixture(scope="module")
def api_schema(fuzz_app):
    return schemathesis.openapi.from_asgi("/api/openapi.json", fuzz_app)


def assert_answered_or_refused_in_shape(response):
    assert response.status_code < 500, f"{response.status_code}: {response.text[:300]}"
    kind = response.headers.get("content-type") or ""
    kind = kind[0] if isinstance(kind, list) else kind  # Schemathesis keeps each header as a list
    if response.status_code >= 400 and kind.startswith("application/json"):
        body = response.json()
        assert body["ok"] is False and body["error"]["message"] and body["error"]["status"] == response.status_code


def _operations(api_schema):
    return [result.ok() for result in api_schema.get_all_operations()]


@pytest.mark.parametrize("mode", list(schemathesis.GenerationMode), ids=lambda m: m.value)
def test_no_generated_request_gets_a_server_error(api_schema, mode):
    """Every operation of the schema, with requests that fit it (positive) and that break it (negative)."""
    operations = _operations(api_schema)
    assert len(operations) >= 8
    fuzzed = []
    for operation in operations:
        @FUZZ
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case):
            assert_answered_or_refused_in_shape(case.call())

        try:
            check()
            fuzzed.append(operation.label)
        except Unsatisfiable:  # nothing to break in an operation without parameters (GET /api/health)
            assert mode == schemathesis.GenerationMode.NEGATIVE, operation.label
    assert len(fuzzed) >= 6, fuzzed


# Fragments that broke something before (issue 17) or that parsers trip on: lone surrogates (which JSON carries
# as "\ud800"), NULs, bidi and zero-width marks, markup, repeated misspelt names, ligatures that NFKC triples.
KNOWN_BAD = st.sampled_from(["\ud800", " \udfff", "\udc00x", "\x00" * 20, "\u202e\u2066tao\u2069", "\u200b\u200d\ufeff" * 30,
                             "<script>alert(1)</script>", " sn64" * 300, "\ufb03" * 5000, " chutse" * 142, "ﷺ" * 400,
                             "\U0010ffff", "\r\n\t\x0b\x1b[31m"])
HOSTILE_TEXT = st.one_of(
    KNOWN_BAD,
    st.text(alphabet=st.characters(codec=None, categories=["Cs", "Cc", "Cf", "Zl", "Zp", "Mn", "So", "Lo"]), max_size=60),
    st.text(max_size=300),
)
JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers(min_value=-(10**40), max_value=10**40)
                          | st.floats(allow_nan=False) | HOSTILE_TEXT,
                          lambda inner: st.lists(inner, max_size=4) | st.dictionaries(HOSTILE_TEXT, inner, max_size=4),
                          max_leaves=12)
HISTORY = st.one_of(JSON_VALUE, st.lists(st.one_of(
    JSON_VALUE, st.fixed_dictionaries({"role": st.sampled_from(["user", "assistant", "system", 5]), "content": JSON_VALUE}))))
# a real question with hostile text around it reaches the tokenizer and the store (hostile text alone is mostly "empty")
QUESTION = st.one_of(st.builds(lambda before, q, after: before + q + after, HOSTILE_TEXT,
                               st.sampled_from(["what is tao", "price of sn64 alpha", "how do i stake"]), KNOWN_BAD),
                     st.builds(lambda before, q: before + q, KNOWN_BAD, st.sampled_from(["what is tao", "is staking safe"])),
                     HOSTILE_TEXT, JSON_VALUE)
ASK_BODY = st.fixed_dictionaries({"question": QUESTION},
                                 optional={"history": HISTORY, "client": JSON_VALUE, "debug": JSON_VALUE})
VOTE_BODY = st.fixed_dictionaries({"answer_id": st.one_of(HOSTILE_TEXT, JSON_VALUE),
                                   "vote": st.one_of(st.sampled_from(["up", "down"]), JSON_VALUE)},
                                  optional={"comment": st.one_of(HOSTILE_TEXT, JSON_VALUE)})


def _deep(levels):
    return '{"question": "what is tao", "history": ' + "[" * levels + "]" * levels + "}"


@pytest.fixture(scope="module")
def client(fuzz_app):
    with TestClient(fuzz_app) as c:
        yield c


@settings(max_examples=HOSTILE_CASES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(body=st.one_of(ASK_BODY, ASK_BODY, JSON_VALUE), vote=VOTE_BODY)
def test_hostile_bodies_are_answered_or_refused_in_the_error_shape(client, body, vote):
    raw = json.dumps(body)  # ensure_ascii: lone surrogates travel as \ud800, as browsers send them
    assert_answered_or_refused_in_shape(client.post("/api/ask", content=raw, headers={"content-type": "application/json"}))
    assert_answered_or_refused_in_shape(client.post("/api/feedback", content=json.dumps(vote),
                                                    headers={"content-type": "application/json"}))


@pytest.mark.parametrize("levels", [50, 500, 5000])
def test_deeply_nested_history_is_answered_or_refused(client, levels):
    assert_answered_or_refused_in_shape(client.post("/api/ask", content=_deep(levels),
                                                    headers={"content-type": "application/json"}))

