#!/usr/bin/env python3
"""`tender score-sheet ROUND.xml --bids DIR -o scores.xlsx`, end to end, on
each example round.

Checks the sheet `scores` has exactly the columns of the scores file and one
row per bid and criterion scored by evaluators (no price criterion, no price
figure anywhere in the workbook), each score cell validated to its
criterion's scale, bid and criterion locked and the rest open, and that two
runs give the same bytes. Then fills it with the example's own scores (the
first evaluator in the ready rows, the others in rows added below), re-saves
it with LibreOffice and evaluates with `--scores` pointing at it: result.json
must equal the one from the original scores file (all but the list of input
files). An unfilled sheet imports as no scores (exit 2, naming what is
missing); a bid for another round writes nothing; bidder names and criterion
titles stay text. Skipped (77) without openpyxl, and the LibreOffice part
without soffice.
Usage: score_sheet.py EXAMPLES_DIR TENDER_BINARY
"""
import csv
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

COLUMNS = ["bid", "criterion", "evaluator", "score", "comment"]
CASES = ["domestic-abuse", "street-cleansing"]
check = h.Checks()


def scored(rnd):
    return [(cid, scale) for cid, kind, scale in rnd["criteria"]
            if kind in ("quality", "social-value")]


def bid_files(case_dir):
    d = os.path.join(case_dir, "bids")
    return [os.path.join(d, f) for f in sorted(os.listdir(d))]


def table_rows(ws):
    """(row number, bid, criterion) of the ready rows under the header."""
    out = []
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value is None:
            break
        out.append((r, ws.cell(r, 1).value, ws.cell(r, 2).value))
    return out


def price_figures(bids):
    """Every price a bid states or implies, as the texts that could show it."""
    figures = set()
    for b in bids:
        values = [b["total"]] + [q * rate for _, _, q, rate, _ in b["lines"]]
        values += [rate for _, _, _, rate, _ in b["lines"]]
        values.append(sum(q * rate for _, _, q, rate, _ in b["lines"]))
        for v in values:
            if v:
                figures.add(v)
    return figures


def check_no_prices(wb, bids, name):
    for cid in wb["scores"][1]:
        check(cid.value is None or "price" not in str(cid.value).lower(),
              "%s: a price column %r" % (name, cid.value))
    figures = price_figures(bids)
    texts = set()
    for v in figures:
        texts |= {"%d" % v, "{:,.0f}".format(v), "{:,.2f}".format(v)}
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, (int, float)) and float(c.value) in figures:
                    check(False, "%s: price %s at %s!%s" % (name, c.value, ws.title, c.coordinate))
                if isinstance(c.value, str) and any(t in c.value for t in texts if len(t) > 3):
                    check(False, "%s: a price in %s!%s: %r" % (name, ws.title, c.coordinate, c.value))


def check_sheet(wb, rnd, bids, name):
    check(wb.sheetnames == ["Instructions", "scores"], "%s: sheets %s" % (name, wb.sheetnames))
    ws = wb["scores"]
    head = [c.value for c in ws[1] if c.value is not None]
    check(head == COLUMNS, "%s: header %s" % (name, head))
    check(ws.freeze_panes == "A2", name + ": header not frozen")
    rows = table_rows(ws)
    ids = sorted(b["id"] for b in bids)
    want = [(b, c) for c, _ in scored(rnd) for b in ids]
    check([(b, c) for _, b, c in rows] == want,
          "%s: rows %s, expected bids x scored criteria %s" % (name, rows, want))
    scales = dict(scored(rnd))
    for r, b, c in rows:
        dvs = h.validation_at(ws, "D%d" % r)
        ok = (len(dvs) == 1 and dvs[0].type == "decimal" and dvs[0].operator in (None, "between")
              and float(dvs[0].formula1) == 0 and float(dvs[0].formula2) == scales.get(c))
        check(ok, "%s: D%d (%s on %s) is not validated to 0..%s" % (name, r, b, c, scales.get(c)))
        check(ws.cell(r, 1).protection.locked and ws.cell(r, 2).protection.locked,
              "%s: row %d bid/criterion unlocked" % (name, r))
        check(not any(ws.cell(r, k).protection.locked for k in (3, 4, 5)),
              "%s: row %d evaluator/score/comment locked" % (name, r))
        names = {x["id"]: x["name"] for x in bids}
        check(ws.cell(r, 6).value == names[b], "%s: row %d does not name bidder %s" % (name, r, b))
    below = "A%d" % (len(rows) + 2)
    lists = [dv for dv in h.validation_at(ws, below) if dv.type == "list"]
    check(len(lists) == 1 and h.list_items(wb, lists[0]) == ids,
          "%s: rows below the table offer no list of bids" % name)
    check(ws.protection.sheet and not ws.protection.password, name + ": not protected")
    check(h.formula_cells(wb) == [], name + ": formulas")
    check_no_prices(wb, bids, name)


