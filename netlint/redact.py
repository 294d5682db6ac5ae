"""Finding and masking secrets in text: payment card numbers, IBANs, US SSNs.

The sensitive-data rules report these; the engine also runs :func:`redact`
over every finding's excerpt and message, so that no output format (of any
rule) ever prints a secret. Masking keeps the length of the text, so offsets
into a masked excerpt still point at the same characters.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import regexcache as rc

MASK = "•"

# 13 to 19 digits, optionally grouped by single spaces or dashes (one kind of
# separator throughout), not glued to other digits, letters or decimal points.
_CARD_RE = rc.compile(r"(?<![\w.,/+-])(?:\d[ -]?){12,18}\d(?![\w/]|[.,]\d|-\d)")
# Issuer prefixes (IIN ranges) and the lengths each network issues. A
# Luhn-valid number outside these ranges is an order or tracking number.
_NETWORKS: tuple[tuple[str, tuple[int, ...]], ...] = (
    (r"4", (13, 16, 19)),  # Visa
    (r"5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720", (16,)),  # Mastercard
    (r"3[47]", (15,)),  # American Express
    (r"30[0-5]|3095|36|38|39", (14, 16, 17, 18, 19)),  # Diners Club
    (r"6011|64[4-9]|65", (16, 17, 18, 19)),  # Discover
    (r"35(?:2[89]|[3-8]\d)", (16, 17, 18, 19)),  # JCB
    (r"62|81", (16, 17, 18, 19)),  # UnionPay
    (r"5[06-9]|6\d", (13, 14, 15, 16, 17, 18, 19)),  # Maestro
)
_NETWORK_RES = tuple((rc.compile(p), lengths) for p, lengths in _NETWORKS)

_IBAN_RE = rc.compile(r"(?<![\w-])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,30}(?![\w-])")
# ISO 13616 registry lengths for the countries a support desk is likely to see.
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20,
    "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18,
    "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IS": 26, "IT": 27, "JO": 30,
    "KW": 30, "KZ": 20, "LB": 28, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24,
    "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28,
    "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SE": 24, "SI": 19, "SK": 24,
    "SM": 27, "TN": 24, "TR": 26, "UA": 29, "VG": 24, "XK": 20,
}

_SSN_RE = rc.compile(r"(?<![\w-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\w-])")
_SSN_BARE_RE = rc.compile(r"(?<![\w-])(\d{3})(\d{2})(\d{4})(?![\w-])")
_SSN_CONTEXT_RE = rc.compile(r"\b(?:SSN|social\s+security(?:\s+number)?|SS#)", re.IGNORECASE)

_ANY_DIGITS_RE = rc.compile(r"\d{3}")

# What the number patterns above cannot match without (none of them ignores
# case): 13 digits with at most one space or dash between each two
# (_CARD_RE), two capitals and two digits (_IBAN_RE), 3+2+4 digits with an
# optional space or dash between the groups (_SSN_RE, _SSN_BARE_RE). Most
# replies have none, and these scans are 2-4x cheaper than the patterns.
MAY_BE_CARD_RE = rc.compile(r"\d(?:[ -]?\d){12}")
MAY_BE_IBAN_RE = rc.compile(r"[A-Z]{2}\d\d")
MAY_BE_SSN_RE = rc.compile(r"\d{3}[- ]?\d{2}[- ]?\d{4}")


class Secret(NamedTuple):
    """A secret found in a text: where it is, what it is, and how to show it."""

    start: int
    end: int
    kind: str  # "card", "iban" or "ssn"
    masked: str

    @property
    def label(self) -> str:
        return {"card": "payment card number", "iban": "IBAN",
                "ssn": "US Social Security number"}[self.kind]


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def card_network_ok(digits: str) -> bool:
    """Whether the number starts with an issuer prefix that issues this length."""
    return any(rx.match(digits) and len(digits) in lengths for rx, lengths in _NETWORK_RES)


def iban_valid(compact: str) -> bool:
    """ISO 13616: known country, its length, and the mod-97 check digits."""
    if IBAN_LENGTHS.get(compact[:2]) != len(compact):
        return False
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in moved)
    return int(number) % 97 == 1


def ssn_valid(area: str, group: str, serial: str) -> bool:
    """SSA rules: no 000, 666 or 9xx area, no 00 group, no 0000 serial."""
    return (area not in ("000", "666") and not area.startswith("9")
            and group != "00" and serial != "0000")


def _mask_keep_last(text: str, keep: int, keep_first: int = 0) -> str:
    """Mask the letters and digits of ``text`` except the first/last few, keeping
    separators, so the masked form has the same length and shape."""
    positions = [i for i, ch in enumerate(text) if ch.isalnum()]
    shown = set(positions[:keep_first]) | set(positions[len(positions) - keep:] if keep else ())
    return "".join(ch if (not ch.isalnum() or i in shown) else MASK for i, ch in enumerate(text))


def find_cards(text: str) -> list[Secret]:
    out = []
    for m in _CARD_RE.finditer(text):
        raw = m.group()
        seps = {ch for ch in raw if not ch.isdigit()}
        if len(seps) > 1 or "  " in raw or "--" in raw:
            continue
        digits = raw.replace(" ", "").replace("-", "")
        if not (13 <= len(digits) <= 19) or not card_network_ok(digits) or not luhn_valid(digits):
            continue
        out.append(Secret(m.start(), m.end(), "card", _mask_keep_last(raw, 4)))
    return out


def find_ibans(text: str) -> list[Secret]:
    out = []
    for m in _IBAN_RE.finditer(text):
        raw = m.group().rstrip()
        compact = raw.replace(" ", "")
        # The match may run on into a following word; try the longest valid prefix.
        want = IBAN_LENGTHS.get(compact[:2])
        if want is None or len(compact) < want:
            continue
        if len(compact) > want:
            # Cut after ``want`` alphanumerics, and only at a group boundary.
            count = 0
            cut = len(raw)
            for i, ch in enumerate(raw):
                if ch != " ":
                    count += 1
                    if count == want:
                        cut = i + 1
                        break
            if cut < len(raw) and raw[cut] != " ":
                continue
            raw = raw[:cut]
            compact = raw.replace(" ", "")
        if iban_valid(compact):
            out.append(Secret(m.start(), m.start() + len(raw), "iban",
                              _mask_keep_last(raw, 4, keep_first=2)))
    return out


def find_ssns(text: str) -> list[Secret]:
    out = []
    for m in _SSN_RE.finditer(text):
        if ssn_valid(m.group(1), m.group(3), m.group(4)):
            # A spaced form needs context: "123 45 6789" is also a phone-ish number.
            if m.group(2) == " " and not _SSN_CONTEXT_RE.search(_line_around(text, m.start())):
                continue
            out.append(Secret(m.start(), m.end(), "ssn", _mask_keep_last(m.group(), 4)))
    for m in _SSN_BARE_RE.finditer(text):
        if ssn_valid(m.group(1), m.group(2), m.group(3)) and _SSN_CONTEXT_RE.search(
                _line_around(text, m.start())):
            out.append(Secret(m.start(), m.end(), "ssn", _mask_keep_last(m.group(), 4)))
    return out


def _line_around(text: str, at: int, width: int = 60) -> str:
    return text[max(0, at - width): at + width]


def find_secrets(text: str) -> list[Secret]:
    """Every card number, IBAN and SSN in ``text``, in order, without overlaps."""
    if not _ANY_DIGITS_RE.search(text):
        return []
    found = sorted((find_cards(text) if MAY_BE_CARD_RE.search(text) else [])
                   + (find_ibans(text) if MAY_BE_IBAN_RE.search(text) else [])
                   + (find_ssns(text) if MAY_BE_SSN_RE.search(text) else []),
                   key=lambda s: (s.start, -(s.end - s.start)))
    out: list[Secret] = []
    for s in found:
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out


def redact(text: str) -> str:
    """``text`` with every secret masked; same length, so offsets still hold."""
    secrets = find_secrets(text)
    if not secrets:
        return text
    parts = []
    pos = 0
    for s in secrets:
        parts.append(text[pos:s.start])
        parts.append(s.masked)
        pos = s.end
    parts.append(text[pos:])
    return "".join(parts)
