"""Style guides: discovery, extends, schema errors with file/line/key, rule selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from netlint import Draft, Linter, load_guide
from netlint.errors import GuideError, UsageError
from netlint.guide.loader import builtin_guides
from netlint.guide.model import Selection


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_guides_load_and_validate() -> None:
    names = builtin_guides()
    assert {"default", "strict-email", "casual-chat"} <= set(names)
    for name in names:
        Linter(load_guide(name), quiet_nlp=True)


def test_company_guide_extends_default_and_overrides() -> None:
    g = load_guide("strict-email")
    assert g.sources == ("<builtin:default>", "<builtin:strict-email>")
    assert g.rules["sentence-too-long"]["options"]["max_words"] == 22
    # Inherited from the default guide.
    assert g.channel("chat")["rules"]["reply-too-long"]["options"]["max_words"] == 80


def test_extends_relative_path_and_cycle(tmp_path: Path) -> None:
    write(tmp_path / "base.yml", "extends: default\nname: base\n")
    child = write(tmp_path / "child.yml", "extends: ./base.yml\nname: child\n")
    assert load_guide(str(child)).name == "child"
    write(tmp_path / "a.yml", "extends: ./b.yml\n")
    write(tmp_path / "b.yml", "extends: ./a.yml\n")
    with pytest.raises(GuideError, match="cycle"):
        load_guide(str(tmp_path / "a.yml"))


def test_extends_missing_file_names_the_line(tmp_path: Path) -> None:
    g = write(tmp_path / "g.yml", "name: x\nextends: ./nope.yml\n")
    with pytest.raises(GuideError) as err:
        load_guide(str(g))
    assert err.value.line == 2 and "nope.yml" in str(err.value)


def test_missing_guide_file() -> None:
    with pytest.raises(GuideError, match="not found"):
        load_guide("no/such/guide.yml")


def test_malformed_yaml_reports_line(tmp_path: Path) -> None:
    g = write(tmp_path / "g.yml", "name: x\nrules: [a, b\nchannels: {}\n")
    with pytest.raises(GuideError) as err:
        load_guide(str(g))
    assert err.value.line == 3 and str(g) in str(err.value)


def test_schema_violation_names_file_line_and_key(tmp_path: Path) -> None:
    g = write(tmp_path / "g.yml",
              "name: x\nchannels:\n  chat:\n    rules:\n      B100:\n        severity: loud\n")
    with pytest.raises(GuideError) as err:
        load_guide(str(g))
    assert err.value.line == 6
    assert err.value.key == "channels.chat.rules.B100.severity"
    assert "one of error, warning, info" in str(err.value)


def test_unknown_top_level_key(tmp_path: Path) -> None:
    g = write(tmp_path / "g.yml", "name: x\nchanels: {}\n")
    with pytest.raises(GuideError, match="unknown key") as err:
        load_guide(str(g))
    assert err.value.line == 2


def test_unknown_rule_code_and_bad_option_type(tmp_path: Path) -> None:
    g = write(tmp_path / "g.yml", "extends: default\nignore: [Z999]\n")
    with pytest.raises(GuideError, match="unknown rule code") as err:
        Linter(load_guide(str(g)))
    assert err.value.line == 2
    g2 = write(tmp_path / "g2.yml",
               "extends: default\nrules:\n  B101:\n    options:\n      max_words: lots\n")
    with pytest.raises(GuideError, match="expects a number") as err2:
        Linter(load_guide(str(g2)))
    assert err2.value.line == 5
    g3 = write(tmp_path / "g3.yml",
               "extends: default\nrules:\n  B101:\n    options:\n      max_wrds: 3\n")
    with pytest.raises(GuideError, match="no option 'max_wrds'"):
        Linter(load_guide(str(g3)))


def test_discovery_walks_up_then_pyproject(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert load_guide(start=str(deep)).sources == ("<builtin:default>",)
    write(tmp_path / "pyproject.toml", "[tool.netlint]\nextends = 'default'\nname = 'py'\n")
    assert load_guide(start=str(deep)).name == "py"
    write(tmp_path / "a" / ".netlint.yml", "extends: default\nname: dot\n")
    assert load_guide(start=str(deep)).name == "dot"


LONG = ("We have checked your account and can see that the payment was taken on Monday but "
        "because of a delay with our payment provider the order was not confirmed at all.")


def _codes(linter: Linter, text: str = LONG, **kw: str) -> set[str]:
    return {f.code for f in linter.check(Draft(text, **kw))}


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Selection(select=("B101",)), True),
        (Selection(select=("B",)), True),
        (Selection(select=("brevity",)), True),
        (Selection(select=("ALL",), ignore=("B101",)), False),
        (Selection(select=("B100",)), False),
        (Selection(ignore=("B",), extend_select=("B101",)), True),
        (Selection(ignore=("sentence-too-long",)), False),
    ],
)
def test_selection_by_code_prefix_category_name_and_all(selection: Selection,
                                                        expected: bool) -> None:
    linter = Linter(load_guide("default"), selection=selection, quiet_nlp=True)
    assert ("B101" in _codes(linter)) is expected


def test_unknown_selector_on_command_line() -> None:
    with pytest.raises(UsageError, match="Q9"):
        Linter(load_guide("default"), selection=Selection(select=("Q9",)))


def test_child_extend_select_adds_to_parent_choice(tmp_path: Path) -> None:
    write(tmp_path / "base.yml", "extends: default\nselect: [B100]\n")
    child = write(tmp_path / "child.yml", "extends: ./base.yml\nextend-select: [B101]\n")
    linter = Linter(load_guide(str(child)), quiet_nlp=True)
    assert {"B100", "B101"} <= linter.enabled_codes()
    base = Linter(load_guide(str(tmp_path / "base.yml")), quiet_nlp=True)
    assert "B101" not in base.enabled_codes()


def test_channel_selection_and_options(tmp_path: Path) -> None:
    g = write(tmp_path / "g.yml", "extends: default\nchannels:\n  chat:\n    ignore: [B101]\n")
    linter = Linter(load_guide(str(g)), quiet_nlp=True)
    assert "B101" in _codes(linter, channel="email")
    assert "B101" not in _codes(linter, channel="chat")
    text = "Thanks for waiting. " * 20
    assert "B100" in _codes(Linter(load_guide("default")), text, channel="social")
    assert "B100" not in _codes(Linter(load_guide("default")), text, channel="email")


def test_per_path_ignores(tmp_path: Path) -> None:
    g = write(tmp_path / "g.yml", "extends: default\nper-path-ignores:\n  'legal/*': [B101]\n")
    linter = Linter(load_guide(str(g)), quiet_nlp=True)
    assert "B101" not in _codes(linter, path="legal/terms.txt")
    assert "B101" in _codes(linter, path="replies/terms.txt")


def test_severity_override_per_rule() -> None:
    linter = Linter(load_guide("strict-email"), quiet_nlp=True)
    [f] = [f for f in linter.check(Draft(LONG)) if f.code == "B101"]
    assert f.severity.value == "error"
