"""Apps for the web shell's tests: the whole server in-process (TestClient) over the fixture site."""

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from bot.feedback import FeedbackStore

OTHER_SITE = "http://127.0.0.1:9999"  # a site allowed to embed the widget


@pytest.fixture(scope="module")
def client(fixture_site, fixture_engine):
    """The server with its defaults: no other origin allowed, no admin token, the settings' store."""
    from bot.web import make_app

    with TestClient(make_app(fixture_site, engine=fixture_engine)) as c:
        yield c


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return FeedbackStore(f"sqlite:///{tmp_path_factory.mktemp('fb') / 'feedback.sqlite'}")


@pytest.fixture(scope="module")
def widget_client(fixture_site, fixture_engine, store):
    """The server as a site owner runs it for the widget: OTHER_SITE allowed, an admin token, a known store."""
    from bot.web import make_app

    settings = fixture_site.model_copy(update={"cors_origins": [OTHER_SITE], "admin_token": SecretStr("s3cret")})
    with TestClient(make_app(settings, engine=fixture_engine, store=store)) as c:
        yield c


def assert_error(response, status, code):
    """The response is the API's one error shape with this status and code; returns its message."""
    assert response.status_code == status
    body = response.json()
    assert body["ok"] is False
    assert body["error"]["code"] == code and body["error"]["status"] == status
    assert body["error"]["message"]
    return body["error"]["message"]
