"""The staff-level checklist checks that need more than a schema fragment."""

from designlint.checks.checklist import coverage, graph, judgment, reliability, targets

CHECKS = {
    **coverage.CHECKS,
    **graph.CHECKS,
    **judgment.CHECKS,
    **reliability.CHECKS,
    **targets.CHECKS,
}
