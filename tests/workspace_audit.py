#!/usr/bin/env python3
"""The workspace and its audit log, driven through build/tender.

On a copy of the example round:
  * init, import, status, evaluate --db: the result equals a plain run on the
    same files, byte for byte; the evaluation is recorded;
  * a re-imported scores file records each changed score in the audit log;
  * a file that fails to parse is not imported, and the others are;
  * audit rows edited, deleted, inserted or reordered with the sqlite3 shell,
    and a stored file changed, are each caught by `tender audit verify`,
    which names the entry;
  * `tender import` killed with SIGKILL at 50 random moments leaves a
    database that passes PRAGMA integrity_check and `audit verify`, holding
    each file whole (the same bytes as on disk) or not at all; so does
    `tender evaluate --db` killed at 10 moments (the evaluation recorded
    wholly or not at all);
  * two imports at once both succeed, or one says the workspace is busy;
  * a bundle exported from the workspace holds the same result.json as a plain
    run, `tender verify` says identical, and after one score is changed in
    the bundle it names the file, that score and the totals that moved;
  * a full disk (a 300 KiB tmpfs, where it can be mounted) gives exit 1 and a
    clear message, and changes nothing;
  * init never replaces a file.
Usage: workspace_audit.py EXAMPLE_DIR TENDER_BINARY
"""
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL:", message)


def run(binary, *args, cwd):
    return subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True)


def sqlite_shell(db, sql):
    subprocess.run(["sqlite3", db, sql], check=True, capture_output=True, text=True)


def verify(binary, cwd, db):
    return run(binary, "audit", "verify", "--db", db, cwd=cwd)


def imported(db):
    """{name: bytes} of the current files (latest of each role and name)."""
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT name, content FROM files f WHERE id = "
        "(SELECT max(id) FROM files g WHERE g.role = f.role AND g.name = f.name)").fetchall()
    con.close()
    return {name: bytes(content) for name, content in rows}


FILES = ["round.xml", "bids", "scores.csv", "moderation.csv", "decisions.csv"]
PLAIN = ["round.xml", "--bids", "bids", "--scores", "scores.csv", "--moderation",
         "moderation.csv", "--decisions", "decisions.csv"]


def test_round_trip(binary, work):
    check(run(binary, "init", cwd=work).returncode == 0, "init failed")
    r = run(binary, "import", *FILES, "--user", "officer", "--reason", "tenders opened", cwd=work)
    check(r.returncode == 0, f"import failed: {r.stderr}")
    status = run(binary, "status", cwd=work)
    check("Ready to evaluate" in status.stdout, f"status not ready: {status.stdout}")
    check("aisha: 24 scores" in status.stdout, "status does not count scores by evaluator")
    r = run(binary, "evaluate", "--db", "tender.db", "--json", "ws.json", "--quiet", cwd=work)
    check(r.returncode == 0, f"evaluate --db failed: {r.stderr}")
    r = run(binary, "evaluate", *PLAIN, "--json", "plain.json", "--quiet", cwd=work)
    check(r.returncode == 0, f"plain evaluate failed: {r.stderr}")
    with open(os.path.join(work, "ws.json"), "rb") as a, \
            open(os.path.join(work, "plain.json"), "rb") as b:
        ws_bytes, plain_bytes = a.read(), b.read()
    check(ws_bytes == plain_bytes, "workspace and plain runs give different result.json")
    con = sqlite3.connect(os.path.join(work, "tender.db"))
    stored = con.execute("SELECT result_json FROM evaluations").fetchall()
    detail = con.execute("SELECT detail FROM audit WHERE action = 'evaluate'").fetchall()
    con.close()
    check(len(stored) == 1 and stored[0][0].encode() == ws_bytes, "evaluation not stored as run")
    check(len(detail) == 1 and hashlib.sha256(ws_bytes).hexdigest() in detail[0][0],
          "evaluate entry does not record the result's SHA-256")


def test_score_change(binary, work):
    path = os.path.join(work, "scores.csv")
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    head = lines[1].split(",")
    old = head[3]
    head[3] = "1" if old != "1" else "2"
    lines[1] = ",".join(head)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    r = run(binary, "import", "scores.csv", "--user", "aisha", "--reason", "typo", cwd=work)
    check(r.returncode == 0, f"re-import failed: {r.stderr}")
    log = run(binary, "audit", "log", cwd=work).stdout
    key = "/".join(head[:3])
    check(f'"entry":"{key}"' in log and '"from":"' + str(float(old)) in log,
          f"the changed score {key} is not in the audit log")
    check("aisha" in log and "(typo)" in log, "who and why are not in the audit log")


