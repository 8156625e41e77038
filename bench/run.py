#!/usr/bin/python3
"""Benchmark `tender evaluate` side by side with the readers people use, on the same files.

    /usr/bin/python3 bench/run.py                      # everything, 5 runs each
    /usr/bin/python3 bench/run.py --quick              # small and fast: checks the harness
    /usr/bin/python3 bench/run.py --parts price --runs 3 --tender build-bench/tender

Parts (--parts, comma-separated; default all):

  price    N bid workbooks x L lines in a price-only round: `tender evaluate` (its whole
           evaluation, result.json included) vs the floor, `unzip -p` of every workbook to
           /dev/null, vs openpyxl (read-only) and SheetJS each computing every workbook's
           total (sum of quantity x rate on the Price sheet). Every tool's totals must agree
           with the generator's exact totals (integer pence) to a relative 1e-9.
  smaa     B bids x C criteria x E evaluators, `tender evaluate --smaa-draws D` (whole run)
           vs a vectorised numpy SMAA alone (bench/smaa_numpy.py, setup not timed), fed
           the unit scores of tender's result.json. Rank-1 probabilities must agree to 0.01.
  memory   peak RSS of `tender evaluate` importing one workbook of M lines (1,000,000).
  scaling  time and peak RSS at 1x, 2x, 4x lines (one workbook) and 1x, 2x, 4x bids.

Each tool is run once to warm up (page cache, checks), then --runs times, the tools in
rotating order so that drift in machine load falls on all of them alike. Wall time is
measured around the child; CPU time and peak RSS come from the kernel (os.wait4 rusage,
ru_maxrss, which covers the child's own children too, e.g. unzip under sh). Medians are
reported. Data goes to --work (default /tmp/tender-bench) and is reused when a folder's
manifest.json shows the same parameters.

Prints Markdown tables and a PASS/FAIL line per target, writes them to --out
(bench/RESULTS.md; sections of parts not run this time are kept from the previous file)
and, unless --quick or --no-readme, into bench/README.md between the results markers.
Exit status: 0, or 1 when a correctness check fails (totals, rank-1 agreement, a tool
failing), or with --strict when a performance target is missed.
"""
import argparse
import ctypes
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import generate  # noqa: E402

PARTS = ["price", "smaa", "memory", "scaling"]
REL_TOL = 1e-9
RANK1_TOL = 0.01


# ------------------------------------------------------------------ measuring
class Failed(Exception):
    pass


