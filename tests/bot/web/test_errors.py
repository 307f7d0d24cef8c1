"""One error shape for every failure under /api, with a message that says what to do next."""

import pytest
from fastapi.testclient import TestClient

from tests.bot.web.conftest import assert_error


@pytest.mark.parametrize(
    ("request_args", "status", "code"),
    [
        pytest.param(("get", "/api/ask", {"params": {"q": ""}}), 422, "bad_question", id="empty"),
        pytest.param(("get", "/api/ask", {"params": {"q": "x" * 5000}}), 422, "bad_question", id="huge"),
        pytest.param(("get", "/api/ask", {}), 422, "invalid_request", id="missing-q"),
        pytest.param(("post", "/api/ask", {"content": b"{not json", "headers": {"content-type": "application/json"}}),
                     422, "invalid_request", id="malformed-json"),
        pytest.param(("post", "/api/ask", {"json": {"question": 5}}), 422, "invalid_request", id="wrong-type"),
        pytest.param(("get", "/api/nope", {}), 404, "not_found", id="unknown-endpoint"),
        pytest.param(("get", "/api", {}), 404, "not_found", id="api-itself"),
        pytest.param(("get", "/api/", {}), 404, "not_found", id="api-slash"),
    ],
)
def test_every_failure_has_the_one_error_shape(client, request_args, status, code):
    method, url, kwargs = request_args
    message = assert_error(getattr(client, method)(url, **kwargs), status, code)
    assert any(hint in message for hint in ("What is TAO used for?", "/api/docs", "sentence or two"))


def test_unexpected_errors_become_a_500_in_the_error_shape(fixture_site, fixture_engine, monkeypatch):
    from bot.web import make_app

    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(fixture_engine, "answer", boom)
    with TestClient(make_app(fixture_site, engine=fixture_engine), raise_server_exceptions=False) as c:
        assert_error(c.get("/api/ask", params={"q": "anything"}), 500, "internal_error")
