#!/usr/bin/env python3
"""Assessment summaries (`tender evaluate --report DIR`): DIR/summaries/<bid>.html.

Checks, on the example round with a notice date: one letter per bid; each
letter's scores, sub-totals, total and rank equal result.json; the winner's
name and scores appear in every other letter; excluded bids carry each reason
code; the standstill end date equals the one computed here, independently,
from GOV.UK's published bank holidays; two runs give the same bytes. Then:
without a notice date the letter says the date will be in the notice; with
`--holidays uk` St Patrick's Day counts; hostile text in a bidder name and an
evaluator comment stays text (no <script> element anywhere); bad input writes
nothing.
Usage: assessment_summaries.py EXAMPLE_DIR TENDER_BINARY
"""
import datetime
import filecmp
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

EVIL = '<script>alert(1)</script>=HYPERLINK("http://x","y")'
# England and Wales bank holidays 2027 as GOV.UK publishes them
# (https://www.gov.uk/bank-holidays.json, "england-and-wales").
EW_2027 = {"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31",
           "2027-08-30", "2027-12-27", "2027-12-28"}
# Northern Ireland's St Patrick's Day 2027 (same feed, "northern-ireland").
NI_ONLY_2027 = {"2027-03-17"}
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def standstill_end(notice, holidays):
    """The eighth working day of the period beginning with `notice` (s.51)."""
    day, counted = notice, 0
    while True:
        if day.weekday() < 5 and day.isoformat() not in holidays:
            counted += 1
            if counted == 8:
                return day
        day += datetime.timedelta(days=1)


def long_date(d):
    return "%s %d %s %d" % (d.strftime("%A"), d.day, d.strftime("%B"), d.year)


class Letter(html.parser.HTMLParser):
    """Text of a letter, its tables of class "scores" (rows of cell texts),
    the reasons list, and every start tag seen."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.tables, self.text = [], [], []
        self.reasons = []
        self._table = self._row = self._cell = None
        self._in_reasons = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        cls = dict(attrs).get("class", "")
        if tag == "table" and cls == "scores":
            self._table = []
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "ul" and cls == "reasons":
            self._in_reasons = True

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "table" and self._table is not None:
            self.tables.append(self._table)
            self._table = None
        elif tag == "ul":
            self._in_reasons = False

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._in_reasons:
            self.reasons.append(data)

    def plain(self):
        return " ".join("".join(self.text).split())


def parse(path):
    letter = Letter()
    with open(path, encoding="utf-8") as f:
        letter.feed(f.read())
    return letter


def evaluate(case, binary, out_dir, extra=()):
    cmd = [binary, "evaluate", os.path.join(case, "round.xml"),
           "--bids", os.path.join(case, "bids"), "--scores", os.path.join(case, "scores.csv"),
           "--moderation", os.path.join(case, "moderation.csv"),
           "--decisions", os.path.join(case, "decisions.csv"),
           "--json", os.path.join(out_dir, "result.json"), "--report", out_dir,
           "--smaa-draws", "200", "--quiet", *extra]
    return subprocess.run(cmd, capture_output=True, text=True)


def groups(result):
    kinds = {c["id"]: c["kind"] for c in result["criteria"]}
    name = {"quality": "Quality", "price": "Price"}
    return {cid: name.get(kind, "Social value") for cid, kind in kinds.items()}


def check_scores(table, bid, result, who):
    """The rows of one scores table against result.json's figures for `bid`."""
    group_of = groups(result)
    scales = {c["id"]: c.get("scale") for c in result["criteria"]}
    rows = {r[0].split(" ")[0]: r for r in table if len(r) >= 4 and r[0].split(" ")[0] in group_of}
    check(sorted(rows) == sorted(group_of), "%s: criteria rows %s" % (who, sorted(rows)))
    subtotal = {}
    for cid, s in bid["scores"].items():
        row = rows.get(cid)
        if row is None:
            failures.append("%s: no row for %s" % (who, cid))
            continue
        if "moderated" in s:
            want = "%g / %g" % (s["moderated"], scales[cid])
            check(row[2] == want, "%s %s score %r != %r" % (who, cid, row[2], want))
        want_w = "%.2f" % s["weighted"] if "weighted" in s else "–"
        check(row[3] == want_w, "%s %s weighted %r != %r" % (who, cid, row[3], want_w))
        if "weighted" in s:
            subtotal[group_of[cid]] = subtotal.get(group_of[cid], 0) + s["weighted"]
    if bid["status"] != "ranked":
        check(not any(r[0].startswith("Total") for r in table), "%s: excluded bid has a total" % who)
        return
    for g, value in subtotal.items():
        got = [r for r in table if r[0].startswith(g + " (of")]
        check(got and got[0][1] == "%.2f" % value,
              "%s subtotal %s: %r != %.2f" % (who, g, got and got[0][1], value))
    total = [r for r in table if r[0] == "Total (of 100)"]
    check(total and total[0][1] == "%.2f" % bid["total"],
          "%s total %r != %.2f" % (who, total and total[0][1], bid["total"]))
    check(total and ("Rank: %d" % bid["rank"]) in total[0][2], "%s rank %r" % (who, total))


