"""A rule whose check raises must not hide the other findings: it is reported and the run exits 2."""

from __future__ import annotations

from designlint.cli import main


def test_raising_check_is_reported_alongside_other_findings(tmp_path, capsys, monkeypatch):
    import designlint.checks.checklist.judgment as judgment

    def broken(design, options):
        raise ZeroDivisionError("division by zero")
        yield  # pragma: no cover - makes this a generator like real checks

    # A real rule pack names the check (DL101, in the depth preset); only its implementation is replaced.
    monkeypatch.setitem(judgment.CHECKS, "user-types", broken)
    import designlint.checks.checklist as checklist

    monkeypatch.setitem(checklist.CHECKS, "user-types", broken)
    path = tmp_path / "d.yaml"
    path.write_text(
        "apiVersion: designlint/v1\nkind: Design\nmetadata:\n  name: x\n"
        "users:\n  - {id: a, name: A, type: human}\ntradeoffs:\n  - {name: T, choice: c}\n",
        encoding="utf-8",
    )
    code = main(["check", "--no-source", "--pack", "depth", str(path)])
    out = capsys.readouterr().out
    assert code == 2
    assert "DL000 rule DL101 (user-types) failed: ZeroDivisionError: division by zero" in out
    assert "DL400" in out  # the other rules still ran
    assert "Traceback" not in out
