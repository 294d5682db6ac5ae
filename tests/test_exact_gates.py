"""Speed-ups that must not change a result: rewritten patterns match exactly what
the originals matched, and a gate never skips text its pattern would match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from netlint import text as tx

# Characters around handles and addresses: word characters (ASCII and not),
# "@", the dots and dashes of addresses, spaces and line breaks.
_AT_ALPHABET = "ab_Z9é@.-+ \n#"
_ORIGINAL_HANDLE_RE = re.compile(r"(?<![\w@])@\w{1,30}")


def _spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_AT_ALPHABET, max_size=40))
def test_handle_pattern_matches_what_the_lookbehind_first_form_did(text: str) -> None:
    assert _spans(tx.HANDLE_RE, text) == _spans(_ORIGINAL_HANDLE_RE, text)
    assert tx.HANDLE_RE.sub(" ", text) == _ORIGINAL_HANDLE_RE.sub(" ", text)


def test_handle_pattern_examples() -> None:
    text = "@ShopCo hi @sam_k, mail jo@example.com or @@x; @" + "a" * 35
    assert [m.group() for m in tx.HANDLE_RE.finditer(text)] == ["@ShopCo", "@sam_k", "@" + "a" * 30]
    assert _spans(tx.HANDLE_RE, text) == _spans(_ORIGINAL_HANDLE_RE, text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_AT_ALPHABET, max_size=40))
def test_email_gate_never_skips_an_address(text: str) -> None:
    if tx.EMAIL_RE.search(text):
        assert tx._may_hold("email", text, text.lower()), text


def test_email_gate_examples() -> None:
    for text in ("write to jo.lee@example.com", "a@b-c.d", "x@y.z.w"):
        assert tx.EMAIL_RE.search(text) and tx._may_hold("email", text, text.lower())
    # Handles only: the address pattern is not run.
    assert not tx._may_hold("email", "@ShopCo @sam_k thanks!", "")
