#!/usr/bin/env python3
"""`tender template ROUND.xml -o bid.xlsx`, end to end, on each example round.

Checks the sheets and headers of FORMATS.md, what the round fills in (round
id, gate ids, measure ids), the data validation lists and number checks,
protection (headers and fixed values locked, cells to fill unlocked), and
that two runs give the same bytes. Then fills the template with one of the
example's bids, re-saves it with LibreOffice, and evaluates the round with it
in place of the original bid: result.json must be the original's (all but
the list of input files). An empty template must be refused (exit 2) with
the sheet and cell of each problem; a wrong round writes nothing; text from
the round stays text. Skipped (77) without openpyxl, and the LibreOffice
part without soffice.
Usage: bid_template.py EXAMPLES_DIR TENDER_BINARY
"""
import filecmp
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sheet_helpers as h  # noqa: E402

try:
    import openpyxl
except ImportError:
    print("openpyxl is not installed: skipped")
    sys.exit(77)

SHEETS = ["Instructions", "Bidder", "Gates", "Price", "Social value"]
HEADERS = {
    "Bidder": ["Field", "Value"],
    "Gates": ["Gate", "Answer", "Evidence"],
    "Price": ["Item", "Unit", "Quantity", "Rate", "Year", "Total"],
    "Social value": ["Measure", "Quantity", "Evidence"],
}
FIELDS = ["Round", "Bid", "Name", "Type", "Size", "Turnover", "Reserves", "Employees",
          "Can provide bond", "Can provide guarantee"]
# Each example round and the bid the filled template stands in for.
CASES = [("domestic-abuse", "B01.xml"), ("street-cleansing", "B01.xlsx")]
check = h.Checks()


def header(ws):
    return [c.value for c in ws[1] if c.value is not None]


def check_layout(wb, rnd, name):
    check(wb.sheetnames == SHEETS, "%s: sheets %s" % (name, wb.sheetnames))
    for sheet, cols in HEADERS.items():
        check(header(wb[sheet]) == cols, "%s: %s header %s" % (name, sheet, header(wb[sheet])))
        check(wb[sheet].freeze_panes == "A2", "%s: %s header not frozen" % (name, sheet))
    bidder = wb["Bidder"]
    check([bidder.cell(r, 1).value for r in range(2, 12)] == FIELDS, name + ": Bidder fields")
    check(bidder["B2"].value == rnd["id"], name + ": Round not filled in")
    gates = [wb["Gates"].cell(r, 1).value for r in range(2, 2 + len(rnd["gates"]))]
    check(gates == rnd["gates"], "%s: gate ids %s" % (name, gates))
    measures = [wb["Social value"].cell(r, 1).value for r in range(2, 2 + len(rnd["measures"]))]
    check(measures == rnd["measures"], "%s: measure ids %s" % (name, measures))
    check(h.formula_cells(wb) == [], name + ": formulas in the template")
    texts = [c.value for row in wb["Instructions"].iter_rows() for c in row if isinstance(c.value, str)]
    if rnd["min_turnover"]:  # the bidder is told the minimum, in the round's currency
        want = "at least {:,.0f} {}".format(rnd["min_turnover"], rnd["currency"])
        check(any(want in t for t in texts), "%s: Instructions do not say %r" % (name, want))


def expect_list(wb, ws, ref, items, name):
    dvs = [dv for dv in h.validation_at(ws, ref) if dv.type == "list"]
    check(len(dvs) == 1 and h.list_items(wb, dvs[0]) == items,
          "%s: %s!%s list %s, expected %s" % (name, ws.title, ref,
                                              [h.list_items(wb, d) for d in dvs], items))


def expect_number(ws, ref, name):
    dvs = [dv for dv in h.validation_at(ws, ref) if dv.type == "decimal"]
    ok = len(dvs) == 1 and dvs[0].operator == "greaterThanOrEqual" and float(dvs[0].formula1) == 0
    check(ok, "%s: %s!%s has no 'number >= 0' validation" % (name, ws.title, ref))


