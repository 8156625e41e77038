"""Helpers shared by bid_template.py and score_sheet.py: running tender,
LibreOffice round trips, reading rounds and bids, and checks on workbooks."""
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

ROUND_NS = "{urn:tender-engine:round:1}"
BID_NS = "{urn:tender-engine:bid:1}"
EVIL = '=HYPERLINK("http://x","y")'


class Checks:
    def __init__(self):
        self.failures = []

    def __call__(self, ok, message):
        if not ok:
            self.failures.append(message)
        return ok

    def finish(self, skipped_reason=None):
        for f in self.failures:
            print("FAIL:", f)
        if self.failures:
            return 1
        if skipped_reason:
            print("skipped:", skipped_reason)
            return 77
        print("ok")
        return 0


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_round_trip(files, out_dir):
    """Re-saves `files` as .xlsx with LibreOffice, in one call, into out_dir.
    Returns the new paths (same base names)."""
    os.makedirs(out_dir, exist_ok=True)
    profile = "file:///tmp/lo-profile-sheets-test-%d" % os.getpid()
    subprocess.run([soffice(), "-env:UserInstallation=" + profile, "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out_dir, *files],
                   capture_output=True, check=True, timeout=180)
    out = [os.path.join(out_dir, os.path.basename(f)) for f in files]
    for f in out:
        if not os.path.exists(f):
            raise RuntimeError("LibreOffice did not write " + f)
    return out


def evaluate(binary, case, bids, out_json, scores=None):
    """Evaluates the example `case` with `bids` (a list of paths) and the
    case's own scores unless `scores` is given. Returns the process."""
    if scores is None:
        scores = os.path.join(case, "scores.xlsx")
        if not os.path.exists(scores):
            scores = os.path.join(case, "scores.csv")
    cmd = [binary, "evaluate", os.path.join(case, "round.xml"), "--bids", *bids,
           "--scores", scores, "--moderation", os.path.join(case, "moderation.csv"),
           "--decisions", os.path.join(case, "decisions.csv"), "--json", out_json,
           "--smaa-draws", "2000", "--quiet"]
    return run(cmd)


def result_without_inputs(path):
    with open(path, encoding="utf-8") as f:
        result = json.load(f)
    result.pop("inputs", None)
    return result


def first_difference(a, b, where="result"):
    """A short description of the first place where a and b differ, or None."""
    if type(a) is not type(b):
        return "%s: %r != %r" % (where, a, b)
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return "%s.%s only on one side" % (where, k)
            d = first_difference(a[k], b[k], where + "." + k)
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return "%s: %d items != %d" % (where, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, "%s[%d]" % (where, i))
            if d:
                return d
        return None
    return None if a == b else "%s: %r != %r" % (where, a, b)


def read_round(path):
    root = ET.parse(path).getroot()
    ev = root.find(ROUND_NS + "evaluation")
    contract = root.find(ROUND_NS + "contract")
    req = root.find(ROUND_NS + "requirements")
    turnover = req.find(ROUND_NS + "turnover") if req is not None else None
    return {
        "id": root.get("id"),
        "currency": root.get("currency"),
        "min_turnover": float(turnover.get("minimum")) if turnover is not None else None,
        "years": float(contract.get("years", "1")) if contract is not None else 1.0,
        "gates": [g.get("id") for g in ev.findall(ROUND_NS + "gate")],
        "criteria": [(c.get("id"), c.get("kind"), float(c.get("scale", "5")))
                     for c in ev.findall(ROUND_NS + "criterion")],
        "measures": [m.get("id") for m in ev.iter(ROUND_NS + "measure")],
    }


def read_bid(path):
    """A bid file (XML or workbook) as a dict: bidder fields, gates, lines,
    total and commitments, values as written."""
    if path.endswith(".xml"):
        return read_bid_xml(path)
    return read_bid_workbook(path)


def read_bid_xml(path):
    root = ET.parse(path).getroot()
    b = root.find(BID_NS + "bidder")
    price = root.find(BID_NS + "price")
    num = lambda v: None if v is None else float(v)
    yes = lambda v: "yes" if v == "true" else "no"
    return {
        "round": root.get("round"), "id": root.get("id"), "name": b.get("name"),
        "type": b.get("type"), "size": b.get("size"), "turnover": num(b.get("turnover")),
        "reserves": num(b.get("reserves")), "employees": num(b.get("employees")),
        "bond": yes(b.get("can-provide-bond")), "guarantee": yes(b.get("can-provide-guarantee")),
        "gates": [(g.get("id"), g.get("answer"), g.text or "") for g in root.findall(BID_NS + "gate")],
        "lines": [(l.get("item"), l.get("unit"), float(l.get("quantity")), float(l.get("rate")),
                   int(l.get("year", "1"))) for l in price.findall(BID_NS + "line")],
        "total": num(price.get("total")),
        "commitments": [(c.get("measure"), float(c.get("quantity")), c.text or "")
                        for c in root.findall(BID_NS + "commitment")],
    }


def read_bid_workbook(path):
    import openpyxl
    wb = openpyxl.load_workbook(path, data_only=True)
    fields = {str(r[0]).strip().lower(): r[1] for r in wb["Bidder"].iter_rows(min_row=2, values_only=True) if r[0]}
    rows = lambda name: [r for r in wb[name].iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]
    lines, total = [], None
    for r in rows("Price"):
        if str(r[0]).upper() == "TOTAL":
            total = float(r[5])
        else:
            lines.append((r[0], r[1], float(r[2]), float(r[3]), int(r[4] or 1)))
    return {
        "round": fields["round"], "id": fields["bid"], "name": fields["name"],
        "type": fields["type"], "size": fields["size"], "turnover": fields.get("turnover"),
        "reserves": fields.get("reserves"), "employees": fields.get("employees"),
        "bond": fields.get("can provide bond") or "no",
        "guarantee": fields.get("can provide guarantee") or "no",
        "gates": [(r[0], r[1], r[2] or "") for r in rows("Gates")],
        "lines": lines, "total": total,
        "commitments": [(r[0], float(r[1]), r[2] or "") for r in rows("Social value")],
    }


def validation_at(ws, ref):
    """The data validations of `ws` whose ranges hold cell `ref`."""
    return [dv for dv in ws.data_validations.dataValidation if ref in dv.sqref]


def list_items(wb, dv):
    """The items a list validation offers: an inline list, or the cells of a
    range on another sheet."""
    f = dv.formula1 or ""
    if f.startswith('"'):
        return f.strip('"').split(",")
    sheet, cells = f.lstrip("=").split("!")
    ws = wb[sheet.strip("'")]
    return [c[0].value for c in ws[cells.replace("$", "")]]


def formula_cells(wb):
    """(sheet, cell) of every cell holding a formula."""
    return [(ws.title, c.coordinate) for ws in wb for row in ws.iter_rows() for c in row
            if c.data_type == "f"]