def become_subreaper():
    """Make this process the reaper of orphaned descendants (Linux prctl
    PR_SET_CHILD_SUBREAPER), so that run_measured can wait4 a grandchild."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(36, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")


# Why the detour through sh: on Linux a process's ru_maxrss includes the high-water RSS of
# the image it exec'd from, so a child forked from this (large) Python process would report
# at least this process's RSS. Instead sh (a small image) forks a subshell and exits at once;
# the subshell, orphaned, is handed to us (we are its subreaper). It waits on its stdin (a
# pipe from us) until we start the clock, then execs the command, so os.wait4 gives the
# command's own rusage: peak RSS from a ~1 MB start, CPU time, its children included.
LAUNCH = ('o=$1; e=$2; shift 2; exec 3<&0; '
          '( read _ <&3; exec "$@" >"$o" 2>"$e" </dev/null 3<&- ) & echo $!')


def run_measured(cmd, log_dir, name):
    """Run cmd; return wall seconds, CPU seconds (user+sys, children included), peak RSS
    in MiB, exit code, stdout and stderr text. stdout/stderr are kept under log_dir."""
    out_path = os.path.join(log_dir, name + ".out")
    err_path = os.path.join(log_dir, name + ".err")
    sh = subprocess.Popen(["sh", "-c", LAUNCH, "sh", out_path, err_path, *cmd], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE)
    pid = int(sh.stdout.readline())
    sh.wait()                          # sh is gone: the subshell is now our child
    sh.stdout.close()
    try:
        t0 = time.perf_counter()
        sh.stdin.close()               # go: the subshell reads EOF and execs the command
        _, status, ru = os.wait4(pid, 0)
        wall = time.perf_counter() - t0
    except BaseException:
        try:
            os.kill(pid, 15)
            os.waitpid(pid, 0)
        except OSError:
            pass
        raise
    with open(out_path, encoding="utf-8", errors="replace") as f:
        stdout = f.read()
    with open(err_path, encoding="utf-8", errors="replace") as f:
        stderr = f.read()
    return dict(wall=wall, cpu=ru.ru_utime + ru.ru_stime, rss=ru.ru_maxrss / 1024.0,
                rc=os.waitstatus_to_exitcode(status), stdout=stdout, stderr=stderr, cmd=cmd)


class Tool:
    """One contender: a command line and a check of its output after each run."""

    def __init__(self, name, label, cmd, check=None):
        self.name, self.label, self.cmd, self.check = name, label, cmd, check
        self.runs = []
        self.checked = []     # whatever check() returns, per run (e.g. totals)

    def med(self, key):
        return statistics.median(r[key] for r in self.runs)


def measure(tools, runs, log_dir, tag):
    """Warm up every tool once, then `runs` rounds in rotating order. A failing tool
    (exit code != 0 or a failed check) raises Failed."""
    def one(tool, i):
        r = run_measured(tool.cmd, log_dir, "%s-%s-%s" % (tag, tool.name, i))
        if r["rc"] != 0:
            raise Failed("%s exited with %d: %s\n%s" % (tool.label, r["rc"], shlex.join(tool.cmd)[:300],
                                                        (r["stderr"] or r["stdout"])[-2000:]))
        if tool.check:
            tool.checked.append(tool.check(r))
        return r

    for tool in tools:
        progress("  warm-up: %s" % tool.label)
        one(tool, "warmup")
    for i in range(runs):
        for k in range(len(tools)):
            tool = tools[(i + k) % len(tools)]
            r = one(tool, i)
            tool.runs.append(r)
            progress("  run %d/%d %-16s %8.3f s  %7.1f MiB" % (i + 1, runs, tool.name, r["wall"], r["rss"]))


def progress(msg):
    print(msg, file=sys.stderr, flush=True)


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except OSError:
        return float("nan")


# ------------------------------------------------------------------ data
def ensure_price(args, bids, lines):
    """A price-only round with at least `bids` workbooks of `lines` lines; reused if present."""
    d = os.path.join(args.work, "price-L%d-s%d" % (lines, args.seed))
    m = read_manifest(d)
    if not (m and m.get("kind") == "price" and m.get("lines") == lines and m.get("seed") == args.seed
            and m.get("bids", 0) >= bids and all(os.path.exists(os.path.join(d, w["file"])) for w in m["workbooks"])):
        progress("generating %d workbooks x %d lines into %s" % (bids, lines, d))
        shutil.rmtree(d, ignore_errors=True)
        m = generate.generate_price(d, bids, lines, args.seed, quiet=True)
    return d, m


def ensure_smaa(args):
    d = os.path.join(args.work, "smaa-B%d-C%d-E%d-s%d" % (args.smaa_bids, args.criteria, args.evaluators, args.seed))
    m = read_manifest(d)
    if not (m and m.get("kind") == "smaa" and m.get("bids") == args.smaa_bids and m.get("criteria") == args.criteria
            and m.get("evaluators") == args.evaluators and m.get("seed") == args.seed):
        progress("generating the SMAA round into %s" % d)
        shutil.rmtree(d, ignore_errors=True)
        m = generate.generate_smaa(d, args.smaa_bids, args.criteria, args.evaluators, args.seed, quiet=True)
    return d, m


def read_manifest(d):
    try:
        with open(os.path.join(d, "manifest.json")) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def zip_sizes(paths):
    """(compressed bytes on disk, uncompressed bytes of all members)."""
    disk = sum(os.path.getsize(p) for p in paths)
    xml = 0
    for p in paths:
        with zipfile.ZipFile(p) as z:
            xml += sum(i.file_size for i in z.infolist())
    return disk, xml


# ------------------------------------------------------------------ checks
def rel_diff(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


def tender_totals_check(result_path, expected):
    """expected: {bid id: exact total}. Returns the largest relative difference of
    price_undiscounted (and price, which must equal it without a discount rate)."""
    def check(_run):
        with open(result_path) as f:
            res = json.load(f)
        got = {b["id"]: b for b in res["bids"]}
        worst = 0.0
        for bid, total in expected.items():
            if bid not in got:
                raise Failed("tender's result.json has no bid %s" % bid)
            worst = max(worst, rel_diff(got[bid]["price_undiscounted"], total), rel_diff(got[bid]["price"], total))
        return worst
    return check


def reader_totals_check(expected_by_file):
    """Readers print {"file", "total"} lines; compare each with the exact total."""
    def check(run):
        seen = {}
        for line in run["stdout"].splitlines():
            if line.strip():
                j = json.loads(line)
                seen[os.path.abspath(j["file"])] = float(j["total"])
        worst = 0.0
        for f, total in expected_by_file.items():
            if f not in seen:
                raise Failed("no total printed for %s" % f)
            worst = max(worst, rel_diff(seen[f], total))
        return worst
    return check


# ------------------------------------------------------------------ formatting
def fs(x):
    """Seconds, 3 significant digits."""
    return "%#.3g" % x if x < 100 else "%.0f" % x


def fm(x):
    return "%.1f" % x


def ratio(a, b):
    return a / b if b > 0 else float("inf")


def verdict(ok):
    return "PASS" if ok else "FAIL"


# ------------------------------------------------------------------ parts
def part_price(args, ctx):
    # the scaling part uses the same folder with 4x the bids: generate them all at once
    d, m = ensure_price(args, args.bids * (4 if "scaling" in args.parts else 1), args.lines)
    wbs = m["workbooks"][:args.bids]
    files = [os.path.abspath(os.path.join(d, w["file"])) for w in wbs]
    exact_by_bid = {w["bid"]: w["total_pence"] / 100 for w in wbs}
    exact_by_file = {f: w["total_pence"] / 100 for f, w in zip(files, wbs)}
    out_json = os.path.join(ctx["runs"], "price-result.json")
    tools = [
        Tool("tender", "tender evaluate", [args.tender, "evaluate", os.path.join(d, "round.xml"), "--bids", *files,
                                           "--json", out_json, "--quiet"],
             tender_totals_check(out_json, exact_by_bid)),
        Tool("unzip", "unzip -p > /dev/null",
             ["sh", "-c", 'for f do unzip -p "$f" || exit 1; done >/dev/null', "sh", *files]),
        Tool("openpyxl", "openpyxl read-only", [args.python, os.path.join(HERE, "readers", "openpyxl_total.py"), *files],
             reader_totals_check(exact_by_file)),
        Tool("sheetjs", "SheetJS (xlsx)", [args.node, os.path.join(HERE, "readers", "sheetjs_total.js"), *files],
             reader_totals_check(exact_by_file)),
    ]
    load = loadavg()
    measure(tools, args.runs, ctx["runs"], "price")
    t = {x.name: x for x in tools}
    disk, xml = zip_sizes(files)
    rows = [
        "| tool | what it does | median wall s | median CPU s | peak RSS MiB | max rel. diff of totals |",
        "|---|---|---:|---:|---:|---:|",
    ]
    what = {"tender": "whole evaluation, result.json", "unzip": "inflate every part, discard",
            "openpyxl": "Price sheet totals only", "sheetjs": "Price sheet totals only"}
    for x in tools:
        diff = "%.1e" % max(x.checked) if x.checked else "n/a"
        rows.append("| %s | %s | %s | %s | %s | %s |" % (x.label, what[x.name], fs(x.med("wall")), fs(x.med("cpu")),
                                                      fm(max(r["rss"] for r in x.runs)), diff))
    tw, uw = t["tender"].med("wall"), t["unzip"].med("wall")
    r_tu = ratio(tw, uw)
    r_st = ratio(t["sheetjs"].med("wall"), tw)
    r_ot = ratio(t["openpyxl"].med("wall"), tw)
    worst = max(max(x.checked) for x in tools if x.checked)
    totals_ok = worst <= REL_TOL
    checks = [
        ("tender / unzip = %.2f (target <= 1.5)" % r_tu, r_tu <= 1.5, "target"),
        ("sheetjs / tender = %.1f (target >= 10)" % r_st, r_st >= 10, "target"),
        ("openpyxl / tender = %.1f (target >= 20)" % r_ot, r_ot >= 20, "target"),
        ("every tool's totals equal the exact totals, every run (max rel. diff %.1e, tolerance 1e-9)" % worst,
         totals_ok, "correctness"),
    ]
    head = ("%d workbooks x %s lines (price-only round: one price criterion, weight 100); "
            "%.1f MB zipped, %.1f MB inflated; %d runs, median; load average %.2f at start."
            % (len(files), f"{args.lines:,}", disk / 1e6, xml / 1e6, args.runs, load))
    return section("price", "Pricing: %d workbooks x %s lines" % (len(files), f"{args.lines:,}"), head, rows, checks, ctx)


def part_smaa(args, ctx):
    d, m = ensure_smaa(args)
    out_json = os.path.join(ctx["runs"], "smaa-result.json")
    np_in = os.path.join(ctx["runs"], "smaa-input.json")
    np_out = os.path.join(ctx["runs"], "smaa-numpy.json")
    tender_cmd = [args.tender, "evaluate", os.path.join(d, "round.xml"), "--bids", os.path.join(d, "bids"),
                  "--scores", os.path.join(d, "scores.csv"), "--json", out_json, "--smaa-draws", str(args.draws),
                  "--seed", str(args.seed), "--kappa", "100", "--quiet"]
    if args.threads:
        tender_cmd += ["--threads", str(args.threads)]
    # numpy reads the unit scores from a result.json of this round: one small tender run
    # (few draws) outside the measurement gives it its input.
    progress("  setup: unit scores for numpy from a tender run with 1000 draws")
    setup_cmd = list(tender_cmd)
    setup_cmd[setup_cmd.index(out_json)] = np_in
    setup_cmd[setup_cmd.index("--smaa-draws") + 1] = "1000"
    r = run_measured(setup_cmd, ctx["runs"], "smaa-setup")
    if r["rc"] != 0:
        raise Failed("tender evaluate (setup) exited with %d:\n%s" % (r["rc"], r["stderr"][-2000:]))

    def tender_check(_run):
        with open(out_json) as f:
            s = json.load(f)["sensitivity"]["smaa"]
        return s["rank1"], s["acceptability"]

    def numpy_check(_run):
        with open(np_out) as f:
            j = json.load(f)
        return j["rank1"], j["acceptability"], j["smaa_seconds"]

    tools = [Tool("tender", "tender evaluate", tender_cmd, tender_check),
             Tool("numpy", "numpy SMAA", [args.python, os.path.join(HERE, "smaa_numpy.py"), np_in, "--draws",
                                         str(args.draws), "--seed", str(args.seed), "--kappa", "100",
                                         "--out", np_out], numpy_check)]
    load = loadavg()
    measure(tools, args.runs, ctx["runs"], "smaa")
    t = {x.name: x for x in tools}
    np_smaa = statistics.median(c[2] for c in t["numpy"].checked[1:])     # timed runs only
    tw = t["tender"].med("wall")
    t_r1, t_acc = t["tender"].checked[-1]
    n_r1, n_acc, _ = t["numpy"].checked[-1]
    deterministic = all(c == t["tender"].checked[0] for c in t["tender"].checked)
    d_r1 = max(abs(t_r1[b] - n_r1[b]) for b in t_r1)
    d_acc = max(abs(x - y) for b in t_acc for x, y in zip(t_acc[b], n_acc[b]))
    same_bids = set(t_r1) == set(n_r1)
    top = sorted(t_r1, key=lambda b: -t_r1[b])[:3]
    rows = [
        "| tool | what is timed | median wall s | median CPU s | peak RSS MiB |",
        "|---|---|---:|---:|---:|",
        "| tender evaluate | whole evaluation (parse, score, SMAA, result.json) | %s | %s | %s |"
        % (fs(tw), fs(t["tender"].med("cpu")), fm(max(r["rss"] for r in t["tender"].runs))),
        "| numpy SMAA | SMAA loop only (perf_counter inside) | %s | | |" % fs(np_smaa),
        "| numpy SMAA | whole process (start-up, setup, SMAA) | %s | %s | %s |"
        % (fs(t["numpy"].med("wall")), fs(t["numpy"].med("cpu")), fm(max(r["rss"] for r in t["numpy"].runs))),
    ]
    r_nt = ratio(np_smaa, tw)
    checks = [
        ("numpy SMAA / tender = %.2f (target >= 3)" % r_nt, r_nt >= 3, "target"),
        ("max |rank-1 difference| = %.4f (target <= 0.01); max |acceptability difference| = %.4f"
         % (d_r1, d_acc), d_r1 <= RANK1_TOL and same_bids, "correctness"),
        ("tender's SMAA identical on every run (fixed seed)", deterministic, "correctness"),
    ]
    head = ("%d bids (bid.xml) x %d criteria (1 price + %d quality) x %d evaluators, %s draws, kappa 100, "
            "seed %d; tender threads: %s; numpy %s (one thread), chunks of 10,000 draws; rank 1 most often: %s; "
            "%d runs, median; load average %.2f at start."
            % (m["bids"], m["criteria"], m["criteria"] - 1, m["evaluators"], f"{args.draws:,}", args.seed,
               args.threads or "default (all cores)", ctx["versions"].get("numpy", "?"),
               ", ".join("%s %.3f" % (b, t_r1[b]) for b in top), args.runs, load))
    return section("smaa", "SMAA: %d bids x %d criteria, %s draws" % (m["bids"], m["criteria"], f"{args.draws:,}"),
                   head, rows, checks, ctx)


def tender_point(args, ctx, tag, d, wbs):
    files = [os.path.abspath(os.path.join(d, w["file"])) for w in wbs]
    out_json = os.path.join(ctx["runs"], tag + "-result.json")
    tool = Tool(tag, "tender evaluate", [args.tender, "evaluate", os.path.join(d, "round.xml"), "--bids", *files,
                                         "--json", out_json, "--quiet"],
                tender_totals_check(out_json, {w["bid"]: w["total_pence"] / 100 for w in wbs}))
    measure([tool], args.runs, ctx["runs"], tag)
    return tool, zip_sizes(files)


def part_memory(args, ctx):
    d, m = ensure_price(args, 1, args.memory_lines)
    load = loadavg()
    tool, (disk, xml) = tender_point(args, ctx, "memory", d, m["workbooks"][:1])
    rss = max(r["rss"] for r in tool.runs)
    rows = ["| workbook | zipped MB | inflated MB | median wall s | median CPU s | peak RSS MiB |",
            "|---|---:|---:|---:|---:|---:|",
            "| 1 x %s lines | %.1f | %.1f | %s | %s | %s |" % (f"{args.memory_lines:,}", disk / 1e6, xml / 1e6,
                                                           fs(tool.med("wall")), fs(tool.med("cpu")), fm(rss))]
    checks = [("peak RSS %.1f MiB (target < 256 MiB)" % rss, rss < 256, "target"),
              ("total equals the exact total (max rel. diff %.1e)" % max(tool.checked), max(tool.checked) <= REL_TOL,
               "correctness")]
    head = "`tender evaluate` on one bid workbook of %s price lines; %d runs, peak RSS is the largest; load average %.2f." % (
        f"{args.memory_lines:,}", args.runs, load)
    return section("memory", "Memory: one workbook of %s lines" % f"{args.memory_lines:,}", head, rows, checks, ctx)


def part_scaling(args, ctx):
    rows = ["| scaling | input | zipped MB | median wall s | wall vs 1x | peak RSS MiB | RSS vs 1x |",
            "|---|---|---:|---:|---:|---:|---:|"]
    worst = 0.0
    load = loadavg()
    for axis in ("lines", "bids"):
        base = None
        for k in (1, 2, 4):
            if axis == "lines":
                lines, nb = args.scale_lines * k, 1
            else:
                lines, nb = args.lines, args.bids * k
            d, m = ensure_price(args, 4 * args.bids if axis == "bids" else 1, lines)
            tool, (disk, _) = tender_point(args, ctx, "scale-%s-%dx" % (axis, k), d, m["workbooks"][:nb])
            worst = max(worst, max(tool.checked))
            w, rss = tool.med("wall"), max(r["rss"] for r in tool.runs)
            base = base or (w, rss)
            rows.append("| %s %dx | %d workbook%s x %s lines | %.1f | %s | %.2f | %s | %.2f |"
                        % (axis, k, nb, "s" if nb > 1 else "", f"{lines:,}", disk / 1e6, fs(w), w / base[0], fm(rss),
                           rss / base[1]))
    checks = [("every total equals the exact total (max rel. diff %.1e)" % worst, worst <= REL_TOL, "correctness")]
    head = ("`tender evaluate` on price-only rounds; linear time means wall vs 1x = 1, 2, 4. Sheets are streamed, "
            "but every priced line is kept for evaluation (64 bytes and its item text), so RSS grows with the "
            "lines too, linearly. %d runs, median wall, largest RSS; load average %.2f at start." % (args.runs, load))
    return section("scaling", "Scaling: lines and bids", head, rows, checks, ctx)


def section(part, title, head, rows, checks, ctx):
    lines = ["### %s" % title, "", head, "", *rows, ""]
    for text, ok, kind in checks:
        lines.append("- **%s** %s%s" % (verdict(ok), text, "" if kind == "target" else " *(correctness)*"))
        ctx["checks"].append((part, text, ok, kind))
    lines += ["", "<sub>%s</sub>" % ctx["stamp"], ""]
    return "\n".join(lines)


# ------------------------------------------------------------------ report
def versions(args):
    v = {}

    def cmd(c):
        try:
            p = subprocess.run(c, capture_output=True, text=True, timeout=60)
            return (p.stdout + p.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "?"
    v["tender"] = cmd([args.tender, "--version"])
    v["python"] = cmd([args.python, "-c", "import sys; print(sys.version.split()[0])"])
    v["numpy"] = cmd([args.python, "-c", "import numpy; print(numpy.__version__)"])
    v["openpyxl"] = cmd([args.python, "-c", "import openpyxl; print(openpyxl.__version__)"])
    v["node"] = cmd([args.node, "--version"])
    try:
        with open(os.path.join(HERE, "node_modules", "xlsx", "package.json")) as f:
            v["xlsx"] = json.load(f)["version"]
    except OSError:
        v["xlsx"] = "not installed"
    m = re.match(r"UnZip [\d.]+", cmd(["unzip", "-v"]))
    v["unzip"] = m.group(0) if m else "unzip ?"
    git = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True)
    v["commit"] = (git.stdout.strip() or "?") + ("+dirty" if dirty.stdout.strip() else "")
    return v


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def merge_sections(path, new_sections):
    """Keep the previous file's sections for the parts not run now."""
    old = {}
    try:
        with open(path) as f:
            text = f.read()
        for part, body in re.findall(r"<!-- bench:(\w+) -->\n(.*?)<!-- /bench:\1 -->", text, re.S):
            old[part] = body
    except OSError:
        pass
    old.update(new_sections)
    return "".join("<!-- bench:%s -->\n%s<!-- /bench:%s -->\n\n" % (p, old[p], p) for p in PARTS if p in old)


