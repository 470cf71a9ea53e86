"""/add under hostile input: a runaway parse is stopped without stalling other requests, refused input
is not echoed, a long cutting's preview is cut short, and a full disk is said in words."""
from __future__ import annotations

import errno
import os
import select
import threading
from pathlib import Path

import pytest

from search.index import temporary
from search.index.store import IndexStore
from search.parse_pool import ParsePool
from tests.helpers.runaway import signal_then_backtrack
from tests.helpers.web import soup
from web import create_app
from web.views.add import PREVIEW_PARAGRAPHS

PASTED = """Harbour ferry fares to rise in spring

By Mara Quinn

The harbour ferry will charge a pound more for a return ticket from April, the operator said on Friday.

"Fuel has doubled and we have held fares for four years," said Ines Moreau, the ferry company's director.

Season tickets for residents will not change.
"""


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "started.fifo"
    os.mkfifo(path)
    return path


def _wait_until_started(fifo: Path) -> None:
    """Block until the worker writes to the FIFO (bounded: 60 s means it never started)."""
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        ready, _, _ = select.select([fd], [], [], 60)
        assert ready, "the runaway parse never started"
    finally:
        os.close(fd)


@pytest.fixture
def runaway_app(tmp_path, web_library_home):
    import shutil

    home = tmp_path / "library"
    shutil.copytree(web_library_home, home)
    pool = ParsePool(time_limit=1.0, workers=1, waiting=0, parse_function=signal_then_backtrack)
    yield create_app({"TESTING": True, "PARSE_POOL": pool}, home=home)
    pool.close()


def _post_in_thread(app, data) -> tuple[threading.Thread, list]:
    out: list = []
    thread = threading.Thread(target=lambda: out.append(app.test_client().post("/add", data=data)))
    thread.start()
    return thread, out


def test_a_runaway_parse_is_stopped_while_searches_go_on(runaway_app, fifo):
    client = runaway_app.test_client()
    thread, out = _post_in_thread(runaway_app, {"text": str(fifo), "action": "save"})
    _wait_until_started(fifo)
    # the pattern holds the interpreter lock of the process running it: not this one
    search = client.get("/search.json?q=barrier")
    assert search.status_code == 200 and search.json["total"] > 0
    thread.join(60)
    [refused] = out
    assert refused.status_code == 422
    message = soup(refused).select_one("[role=alert]").get_text()
    assert "Reading the pasted text took longer than 1 s" in message and "nothing was saved" in message


def test_while_every_worker_is_busy_another_add_is_refused_at_once_keeping_the_paste(runaway_app, fifo):
    thread, _out = _post_in_thread(runaway_app, {"text": str(fifo), "action": "save"})
    _wait_until_started(fifo)
    second = runaway_app.test_client().post("/add", data={"text": PASTED, "action": "preview"})
    thread.join(60)
    assert second.status_code == 503
    page = soup(second)
    assert "Try again in a minute" in page.select_one("[role=alert]").get_text()
    assert page.select_one("textarea#text").get_text() == PASTED


def test_a_refused_oversized_paste_is_not_sent_back(tmp_path, parse_pool):
    app = create_app({"TESTING": True, "UPLOAD_LIMIT": 20_000, "PARSE_POOL": parse_pool}, home=tmp_path / "lib")
    text = "A word that repeats. " * 2000
    response = app.test_client().post("/add", data={"text": text, "action": "preview"})
    assert response.status_code == 413
    assert "A word that repeats" not in response.get_data(as_text=True)
    assert len(response.data) < 20_000


def test_the_preview_of_a_long_cutting_shows_its_start_and_says_how_much_more(empty_client, empty_app):
    count = PREVIEW_PARAGRAPHS + 60
    body = "\n\n".join(f"Paragraph {i} of the long report says the harbour wall will be rebuilt in stone."
                       for i in range(count))
    response = empty_client.post("/add", data={"text": "A very long report\n\n" + body, "action": "preview"})
    assert response.status_code == 200
    page = soup(response)
    shown = page.select("ol.preview-paragraphs > li")
    total = int(page.select_one("dl.source").get_text(" ").split("Paragraphs")[1].split()[0])
    assert len(shown) == PREVIEW_PARAGRAPHS and total > PREVIEW_PARAGRAPHS
    assert f"{total - PREVIEW_PARAGRAPHS} more paragraphs not shown" in page.select_one(".preview-more").get_text()
    # the save form still carries the whole text
    assert f"Paragraph {count - 1} of the long report" in page.select_one("form.save-form textarea").get_text()


def _full_disk(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_when_saving_the_source_says_so_and_keeps_the_paste(empty_client, empty_app, monkeypatch):
    real_replace = os.replace
    monkeypatch.setattr(temporary.os, "replace", _full_disk)  # the rename that completes the write
    response = empty_client.post("/add", data={"text": PASTED, "action": "save"})
    monkeypatch.setattr(temporary.os, "replace", real_replace)
    assert response.status_code == 507
    page = soup(response)
    message = page.select_one("[role=alert]").get_text()
    assert "the pasted text was not saved: the disk is full" in message
    assert page.select_one("textarea#text").get_text() == PASTED
    sources = Path(empty_app.config["CUTTINGS_HOME"]) / "sources"
    assert [p.name for p in sources.iterdir()] == []  # no temporary file left behind either


def test_a_full_disk_when_indexing_says_the_source_is_saved_but_not_searchable(empty_client, empty_app,
                                                                                monkeypatch):
    monkeypatch.setattr(IndexStore, "write_articles", _full_disk)
    response = empty_client.post("/add", data={"text": PASTED, "action": "save"})
    assert response.status_code == 507
    message = soup(response).select_one("[role=alert]").get_text()
    sources = Path(empty_app.config["CUTTINGS_HOME"]) / "sources"
    [saved] = [p for p in sources.iterdir() if not p.name.endswith(".meta.json")]
    assert "Not indexed: the disk is full." in message
    assert f"saved as sources/{saved.name} but not yet searchable" in message and "cuttings reindex" in message
