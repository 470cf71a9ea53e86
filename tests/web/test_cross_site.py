"""Posts from another site's page are refused; the library's own form and non-browser clients work."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.web import soup

PASTED = ("Council votes to reopen the lido\n\nBy Ada Pike\n\n"
          "The town council voted on Tuesday to reopen the lido next summer, the mayor said.\n")


def _stored(app) -> list[Path]:
    sources = Path(app.config["CUTTINGS_HOME"]) / "sources"
    return list(sources.glob("*")) if sources.exists() else []


@pytest.mark.parametrize("headers", [
    {"Origin": "https://attacker.example"},
    {"Origin": "http://localhost:8080"},  # another port on the same machine is another origin
    {"Origin": "null"},  # a sandboxed frame or a local file
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://localhost"},
])
def test_a_post_from_another_site_is_refused_and_stores_nothing(empty_app, empty_client, headers):
    response = empty_client.post("/add", data={"text": PASTED, "action": "save"}, headers=headers)
    assert response.status_code == 403
    assert "sent from another web site" in soup(response).select_one("main").get_text()
    assert _stored(empty_app) == []


@pytest.mark.parametrize("headers", [
    {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"},  # the library's own Add page
    {},  # curl or a script: no browser page behind it
])
def test_the_librarys_own_form_and_scripts_can_save(empty_app, empty_client, headers):
    response = empty_client.post("/add", data={"text": PASTED, "action": "save"}, headers=headers)
    assert response.status_code == 303
    assert len(_stored(empty_app)) >= 1


def test_searching_from_another_site_still_works(client):
    response = client.get("/search?q=drumbeat", headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 200
