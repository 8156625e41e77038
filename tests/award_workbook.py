#!/usr/bin/env python3
"""The award workbook (`tender evaluate --report DIR`) read back with openpyxl.

Checks, on the example round: the sheets and their order; the Summary ranking
and totals, each Scores row and the Inputs hashes against result.json; that no
cell holds a formula or an error value; that two runs give the same bytes; and
that a failed run writes nothing. Then, on a copy of the round whose bidder
name and evaluator comment are formula-like HTML, that the workbook shows them
as plain strings, and that control characters and an over-long comment leave a
valid file.
Usage: award_workbook.py EXAMPLE_DIR TENDER_BINARY
"""
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import openpyxl
except ImportError:
    print("openpyxl is not installed: skipped")
    sys.exit(77)

SHEETS = ["Summary", "Scores", "Evaluators", "Price", "Social value", "Barriers",
          "Alignment", "Sensitivity", "Inputs"]
EVIL = '=HYPERLINK("http://evil","x")<script>alert(1)</script>'
ERRORS = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA"}
TOL = 1e-9
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def evaluate(case, binary, out_dir, extra=()):
    scores = os.path.join(case, "scores.csv")
    cmd = [binary, "evaluate", os.path.join(case, "round.xml"),
           "--bids", os.path.join(case, "bids"), "--scores", scores,
           "--moderation", os.path.join(case, "moderation.csv"),
           "--decisions", os.path.join(case, "decisions.csv"),
           "--json", os.path.join(out_dir, "result.json"),
           "--report", out_dir, "--quiet", *extra]
    return subprocess.run(cmd, capture_output=True, text=True)


def load(out_dir):
    with open(os.path.join(out_dir, "result.json"), encoding="utf-8") as f:
        result = json.load(f)
    return result, openpyxl.load_workbook(os.path.join(out_dir, "award.xlsx"))


def close(a, b):
    return a is not None and b is not None and abs(a - b) <= TOL


def rows_after_header(ws, first_header, key=0):
    """Data rows (as value lists) under the row whose column A is `first_header`,
    up to the first row with column `key` empty."""
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r and r[0] == first_header)
    out = []
    for r in rows[start + 1:]:
        if r[key] is None:
            break
        out.append(list(r))
    return out


def check_summary(wb, result):
    rows = rows_after_header(wb["Summary"], "Rank", key=1)
    bids = {b["id"]: b for b in result["bids"]}
    ranked = [r for r in rows if r[8] == "ranked"]
    check([r[1] for r in ranked] == result["ranking"],
          "Summary ranking %s != %s" % ([r[1] for r in ranked], result["ranking"]))
    for r in ranked:
        b = bids[r[1]]
        check(r[0] == b["rank"], "Summary rank of %s" % r[1])
        check(close(r[7], b["total"]), "Summary total of %s: %r != %r" % (r[1], r[7], b["total"]))
        check(close(r[4] + r[5] + r[6], b["total"]) if None not in r[4:7] else False,
              "Summary parts of %s do not add up to the total" % r[1])
        check(r[2] == b["bidder"], "Summary bidder of %s" % r[1])
    excluded = sorted(r[1] for r in rows if r[8] == "excluded")
    check(excluded == sorted(b["id"] for b in result["bids"] if b["status"] == "excluded"),
          "Summary excluded bids %s" % excluded)
    check(wb["Summary"]._charts, "Summary has no chart")


def check_scores(wb, result):
    rows = rows_after_header(wb["Scores"], "Bid")
    seen = 0
    for r in rows:
        bid = next(b for b in result["bids"] if b["id"] == r[0])
        s = bid["scores"][r[2]]
        for col, key in ((5, "moderated"), (8, "weighted")):
            want = s.get(key)
            got = r[col]
            ok = got is None if want is None else close(got, want)
            check(ok, "Scores %s/%s %s: %r != %r" % (r[0], r[2], key, got, want))
        check(r[9] == s.get("moderated_by"), "Scores %s/%s moderated_by" % (r[0], r[2]))
        seen += 1
    want_rows = sum(len(b["scores"]) for b in result["bids"])
    check(seen == want_rows, "Scores has %d rows, result.json %d" % (seen, want_rows))


def check_inputs(wb, result):
    rows = rows_after_header(wb["Inputs"], "Role")
    got = [(r[0], r[1], r[2]) for r in rows]
    want = [(i["role"], i["file"], i["sha256"]) for i in result["inputs"]]
    check(got == want, "Inputs %s != %s" % (got, want))