def write_results(args, sections):
    body = merge_sections(args.out, sections)
    text = ("# tender benchmark results\n\nWritten by `bench/run.py` (see [README.md](README.md)); each section "
            "says which command, commit and machine produced it.\n\n" + body)
    tmp = args.out + ".tmp-bench"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, args.out)
    if args.update_readme:
        readme = os.path.join(HERE, "README.md")
        with open(readme) as f:
            r = f.read()
        begin, end = "<!-- results:begin -->", "<!-- results:end -->"
        if begin in r and end in r:
            r = r[:r.index(begin) + len(begin)] + "\n" + body + r[r.index(end):]
            with open(readme + ".tmp-bench", "w") as f:
                f.write(r)
            os.replace(readme + ".tmp-bench", readme)


# ------------------------------------------------------------------ main
def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tender", default=os.path.join(REPO, "build", "tender"), help="tender binary (build/tender)")
    ap.add_argument("--parts", default=",".join(PARTS), help="comma-separated: " + ",".join(PARTS))
    ap.add_argument("--runs", type=int, help="timed runs per tool (default 5; 2 with --quick)")
    ap.add_argument("--quick", action="store_true", help="small inputs, 2 runs: checks the harness end to end")
    ap.add_argument("--work", default="/tmp/tender-bench", help="data and run outputs (reused)")
    ap.add_argument("--out", help="results file (bench/RESULTS.md; WORK/RESULTS-quick.md with --quick)")
    ap.add_argument("--no-readme", action="store_true", help="do not update bench/README.md")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a performance target is missed")
    ap.add_argument("--seed", type=int, default=1, help="data seed, also tender's and numpy's SMAA seed")
    ap.add_argument("--bids", "-N", type=int, help="price: workbooks (10)")
    ap.add_argument("--lines", "-L", type=int, help="price: lines per workbook (25,000)")
    ap.add_argument("--smaa-bids", "-B", type=int, help="smaa: bids (200)")
    ap.add_argument("--criteria", "-C", type=int, help="smaa: criteria, price included (31)")
    ap.add_argument("--evaluators", "-E", type=int, help="smaa: evaluators (3)")
    ap.add_argument("--draws", type=int, help="smaa: draws (1,000,000)")
    ap.add_argument("--threads", type=int, help="smaa: tender --threads (default: tender's own default)")
    ap.add_argument("--memory-lines", type=int, help="memory: lines in the one workbook (1,000,000)")
    ap.add_argument("--scale-lines", type=int, help="scaling: lines of the 1x workbook (250,000)")
    ap.add_argument("--python", default=sys.executable, help="Python with openpyxl and numpy (this one)")
    ap.add_argument("--node", default=shutil.which("node") or "node", help="node binary")
    a = ap.parse_args()
    full = dict(runs=5, bids=10, lines=25000, smaa_bids=200, criteria=31, evaluators=3, draws=1000000,
                memory_lines=1000000, scale_lines=250000)
    quick = dict(runs=2, bids=3, lines=2000, smaa_bids=20, criteria=6, evaluators=3, draws=20000,
                 memory_lines=40000, scale_lines=10000)
    for k, v in (quick if a.quick else full).items():
        if getattr(a, k) is None:
            setattr(a, k, v)
    a.parts = [p.strip() for p in a.parts.split(",") if p.strip()]
    for p in a.parts:
        if p not in PARTS:
            ap.error("unknown part %r (choose from %s)" % (p, ", ".join(PARTS)))
    if a.out is None:
        a.out = os.path.join(a.work, "RESULTS-quick.md") if a.quick else os.path.join(HERE, "RESULTS.md")
    a.update_readme = not (a.quick or a.no_readme)
    a.tender = os.path.abspath(a.tender)
    return a


