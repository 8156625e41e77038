#!/usr/bin/env python3
"""Differential test: every golden case through build/tender and through the
independent Python reference (tests/reference/tender_ref.py); every field the
reference produces must agree (numbers to 1e-6, SMAA to sampling noise).
Human messages are not compared.
Usage: differential.py CASE_DIR TENDER_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "reference"))
sys.path.insert(0, os.path.join(HERE, "golden"))
import compare  # noqa: E402
import run_case  # noqa: E402

DRAWS = "40000"


def strip_messages(node):
    if isinstance(node, dict):
        return {k: strip_messages(v) for k, v in node.items() if k != "message"}
    if isinstance(node, list):
        return [strip_messages(v) for v in node]
    return node


def main(case, binary):
    with tempfile.TemporaryDirectory() as tmp:
        ours = os.path.join(tmp, "ours.json")
        cmd = run_case.command(case, binary, ours)
        if "--smaa-draws" not in cmd:
            cmd += ["--smaa-draws", DRAWS]
        proc = subprocess.run(cmd, cwd=case, capture_output=True, text=True)
        ref_cmd = [sys.executable, os.path.join(HERE, "reference", "tender_ref.py")] + cmd[2:]
        ref_cmd = [a for a in ref_cmd if a not in ("--json", ours, "--quiet")]
        ref = subprocess.run(ref_cmd, cwd=case, capture_output=True, text=True)
        if ref.returncode != proc.returncode:
            print("exit codes differ: tender %d, reference %d\n%s\n%s"
                  % (proc.returncode, ref.returncode, proc.stderr, ref.stderr))
            return 1
        if proc.returncode != 0:
            return 0  # both refused the input; messages are the golden tests' business
        expected = os.path.join(tmp, "reference.json")
        with open(expected, "w", encoding="utf-8") as f:
            json.dump(strip_messages(json.loads(ref.stdout)), f)
        # 40,000 draws each: the standard error of a difference is < 0.0036.
        return compare.main([expected, ours, "--smaa-tol", "0.015"])


if __name__ == "__main__":
    if not os.path.exists("/usr/bin/python3"):
        print("SKIP: /usr/bin/python3 (with openpyxl) not found")
        sys.exit(77)
    sys.exit(main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])))
