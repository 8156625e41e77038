#!/usr/bin/env python3
"""Evaluates the spec's worked example (../shared/spec/example) and compares
the result with its expected-subset.json. Skips (exit 77) with a clear
message when ../shared is absent.
Usage: spec_example.py EXAMPLE_DIR TENDER_BINARY
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "reference"))
import compare  # noqa: E402


def main(example, binary):
    if not os.path.isdir(example):
        print("SKIP: %s not found (the shared spec folder is absent)" % example)
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "result.json")
        cmd = [binary, "evaluate", "round.xml", "--bids", "bids", "--scores", "scores.csv",
               "--moderation", "moderation.csv", "--decisions", "decisions.csv",
               "--smaa-draws", "200000", "--json", out, "--quiet"]
        proc = subprocess.run(cmd, cwd=example, capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stdout + proc.stderr)
            return 1
        # 200,000 draws: the standard error of a 0.76 share is 0.001.
        return compare.main([os.path.join(example, "expected-subset.json"), out,
                             "--smaa-tol", "0.005"])


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])))
