"""Who may change a library served to others: one password, stored hashed (Argon2) in the library.

    <library>/access.json   {"password": "$argon2id$..."}

`cuttings set-password` writes it; the web app asks for it (HTTP Basic) before any write
when it is served beyond this machine (web/access.py). Never stored or logged in clear.
"""
from __future__ import annotations

from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from search.curation.files import read_json, write_json
from search.errors import CuttingsError

MIN_LENGTH = 8
_hasher = PasswordHasher()


class PasswordFile:
    def __init__(self, home: Path) -> None:
        self.path = Path(home) / "access.json"

    def is_set(self) -> bool:
        return bool(self._hash())

    def set(self, password: str) -> None:
        if len(password) < MIN_LENGTH:
            raise CuttingsError(f"The password must have at least {MIN_LENGTH} characters.")
        write_json(self.path, {"password": _hasher.hash(password)})
        self.path.chmod(0o600)

    def check(self, password: str) -> bool:
        stored = self._hash()
        if not stored or not password:
            return False
        try:
            return _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    def _hash(self) -> str:
        data = read_json(self.path, {}) or {}
        return data.get("password", "")