def test_names(binary, work):
    """Names are recorded as a plain run from this folder would use them."""
    db = os.path.join(work, "tender.db")
    before = imported(db)
    r = run(binary, "import", os.path.join(work, "round.xml"), cwd=work)
    check(r.returncode == 2 and "inside the current folder" in r.stderr,
          f"an absolute path: exit {r.returncode}, {r.stderr}")
    shutil.copy(os.path.join(work, "round.xml"), os.path.join(work, "round-copy.xml"))
    r = run(binary, "import", "round-copy.xml", cwd=work)
    check(r.returncode == 2 and "already holds the round round.xml" in r.stderr,
          f"a second round: exit {r.returncode}, {r.stderr}")
    check(imported(db) == before, "a refused name changed the workspace")


def test_failed_file(binary, work):
    db = os.path.join(work, "tender.db")
    before = imported(db)
    with open(os.path.join(work, "broken.xml"), "w", encoding="utf-8") as f:
        f.write('<bid xmlns="urn:tender-engine:bid:1"><unclosed></bid>')
    with open(os.path.join(work, "moderation.csv"), "a", encoding="utf-8") as f:
        f.write("")  # unchanged bytes: reported as unchanged, not re-imported
    r = run(binary, "import", "broken.xml", "moderation.csv", cwd=work)
    check(r.returncode == 2, f"a broken file should exit 2, got {r.returncode}")
    check("broken.xml" in r.stderr and "not imported" in r.stderr, "no clear reason for broken.xml")
    check(imported(db) == before, "a failed import changed the workspace")


def tamper_cases():
    # (name, SQL run on a copy, entry seq that must be named)
    return [
        ("edit", "UPDATE audit SET actor = 'mallory' WHERE seq = 5", "entry 5"),
        ("delete", "DELETE FROM audit WHERE seq = 4", "entry 4"),
        ("reorder", "UPDATE audit SET seq = -1 WHERE seq = 6; UPDATE audit SET seq = 6 "
                    "WHERE seq = 7; UPDATE audit SET seq = 7 WHERE seq = -1", "entry 6"),
        ("insert", "UPDATE audit SET seq = seq + 100 WHERE seq >= 8; "
                   "INSERT INTO audit SELECT 8, at, actor, action, 'forged.xml', reason, detail, "
                   "prev, hash FROM audit WHERE seq = 7; "
                   "UPDATE audit SET seq = seq - 99 WHERE seq >= 108", "entry 8"),
        ("file", "UPDATE files SET content = CAST('<bid/>' AS BLOB) WHERE name = 'bids/B03.xml'",
         "bids/B03.xml"),
        ("truncate", "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)",
         "removed from or added to the end"),
    ]


def test_tampering(binary, work):
    if shutil.which("sqlite3") is None:
        print("sqlite3 shell not installed: tampering checks skipped")
        return
    r = verify(binary, work, "tender.db")
    check(r.returncode == 0 and "intact" in r.stdout, f"untouched workspace: {r.stdout}{r.stderr}")
    head = r.stdout.strip().split()[-1]
    # A consistent rewrite of the end (last entry and its row gone, head moved
    # back) passes on its own, and is caught against the head kept before.
    copy = os.path.join(work, "rewritten.db")
    shutil.copy(os.path.join(work, "tender.db"), copy)
    sqlite_shell(copy, "DELETE FROM files WHERE audit_seq = (SELECT max(seq) FROM audit); "
                       "DELETE FROM evaluations WHERE audit_seq = (SELECT max(seq) FROM audit); "
                       "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit); "
                       "UPDATE meta SET value = (SELECT hash FROM audit ORDER BY seq DESC LIMIT 1) "
                       "WHERE key = 'head_hash'; UPDATE meta SET value = (SELECT count(*) FROM "
                       "audit) WHERE key = 'head_count'")
    r = verify(binary, work, "rewritten.db")
    check(r.returncode == 0, f"a consistent rewrite should pass without a kept head: {r.stdout}")
    r = run(binary, "audit", "verify", "--db", "rewritten.db", "--head", head, cwd=work)
    check(r.returncode == 3 and "not in this log" in r.stdout,
          f"--head against a rewritten log: exit {r.returncode}, {r.stdout}")
    r = run(binary, "audit", "verify", "--db", "tender.db", "--head", head, cwd=work)
    check(r.returncode == 0, f"--head on the untouched log: {r.stdout}")
    for name, sql, named in tamper_cases():
        copy = f"tampered-{name}.db"
        shutil.copy(os.path.join(work, "tender.db"), os.path.join(work, copy))
        sqlite_shell(os.path.join(work, copy), sql)
        r = verify(binary, work, copy)
        check(r.returncode == 3, f"{name}: audit verify exit {r.returncode}, want 3")
        check(named in r.stdout, f"{name}: '{named}' not named in:\n{r.stdout}")
        r = run(binary, "bundle", "export", "--db", copy, "-o", f"bundle-{name}", cwd=work)
        check(r.returncode == 3 and not os.path.exists(os.path.join(work, f"bundle-{name}")),
              f"{name}: bundle export from a tampered workspace: exit {r.returncode}")


