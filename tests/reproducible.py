#!/usr/bin/env python3
"""Same inputs, byte-identical result.json: a case is evaluated with one and
with two SMAA threads, from two working copies at different paths, and the
files must be equal byte for byte.
Usage: reproducible.py CASE_DIR TENDER_BINARY
"""
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "golden"))
import run_case  # noqa: E402


def main(case, binary):
    with tempfile.TemporaryDirectory() as tmp:
        outs = []
        for i, threads in enumerate(("1", "2")):
            copy = os.path.join(tmp, "copy%d" % i, "case")
            shutil.copytree(case, copy)
            out = os.path.join(tmp, "result%d.json" % i)
            cmd = run_case.command(copy, binary, out) + ["--threads", threads]
            proc = subprocess.run(cmd, cwd=copy, capture_output=True, text=True)
            if proc.returncode != 0:
                print(proc.stderr)
                return 1
            outs.append(out)
        if not filecmp.cmp(outs[0], outs[1], shallow=False):
            subprocess.run(["diff", outs[0], outs[1]])
            return 1
        print("identical: %d bytes" % os.path.getsize(outs[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])))
