"""Readers: every format becomes drafts whose positions point into the user's file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from netlint.draft import Draft
from netlint.readers import ReadError, ReadOptions, read_paths, read_stdin, read_text
from netlint.readers.records import FieldNames

OPTS = ReadOptions()


def _drafts(items: list[Draft | ReadError]) -> list[Draft]:
    return [d for d in items if isinstance(d, Draft)]


def _pos(d: Draft, needle: str) -> tuple[int, int, int]:
    return d.map.position(d.text.index(needle))


def _file_pos(raw: str, needle: str) -> tuple[int, int, int]:
    off = raw.index(needle)
    line = raw.count("\n", 0, off) + 1
    col = off - (raw.rfind("\n", 0, off) + 1) + 1
    return off, line, col


EML = """From: agent@shop.example
To: maria@example.com
Subject: Re: where is my order
Content-Type: text/plain; charset=utf-8

Hi Maria,

Your parcel left our warehouse today.

Best regards,
Tom
--\x20
Tom Baker | Shop Support

On Mon, 3 Mar 2025, Maria <maria@example.com> wrote:
> Where is my order? I paid on Monday.
> Thanks, Maria
"""


def test_email_body_excludes_signature_and_quoted_history() -> None:
    [d] = _drafts(list(read_text(EML, "reply.eml", OPTS)))
    assert d.text.startswith("Hi Maria,")
    assert d.text.rstrip().endswith("Tom")
    assert "Shop Support" not in d.text and "wrote:" not in d.text
    assert d.customer is not None and d.customer.startswith("Where is my order?")
    assert d.channel == "email"
    assert _pos(d, "parcel") == _file_pos(EML, "parcel")


def test_email_with_only_quote_lines_keeps_them_as_customer() -> None:
    raw = "Subject: x\n\nYes, you can.\n\n> Can I return it?\n"
    [d] = _drafts(list(read_text(raw, "r.eml", OPTS)))
    assert d.text == "Yes, you can."
    assert d.customer == "Can I return it?"


def test_plain_text_positions_are_identity() -> None:
    raw = "Hi Jo,\n\nThanks for waiting.\n"
    [d] = _drafts(list(read_text(raw, "a.txt", OPTS)))
    assert _pos(d, "waiting") == _file_pos(raw, "waiting")


def test_jsonl_positions_survive_escapes() -> None:
    rec = {"id": "t1", "customer": "Where?", "channel": "chat",
           "reply": 'He said "hi"\nand caf\u00e9 \\ then target here'}
    raw = json.dumps({"reply": "first"}) + "\n" + json.dumps(rec) + "\n"
    items = list(read_text(raw, "batch.jsonl", OPTS))
    [_, d] = _drafts(items)
    assert d.record == "1" and d.id == "t1" and d.channel == "chat" and d.customer == "Where?"
    off, line, col = _pos(d, "target")
    assert (off, line, col) == _file_pos(raw, "target")


def test_jsonl_bad_line_is_reported_and_the_rest_read() -> None:
    raw = '{"reply": "one"}\nnot json\n{"reply": "three"}\n{"text": "no reply"}\n'
    items = list(read_text(raw, "b.jsonl", OPTS))
    assert [d.text for d in _drafts(items)] == ["one", "three"]
    errors = [e.message for e in items if isinstance(e, ReadError)]
    assert any("2: invalid JSON" in e for e in errors)
    assert any("'reply'" in e for e in errors)


def test_csv_with_configurable_fields_and_quoted_positions() -> None:
    raw = 'ticket,answer,who\n7,"She wrote ""thanks"" and then target",ann\n'
    opts = ReadOptions(fields=FieldNames.parse(["reply=answer", "id=ticket", "agent=who"]))
    [d] = _drafts(list(read_text(raw, "x.csv", opts)))
    assert d.id == "7" and d.agent == "ann" and d.text.startswith('She wrote "thanks"')
    assert _pos(d, "target") == _file_pos(raw, "target")


def test_csv_without_reply_column_is_an_error() -> None:
    items = list(read_text("a,b\n1,2\n", "x.csv", OPTS))
    assert isinstance(items[0], ReadError) and "--field reply=" in items[0].message


def test_yaml_exercise_list_with_shared_customer_and_block_positions() -> None:
    raw = (
        "customer: Where is my parcel?\n"
        "drafts:\n"
        "  - agent: ann\n"
        "    id: ex1\n"
        "    customer_name: Jo\n"
        "    reply: |\n"
        "      Hi Jo,\n"
        "      Your parcel is with the courier target now.\n"
        "  - agent: bob\n"
        "    reply: \"Sorry, \\\"late\\\" target.\"\n"
    )
    a, b = _drafts(list(read_text(raw, "ex.yml", OPTS)))
    assert a.customer == b.customer == "Where is my parcel?"
    assert (a.agent, a.id, a.customer_name, a.record) == ("ann", "ex1", "Jo", "drafts[0]")
    assert _pos(a, "target") == _file_pos(raw, "target")
    assert _pos(b, "target") == _file_pos(raw, "target.\"")


def test_json_exercise_single_mapping() -> None:
    raw = json.dumps({"customer": "Hi?", "reply": "Hello there target.", "channel": "social"})
    [d] = _drafts(list(read_text(raw, "one.json", OPTS)))
    assert d.channel == "social" and d.record is None
    assert _pos(d, "target") == _file_pos(raw, "target")


def test_directory_walk_with_include_and_exclude(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hello.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("Hi.", encoding="utf-8")
    (tmp_path / "sub" / "skip.txt").write_text("No.", encoding="utf-8")
    (tmp_path / "netlint.yml").write_text("name: x\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    items = list(read_paths([str(tmp_path)], ReadOptions(exclude=("skip.txt",))))
    assert sorted(Path(d.path).name for d in _drafts(items)) == ["a.txt", "b.md"]
    assert not [e for e in items if isinstance(e, ReadError)]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x00\x01\x02binary", "binary file"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
        (b"   \n", "empty file"),
    ],
)
def test_unreadable_files_are_one_clear_error(tmp_path: Path, content: bytes, expected: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    [item] = list(read_paths([str(p)], OPTS))
    assert isinstance(item, ReadError) and expected in item.message


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    items = list(read_paths([str(tmp_path / "nope.txt"), str(tmp_path / "empty")], OPTS))
    assert [type(i) for i in items] == [ReadError, ReadError]
    assert "no such file" in items[0].message and "no drafts found" in items[1].message


def test_stdin_is_a_draft(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin(io.StringIO):
        buffer = io.BytesIO(b"Pasted reply.\n")

    monkeypatch.setattr("sys.stdin", FakeStdin())
    [d] = _drafts(list(read_stdin(OPTS)))
    assert d.text == "Pasted reply.\n" and d.path == "<stdin>"


def test_field_names_reject_unknown_names() -> None:
    from netlint.errors import InputError

    with pytest.raises(InputError, match="NAME=COLUMN"):
        FieldNames.parse(["body=text"])


def test_channel_aliases_from_exports_are_normalised() -> None:
    raw = '{"reply": "Hi.", "channel": "Twitter"}\n{"reply": "Hi.", "channel": "E-mail"}\n'
    assert [d.channel for d in _drafts(list(read_text(raw, "x.jsonl", OPTS)))] == [
        "social", "email"]


@pytest.mark.parametrize("headers", ["", "Content-Type: text/plain; charset=utf-8\n"
                                         "Content-Transfer-Encoding: 8bit\n"])
def test_email_8bit_body_keeps_non_ascii_and_positions(headers: str) -> None:
    raw = (f"From: tom@shop.example\nSubject: Re: order\n{headers}\n"
           "Hi Zoë, 🙂 we recieved your order — thanks.\n\nTom\n")
    [d] = _drafts(list(read_text(raw, "r.eml", OPTS)))
    assert d.text.startswith("Hi Zoë, 🙂 we recieved")
    assert _pos(d, "recieved") == _file_pos(raw, "recieved")
