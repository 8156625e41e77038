#!/usr/bin/env python3
"""Runs one golden case folder through build/tender and checks the result.

A case folder holds round.xml, bids/, and optionally scores.(csv|xlsx),
moderation.(csv|xlsx), decisions.(csv|xlsx), policy.xml and `args` (extra
options on one line). Then either:
  expected.json                 -> exit 0 and result.json matching it (a subset,
                                   numbers to 1e-6; see tests/reference/compare.py)
  expected-exit + expected-errors.txt
                                -> that exit status, each line of the txt found
                                   in stderr, and no output file written.
Usage: run_case.py CASE_DIR TENDER_BINARY
"""
import os
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
import compare  # noqa: E402  (tests/reference/compare.py)


def optional_file(case, stem):
    for ext in (".csv", ".xlsx"):
        if os.path.exists(os.path.join(case, stem + ext)):
            return stem + ext
    return None


def command(case, binary, out_json):
    cmd = [binary, "evaluate", "round.xml", "--bids", "bids"]
    for stem in ("scores", "moderation", "decisions"):
        f = optional_file(case, stem)
        if f:
            cmd += ["--" + stem, f]
    if os.path.exists(os.path.join(case, "policy.xml")):
        cmd += ["--policy", "policy.xml"]
    args = os.path.join(case, "args")
    if os.path.exists(args):
        cmd += shlex.split(open(args, encoding="utf-8").read())
    return cmd + ["--json", out_json, "--quiet"]


def run(case, binary):
    with tempfile.TemporaryDirectory() as tmp:
        out_json = os.path.join(tmp, "out", "result.json")
        cmd = command(case, binary, out_json)
        proc = subprocess.run(cmd, cwd=case, capture_output=True, text=True, timeout=600)
        expected_exit = os.path.join(case, "expected-exit")
        if os.path.exists(expected_exit):
            return check_failure(case, proc, out_json, int(open(expected_exit).read().strip()))
        if proc.returncode != 0:
            print("exit %d\n%s%s" % (proc.returncode, proc.stdout, proc.stderr))
            return 1
        return compare.main([os.path.join(case, "expected.json"), out_json])


def check_failure(case, proc, out_json, want):
    problems = []
    if proc.returncode != want:
        problems.append("exit %d, expected %d" % (proc.returncode, want))
    lines = open(os.path.join(case, "expected-errors.txt"), encoding="utf-8").read().splitlines()
    for needle in (l.strip() for l in lines):
        if needle and needle not in proc.stderr:
            problems.append("stderr lacks %r" % needle)
    out_dir = os.path.dirname(out_json)
    if os.path.exists(out_dir) and os.listdir(out_dir):
        problems.append("something was written: %s" % os.listdir(out_dir))
    for p in problems:
        print(p)
    if problems:
        print("--- stderr ---\n" + proc.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(run(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])))
