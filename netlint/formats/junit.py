"""JUnit XML: CI servers (GitLab, Jenkins, Azure) show findings as failed tests.

One ``testsuite`` per draft (file, or file and record); one failing
``testcase`` per finding, named ``netlint.CODE``; a draft without findings has
one passing testcase, an unreadable input one ``error``. No timestamps, so the
output of the same run is byte for byte the same.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import RenderOptions

if TYPE_CHECKING:
    from ..engine import DraftResult


def render(results: Sequence[DraftResult], options: RenderOptions) -> str:
    root = ET.Element("testsuites", name="netlint")
    total_tests = total_failures = total_errors = 0
    for r in results:
        suite = ET.SubElement(root, "testsuite", name=r.path)
        if not r.ok:
            case = ET.SubElement(suite, "testcase", name="netlint.read", classname=r.path)
            ET.SubElement(case, "error", message=r.error or "unreadable", type="input-error")
            tests, failures, errors = 1, 0, 1
        elif not r.findings:
            ET.SubElement(suite, "testcase", name="netlint", classname=r.path)
            tests, failures, errors = 1, 0, 0
        else:
            for f in r.findings:
                case = ET.SubElement(suite, "testcase", name=f"netlint.{f.code}",
                                     classname=r.path, file=f.path, line=str(f.line))
                failure = ET.SubElement(case, "failure", message=f.message,
                                        type=f.severity.value)
                failure.text = (f"{f.path}:{f.line}:{f.column}: {f.code} ({f.name}) "
                                f"{f.message}\n{f.excerpt}")
            tests, failures, errors = len(r.findings), len(r.findings), 0
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", "0")
        total_tests += tests
        total_failures += failures
        total_errors += errors
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", str(total_errors))
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