def check_validation(wb, rnd, name):
    b = wb["Bidder"]
    expect_list(wb, b, "B5", ["sme", "vcse", "large", "public", "mutual"], name)
    expect_list(wb, b, "B6", ["micro", "small", "medium", "large"], name)
    expect_list(wb, b, "B10", ["yes", "no"], name)
    expect_list(wb, b, "B11", ["yes", "no"], name)
    for ref in ("B7", "B8", "B9"):
        expect_number(b, ref, name)
    for r in range(2, 2 + len(rnd["gates"])):
        expect_list(wb, wb["Gates"], "B%d" % r, ["pass", "fail"], name)
    price = wb["Price"]
    years = [str(y) for y in range(1, int(-(-rnd["years"] // 1)) + 1)]
    for ref in ("E2", "E40", "E5000"):
        expect_list(wb, price, ref, years, name)
    for col in "CDF":
        for row in (2, 22, 500):
            expect_number(price, "%s%d" % (col, row), name)
    sv = wb["Social value"]
    below = "A%d" % (2 + len(rnd["measures"]))
    expect_list(wb, sv, below, rnd["measures"], name)
    expect_number(sv, "B2", name)


def locked(ws, ref):
    return ws.protection.sheet and ws[ref].protection.locked


def check_protection(wb, rnd, name):
    for sheet in HEADERS:
        ws = wb[sheet]
        check(ws.protection.sheet, "%s: %s not protected" % (name, sheet))
        check(not ws.protection.password, "%s: %s has a password" % (name, sheet))
        for c in ws[1]:
            if c.value is not None:
                check(c.protection.locked, "%s: header %s!%s unlocked" % (name, sheet, c.coordinate))
    b = wb["Bidder"]
    check(locked(b, "A3") and locked(b, "B2"), name + ": Bidder field names or Round unlocked")
    for r in range(3, 12):
        check(not b["B%d" % r].protection.locked, "%s: Bidder!B%d locked" % (name, r))
    g = wb["Gates"]
    for r in range(2, 2 + len(rnd["gates"])):
        check(locked(g, "A%d" % r), "%s: Gates!A%d unlocked" % (name, r))
        check(not g["B%d" % r].protection.locked and not g["C%d" % r].protection.locked,
              "%s: Gates row %d locked" % (name, r))
    p = wb["Price"]
    for ref in ("A2", "C2", "D21", "F21", "F22"):
        check(not p[ref].protection.locked, "%s: Price!%s locked" % (name, ref))
    check(p["A22"].value == "TOTAL" and locked(p, "A22"), name + ": TOTAL label not locked")
    sv = wb["Social value"]
    check(locked(sv, "A2") and not sv["B2"].protection.locked and not sv["C2"].protection.locked,
          name + ": Social value locks")


def fill(template, bid, out):
    """Writes `bid` (from read_bid) into a copy of the template, as a bidder would."""
    wb = openpyxl.load_workbook(template)
    b = wb["Bidder"]
    values = [bid["id"], bid["name"], bid["type"], bid["size"], bid["turnover"], bid["reserves"],
              bid["employees"], bid["bond"], bid["guarantee"]]
    for r, v in enumerate(values, start=3):
        b.cell(r, 2).value = v
    g = wb["Gates"]
    answers = {gid: (a, e) for gid, a, e in bid["gates"]}
    for r in range(2, g.max_row + 1):
        a, e = answers.get(g.cell(r, 1).value, (None, None))
        g.cell(r, 2).value, g.cell(r, 3).value = a, e or None
    p = wb["Price"]
    rows = list(range(2, 22)) + list(range(23, 23 + len(bid["lines"])))  # past 20: below TOTAL
    for r, line in zip(rows, bid["lines"]):
        for c, v in enumerate(line, start=1):
            p.cell(r, c).value = v
        p.cell(r, 6).value = line[2] * line[3]
    p["F22"].value = bid["total"]
    sv = wb["Social value"]
    ready = {sv.cell(r, 1).value: r for r in range(2, sv.max_row + 1) if sv.cell(r, 1).value}
    extra = sv.max_row + 1
    for m, q, e in bid["commitments"]:
        r = ready.pop(m, None)
        if r is None:  # a second commitment on a measure: a row below the table
            r, extra = extra, extra + 1
            sv.cell(r, 1).value = m
        sv.cell(r, 2).value, sv.cell(r, 3).value = q, e or None
    for r in ready.values():
        sv.cell(r, 2).value = 0  # no commitment on that measure
    wb.save(out)


def check_case(examples, binary, case, bid_file, tmp):
    case_dir = os.path.join(examples, case)
    round_xml = os.path.join(case_dir, "round.xml")
    rnd = h.read_round(round_xml)
    out = os.path.join(tmp, case + "-template.xlsx")
    p = h.run([binary, "template", round_xml, "-o", out])
    if not check(p.returncode == 0, "%s: template exit %d: %s" % (case, p.returncode, p.stderr)):
        return None
    again = os.path.join(tmp, case + "-again.xlsx")
    h.run([binary, "template", round_xml, "-o", again])
    check(filecmp.cmp(out, again, shallow=False), case + ": two runs differ")
    wb = openpyxl.load_workbook(out)
    check_layout(wb, rnd, case)
    check_validation(wb, rnd, case)
    check_protection(wb, rnd, case)
    check_empty_refused(binary, case_dir, out, tmp, case)
    bid = h.read_bid(os.path.join(case_dir, "bids", bid_file))
    filled = os.path.join(tmp, "filled", case + ".xlsx")
    os.makedirs(os.path.dirname(filled), exist_ok=True)
    fill(out, bid, filled)
    return case_dir, bid_file, filled


def check_empty_refused(binary, case_dir, template, tmp, name):
    out_json = os.path.join(tmp, name + "-empty.json")
    p = h.evaluate(binary, case_dir, [template], out_json)
    check(p.returncode == 2, "%s: empty template exit %d, expected 2" % (name, p.returncode))
    for place in ("Bidder!B3", "Gates!B2", "Price!F22", "Social value!B2"):
        check(place in p.stderr, "%s: empty template: no error at %s in:\n%s" % (name, place, p.stderr))
    check("nothing was written" in p.stderr and not os.path.exists(out_json),
          name + ": empty template: something was written")


def same_result(binary, case_dir, bid_file, filled, tmp, label):
    bids_dir = os.path.join(case_dir, "bids")
    others = [os.path.join(bids_dir, f) for f in sorted(os.listdir(bids_dir)) if f != bid_file]
    want, got = os.path.join(tmp, label + "-want.json"), os.path.join(tmp, label + "-got.json")
    p = h.evaluate(binary, case_dir, [bids_dir], want)
    check(p.returncode == 0, "%s: original evaluation failed: %s" % (label, p.stderr))
    q = h.evaluate(binary, case_dir, others + [filled], got)
    if not check(q.returncode == 0, "%s: evaluation with the filled template failed:\n%s"
                 % (label, q.stderr)):
        return
    d = h.first_difference(h.result_without_inputs(want), h.result_without_inputs(got))
    check(d is None, "%s: result differs from the original's: %s" % (label, d))


def check_bad_round(binary, case_dir, tmp):
    text = open(os.path.join(case_dir, "round.xml"), encoding="utf-8").read()
    bad = os.path.join(tmp, "bad-round.xml")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(text.replace('weight="25"', 'weight="26"', 1))
    out = os.path.join(tmp, "nothing", "bid.xlsx")
    p = h.run([binary, "template", bad, "-o", out])
    check(p.returncode == 2 and "bad-round.xml" in p.stderr and "100" in p.stderr,
          "wrong weights: exit %d, %s" % (p.returncode, p.stderr))
    check(not os.path.exists(os.path.dirname(out)), "wrong round: something was written")


def check_hostile(binary, case_dir, tmp):
    text = open(os.path.join(case_dir, "round.xml"), encoding="utf-8").read()
    evil = h.EVIL.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    text = text.replace("Risk assessment, safety planning and crisis response", evil)
    text = text.replace("Wyvern residents employed on the contract", evil)
    text = text.replace("Safeguarding policy, enhanced DBS checks and a named safeguarding lead", evil)
    text = text.replace("<title>Domestic abuse community support and refuge outreach</title>",
                        "<title>%s</title>" % evil)
    path = os.path.join(tmp, "evil-round.xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    out = os.path.join(tmp, "evil.xlsx")
    p = h.run([binary, "template", path, "-o", out])
    if not check(p.returncode == 0, "hostile round: exit %d %s" % (p.returncode, p.stderr)):
        return
    wb = openpyxl.load_workbook(out)
    found = [(ws.title, c.coordinate, c.data_type) for ws in wb for row in ws.iter_rows()
             for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    check(len(found) >= 3, "hostile: the text is missing: %s" % found)
    check(all(t == "s" for _, _, t in found), "hostile: not plain strings: %s" % found)
    check(h.formula_cells(wb) == [], "hostile: formulas %s" % h.formula_cells(wb))


def main():
    examples, binary = sys.argv[1], os.path.abspath(sys.argv[2])
    tmp = tempfile.mkdtemp(prefix="tender-bid-template-")
    try:
        filled = [check_case(examples, binary, c, b, tmp) for c, b in CASES]
        filled = [f for f in filled if f]
        check_bad_round(binary, os.path.join(examples, "domestic-abuse"), tmp)
        check_hostile(binary, os.path.join(examples, "domestic-abuse"), tmp)
        for case_dir, bid_file, path in filled:  # as openpyxl saved it
            same_result(binary, case_dir, bid_file, path, tmp, os.path.basename(case_dir))
        if not h.soffice():
            return check.finish("soffice is not installed: the LibreOffice round trip was not run")
        saved = h.libreoffice_round_trip([f[2] for f in filled], os.path.join(tmp, "lo"))
        for path in saved:  # LibreOffice keeps the protection and the lists
            wb = openpyxl.load_workbook(path)
            check(all(wb[s].protection.sheet for s in HEADERS), path + ": protection lost")
            check(len(h.validation_at(wb["Bidder"], "B5")) == 1, path + ": validation lost")
        for (case_dir, bid_file, _), path in zip(filled, saved):
            same_result(binary, case_dir, bid_file, path, tmp, os.path.basename(case_dir) + "-lo")
        return check.finish()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
