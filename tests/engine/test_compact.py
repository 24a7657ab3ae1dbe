"""A compact result (what ``check`` keeps of each file once it is done) reports exactly what the full one does."""

from __future__ import annotations

import pytest

from bench.generate import write_corpus
from designlint.engine.session import CheckSession
from designlint.reporters import REPORTERS, Report


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    folder = tmp_path_factory.mktemp("designs")
    paths = write_corpus(4, folder, 7)
    return CheckSession().check([(path, path.name) for path in paths])


@pytest.mark.parametrize("output_format", sorted(REPORTERS))
def test_every_report_is_the_same_from_compact_results(checked, output_format):
    compact = [result.compact() for result in checked]
    render = REPORTERS[output_format]
    assert any(result.findings for result in checked)
    full_report = render(Report(results=checked, ruleset=None, version="t"))
    assert render(Report(results=compact, ruleset=None, version="t")) == full_report


def test_a_compact_result_keeps_findings_and_their_lines_but_no_text_or_model(checked):
    for result in checked:
        compact = result.compact()
        assert compact.text == "" and compact.design is None and compact.partial_design is None
        assert compact.findings == result.findings and compact.suppressed == result.suppressed
        for finding in result.findings:
            line = finding.position.line
            assert compact.source_line(line) == result.source_line(line)
        assert compact.suppressions_by_line() == (
            result.suppressions_by_line() if result.organisation else {}
        )
