#!/usr/bin/env python3
"""`tender bundle export` and `tender verify` against hostile bundles.

From a workspace of the example round (init, import, evaluate --db, bundle
export):
  * SHA256SUMS lines naming /dev/zero, /etc/hostname, ../x, a symbolic link
    or a folder: verify exits 3 within seconds, naming the line, without
    reading them; an input replaced by a symbolic link is refused too;
  * manifests with a field of the wrong type (role 5, smaa_draws -1, 2e9 or
    1.5, seed -1, kappa -1 or "x"): exit 2, "not a bundle manifest";
  * `bundle export -o out/` (trailing slash) writes out, leaving no temporary
    folder; a second export to it is refused (exit 2) and leaves nothing;
  * an input deleted from the bundle, or changed so it no longer parses:
    exit 3, "NOT identical";
  * a flag duplicated in result.json is compared by position (no
    spurious "removed"/"added" lines keyed by the flag's code).
Usage: bundle_hostile.py EXAMPLE_DIR TENDER_BINARY
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

failures = []
TIMEOUT = 30


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL:", message)


def run(binary, *args, cwd):
    try:
        return subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True,
                              timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        check(False, f"tender {' '.join(args)} took over {TIMEOUT} s")
        return subprocess.CompletedProcess(args, -1, "", "")


FILES = ["round.xml", "bids", "scores.csv", "moderation.csv", "decisions.csv"]


def make_bundle(binary, work):
    r = run(binary, "init", cwd=work)
    check(r.returncode == 0, f"init failed: {r.stderr}")
    r = run(binary, "import", *FILES, "--user", "officer", "--reason", "tenders opened", cwd=work)
    check(r.returncode == 0, f"import failed: {r.stderr}")
    r = run(binary, "evaluate", "--db", "tender.db", "--quiet", cwd=work)
    check(r.returncode in (0, 3), f"evaluate --db failed: {r.returncode} {r.stderr}")
    r = run(binary, "bundle", "export", "-o", "bundle", cwd=work)
    check(r.returncode == 0, f"bundle export failed: {r.stderr}")
    r = run(binary, "verify", "bundle", cwd=work)
    check(r.returncode == 0 and "identical" in r.stdout, f"fresh bundle: {r.stdout}{r.stderr}")


def copy(work, name):
    dst = os.path.join(work, name)
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(os.path.join(work, "bundle"), dst, symlinks=True)
    return dst


def test_sums(binary, work):
    for i, (name, setup) in enumerate([
            ("/dev/zero", None),
            ("/etc/hostname", None),
            ("../x", "outside"),
            ("inputs/../../x", "outside"),
            ("link", "symlink"),
            ("linkdir/scores.csv", "symlinkdir"),
            ("inputs", None)]):
        b = copy(work, f"sums{i}")
        if setup == "outside":
            with open(os.path.join(work, "x"), "w") as f:
                f.write("outside\n")
        elif setup == "symlink":
            os.symlink("/dev/zero", os.path.join(b, "link"))
        elif setup == "symlinkdir":
            os.symlink(os.path.join(b, "inputs"), os.path.join(b, "linkdir"))
        with open(os.path.join(b, "SHA256SUMS"), "a") as f:
            f.write("0" * 64 + "  " + name + "\n")
        r = run(binary, "verify", b, cwd=work)
        check(r.returncode == 3, f"SHA256SUMS naming {name}: exit {r.returncode}, want 3 "
                                 f"({r.stdout}{r.stderr})")
        check(f"SHA256SUMS names {name}, which" in r.stdout,
              f"SHA256SUMS naming {name}: the line is not named:\n{r.stdout}")
    # An input of the bundle replaced by a symbolic link to /dev/zero.
    b = copy(work, "inputlink")
    scores = os.path.join(b, "inputs", "scores.csv")
    os.remove(scores)
    os.symlink("/dev/zero", scores)
    r = run(binary, "verify", b, cwd=work)
    check(r.returncode == 3 and "symbolic link" in r.stdout,
          f"an input linked to /dev/zero: exit {r.returncode}\n{r.stdout}{r.stderr}")


def edit_manifest(work, name, edit):
    b = copy(work, name)
    path = os.path.join(b, "manifest.json")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(edit(text))
    return b


def test_manifest(binary, work):
    def set_option(key, raw):
        def edit(text):
            m = json.loads(text)
            m["options"][key] = "@@"
            return json.dumps(m).replace('"@@"', raw)
        return edit

    def set_role(text):
        m = json.loads(text)
        m["inputs"][0]["role"] = 5
        return json.dumps(m)

    cases = [("role 5", set_role, None),
             ("smaa_draws -1", set_option("smaa_draws", "-1"), "smaa_draws"),
             ("smaa_draws 2e9", set_option("smaa_draws", "2e9"), "smaa_draws"),
             ("smaa_draws 2000000000", set_option("smaa_draws", "2000000000"), "smaa_draws"),
             ("smaa_draws 1.5", set_option("smaa_draws", "1.5"), "smaa_draws"),
             ('smaa_draws "10"', set_option("smaa_draws", '"10"'), "smaa_draws"),
             ("seed -1", set_option("seed", "-1"), "seed"),
             ("seed 1.5", set_option("seed", "1.5"), "seed"),
             ("kappa -1", set_option("kappa", "-1"), "kappa"),
             ("kappa 0", set_option("kappa", "0"), "kappa"),
             ('kappa "x"', set_option("kappa", '"x"'), "kappa")]
    for i, (what, edit, field) in enumerate(cases):
        b = edit_manifest(work, f"manifest{i}", edit)
        r = run(binary, "verify", b, cwd=work)
        check(r.returncode == 2 and "not a bundle manifest" in r.stderr,
              f"manifest with {what}: exit {r.returncode}, {r.stderr}")
        if field:
            check(field in r.stderr, f"manifest with {what}: the field is not named: {r.stderr}")


def test_trailing_slash(binary, work):
    r = run(binary, "bundle", "export", "-o", "out/", cwd=work)
    check(r.returncode == 0, f"export -o out/: exit {r.returncode}, {r.stderr}")
    check(os.path.isfile(os.path.join(work, "out", "manifest.json")),
          "export -o out/ did not write out/manifest.json")
    check(not [n for n in os.listdir(work) if "tmp-bundle" in n],
          f"export -o out/ left a temporary folder: {os.listdir(work)}")
    check(not [n for n in os.listdir(os.path.join(work, "out")) if "tmp" in n],
          "export -o out/ left a temporary folder inside out")
    r = run(binary, "verify", "out/", cwd=work)
    check(r.returncode == 0, f"verify out/: exit {r.returncode}, {r.stdout}{r.stderr}")
    r = run(binary, "bundle", "export", "-o", "out/", cwd=work)
    check(r.returncode == 2 and "already exists" in r.stderr,
          f"export over an existing folder: exit {r.returncode}, {r.stderr}")
    check(not [n for n in os.listdir(work) if "tmp-bundle" in n],
          "a refused export left a temporary folder")


def test_inputs(binary, work):
    b = copy(work, "deleted")
    os.remove(os.path.join(b, "inputs", "scores.csv"))
    r = run(binary, "verify", b, cwd=work)
    check(r.returncode == 3 and "NOT identical" in r.stdout and "scores.csv" in r.stdout,
          f"an input deleted: exit {r.returncode}\n{r.stdout}{r.stderr}")
    b = copy(work, "unparsable")
    with open(os.path.join(b, "inputs", "round.xml"), "w") as f:
        f.write("<not-closed")
    r = run(binary, "verify", b, cwd=work)
    check(r.returncode == 3 and "NOT identical" in r.stdout,
          f"an input that no longer parses: exit {r.returncode}\n{r.stdout}{r.stderr}")


def find_keyed_array(node, path=""):
    """(path, array) of the first array of objects with a "code" key."""
    if isinstance(node, dict):
        for k, v in node.items():
            found = find_keyed_array(v, f"{path}.{k}" if path else k)
            if found:
                return found
    elif isinstance(node, list):
        if node and all(isinstance(e, dict) and isinstance(e.get("code"), str) for e in node):
            return path, node
        for i, v in enumerate(node):
            found = find_keyed_array(v, f"{path}[{i}]")
            if found:
                return found
    return None


def test_duplicate_keys(binary, work):
    b = copy(work, "dupflag")
    path = os.path.join(b, "result.json")
    with open(path, encoding="utf-8") as f:
        result = json.load(f)
    found = find_keyed_array(result)
    if not found:
        print("skipped: the example's result.json has no array of flags with codes")
        return
    _, array = found
    array.insert(1, dict(array[0]))
    with open(path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
    r = run(binary, "verify", b, cwd=work)
    check(r.returncode == 3, f"a duplicated flag: exit {r.returncode}\n{r.stdout}{r.stderr}")
    code = array[0]["code"]
    check(f"[{code}]: removed" not in r.stdout and f"[{code}]: added" not in r.stdout,
          f"a duplicated flag is matched by its code, not its position:\n{r.stdout}")
    check("(none)" in r.stdout, f"a duplicated flag: no positional difference shown:\n{r.stdout}")


def main():
    example, binary = sys.argv[1], os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, "round")
        shutil.copytree(example, work)
        make_bundle(binary, work)
        test_sums(binary, work)
        test_manifest(binary, work)
        test_trailing_slash(binary, work)
        test_inputs(binary, work)
        test_duplicate_keys(binary, work)
    if failures:
        print(f"{len(failures)} failures")
        sys.exit(1)
    print("hostile bundles: all checks passed")


if __name__ == "__main__":
    main()