def example_scores(case_dir):
    """The example's scores as dicts, in file order (CSV or workbook)."""
    path = os.path.join(case_dir, "scores.csv")
    if os.path.exists(path):
        with open(path, encoding="utf-8", newline="") as f:
            return [dict(r) for r in csv.DictReader(f)]
    wb = openpyxl.load_workbook(os.path.join(case_dir, "scores.xlsx"), data_only=True)
    rows = list(wb["scores"].iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:] if any(v is not None for v in r)]


def fill(sheet, scores, out):
    wb = openpyxl.load_workbook(sheet)
    ws = wb["scores"]
    ready = {(b, c): r for r, b, c in table_rows(ws)}
    extra = ws.max_row + 1
    for s in scores:
        r = ready.pop((s["bid"], s["criterion"]), None)
        if r is None:  # another evaluator: a row below the table
            r, extra = extra, extra + 1
            ws.cell(r, 1).value, ws.cell(r, 2).value = s["bid"], s["criterion"]
        ws.cell(r, 3).value = s["evaluator"]
        ws.cell(r, 4).value = float(s["score"])
        ws.cell(r, 5).value = s["comment"] or None
    wb.save(out)
    return len(ready)  # ready rows left empty (not scored)


def check_case(examples, binary, case, tmp):
    case_dir = os.path.join(examples, case)
    round_xml = os.path.join(case_dir, "round.xml")
    rnd = h.read_round(round_xml)
    out = os.path.join(tmp, case + "-sheet.xlsx")
    cmd = [binary, "score-sheet", round_xml, "--bids", os.path.join(case_dir, "bids"), "-o"]
    p = h.run(cmd + [out])
    if not check(p.returncode == 0, "%s: score-sheet exit %d: %s" % (case, p.returncode, p.stderr)):
        return None
    h.run(cmd + [os.path.join(tmp, case + "-again.xlsx")])
    check(filecmp.cmp(out, os.path.join(tmp, case + "-again.xlsx"), shallow=False),
          case + ": two runs differ")
    bids = [h.read_bid(f) for f in bid_files(case_dir)]
    check_sheet(openpyxl.load_workbook(out), rnd, bids, case)
    check_unfilled(binary, case_dir, out, rnd, tmp, case)
    filled = os.path.join(tmp, "filled", case + ".xlsx")
    os.makedirs(os.path.dirname(filled), exist_ok=True)
    fill(out, example_scores(case_dir), filled)
    return case_dir, filled


def check_unfilled(binary, case_dir, sheet, rnd, tmp, name):
    out_json = os.path.join(tmp, name + "-unfilled.json")
    p = h.evaluate(binary, case_dir, [os.path.join(case_dir, "bids")], out_json, scores=sheet)
    check(p.returncode == 2 and "has no score on" in p.stderr and not os.path.exists(out_json),
          "%s: an unfilled sheet: exit %d, %s" % (name, p.returncode, p.stderr[:300]))
    check("'evaluator' is empty" not in p.stderr, name + ": empty rows were not skipped")


