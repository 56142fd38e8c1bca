"""JUnit XML for CI systems (GitLab, Jenkins): one test case per spec and rule family."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from protocolgen.codes import FAMILIES, family_of
from protocolgen.diagnostics import Diagnostic, FileReport, Severity, Summary
from protocolgen.quoting import visible, xml_text


class JunitReporter:
    """A spec × family test case fails when it has a finding at or above ``fail_on``.

    Every family is listed for every spec, so a family going from clean to failing shows up
    as a test that changed state, not as a new test.
    """

    def __init__(self, *, color: bool = False, fail_on: Severity = Severity.ERROR) -> None:
        del color
        self.fail_on = fail_on

    def render(self, reports: list[FileReport], summary: Summary) -> str:
        families = sorted(set(FAMILIES.values()))
        root = ET.Element("testsuites", name="protocolgen")
        total = failed = 0
        for report in reports:
            name = xml_text(visible(report.path))
            suite = ET.SubElement(root, "testsuite", name=name)
            suite_failed = 0
            for family in families:
                found = [d for d in report.diagnostics if family_of(d.code) == family]
                case = ET.SubElement(suite, "testcase", classname=name, name=family)
                failing = [d for d in found if d.severity >= self.fail_on]
                if failing:
                    suite_failed += 1
                    failure = ET.SubElement(case, "failure", type=failing[0].code,
                                            message=f"{len(failing)} finding(s)")
                    failure.text = "\n".join(_line(d) for d in failing)
                others = [d for d in found if d.severity < self.fail_on]
                if others:
                    ET.SubElement(case, "system-out").text = "\n".join(_line(d) for d in others)
            suite.set("tests", str(len(families)))
            suite.set("failures", str(suite_failed))
            suite.set("errors", "0")
            total += len(families)
            failed += suite_failed
        root.set("tests", str(total))
        root.set("failures", str(failed))
        root.set("errors", "0")
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _line(d: Diagnostic) -> str:
    # One line per finding; xml_text is a second guard for what XML 1.0 forbids.
    return xml_text(f"{visible(d.path)}:{d.line}:{d.column}: {d.code} {d.severity.label}: "
                    f"{visible(d.message)}")
