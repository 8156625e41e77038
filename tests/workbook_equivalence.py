#!/usr/bin/env python3
"""The same bid saved as bid.xml and as workbooks by LibreOffice, openpyxl,
XlsxWriter and hand-written variants must evaluate identically: each is
evaluated alone with the fixture round and scores, and the `bids`, `ranking`,
`winner`, `flags` and analyses of result.json must equal those from bid.xml.
Usage: workbook_equivalence.py FIXTURE_DIR TENDER_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile

COMPARED = ("bids", "ranking", "winner", "flags", "barriers", "alignment", "sensitivity")


def evaluate(fixtures, binary, bid, tmp):
    out = os.path.join(tmp, os.path.basename(bid) + ".json")
    scores = "scores.csv" if os.path.exists(os.path.join(fixtures, "scores.csv")) else "scores.xlsx"
    cmd = [binary, "evaluate", "round.xml", "--bids", bid, "--scores", scores,
           "--smaa-draws", "2000", "--json", out, "--quiet"]
    proc = subprocess.run(cmd, cwd=fixtures, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit("%s: exit %d\n%s" % (bid, proc.returncode, proc.stderr))
    with open(out, encoding="utf-8") as f:
        doc = json.load(f)
    return {k: doc[k] for k in COMPARED}


def main(fixtures, binary):
    if not os.path.exists(os.path.join(fixtures, "bid.xml")):
        print("SKIP: no fixtures in %s" % fixtures)
        return 77
    books = sorted(f for f in os.listdir(fixtures)
                   if f.endswith(".xlsx") and not f.startswith("scores"))
    with tempfile.TemporaryDirectory() as tmp:
        want = evaluate(fixtures, binary, "bid.xml", tmp)
        failed = 0
        for book in books:
            got = evaluate(fixtures, binary, book, tmp)
            same = got == want
            print("%-28s %s" % (book, "identical" if same else "DIFFERENT"))
            failed += not same
        if not books:
            print("no workbooks found")
            return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])))
