"""The billing commands end to end on a small demo company."""

from __future__ import annotations

import json

from propdesk.billing.periods import Period
from propdesk.cli import main


def run_json(capsys, *argv) -> tuple[int, object]:
    rc = main(["--json", *argv])
    out = capsys.readouterr().out
    return rc, json.loads(out) if out.strip() else None


def test_bill_run_preview_commit_rerun_and_check(tmp_path, capsys):
    db = str(tmp_path / "c.sqlite3")
    assert main(["--db", db, "demo", "--rooms", "150", "--no-users"]) == 0
    assert main(["--db", db, "fee", "demo", "--start", "2026-03"]) == 0
    capsys.readouterr()
    rc, pv = run_json(capsys, "--db", db, "bill", "run", "--period", "2026-03", "--estate", "JD", "--preview")
    assert rc == 0 and pv["posted"] is False and pv["lines"] > 0
    rc, done = run_json(capsys, "--db", db, "bill", "run", "--period", "2026-03", "--estate", "JD")
    assert rc == 0 and done["lines"] == pv["lines"] and done["total"] == pv["total"]
    rc, again = run_json(capsys, "--db", db, "bill", "run", "--period", "2026-03", "--estate", "JD")
    assert again["lines"] == 0 and again["unchanged"] == pv["lines"]
    rc, check = run_json(capsys, "--db", db, "ledger", "check")
    assert rc == 0 and check["ok"] and check["lines"] == pv["lines"]
    rc, items = run_json(capsys, "--db", db, "fee", "items")
    assert [i["code"] for i in items][:3] == ["MGMT", "ELEV", "WSUP"]
    assert Period.parse(pv["period"]) == Period(2026, 3)


def test_bill_run_unknown_estate_says_what(tmp_path, capsys):
    db = str(tmp_path / "c.sqlite3")
    rc = main(["--db", db, "bill", "run", "--period", "2026-03", "--estate", "ZZ"])
    assert rc == 4
    assert "找不到小区 ZZ" in capsys.readouterr().err


def test_meter_and_assign_commands(tmp_path, capsys):
    db = str(tmp_path / "m.sqlite3")
    assert main(["--db", db, "demo", "--rooms", "100", "--no-users"]) == 0
    assert main(["--db", db, "fee", "demo", "--start", "2026-03"]) == 0
    capsys.readouterr()
    rc, pv = run_json(capsys, "--db", db, "fee", "assign", "ZZ-DTF", "--building", "JD-01", "--from", "2026-03",
                      "--exclude", "--preview")
    assert rc == 0 and pv["posted"] is False and pv["lost"] > 0 and pv["gained"] == 0
    rc, m = run_json(capsys, "--db", db, "meter", "add", "--room", "JD-01-1-0101", "--kind", "gas",
                     "--initial", "10", "--on", "2026-02-28", "--max", "9999.9")
    assert rc == 0 and m["code"] == "JD-01-1-0101-G"
    rc, _ = run_json(capsys, "--db", db, "meter", "replace", "JD-01-1-0101-G", "--old-final", "12.5",
                     "--new-initial", "0", "--on", "2026-03-10")
    assert rc == 0
    rc, rows = run_json(capsys, "--db", db, "meter", "list", "--building", "JD-01", "--period", "2026-03")
    assert any(r["meter"] == "JD-01-1-0101-G" for r in rows)
