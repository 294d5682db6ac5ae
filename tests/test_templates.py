"""Template mode: placeholder syntaxes, the T1xx rules, and masking before language rules."""

from __future__ import annotations

from functools import cache

import pytest

from netlint import Draft, Linter
from netlint.guide.loader import load_guide
from netlint.guide.model import Guide
from netlint.placeholders import DEFAULT_SYNTAXES, compile_syntaxes, find_placeholders, parse
from netlint.registry import Registry
from netlint.rule import Rule
from netlint.rules import suppressions, templates

from .conftest import default_linter

PATTERN = compile_syntaxes(DEFAULT_SYNTAXES)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in find_placeholders(text, PATTERN)]


def own_rules() -> dict[str, Rule]:
    found = [obj() for m in (templates, suppressions) for obj in vars(m).values()
             if isinstance(obj, type) and issubclass(obj, Rule) and obj.__module__ == m.__name__
             and obj.code]
    return {r.code: r for r in found}


@cache
def linter(**placeholders: object) -> Linter:
    guide = Guide(data={"name": "test", "placeholders": dict(placeholders)})
    return Linter(guide, registry=Registry(own_rules()), quiet_nlp=True)


def check(text: str, *, template: bool = True, guide_linter: Linter | None = None) -> list:
    return (guide_linter or linter()).check(Draft(text, template=template))


def codes(text: str, **kw: object) -> list[str]:
    return [f.code for f in check(text, **kw)]  # type: ignore[arg-type]


# -- syntaxes -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind"), [
    ("Hi {{ticket.requester.first_name}},", "liquid"),
    ("Hi {{ customer.first_name | default: 'there' }},", "liquid"),
    ("{% if ticket.requester %}x{% endif %}", "liquid-tag"),
    ("Hi {%customer.firstName,fallback=there%},", "helpscout"),
    ("Your ticket #%{ticket.number} is open.", "osticket"),
    ("Hi {name}, thanks.", "python"),
    ("Hi %NAME%, thanks.", "percent"),
    ("Hi ${name}, thanks.", "dollar"),
    ("Dear [Customer Name],", "bracket"),
    ("Thanks for asking about [product].", "bracket"),
    ("Hi <NAME>, thanks.", "angle"),
    ("Hi <Customer Name>, thanks.", "angle"),
    ("because XXX", "fill-in"),
    ("Hi @username. Congrats!", "mention"),
])
def test_each_default_syntax_is_found(text: str, kind: str) -> None:
    assert kind in [k for k, _ in kinds(text)], kinds(text)


@pytest.mark.parametrize("text", [
    "See [our guidelines](https://example.com/CONTRIBUTING.md#issues) first.",
    "Read [the docs][docs].\n\n[docs]: https://example.com/docs",
    "Read [docs] first.\n\n[docs]: https://example.com/docs",
    "- [x] tested\n- [ ] documented",
    "Post it [on a forum topic](https://f.example.com/new?body=**What%20is%20your%20hint%3F**)",
    "Price drops 50%: 20% OFF% today",
    "<details>\n<summary>**More**</summary>\n<Steps>\n1. Go\n</Steps>\n</details>",
    "Line one<br>\nLine <B>two</B>",
    "````\ngit push -f $remote ${branch} {id}\n````",
    "Update the `XXXXXX` in the PR description.",
    "`Signed-Off-By: Your Name <your@email.address>`",
    "Download [[ https://example.com/x.dll | this dll ]] and run it.",
    "He said it was fine [sic] and left.",
    "See https://github.com/acme/widgets/blob/main/README.md for details.",
])
def test_traps_from_real_templates_are_not_placeholders(text: str) -> None:
    assert kinds(text) == []


def test_osticket_placeholder_inside_an_html_attribute_is_found() -> None:
    text = '<a\nhref="%{recipient.ticket_link}">#%{ticket.number}</a>'
    assert kinds(text) == [("osticket", "%{recipient.ticket_link}"),
                           ("osticket", "%{ticket.number}")]


def test_engine_syntax_is_found_even_in_code_but_loose_ones_are_not() -> None:
    assert kinds("`{{ticket.id}}` and `{id}`") == [("liquid", "{{ticket.id}}")]


def test_url_slot_is_found_only_inside_a_url() -> None:
    assert kinds("open https://github.com/acme/REPONAME/issues/new") == \
        [("url-slot", "REPONAME")]
    assert kinds("Our REPONAME is widgets.") == []


def test_placeholders_inside_comments_are_not_placeholders() -> None:
    assert kinds("<!-- {{first_name}} is set by the macro -->\nHi there") == []


def test_parse_reads_names_and_fallbacks() -> None:
    spans = find_placeholders(
        "{%customer.firstName,fallback=there%} {{ a.b | default: \"x\" }} {{#if a}} %{t.n} "
        "[Customer Name] {{ c | upcase }}", PATTERN)
    parsed = [(p.name, p.fallback) for p in map(parse, spans)]
    assert parsed == [("customer.firstName", "there"), ("a.b", "x"), (None, None),
                      ("t.n", None), ("Customer Name", None), ("c", None)]


def test_custom_syntax_from_the_guide() -> None:
    g = Guide(data={"placeholders": {"syntaxes": ["liquid"], "custom": {"colon": r"::\w+::"}}})
    found = find_placeholders("Hi ::name::, {{x}} and {name}", g.placeholder_pattern)
    assert [(s.kind, s.text) for s in found] == [("colon", "::name::"), ("liquid", "{{x}}")]


# -- rules --------------------------------------------------------------------------

