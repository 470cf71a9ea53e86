"""Errors a user can cause or act on. Their message names the input and says what is wrong."""

import errno


class CuttingsError(Exception):
    """Base class: anything raised with a message meant for the user."""


class IngestError(CuttingsError):
    """The input could not be turned into an article (empty, not text, no article found)."""


class InputTooLarge(IngestError):
    """The input is over the size limit."""


class LibraryError(CuttingsError):
    """The library on disk could not be read or written (e.g. the index is locked)."""


class CurationError(CuttingsError):
    """A correction, tag, deletion or saved search that cannot be done as asked (the message says why)."""


class DuplicateSkipped(CuttingsError):
    """A cutting left out because the library already holds its story and the user chose to skip it."""


class StorageError(LibraryError):
    """The disk refused a write (full, read-only, not allowed); the message says so in words."""


_IN_WORDS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "Cuttings is not allowed to write there",
    errno.EPERM: "Cuttings is not allowed to write there",
}


def storage_problem(exc: OSError) -> str:
    """What went wrong with a write, in words a user can act on ("the disk is full")."""
    return _IN_WORDS.get(exc.errno, exc.strerror or str(exc))