def check_cells(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                where = "%s!%s" % (ws.title, cell.coordinate)
                check(cell.data_type != "f", "%s holds a formula: %r" % (where, cell.value))
                check(cell.data_type != "e", "%s holds an error: %r" % (where, cell.value))
                check(not (isinstance(cell.value, str) and cell.value in ERRORS),
                      "%s holds an error string %r" % (where, cell.value))


def check_example(example, binary, tmp):
    out = os.path.join(tmp, "out")
    proc = evaluate(example, binary, out)
    if proc.returncode != 0:
        failures.append("evaluate failed (%d): %s" % (proc.returncode, proc.stderr))
        return
    result, wb = load(out)
    check(wb.sheetnames == SHEETS, "sheets %s" % wb.sheetnames)
    check_summary(wb, result)
    check_scores(wb, result)
    check_inputs(wb, result)
    check_cells(wb)
    again = os.path.join(tmp, "again")
    evaluate(example, binary, again)
    check(filecmp.cmp(os.path.join(out, "award.xlsx"), os.path.join(again, "award.xlsx"),
                      shallow=False), "two runs gave different award.xlsx bytes")
    check(not any(n.startswith("award.xlsx.tmp") for n in os.listdir(out)),
          "a temporary file was left behind")


def check_nothing_written(example, binary, tmp):
    case = os.path.join(tmp, "broken")
    shutil.copytree(example, case)
    with open(os.path.join(case, "scores.csv"), "a", encoding="utf-8") as f:
        f.write("B01,Q9,aisha,3,criterion not in the round\n")
    out = os.path.join(tmp, "broken-out")
    proc = evaluate(case, binary, out)
    check(proc.returncode == 2, "broken input: exit %d, want 2" % proc.returncode)
    check(not os.path.exists(out), "broken input: %s was created" % out)


def check_all_or_nothing(example, binary, tmp):
    """Regression: result.json was replaced even when the workbook then failed.
    With --report naming a file (no folder can be made there), the run fails
    and an earlier result.json stays as it was."""
    out = os.path.join(tmp, "partial")
    os.makedirs(out)
    json_path = os.path.join(out, "result.json")
    with open(json_path, "w", encoding="utf-8") as f:
        f.write("earlier")
    not_a_folder = os.path.join(out, "not-a-folder")
    with open(not_a_folder, "w", encoding="utf-8") as f:
        f.write("x")
    cmd = [binary, "evaluate", os.path.join(example, "round.xml"),
           "--bids", os.path.join(example, "bids"), "--scores", os.path.join(example, "scores.csv"),
           "--moderation", os.path.join(example, "moderation.csv"),
           "--decisions", os.path.join(example, "decisions.csv"),
           "--json", json_path, "--report", not_a_folder, "--quiet"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    check(proc.returncode == 1, "unwritable report: exit %d, want 1" % proc.returncode)
    with open(json_path, encoding="utf-8") as f:
        check(f.read() == "earlier", "unwritable report: result.json was replaced")
    check(sorted(os.listdir(out)) == ["not-a-folder", "result.json"],
          "unwritable report: temporary files left: %s" % sorted(os.listdir(out)))


def xml_attr(text):
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def csv_field(text):
    return '"' + text.replace('"', '""') + '"'


def hostile_case(example, tmp):
    case = os.path.join(tmp, "hostile")
    shutil.copytree(example, case)
    bid = os.path.join(case, "bids", "B01.xml")
    with open(bid, encoding="utf-8") as f:
        xml = f.read()
    xml = xml.replace('name="Wyvern Women\'s Aid"', 'name="%s"' % xml_attr(EVIL), 1)
    with open(bid, "w", encoding="utf-8") as f:
        f.write(xml)
    path = os.path.join(case, "scores.csv")
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    long_comment = "x" * 40000
    control = "bell\x07 and \x1b escape"
    for i, line in enumerate(lines):
        if line.startswith("B01,Q1,brian,"):
            lines[i] = "B01,Q1,brian,5," + csv_field(EVIL)
        elif line.startswith("B01,Q2,brian,"):
            lines[i] = ",".join(line.split(",")[0:4]) + "," + long_comment
        elif line.startswith("B01,Q3,brian,"):
            lines[i] = ",".join(line.split(",")[0:4]) + "," + csv_field(control)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return case


def comment_of(wb, bid, criterion, evaluator):
    for r in rows_after_header(wb["Evaluators"], "Bid"):
        if r[0] == bid and r[2] == criterion and r[3] == evaluator:
            return r[7]
    return None


def check_hostile(example, binary, tmp):
    case = hostile_case(example, tmp)
    out = os.path.join(tmp, "hostile-out")
    proc = evaluate(case, binary, out)
    if proc.returncode != 0:
        failures.append("hostile evaluate failed (%d): %s" % (proc.returncode, proc.stderr))
        return
    result, wb = load(out)
    check(next(b for b in result["bids"] if b["id"] == "B01")["bidder"] == EVIL,
          "result.json does not carry the hostile bidder name")
    summary = wb["Summary"]
    cells = [c for row in summary.iter_rows() for c in row if c.value == EVIL]
    check(cells, "Summary does not show the bidder name %r as it is" % EVIL)
    check(all(c.data_type == "s" for c in cells), "the bidder name is not a plain string")
    scores = [c for row in wb["Scores"].iter_rows() for c in row if c.value == EVIL]
    b01 = next(b for b in result["bids"] if b["id"] == "B01")
    check(len(scores) == len(b01["scores"]), "Scores does not show the bidder name on each B01 row")
    check(comment_of(wb, "B01", "Q1", "brian") == EVIL,
          "Evaluators comment %r" % comment_of(wb, "B01", "Q1", "brian"))
    long_text = comment_of(wb, "B01", "Q2", "brian") or ""
    check(len(long_text) <= 32767 and long_text.endswith("\u2026") and long_text.startswith("xxx"),
          "long comment not cut to 32,767 characters with an ellipsis (%d)" % len(long_text))
    control = comment_of(wb, "B01", "Q3", "brian") or ""
    check(control == "bell\ufffd and \ufffd escape", "control characters: %r" % control)
    check_cells(wb)


def main(example, binary):
    with tempfile.TemporaryDirectory() as tmp:
        check_example(example, binary, tmp)
        check_nothing_written(example, binary, tmp)
        check_all_or_nothing(example, binary, tmp)
        check_hostile(example, binary, tmp)
    for f in failures:
        print("FAIL:", f)
    if not failures:
        print("award workbook: all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])))