def same_result(binary, case_dir, scores, tmp, label):
    bids = [os.path.join(case_dir, "bids")]
    want, got = os.path.join(tmp, label + "-want.json"), os.path.join(tmp, label + "-got.json")
    p = h.evaluate(binary, case_dir, bids, want)
    check(p.returncode == 0, "%s: original evaluation failed: %s" % (label, p.stderr))
    q = h.evaluate(binary, case_dir, bids, got, scores=scores)
    if not check(q.returncode == 0, "%s: evaluation with the filled sheet failed:\n%s"
                 % (label, q.stderr)):
        return
    d = h.first_difference(h.result_without_inputs(want), h.result_without_inputs(got))
    check(d is None, "%s: result differs from the original scores': %s" % (label, d))


def check_bad_bid(binary, case_dir, tmp):
    bids = os.path.join(tmp, "bad-bids")
    shutil.copytree(os.path.join(case_dir, "bids"), bids)
    path = os.path.join(bids, "B01.xml")
    text = open(path, encoding="utf-8").read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace('round="DA-2027-02"', 'round="OTHER-1"'))
    out = os.path.join(tmp, "nothing", "scores.xlsx")
    p = h.run([binary, "score-sheet", os.path.join(case_dir, "round.xml"), "--bids", bids,
               "-o", out])
    check(p.returncode == 2 and "B01.xml" in p.stderr and "OTHER-1" in p.stderr,
          "bid for another round: exit %d, %s" % (p.returncode, p.stderr))
    check(not os.path.exists(os.path.dirname(out)), "bid for another round: something written")


def check_hostile(binary, case_dir, tmp):
    bids = os.path.join(tmp, "evil-bids")
    shutil.copytree(os.path.join(case_dir, "bids"), bids)
    evil = h.EVIL.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    path = os.path.join(bids, "B01.xml")
    text = open(path, encoding="utf-8").read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace('name="Wyvern Women\'s Aid"', 'name="%s"' % evil))
    rtext = open(os.path.join(case_dir, "round.xml"), encoding="utf-8").read()
    rtext = rtext.replace("Risk assessment, safety planning and crisis response", evil)
    round_xml = os.path.join(tmp, "evil-round.xml")
    with open(round_xml, "w", encoding="utf-8") as f:
        f.write(rtext)
    out = os.path.join(tmp, "evil.xlsx")
    p = h.run([binary, "score-sheet", round_xml, "--bids", bids, "-o", out])
    if not check(p.returncode == 0, "hostile: exit %d %s" % (p.returncode, p.stderr)):
        return
    wb = openpyxl.load_workbook(out)
    found = [(ws.title, c.coordinate, c.data_type) for ws in wb for row in ws.iter_rows()
             for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    check(len(found) >= 4, "hostile: the text is missing: %s" % found)
    check(all(t == "s" for _, _, t in found), "hostile: not plain strings: %s" % found)
    check(h.formula_cells(wb) == [], "hostile: formulas %s" % h.formula_cells(wb))


def main():
    examples, binary = sys.argv[1], os.path.abspath(sys.argv[2])
    tmp = tempfile.mkdtemp(prefix="tender-score-sheet-")
    try:
        filled = [f for f in (check_case(examples, binary, c, tmp) for c in CASES) if f]
        check_bad_bid(binary, os.path.join(examples, "domestic-abuse"), tmp)
        check_hostile(binary, os.path.join(examples, "domestic-abuse"), tmp)
        for case_dir, path in filled:  # as openpyxl saved it
            same_result(binary, case_dir, path, tmp, os.path.basename(case_dir))
        if not h.soffice():
            return check.finish("soffice is not installed: the LibreOffice round trip was not run")
        saved = h.libreoffice_round_trip([f[1] for f in filled], os.path.join(tmp, "lo"))
        for (case_dir, _), path in zip(filled, saved):
            same_result(binary, case_dir, path, tmp, os.path.basename(case_dir) + "-lo")
        return check.finish()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
