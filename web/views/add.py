"""/add: paste or upload a cutting, preview what the cleaner made of it, then save it."""
from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from pathlib import PurePath

from flask import Blueprint, current_app, redirect, render_template, request

from search import ingest
from search.errors import CuttingsError, IngestError, InputTooLarge
from web.errors import limit_text
from web.library import get_library
from web.urls import article_url

bp = Blueprint("add", __name__)


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
    try:
        sub = _read_form()
        _check_size(sub)
        if action == "save":
            article = get_library().add(_as_bytes(sub.data), sub.filename, url=sub.url)
            return redirect(article_url(article.id), code=303)
        article = ingest.parse(sub.data, filename=sub.filename, url=sub.url)
    except FormProblem as e:
        return _form(e.status, error=str(e), text=_text_of(), url=request.form.get("url", ""))
    except InputTooLarge as e:
        return _form(413, error=str(e), url=request.form.get("url", ""))
    except IngestError as e:
        status = 400 if _is_blank(request.form.get("text", "")) and not request.files.get("file") else 422
        return _form(status, error=str(e), text=_text_of(), url=request.form.get("url", ""))
    return _form(preview=article, sub=sub, payload=_payload(sub), text=sub.data if not sub.is_upload else "",
                 url=sub.url or "")


def _add_several(uploads):
    library = get_library()
    outcomes = []  # (file name, Article or None, message)
    for upload in uploads:
        sub = Submission(upload.read(), PurePath(upload.filename.replace("\\", "/")).name or "upload", None)
        try:
            _check_size(sub)
            article = library.add(sub.data, sub.filename)  # one "original address" cannot name several files
        except (FormProblem, CuttingsError) as e:
            outcomes.append((sub.name, None, str(e)))
        else:
            outcomes.append((sub.name, article, ""))
    added = sum(1 for _name, article, _msg in outcomes if article is not None)
    return render_template("add_results.html", outcomes=outcomes, added=added), 200 if added else 422


def _as_bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _payload(sub: Submission) -> str:
    return base64.b64encode(sub.data).decode("ascii") if sub.is_upload else ""


def _text_of() -> str:
    return request.form.get("text", "")


def _is_blank(text: str) -> bool:
    return not text.strip()


