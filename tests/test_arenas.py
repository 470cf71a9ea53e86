"""The server's threads share two malloc arenas instead of holding one each (glibc)."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import search.cli

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc arenas are glibc's")

# Eight threads allocate at once, then the C library reports its heaps (one per arena).
THREADS_ALLOCATING = textwrap.dedent("""
    import ctypes, os, sys, tempfile, threading
    from search.arenas import share_arenas
    shared = share_arenas() if sys.argv[1] == "share" else None
    libc = ctypes.CDLL(None)
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    together = threading.Barrier(8)
    def allocate():
        together.wait()
        blocks = [libc.malloc(2000) for _ in range(2000)]
        together.wait()
        for block in blocks:
            libc.free(block)
    threads = [threading.Thread(target=allocate) for _ in range(8)]
    for t in threads: t.start()
    for t in threads: t.join()
    libc.fopen.restype, libc.fopen.argtypes = ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_char_p]
    libc.malloc_info.argtypes, libc.fclose.argtypes = [ctypes.c_int, ctypes.c_void_p], [ctypes.c_void_p]
    fd, path = tempfile.mkstemp(); os.close(fd)
    out = libc.fopen(path.encode(), b"w"); libc.malloc_info(0, out); libc.fclose(out)
    print(shared, open(path).read().count("<heap nr="))
    os.unlink(path)
""")


def _heaps(mode: str) -> tuple[str, int]:
    out = subprocess.run([sys.executable, "-c", THREADS_ALLOCATING, mode], capture_output=True, text=True, check=True)
    shared, heaps = out.stdout.split()
    return shared, int(heaps)


def test_threads_allocating_at_once_share_two_arenas():
    assert _heaps("own")[1] > 2  # glibc's default: an arena for each thread that found the others busy
    assert _heaps("share") == ("True", 2)


def test_the_server_shares_arenas_before_its_threads_start(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(search.cli, "share_arenas", lambda: calls.append("arenas"))

    def create_app(*args, **kwargs):
        calls.append("app")
        raise SystemExit(0)  # stop before serving

    monkeypatch.setattr("web.create_app", create_app)
    with pytest.raises(SystemExit):
        search.cli.main(["--home", str(tmp_path), "serve", "--port", "0"])
    assert calls == ["arenas", "app"]
