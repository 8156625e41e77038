#!/usr/bin/env python3
"""`--scores` with one file per evaluator reads them as one.

The example's scores.csv is split by evaluator into three files: evaluating with
the three gives the same result.json as with the one, but for the `inputs` list;
the same score in two files is refused (exit 2) naming both places.
Usage: several_scores.py EXAMPLE_DIR TENDER_BINARY
"""
import csv
import json
import os
import subprocess
import sys
import tempfile


def evaluate(example, binary, scores, out):
    cmd = [binary, "evaluate", os.path.join(example, "round.xml"),
           "--bids", os.path.join(example, "bids"), "--scores", *scores,
           "--moderation", os.path.join(example, "moderation.csv"),
           "--decisions", os.path.join(example, "decisions.csv"), "--json", out, "--quiet"]
    return subprocess.run(cmd, capture_output=True, text=True)


def main(example, binary):
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(example, "scores.csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        by = {}
        for r in rows:
            by.setdefault(r["evaluator"], []).append(r)
        files = []
        for who, mine in sorted(by.items()):
            path = os.path.join(tmp, f"{who}.csv")
            with open(path, "w", newline="", encoding="utf-8") as f:
                w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
                w.writeheader()
                w.writerows(mine)
            files.append(path)
        one = evaluate(example, binary, [os.path.join(example, "scores.csv")],
                       os.path.join(tmp, "one.json"))
        many = evaluate(example, binary, files, os.path.join(tmp, "many.json"))
        if one.returncode != 0 or many.returncode != 0:
            failures.append(f"exit {one.returncode}/{many.returncode}: {one.stderr}{many.stderr}")
        else:
            a = json.load(open(os.path.join(tmp, "one.json"), encoding="utf-8"))
            b = json.load(open(os.path.join(tmp, "many.json"), encoding="utf-8"))
            if len(b["inputs"]) != len(a["inputs"]) + len(files) - 1:
                failures.append("inputs do not list every scores file")
            a.pop("inputs")
            b.pop("inputs")
            if a != b:
                failures.append("one file per evaluator gives a different result")
        twice = evaluate(example, binary, [files[0], files[0]], os.path.join(tmp, "twice.json"))
        if twice.returncode != 2 or "repeated" not in twice.stderr:
            failures.append(f"the same scores twice: exit {twice.returncode}, {twice.stderr[:200]}")
        if os.path.exists(os.path.join(tmp, "twice.json")):
            failures.append("a refused run wrote result.json")
    for f in failures:
        print("FAIL:", f)
    print("several scores files: " + ("all checks passed" if not failures else "failed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])))
