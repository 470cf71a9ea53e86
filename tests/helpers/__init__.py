"""Helpers the tests share: paths to fixtures and corpora (paths), pages and libraries for the web tests (web)."""
