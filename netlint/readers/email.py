"""E-mail files: the body the agent wrote; quoted history becomes the customer message."""

from __future__ import annotations

import email
import email.policy
import re

from .. import regexcache as rc
from ..draft import Draft, SourceMap
from ..errors import InputError

_ATTRIBUTION_RE = rc.compile(
    r"^(?:On .{0,200}wrote:|-{2,}\s*Original Message\s*-{2,}|From: .+|_{10,})\s*$",
    re.MULTILINE | re.IGNORECASE,
)
_QUOTED_RE = rc.compile(r"^[ \t]*>", re.MULTILINE)
_SIGNATURE_RE = rc.compile(r"^-- ?$", re.MULTILINE)


def split_body(body: str) -> tuple[int, str | None]:
    """Where the agent's own text ends, and the quoted customer text if any."""
    cut = len(body)
    quoted = None
    m = _ATTRIBUTION_RE.search(body)
    q = _QUOTED_RE.search(body)
    starts = [x.start() for x in (m, q) if x]
    if starts:
        cut = min(starts)
        rest = body[cut:]
        lines = rest.split("\n")
        if m and m.start() == cut:
            lines = lines[1:]
        quoted = "\n".join(re.sub(r"^[ \t]*>+ ?", "", ln) for ln in lines).strip() or None
    sig = _SIGNATURE_RE.search(body, 0, cut)
    if sig:
        cut = min(cut, sig.start())
    return cut, quoted


def read_email(raw: str, path: str, file: str | None, **context: object) -> list[Draft]:
    # Parsed from bytes: from a str, an 8-bit body's non-ASCII characters come back
    # from get_content() as escapes ('🙂' -> '\\U0001f642'), and positions drift.
    msg = email.message_from_bytes(raw.encode("utf-8", "surrogateescape"),
                                   policy=email.policy.default)
    part = msg.get_body(preferencelist=("plain",)) if msg.is_multipart() else msg
    if part is None:
        raise InputError(f"{path}: e-mail has no text/plain part")
    try:
        if part.get_content_charset() is None:  # undeclared: UTF-8, as the file was read
            body = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
        else:
            body = part.get_content()
    except (LookupError, ValueError) as exc:
        raise InputError(f"{path}: cannot decode e-mail body: {exc}") from None
    if not isinstance(body, str):
        raise InputError(f"{path}: e-mail body is not text")
    body = body.replace("\r\n", "\n")
    raw_n = raw.replace("\r\n", "\n")
    cut, quoted = split_body(body)
    reply = body[:cut].rstrip()
    # Point positions into the file when the body stands there as written
    # (no base64 or quoted-printable encoding); else at the body's start.
    at = raw_n.find(reply[:200]) if reply else -1
    header_end = raw_n.find("\n\n")
    if at < 0 or raw_n[at:at + len(reply)] != reply:
        at = header_end + 2 if header_end >= 0 else 0
        verbatim = False
    else:
        verbatim = raw_n is raw or "\r" not in raw
    line = raw_n.count("\n", 0, at) + 1
    smap = SourceMap(source=reply, base_offset=at, base_line=line, verbatim=verbatim)
    ctx = dict(context)
    ctx.setdefault("channel", "email")
    if quoted and not ctx.get("customer"):
        ctx["customer"] = quoted
    subject = msg.get("subject")
    meta = (("subject", str(subject)),) if subject else ()
    return [Draft(text=reply, path=path, file=file if verbatim else None, source_map=smap,
                  meta=meta, **ctx)]  # type: ignore[arg-type]
