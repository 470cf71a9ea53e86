"""Only the hosts the library is served as are answered (DNS rebinding), and absolute links come from
the public address (--base-url), never from a Host header."""
from __future__ import annotations

import base64
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from search.access import PasswordFile
from search.cli import main
from tests.helpers.web import soup
from web import create_app

PASTED = ("Council votes to reopen the lido\n\nBy Ada Pike\n\n"
          "The town council voted on Tuesday to reopen the lido next summer, the mayor said.\n")
PUBLIC = "https://news.example/cuttings"


def _stored(app) -> list[Path]:
    sources = Path(app.config["CUTTINGS_HOME"]) / "sources"
    return list(sources.glob("*")) if sources.exists() else []


def test_a_rebound_post_that_looks_same_origin_is_refused_naming_the_host(empty_app, empty_client):
    response = empty_client.post("/add", data={"text": PASTED, "action": "save"}, headers={
        "Host": "evil.example:5000", "Origin": "http://evil.example:5000", "Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 400
    message = soup(response).select_one("[role=alert]").get_text(" ")
    assert "'evil.example:5000'" in message and "127.0.0.1" in message and "--base-url" in message
    assert _stored(empty_app) == []


def test_reads_under_a_foreign_host_are_refused_too(client):
    assert client.get("/search.json?q=barrier", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1.evil.example"}).status_code == 400


@pytest.mark.parametrize("host, origin", [
    ("localhost", "http://localhost"), ("localhost:5000", "http://localhost:5000"),
    ("127.0.0.1:8080", "http://127.0.0.1:8080"), ("[::1]:5000", "http://[::1]:5000"),
    ("LocalHost:80", "http://localhost"),
])
def test_loopback_names_on_any_port_are_answered_and_linked(client, host, origin):
    response = client.get("/search.json?q=barrier&view=flat", headers={"Host": host})
    assert response.status_code == 200
    assert response.json["hits"][0]["url"].startswith(f"{origin}/a/")


@pytest.fixture
def public_app(web_library_home, parse_pool):
    return create_app({"TESTING": True, "PARSE_POOL": parse_pool}, home=web_library_home, base_url=PUBLIC + "/")


@pytest.mark.parametrize("host", ["news.example", "localhost:5000"])
def test_absolute_links_come_from_the_public_address_whatever_the_host(public_app, host):
    client = public_app.test_client()
    data = client.get("/search.json?q=barrier&view=flat", headers={"Host": host}).json
    assert data["hits"][0]["url"].startswith(f"{PUBLIC}/a/")
    assert data["links"]["self"].startswith(f"{PUBLIC}/search.json?")
    feed = ET.fromstring(client.get("/search.atom?q=barrier", headers={"Host": host}).data)
    ids = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}id")]
    assert ids and all(i.startswith(f"{PUBLIC}/") for i in ids)
    link_header = client.get("/search?q=barrier", headers={"Host": host}).headers["Link"]
    assert f"<{PUBLIC}/search.json?q=barrier>" in link_header
    assert f'template="{PUBLIC}/search?q=' in client.get("/opensearch.xml", headers={"Host": host}).get_data(
        as_text=True)


def test_the_public_host_is_answered_and_its_origin_may_post(tmp_path, parse_pool):
    PasswordFile(tmp_path / "lib").set("correct horse battery")  # shared beyond this machine: writes need it
    app = create_app({"TESTING": True, "PARSE_POOL": parse_pool}, home=tmp_path / "lib", base_url=PUBLIC)
    client = app.test_client()
    password = "Basic " + base64.b64encode(b"me:correct horse battery").decode()
    # behind a proxy that passes the Host on, and behind one that rewrites it to the local address
    for host in ("news.example", "127.0.0.1:5000"):
        response = client.post("/add", data={"text": PASTED, "action": "save"}, headers={
            "Host": host, "Origin": "https://news.example", "Sec-Fetch-Site": "same-origin",
            "Authorization": password})
        assert response.status_code == 303, host
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400


def test_the_base_url_can_come_from_the_environment(tmp_path, parse_pool, monkeypatch):
    monkeypatch.setenv("CUTTINGS_BASE_URL", PUBLIC)
    app = create_app({"TESTING": True, "PARSE_POOL": parse_pool}, home=tmp_path / "lib")
    assert app.test_client().get("/", headers={"Host": "news.example"}).status_code == 200


def test_a_public_address_that_is_not_a_web_address_is_one_clear_line(tmp_path, capsys):
    assert main(["--home", str(tmp_path / "lib"), "serve", "--base-url", "ftp://news.example"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cuttings: The public address must be an http(s) address") and "'ftp://news.example'" in err
