"""Whoosh's multi-process writer: its workers end when the process that started them is killed.

`cuttings add` and `cuttings reindex` write many articles with Whoosh's MpWriter,
whose SubWriterTask processes wait on a queue for the parent's job files. Killed
with kill -9, the parent left them blocked for good (search/lifetime.py says why
and how they now end). When the class looks different (another fork), nothing is patched.
"""
from __future__ import annotations

from search.lifetime import exit_with_parent


def apply() -> None:
    try:
        from whoosh.multiproc import SubWriterTask
    except ImportError:
        return
    original = getattr(SubWriterTask, "run", None)
    if original is None or getattr(original, "_cuttings_fixed", False):
        return

    def run(self):
        exit_with_parent()
        return original(self)

    run._cuttings_fixed = True
    SubWriterTask.run = run
