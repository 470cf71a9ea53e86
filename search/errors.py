"""Errors a user can cause. Their message names the input and says what is wrong."""


class CuttingsError(Exception):
    """Base class: anything raised with a message meant for the user."""


class IngestError(CuttingsError):
    """The input could not be turned into an article (empty, not text, no article found)."""


class InputTooLarge(IngestError):
    """The input is over the size limit."""


class LibraryError(CuttingsError):
    """The library on disk could not be read or written (e.g. the index is locked)."""


class SearchTooBroad(CuttingsError):
    """A search would expand to too many words or run too long; the message says how to narrow it."""