def test_bundle(binary, work):
    r = run(binary, "evaluate", "--db", "tender.db", "--quiet", cwd=work)
    check(r.returncode == 0, f"evaluate --db failed: {r.stderr}")
    r = run(binary, "bundle", "export", "-o", "bundle", cwd=work)
    check(r.returncode == 0, f"bundle export failed: {r.stderr}")
    r = run(binary, "evaluate", *PLAIN, "--json", "plain-now.json", "--quiet", cwd=work)
    with open(os.path.join(work, "bundle", "result.json"), "rb") as a, \
            open(os.path.join(work, "plain-now.json"), "rb") as b:
        check(a.read() == b.read(), "the bundle's result.json differs from a plain run")
    r = run(binary, "verify", "bundle", cwd=work)
    check(r.returncode == 0 and "identical" in r.stdout, f"fresh bundle: {r.stdout}{r.stderr}")
    r = run(binary, "bundle", "export", "-o", "bundle", cwd=work)
    check(r.returncode == 2 and "already exists" in r.stderr, "export over a folder")
    shutil.copytree(os.path.join(work, "bundle"), os.path.join(work, "broken-bundle"))
    with open(os.path.join(work, "broken-bundle", "manifest.json"), "w") as f:
        f.write("{}")
    r = run(binary, "verify", "broken-bundle", cwd=work)
    check(r.returncode == 2 and "not a bundle manifest" in r.stderr,
          f"a bundle with an empty manifest: exit {r.returncode}, {r.stderr}")
    # Change one score of the winner's where it moves the moderated score
    # (the median of the evaluators'): verify names the file, the score and the totals.
    import json
    import statistics
    with open(os.path.join(work, "bundle", "result.json"), encoding="utf-8") as f:
        result = json.load(f)
    winner = result["winner"]
    bid = next(b for b in result["bids"] if b["id"] == winner)
    target = None
    for criterion, entry in sorted(bid["scores"].items()):
        if entry.get("moderated_by") != "evaluators":
            continue
        marks = [e["score"] for e in entry["evaluators"]]
        for i, e in enumerate(entry["evaluators"]):
            lowered = marks[:i] + [0.0] + marks[i + 1:]
            if statistics.median(lowered) != statistics.median(marks):
                target = (criterion, e["evaluator"])
                break
        if target:
            break
    check(target is not None, "no score of the winner's moves its median; pick another example")
    scores = os.path.join(work, "bundle", "inputs", "scores.csv")
    with open(scores, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        cells = line.split(",")
        if cells[:3] == [winner, target[0], target[1]]:
            cells[3] = "0"
            lines[i] = ",".join(cells)
    with open(scores, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    changed = [winner, target[0], target[1]]
    r = run(binary, "verify", "bundle", cwd=work)
    check(r.returncode == 3, f"changed bundle: exit {r.returncode}, want 3")
    check("inputs/scores.csv was changed" in r.stdout, "the changed file is not named")
    score_path = f"bids[{winner}].scores.{changed[1]}.evaluators[{changed[2]}].score"
    check(score_path in r.stdout, f"the changed score {score_path} is not named:\n{r.stdout}")
    check(f"bids[{winner}].total:" in r.stdout, f"the winner's total is not named:\n{r.stdout}")


def make_many_bids(work, count):
    """`count` bid files in work/many (copies of the example's under new names)."""
    src = os.path.join(work, "bids")
    many = os.path.join(work, "many")
    os.makedirs(many)
    originals = sorted(os.listdir(src))
    for i in range(count):
        name = originals[i % len(originals)]
        stem, ext = os.path.splitext(name)
        shutil.copy(os.path.join(src, name), os.path.join(many, f"{stem}-{i:03d}{ext}"))
    return many


def test_sigkill(binary, work, kills=50):
    many = make_many_bids(work, 60)
    on_disk = {f"many/{n}": open(os.path.join(many, n), "rb").read() for n in os.listdir(many)}
    base = os.path.join(work, "base.db")
    check(run(binary, "init", "--db", "base.db", cwd=work).returncode == 0, "init base failed")
    start = time.monotonic()
    full = os.path.join(work, "full.db")
    shutil.copy(base, full)
    run(binary, "import", "many", "--db", "full.db", cwd=work)
    whole = time.monotonic() - start
    rng = random.Random(20261123)
    partial = 0
    for k in range(kills):
        db = os.path.join(work, "killed.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        shutil.copy(base, db)
        proc = subprocess.Popen([binary, "import", "many", "--db", "killed.db"], cwd=work,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, whole))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        con = sqlite3.connect(db)
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        con.close()
        check(integrity == "ok", f"kill {k}: integrity_check says {integrity}")
        r = verify(binary, work, "killed.db")
        check(r.returncode == 0, f"kill {k}: audit verify failed:\n{r.stdout}{r.stderr}")
        got = imported(db)
        for name, content in got.items():
            check(on_disk.get(name) == content, f"kill {k}: {name} is not whole")
        if 0 < len(got) < len(on_disk):
            partial += 1
    print(f"{kills} kills over {whole:.3f} s imports; {partial} stopped part-way through the files")
    check(partial >= kills // 5, f"only {partial} kills landed mid-import; the test is too coarse")
    # Evaluations killed at random moments leave the workspace as it was, or
    # with the evaluation wholly recorded.
    for name in ("round.xml", "scores.csv", "moderation.csv", "decisions.csv"):
        run(binary, "import", name, "--db", "full.db", cwd=work)
    args = [binary, "evaluate", "--db", "full.db", "--smaa-draws", "200000", "--quiet"]
    start = time.monotonic()
    subprocess.run(args, cwd=work, capture_output=True)
    took = time.monotonic() - start
    for k in range(10):
        before = sqlite3.connect(full).execute("SELECT count(*) FROM evaluations").fetchone()[0]
        proc = subprocess.Popen(args, cwd=work, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, took * 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        con = sqlite3.connect(full)
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        after = con.execute("SELECT count(*) FROM evaluations").fetchone()[0]
        con.close()
        check(integrity == "ok", f"evaluate kill {k}: integrity_check says {integrity}")
        check(after in (before, before + 1), f"evaluate kill {k}: {before} -> {after} evaluations")
        r = verify(binary, work, "full.db")
        check(r.returncode == 0, f"evaluate kill {k}: audit verify failed:\n{r.stdout}{r.stderr}")


def test_concurrent(binary, work):
    check(run(binary, "init", "--db", "two.db", cwd=work).returncode == 0, "init two.db failed")
    procs = [subprocess.Popen([binary, "import", "many", "--db", "two.db", "--user", who],
                              cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for who in ("anna", "ben")]
    for p in procs:
        _, err = p.communicate()
        check(p.returncode == 0 or "another tender process" in err,
              f"concurrent import: exit {p.returncode} without a busy message: {err}")
    r = verify(binary, work, "two.db")
    check(r.returncode == 0, f"after concurrent imports: {r.stdout}{r.stderr}")


def test_full_disk(binary, work):
    """Imports into a workspace on a 300 KiB file system until the disk is full."""
    mnt = os.path.join(work, "tiny")
    os.makedirs(mnt)
    if os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", mnt],
            capture_output=True).returncode != 0:
        print("cannot mount a small tmpfs here (needs root): full-disk check skipped")
        return
    try:
        db = os.path.join(mnt, "t.db")
        check(run(binary, "init", "--db", db, cwd=work).returncode == 0, "init on tmpfs failed")
        rng = random.Random(7)
        full = None
        for i in range(40):
            path = os.path.join(work, f"panel-{i}.csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write("bid,criterion,evaluator,score,comment\n")
                for j in range(300):
                    f.write(f"B0{j % 6 + 1},Q{j % 3 + 1},e{j},{rng.randint(0, 5)},{'x' * 200}\n")
            before = imported(db)
            r = run(binary, "import", os.path.basename(path), "--db", db, "--role", "scores",
                    cwd=work)
            if r.returncode != 0:
                full = r
                check(imported(db) == before, "a failed import on a full disk changed the files")
                break
        check(full is not None, "the 300 KiB disk never filled up")
        if full is not None:
            check(full.returncode == 1 and "disk is full" in full.stderr,
                  f"full disk: exit {full.returncode}, {full.stderr}")
        r = verify(binary, work, db)
        check(r.returncode == 0, f"after a full disk: {r.stdout}{r.stderr}")
    finally:
        subprocess.run(["umount", mnt], capture_output=True)


def test_init_never_replaces(binary, work):
    path = os.path.join(work, "precious.db")
    with open(path, "w") as f:
        f.write("keep me")
    r = run(binary, "init", "--db", "precious.db", cwd=work)
    check(r.returncode == 2 and "already there" in r.stderr, f"init over a file: {r.stderr}")
    with open(path) as f:
        check(f.read() == "keep me", "init replaced an existing file")


def main():
    example, binary = sys.argv[1], os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, "round")
        shutil.copytree(example, work)
        test_round_trip(binary, work)
        test_score_change(binary, work)
        test_names(binary, work)
        test_failed_file(binary, work)
        test_tampering(binary, work)
        test_bundle(binary, work)
        test_sigkill(binary, work)
        test_concurrent(binary, work)
        test_full_disk(binary, work)
        test_init_never_replaces(binary, work)
    if failures:
        print(f"{len(failures)} failures")
        sys.exit(1)
    print("workspace and audit log: all checks passed")


if __name__ == "__main__":
    main()