def check_letter(path, bid, result, end):
    letter = parse(path)
    text = letter.plain()
    who = os.path.basename(path)
    check(bid["bidder"] in text and bid["id"] in text, "%s: bidder or id missing" % who)
    check(letter.tables, "%s: no scores table" % who)
    if letter.tables:
        check_scores(letter.tables[0], bid, result, who)
    winner = next(b for b in result["bids"] if b["id"] == result["winner"])
    if bid["id"] != winner["id"]:
        check(winner["bidder"] in text, "%s: winner's name missing" % who)
        check(len(letter.tables) == 2, "%s: no table of the winner's scores" % who)
        if len(letter.tables) == 2:
            check_scores(letter.tables[1], winner, result, who + " (winner)")
    reasons = " ".join("".join(letter.reasons).split())
    for r in bid.get("reasons", []):
        check("(%s)" % r["code"] in reasons and r["message"] in reasons,
              "%s: reason %s missing" % (who, r["code"]))
    if bid["status"] == "excluded":
        check("Why your tender was excluded" in text, "%s: no exclusion section" % who)
    want = "ends at the end of %s. The contract will not be entered into before %s." % (
        long_date(end), long_date(end + datetime.timedelta(days=1)))
    check(want in text, "%s: standstill sentence %r not found" % (who, want))


def check_example(example, binary, tmp):
    out = os.path.join(tmp, "out")
    notice = datetime.date(2027, 3, 24)  # the Wednesday before Easter 2027
    proc = evaluate(example, binary, out, ["--notice-date", notice.isoformat()])
    if proc.returncode != 0:
        failures.append("evaluate failed (%d): %s" % (proc.returncode, proc.stderr))
        return
    with open(os.path.join(out, "result.json"), encoding="utf-8") as f:
        result = json.load(f)
    end = standstill_end(notice, EW_2027)
    check(end == datetime.date(2027, 4, 6), "independent standstill end %s" % end)
    folder = os.path.join(out, "summaries")
    want = sorted(b["id"] + ".html" for b in result["bids"])
    check(sorted(os.listdir(folder)) == want, "summaries %s != %s" % (os.listdir(folder), want))
    for b in result["bids"]:
        if os.path.exists(os.path.join(folder, b["id"] + ".html")):
            check_letter(os.path.join(folder, b["id"] + ".html"), b, result, end)
    again = os.path.join(tmp, "again")
    evaluate(example, binary, again, ["--notice-date", notice.isoformat()])
    same = filecmp.cmpfiles(folder, os.path.join(again, "summaries"), want, shallow=False)
    check(same[0] == want, "two runs gave different letters: %s" % (same[1] + same[2]))


def check_other_calendars(example, binary, tmp):
    out = os.path.join(tmp, "no-date")
    evaluate(example, binary, out)
    text = parse(os.path.join(out, "summaries", "B02.html")).plain()
    check("will be given in the contract award notice" in text, "no-date sentence missing")
    out = os.path.join(tmp, "uk")
    notice = datetime.date(2027, 3, 15)
    evaluate(example, binary, out, ["--notice-date", notice.isoformat(), "--holidays", "uk"])
    end = standstill_end(notice, EW_2027 | NI_ONLY_2027)
    check(end == datetime.date(2027, 3, 25) and standstill_end(notice, EW_2027) != end,
          "independent UK standstill end %s" % end)
    text = parse(os.path.join(out, "summaries", "B02.html")).plain()
    check("ends at the end of %s." % long_date(end) in text, "UK calendar: %s not found" % end)
    check("any part of the United Kingdom" in text, "UK calendar not named")


def csv_field(text):
    return '"' + text.replace('"', '""') + '"'


def hostile_case(example, tmp):
    case = os.path.join(tmp, "hostile")
    shutil.copytree(example, case)
    bid = os.path.join(case, "bids", "B01.xml")
    with open(bid, encoding="utf-8") as f:
        xml = f.read()
    attr = EVIL.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    xml = xml.replace('name="Wyvern Women\'s Aid"', 'name="%s"' % attr, 1)
    with open(bid, "w", encoding="utf-8") as f:
        f.write(xml)
    path = os.path.join(case, "scores.csv")
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    lines = ["B02,Q1,aisha,4," + csv_field(EVIL) if l.startswith("B02,Q1,aisha,") else l
             for l in lines]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return case


def check_hostile(example, binary, tmp):
    case = hostile_case(example, tmp)
    out = os.path.join(tmp, "hostile-out")
    proc = evaluate(case, binary, out)
    if proc.returncode != 0:
        failures.append("hostile evaluate failed (%d): %s" % (proc.returncode, proc.stderr))
        return
    folder = os.path.join(out, "summaries")
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            raw = f.read()
        check("<script" not in raw.lower(), "%s holds a <script" % name)
        letter = parse(os.path.join(folder, name))
        check("script" not in letter.tags, "%s has a script element" % name)
        # The winner's comment is in every letter (the winner's own scores, or
        # the most advantageous tender's section of the others).
        check(EVIL in "".join(letter.text), "%s does not show the comment as text" % name)
    b01 = parse(os.path.join(folder, "B01.html"))
    check(EVIL in "".join(b01.text), "B01.html does not show the bidder name as text")


def check_nothing_written(example, binary, tmp):
    case = os.path.join(tmp, "broken")
    shutil.copytree(example, case)
    with open(os.path.join(case, "scores.csv"), "a", encoding="utf-8") as f:
        f.write("B01,Q9,aisha,3,criterion not in the round\n")
    out = os.path.join(tmp, "broken-out")
    proc = evaluate(case, binary, out, ["--notice-date", "2027-03-24"])
    check(proc.returncode == 2, "broken input: exit %d, want 2" % proc.returncode)
    check(not os.path.exists(out), "broken input: %s was created" % out)


def main(example, binary):
    if not os.path.isfile(binary):
        print("tender binary %s not found: skipped" % binary)
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        check_example(example, binary, tmp)
        check_other_calendars(example, binary, tmp)
        check_hostile(example, binary, tmp)
        check_nothing_written(example, binary, tmp)
    for f in failures:
        print("FAIL:", f)
    if not failures:
        print("assessment summaries: all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])))