def main():
    args = parse_args()
    if not os.access(args.tender, os.X_OK):
        sys.exit("run.py: no tender binary at %s (build it, or pass --tender PATH)" % args.tender)
    if "price" in args.parts and not os.path.exists(os.path.join(HERE, "node_modules", "xlsx")):
        sys.exit("run.py: SheetJS is missing: npm ci --prefix bench")
    become_subreaper()
    os.makedirs(args.work, exist_ok=True)
    runs_dir = tempfile.mkdtemp(prefix="runs-", dir=args.work)
    v = versions(args)
    command = "/usr/bin/python3 bench/run.py" + ("" if len(sys.argv) == 1 else " " + shlex.join(sys.argv[1:]))
    binary = os.path.relpath(args.tender, REPO) if args.tender.startswith(REPO + os.sep) else args.tender
    stamp = ("`%s` · %s · tender %s (%s; source tree at commit %s) · %s, %d cores · Python %s, numpy %s, "
             "openpyxl %s, node %s, xlsx %s, %s"
             % (command, datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), v["tender"], binary, v["commit"],
                cpu_model(), os.cpu_count(), v["python"], v["numpy"], v["openpyxl"], v["node"], v["xlsx"],
                v["unzip"]))
    ctx = dict(runs=runs_dir, checks=[], versions=v, stamp=stamp)
    progress("tender: %s; work folder: %s" % (args.tender, args.work))
    if loadavg() > 0.5:
        progress("note: load average %.2f: other work on this machine will disturb the timings" % loadavg())
    fns = dict(price=part_price, smaa=part_smaa, memory=part_memory, scaling=part_scaling)
    sections, failed = {}, False
    for part in args.parts:
        progress("== %s" % part)
        try:
            sections[part] = fns[part](args, ctx)
        except Failed as e:
            failed = True
            msg = "### %s\n\n- **FAIL** %s\n\n<sub>%s</sub>\n" % (part, str(e).replace("\n", "\n  "), stamp)
            sections[part] = msg
            ctx["checks"].append((part, str(e).splitlines()[0], False, "correctness"))
        print(sections[part], flush=True)
    write_results(args, sections)
    shutil.rmtree(runs_dir, ignore_errors=True) if not failed else None
    print("Results written to %s%s" % (args.out, " and bench/README.md" if args.update_readme else ""))
    bad_correct = [c for c in ctx["checks"] if not c[2] and c[3] == "correctness"]
    bad_target = [c for c in ctx["checks"] if not c[2] and c[3] == "target"]
    for part, text, ok, kind in ctx["checks"]:
        print("%s  %-8s %s" % (verdict(ok), part, text))
    if bad_correct or (args.strict and bad_target):
        sys.exit(1)


if __name__ == "__main__":
    main()
