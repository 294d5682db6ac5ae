"""Inline suppressions in templates, and X100 for the ones that suppress nothing."""

from __future__ import annotations

from functools import cache

from netlint import Draft, Linter
from netlint.guide.model import Guide, Selection
from netlint.registry import Registry
from netlint.rule import Rule
from netlint.rules import brevity, suppressions, templates
from netlint.suppress import comment_spans, parse

from .conftest import default_linter


@cache
def linter(select: tuple[str, ...] | None = None) -> Linter:
    rules = [obj() for m in (templates, suppressions, brevity) for obj in vars(m).values()
             if isinstance(obj, type) and issubclass(obj, Rule) and obj.__module__ == m.__name__
             and obj.code]
    return Linter(Guide(data={"name": "test"}), registry=Registry({r.code: r for r in rules}),
                  selection=Selection(select=select) if select else None, quiet_nlp=True)


def found(text: str, *, select: tuple[str, ...] | None = None) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in linter(select).check(Draft(text, template=True))
            if f.code in ("T103", "T104", "X100", "B100")]


def test_disable_next_line_covers_only_the_next_line() -> None:
    text = "<!-- netlint-disable-next-line T103 -->\nbecause XXX\nand TODO\n"
    assert found(text) == [("T103", 3)]


def test_disable_until_enable() -> None:
    text = "TODO\n<!-- netlint-disable T103 -->\nTODO\nTODO\n<!-- netlint-enable -->\nTODO\n"
    assert found(text) == [("T103", 1), ("T103", 6)]


def test_disable_without_codes_covers_every_rule() -> None:
    text = "<!-- netlint-disable -->\nDear Customer,\nTODO\n"
    assert found(text) == []


def test_disable_file_anywhere_covers_the_whole_draft() -> None:
    text = "Dear Customer,\nTODO\n\n<!-- netlint-disable-file T103, T104 -->\n"
    assert found(text) == []


def test_liquid_comment_form_and_prefixes_and_names() -> None:
    text = ("{# netlint-disable-next-line T1 #}\nTODO\n"
            "{#- netlint-disable-next-line draft-marker -#}\nTODO\nTODO\n")
    assert found(text) == [("T103", 5)]


def test_suppression_on_the_first_line_covers_a_whole_reply_finding() -> None:
    long = "<!-- netlint-disable B100 -->\n" + "Thanks for waiting, we are on it. " * 40
    assert found(long) == []
    assert ("B100", 1) in found(long.replace("B100", "T103"))


def test_unused_suppressions_are_reported_with_the_reason() -> None:
    text = ("<!-- netlint-disable-next-line T103 -->\nAll good here.\n"
            "<!-- netlint-disable T104, T999 -->\nDear Customer,\n<!-- netlint-enable -->\n"
            "<!-- netlint-enable -->\n")
    f = [x for x in linter().check(Draft(text, template=True)) if x.code == "X100"]
    assert [(x.line, x.message) for x in f] == [
        (1, "Suppression 'netlint-disable-next-line' suppresses nothing for T103."),
        (3, "Suppression 'netlint-disable' suppresses nothing for T999 (unknown rule)."),
        (6, "Suppression 'netlint-enable' ends no open 'netlint-disable'."),
    ]
    # A wholly unused directive can be deleted with its line; a partly used one cannot.
    assert f[0].fixes and f[0].fixes[0].edits[0].replacement == ""
    assert not f[1].fixes


def test_suppressing_a_rule_that_is_not_enabled_is_unused() -> None:
    text = "<!-- netlint-disable-next-line T104 -->\nDear Customer,\n"
    msgs = [f.message for f in linter(("T103", "X100")).check(Draft(text, template=True))]
    assert msgs == ["Suppression 'netlint-disable-next-line' suppresses nothing for "
                    "T104 (not enabled)."]


def test_x100_itself_can_be_disabled() -> None:
    text = "<!-- netlint-disable-file X100 -->\n<!-- netlint-disable T104 -->\nFine.\n"
    assert found(text) == []


def test_x100_fix_removes_the_comment_line() -> None:
    from netlint.fixes import fix_until_stable

    text = "Hi Sam,\n<!-- netlint-disable-next-line T103 -->\nAll done.\n"

    def lint(t: str) -> list:  # type: ignore[type-arg]
        return linter(("X100",)).check(Draft(t, template=True))

    assert fix_until_stable(text, lint, unsafe=False).text == "Hi Sam,\nAll done.\n"


def test_directives_are_parsed_with_their_regions() -> None:
    text = "a\n<!-- netlint-disable t103 -->\nb\n<!-- netlint-enable T103 -->\nc"
    d = parse(text)
    assert [(x.verb, x.codes) for x in d] == [("disable", ("T103",)), ("enable", ("T103",))]
    assert text[d[0].region[0]:d[0].region[1]].startswith("<!-- netlint-disable")
    assert "c" not in text[d[0].region[0]:d[0].region[1]]


def test_comments_are_masked_so_language_rules_do_not_fire_in_them() -> None:
    text = ("Hi Sam,\n\n<!-- netlint-disable-next-line T103 teh recieved URGENT!!! -->\n"
            "Your refund went out today.\n\nBest,\nAna\n")
    spans = comment_spans(text)
    assert spans and spans[0].kind == "comment"
    for f in default_linter().check(Draft(text, template=True)):
        if f.code != "X100":
            assert not spans[0].overlaps(f.text_start, f.text_end), f"{f.code}: {f.message}"
