"""``netlint lsp`` without the lsp extra, and a CLI that never imports pygls itself."""

from __future__ import annotations

import subprocess
import sys

# pygls made unimportable, as in an install without the extra.
_WITHOUT_PYGLS = ("import sys; sys.modules['pygls'] = None; sys.argv = ['netlint', 'lsp']; "
                  "from netlint.cli import main; main()")


def test_lsp_without_the_extra_says_how_to_install_it() -> None:
    proc = subprocess.run([sys.executable, "-c", _WITHOUT_PYGLS], capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert lines == ["netlint: error: netlint lsp needs the lsp extra: pip install 'netlint[lsp]'"]


def test_cli_import_does_not_import_pygls() -> None:
    code = ("import sys, netlint.cli; "
            "print(sorted(m for m in ('pygls', 'lsprotocol', 'netlint.lsp') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert proc.stdout.strip() == "[]"


def test_lsp_rejects_a_bad_tcp_address() -> None:
    proc = subprocess.run([sys.executable, "-m", "netlint", "lsp", "--tcp", "8765"],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert proc.returncode == 2
    assert "--tcp wants HOST:PORT" in proc.stderr