def test_unknown_placeholder_suggests_the_closest_variable() -> None:
    lint = linter(variables=("ticket.requester.first_name", "ticket.id"))
    [f] = [f for f in check("Hi {{ticket.requestor.first_name}}!", guide_linter=lint)
           if f.code == "T100"]
    assert "did you mean 'ticket.requester.first_name'" in f.message
    assert f.fixes[0].edits[0].replacement == "{{ticket.requester.first_name}}"


def test_unknown_placeholder_accepts_globs_loose_names_and_loop_variables() -> None:
    lint = linter(variables=("ticket.*", "Customer Name"))
    text = ("Hi %CUSTOMER_NAME% / [customer name] / {{ticket.id}}\n"
            "{% for c in ticket.comments %}{{ c.body }}{% endfor %}")
    assert "T100" not in codes(text, guide_linter=lint)


def test_unknown_placeholder_is_silent_without_a_variable_list() -> None:
    assert "T100" not in codes("Hi {{anything.at.all}}")


@pytest.mark.parametrize("text", [
    "Hi {{ first_name },", "Hi {first_name}}, thanks", "Hi {{name}}}, thanks",
    "ticket #%{ticket.number was updated", "Hi {%customer.firstName}, thanks",
    "Hi first_name}}, thanks",
])
def test_malformed_placeholders_are_flagged(text: str) -> None:
    assert "T101" in codes(text)


def test_malformed_placeholder_span_and_message() -> None:
    [f] = [f for f in check("Hi {{ first_name },\nthanks") if f.code == "T101"]
    assert f.excerpt[f.column - 1:f.end_column - 1] == "{{ first_name }"
    assert "2 opening and 1 closing brace" in f.message


def test_braces_in_code_style_and_comments_are_not_malformed() -> None:
    text = ("<style>p { color: red }</style>\n`{\"a\": 1}`\n```\nfn() { x }\n```\n"
            "<!-- { note } -->\n{# a { comment #}\nHi {{name}}")
    assert "T101" not in codes(text)


def test_fallback_rule_follows_the_guide_setting() -> None:
    strict = linter(**{"require-fallback": True})
    assert "T102" in codes("Hi {%customer.firstName%},", guide_linter=strict)
    assert "T102" not in codes("Hi {%customer.firstName,fallback=there%},", guide_linter=strict)
    assert "T102" not in codes("Hi {%customer.firstName%},")


def test_draft_markers_in_and_out_of_template_mode() -> None:
    text = "Thanks! Our reasoning is here: XXX\nTODO\nThe date is TBD."
    assert codes(text).count("T103") == 3
    outside = codes(text, template=False)
    # Outside templates XXX is an unfilled placeholder (T105) and TBD is English.
    assert outside.count("T103") == 1 and outside.count("T105") == 1


def test_markers_in_code_urls_and_comments_are_left_alone() -> None:
    text = ("See `TODO.md` and https://example.com/TODO\n<!-- TODO: shorten -->\n"
            "Add it to your todo list.")
    assert "T103" not in codes(text)


def test_generic_salutation_only_in_template_mode() -> None:
    assert "T104" in codes("Dear Valued Customer,\n\nThanks.")
    assert "T104" not in codes("Dear Valued Customer,\n\nThanks.", template=False)
    assert "T104" not in codes("Hi {{ticket.requester.first_name}},\n\nThanks.")


def test_unfilled_placeholder_outside_template_mode() -> None:
    findings = [f for f in check("Dear [Name],\nyour refund of [amount] is out.", template=False)
                if f.code == "T105"]
    assert [f.excerpt[f.column - 1:f.end_column - 1] for f in findings] == ["[Name]", "[amount]"]
    assert "T105" not in codes("Dear [Name],\nyour refund is out.")


def test_template_globs_in_the_guide_turn_on_template_mode(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from netlint.readers import ReadOptions, read_paths

    (tmp_path / "macros").mkdir()
    (tmp_path / "macros" / "refund.md").write_text("Dear [Name],\nyour refund is out.\n")
    (tmp_path / "reply.md").write_text("Dear [Name],\nyour refund is out.\n")
    opts = ReadOptions(template_globs=("macros/*.md",))
    drafts = {d.path.rsplit("/", 1)[-1]: d.template
              for d in read_paths([str(tmp_path)], opts)}  # type: ignore[union-attr]
    assert drafts == {"refund.md": True, "reply.md": False}


# -- masking: no language finding inside a placeholder ---------------------------------

MASKING_TEXTS = [
    "Hi {{ticket.requester.first_name}},\n\nyour ordr {{ticket.id}} has shiped. "
    "{%customer.firstName,fallback=THERE MATE%} [CUSTOMER NAME] %{ticket.dept.name}\n\n"
    "Best,\n{{current_user.name.full}}",
    "Dear [Customer Name], we have recieved your REFUND REQUEST for [order nmber] "
    "and %AGENT_NAME% will reply within [number of days] days. "
    + "{{ticket.custom_field_360012345678}} " * 40,
]


@pytest.mark.parametrize("text", MASKING_TEXTS)
def test_no_language_finding_fires_inside_a_placeholder(text: str) -> None:
    lint = default_linter()
    draft = Draft(text, template=True)
    spans = find_placeholders(text, load_guide("default").placeholder_pattern)
    assert spans
    for f in lint.check(draft):
        if f.category in ("templates", "meta") or f.text_end - f.text_start > 60:
            continue  # template rules report placeholders; whole-reply metrics span them
        inside = [s.text for s in spans if s.start <= f.text_start and f.text_end <= s.end]
        assert not inside, f"{f.code} fired inside {inside[0]}: {f.message}"
