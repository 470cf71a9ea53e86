"""/add: paste or upload a cutting, preview what the cleaner made of it, then save it."""
from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from pathlib import PurePath

from flask import Blueprint, current_app, redirect, render_template, request

from search.errors import CuttingsError, IngestError, InputTooLarge, LibraryError, StorageError
from search.model import Article
from web.errors import limit_text
from web.library import get_library, get_parse_pool
from web.urls import article_url

bp = Blueprint("add", __name__)

# The preview shows the start of a long cutting (a 5 MB page would make a page of
# many megabytes); the save stores all of it.
PREVIEW_PARAGRAPHS = 200
PREVIEW_CHARACTERS = 100_000


@dataclass
class Submission:
    data: bytes | str  # str for a paste, bytes for an upload (kept as sent)
    filename: str | None  # None for a paste
    url: str | None

    @property
    def name(self) -> str:
        return self.filename or "the pasted text"

    @property
    def is_upload(self) -> bool:
        return self.filename is not None


class FormProblem(Exception):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def _read_form() -> Submission:
    url = request.form.get("url", "").strip() or None
    upload = request.files.get("file")
    if upload and upload.filename:
        name = PurePath(upload.filename.replace("\\", "/")).name or "upload"
        return Submission(upload.read(), name, url)
    payload = request.form.get("payload", "")
    if payload:  # the preview step's copy of an uploaded file
        try:
            data = base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError):
            raise FormProblem("The saved copy of the upload was damaged; please choose the file again.", 400) from None
        return Submission(data, request.form.get("filename") or "upload", url)
    return Submission(request.form.get("text", ""), None, url)


def _check_size(sub: Submission) -> None:
    limit = int(current_app.config["UPLOAD_LIMIT"])
    size = len(sub.data.encode("utf-8")) if isinstance(sub.data, str) else len(sub.data)
    if size > limit:
        raise FormProblem(
            f"{sub.name} is {size / 1024 / 1024:.1f} MB; the limit is {limit_text(limit)} per cutting.", 413
        )


def _form(status: int = 200, **context):
    context.setdefault("text", "")
    context.setdefault("url", "")
    return render_template("add.html", **context), status


@bp.get("/add")
def add_form():
    return _form()


@bp.post("/add")
def add_submit():
    uploads = [f for f in request.files.getlist("file") if f and f.filename]
    if len(uploads) > 1:  # several files at once: each saved straight away, each with its own result
        return _add_several(uploads)
    action = request.form.get("action", "preview")
    url = request.form.get("url", "")
    try:
        sub = _read_form()
        _check_size(sub)
        # read in a worker process with a time limit: no input can stall the server's other requests;
        # a save reads the bytes it stores, as a reindex will
        data = _as_bytes(sub.data) if action == "save" else sub.data
        article = get_parse_pool().parse(data, filename=sub.filename, url=sub.url)
        copies = get_library().near_duplicates(article)
        choice = request.form.get("on_copy", "")
        if action == "save" and (not copies or choice in ("keep", "replace")):
            chosen = set(request.form.getlist("replace")) if choice == "replace" else set()
            get_library().add_parsed(data, article, sub.filename, url=sub.url,
                                     replace=[c.article_id for c in copies if c.article_id in chosen])
            return redirect(article_url(article.id), code=303)
    except (FormProblem, InputTooLarge) as e:
        status = getattr(e, "status", 413)
        # refused input is not sent back: a 6 MB paste would come back as a 6 MB page
        return _form(status, error=str(e), text="" if status == 413 else _text_of(), url=url)
    except IngestError as e:
        status = 400 if _is_blank(request.form.get("text", "")) and not request.files.get("file") else 422
        return _form(status, error=str(e), text=_text_of(), url=url)
    except LibraryError as e:  # busy, or the disk is full: the paste stays in the form to try again
        return _form(507 if isinstance(e, StorageError) else 503, error=str(e), text=_text_of(), url=url)
    shown, hidden = _preview_part(article)
    # a save without a choice about the copies found comes back as the preview, to choose there
    return _form(409 if action == "save" else 200, preview=article, shown=shown, hidden=hidden, sub=sub,
                 payload=_payload(sub), text=sub.data if not sub.is_upload else "", url=sub.url or "",
                 copies=copies, already=get_library().has_article(article.id))


def _preview_part(article: Article) -> tuple[list, int]:
    """The paragraphs the preview shows, and how many more the cutting has."""
    shown, characters = [], 0
    for p in article.paragraphs[:PREVIEW_PARAGRAPHS]:
        characters += len(p.text)
        if characters > PREVIEW_CHARACTERS and shown:
            break
        shown.append(p)
    return shown, len(article.paragraphs) - len(shown)


def _add_several(uploads):
    library, pool = get_library(), get_parse_pool()
    outcomes = []  # (file name, Article or None, message, the library's copies of its story)
    for upload in uploads:
        sub = Submission(upload.read(), PurePath(upload.filename.replace("\\", "/")).name or "upload", None)
        try:
            _check_size(sub)
            # one "original address" cannot name several files; each is read in a worker, as a single add is
            article = pool.parse(sub.data, filename=sub.filename)
            copies = library.near_duplicates(article)  # saved straight away: both kept, the result says so
            library.add_parsed(sub.data, article, sub.filename)
        except (FormProblem, CuttingsError) as e:
            outcomes.append((sub.name, None, str(e), []))
        else:
            outcomes.append((sub.name, article, "", copies))
    added = sum(1 for _name, article, _msg, _copies in outcomes if article is not None)
    return render_template("add_results.html", outcomes=outcomes, added=added), 200 if added else 422


def _as_bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _payload(sub: Submission) -> str:
    return base64.b64encode(sub.data).decode("ascii") if sub.is_upload else ""


def _text_of() -> str:
    return request.form.get("text", "")


def _is_blank(text: str) -> bool:
    return not text.strip()


