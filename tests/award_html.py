#!/usr/bin/env python3
"""The award page (`tender evaluate --report DIR` writes DIR/award.html), read
back with Python's html.parser.

Checks, on the example round: the ranking order, each bid's quality, social
value and price points and total against result.json (to the two decimals
printed); the Inputs table (role, file, SHA-256) against result.json; that the
page loads nothing and runs nothing (no script, link, iframe, object, embed,
img, base or form element, no on* attribute, no link but #fragments, no url(
or @import, no http: or https: anywhere, a Content-Security-Policy meta tag);
that two runs give the same bytes; and that a failed run writes nothing. Then,
on a copy of the round where a ranked bidder is named `<script>alert(1)</script>`,
an evaluator's comment is `=HYPERLINK("http://x","y")` and a moderation
rationale holds both, that the page shows each as plain text (escaped) and
holds no script element or link.
Usage: award_html.py EXAMPLE_DIR TENDER_BINARY
"""
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x","y")'
BOTH = FORMULA + " " + SCRIPT
FORBIDDEN_TAGS = {"script", "link", "iframe", "object", "embed", "img", "base", "form",
                  "frame", "frameset", "applet", "audio", "video", "source", "image", "use"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


class Page(HTMLParser):
    """Collects tags, attributes, all text, and the rows of every table
    (cells as text), keyed by the table's class or its caption."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []          # (tag, attrs)
        self.text = []
        self.tables = []        # {"class", "caption", "rows": [[cell text]]}
        self._table = None
        self._row = None
        self._cell = None
        self._caption = None
        self.csp = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = a.get("content")
        if tag == "table":
            self._table = {"class": a.get("class") or "", "caption": "", "rows": []}
            self.tables.append(self._table)
        elif tag == "caption":
            self._caption = []
        elif tag == "tr" and self._table is not None:
            self._row = []
            self._table["rows"].append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "caption" and self._caption is not None:
            self._table["caption"] = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag == "tr":
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._caption is not None:
            self._caption.append(data)

    def table(self, caption_start):
        for t in self.tables:
            if t["caption"].startswith(caption_start):
                return t["rows"]
        failures.append("no table captioned %r" % caption_start)
        return []


def evaluate(case, binary, out_dir):
    cmd = [binary, "evaluate", os.path.join(case, "round.xml"),
           "--bids", os.path.join(case, "bids"), "--scores", os.path.join(case, "scores.csv"),
           "--moderation", os.path.join(case, "moderation.csv"),
           "--decisions", os.path.join(case, "decisions.csv"),
           "--json", os.path.join(out_dir, "result.json"), "--report", out_dir]
    return subprocess.run(cmd, capture_output=True, text=True)


def load(out_dir):
    with open(os.path.join(out_dir, "result.json"), encoding="utf-8") as f:
        result = json.load(f)
    with open(os.path.join(out_dir, "award.html"), encoding="utf-8") as f:
        raw = f.read()
    page = Page()
    page.feed(raw)
    page.close()
    return result, raw, page


def group_points(result, bid):
    kinds = {c["id"]: c["kind"] for c in result["criteria"]}
    groups = {"quality": 0.0, "social": 0.0, "price": 0.0}
    for cid, s in bid["scores"].items():
        kind = kinds[cid]
        group = "quality" if kind == "quality" else "price" if kind == "price" else "social"
        groups[group] += s.get("weighted") or 0.0
    return groups


def check_ranking(page, result):
    rows = page.table("Ranking")[1:]
    bids = {b["id"]: b for b in result["bids"]}
    ranked = [r for r in rows if r[8] == "ranked"]
    check([r[1] for r in ranked] == result["ranking"],
          "ranking %s != %s" % ([r[1] for r in ranked], result["ranking"]))
    for r in ranked:
        b = bids[r[1]]
        g = group_points(result, b)
        want = [str(b["rank"]), "%.2f" % g["quality"], "%.2f" % g["social"], "%.2f" % g["price"],
                "%.2f" % b["total"]]
        got = [r[0], r[4], r[5], r[6], r[7]]
        check(got == want, "ranking row of %s: %s != %s" % (r[1], got, want))
        check(r[2].startswith(b["bidder"]), "bidder of %s: %r" % (r[1], r[2]))
    excluded = sorted(r[1] for r in rows if r[8] == "excluded")
    check(excluded == sorted(b["id"] for b in result["bids"] if b["status"] == "excluded"),
          "excluded bids %s" % excluded)
    for r in rows:
        if r[8] == "excluded":
            for reason in bids[r[1]]["reasons"]:
                check(reason["code"] in r[9], "%s: reason %s not shown" % (r[1], reason["code"]))
    text = " ".join("".join(page.text).split())
    for b in result["bids"]:
        for f in b["flags"]:
            if f["code"] == "CASHFLOW":
                check("CASHFLOW %s %s: %s" % (b["id"], b["bidder"], f["message"]) in text,
                      "CASHFLOW of %s not shown" % b["id"])
    winner = text
    if result["winner"]:
        check("Winner %s %s" % (result["winner"], bids[result["winner"]]["bidder"]) in winner,
              "the winner is not named")


def check_inputs(page, result):
    rows = page.table("Every file the evaluation read")[1:]
    got = [tuple(r) for r in rows]
    want = [(i["role"], i["file"], i["sha256"]) for i in result["inputs"]]
    check(got == want, "inputs %s != %s" % (got, want))


def check_inert(page, raw, where):
    for tag, attrs in page.tags:
        check(tag not in FORBIDDEN_TAGS, "%s: a <%s> element" % (where, tag))
        for name, value in attrs:
            check(not name.lower().startswith("on"), "%s: an %s attribute" % (where, name))
            if name.lower() in ("href", "xlink:href"):
                check((value or "").startswith("#"), "%s: a link to %r" % (where, value))
            check("http" not in (value or "").lower() or tag == "meta",
                  "%s: <%s %s=%r>" % (where, tag, name, value))
            check("url(" not in (value or "").lower(), "%s: url( in an attribute" % where)
    lowered = raw.lower()
    for needle in ("<script", "url(", "@import", "javascript:"):
        check(needle not in lowered, "%s: %r appears in the page" % (where, needle))
    check(page.csp is not None and page.csp.startswith(CSP),
          "%s: Content-Security-Policy %r" % (where, page.csp))


def check_example(example, binary, tmp):
    out = os.path.join(tmp, "out")
    proc = evaluate(example, binary, out)
    if proc.returncode != 0:
        failures.append("evaluate failed (%d): %s" % (proc.returncode, proc.stderr))
        return
    check("Wrote %s" % os.path.join(out, "award.html") in proc.stdout, "no 'Wrote .../award.html'")
    result, raw, page = load(out)
    check(raw.startswith("<!DOCTYPE html>\n<html lang=\"en-GB\">"), "doctype and lang")
    check_ranking(page, result)
    check_inputs(page, result)
    check_inert(page, raw, "example")
    check("http:" not in raw and "https:" not in raw, "example: an http(s) URL in the page")
    check(sum(1 for t, _ in page.tags if t == "svg") >= 3, "fewer than three charts")
    check(all(any(t == "title" for t, _ in page.tags[i:i + 3])
              for i, (t, _) in enumerate(page.tags) if t == "svg"), "a chart has no <title>")
    again = os.path.join(tmp, "again")
    evaluate(example, binary, again)
    check(filecmp.cmp(os.path.join(out, "award.html"), os.path.join(again, "award.html"),
                      shallow=False), "two runs gave different award.html bytes")
    check(not any(".tmp" in n for n in os.listdir(out)), "a temporary file was left behind")


def check_nothing_written(example, binary, tmp):
    case = os.path.join(tmp, "broken")
    shutil.copytree(example, case)
    with open(os.path.join(case, "scores.csv"), "a", encoding="utf-8") as f:
        f.write("B01,Q9,aisha,3,criterion not in the round\n")
    out = os.path.join(tmp, "broken-out")
    proc = evaluate(case, binary, out)
    check(proc.returncode == 2, "broken input: exit %d, want 2" % proc.returncode)
    check(not os.path.exists(os.path.join(out, "award.html")), "broken input: award.html written")
    check(not os.path.exists(out), "broken input: %s was created" % out)


def xml_attr(text):
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def csv_field(text):
    return '"' + text.replace('"', '""') + '"'


def rewrite(path, change):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    new = change(text)
    check(new != text, "hostile case: %s unchanged" % os.path.basename(path))
    with open(path, "w", encoding="utf-8") as f:
        f.write(new)


def hostile_case(example, tmp):
    """B06 (ranked second) named SCRIPT; aisha's comment on B06/Q1 FORMULA;
    the moderation rationale of B06/Q3 BOTH."""
    case = os.path.join(tmp, "hostile")
    shutil.copytree(example, case)
    rewrite(os.path.join(case, "bids", "B06.xml"),
            lambda t: t.replace('name="Northlight Housing Association"',
                                'name="%s"' % xml_attr(SCRIPT), 1))
    rewrite(os.path.join(case, "scores.csv"),
            lambda t: t.replace("B06,Q1,aisha,5,Refuge and dispersed accommodation on the same day",
                                "B06,Q1,aisha,5," + csv_field(FORMULA), 1))
    rewrite(os.path.join(case, "moderation.csv"),
            lambda t: t.replace('"Moderation meeting 3 March: signposting to Amani Sisters only, '
                                'no funded partnership; agreed 2"', csv_field(BOTH), 1))
    return case


def check_hostile(example, binary, tmp):
    case = hostile_case(example, tmp)
    out = os.path.join(tmp, "hostile-out")
    proc = evaluate(case, binary, out)
    if proc.returncode != 0:
        failures.append("hostile evaluate failed (%d): %s" % (proc.returncode, proc.stderr))
        return
    result, raw, page = load(out)
    check_inert(page, raw, "hostile")
    check(all(t != "script" for t, _ in page.tags), "hostile: a script element")
    check("&lt;script&gt;alert(1)&lt;/script&gt;" in raw, "hostile: <script> not escaped")
    check("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" in raw, "hostile: formula not escaped")
    ranking = page.table("Ranking")[1:]
    check(any(r[1] == "B06" and r[2] == SCRIPT for r in ranking),
          "hostile: the bidder name is not shown as text in the ranking")
    text = "".join(page.text)
    check(text.count(SCRIPT) >= 5, "hostile: the bidder name shown %d times" % text.count(SCRIPT))
    check(FORMULA in text, "hostile: the comment is not shown as text")
    check(BOTH in text, "hostile: the moderation rationale is not shown as text")
    labels = [t for t, _ in page.tags if t == "text"]
    check(labels, "hostile: no chart labels")
    b06 = next(b for b in result["bids"] if b["id"] == "B06")
    check(b06["bidder"] == SCRIPT, "hostile: result.json bidder %r" % b06["bidder"])


def main(example, binary):
    with tempfile.TemporaryDirectory() as tmp:
        check_example(example, binary, tmp)
        check_nothing_written(example, binary, tmp)
        check_hostile(example, binary, tmp)
    for f in failures:
        print("FAIL:", f)
    if not failures:
        print("award page: all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])))
