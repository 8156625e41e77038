"""Writers shared by the golden-case generators (make_cases.py, make_errors.py).

They only write input files (round.xml, bids, CSVs, policy.xml). Expected
results are never computed here: every case's expected.json was worked out by
hand, with the arithmetic kept in that case's README.md.

Run with /usr/bin/python3 (needs openpyxl).
"""
import csv
import io
import os
from xml.sax.saxutils import escape, quoteattr

ROUND_NS = "urn:tender-engine:round:1"
BID_NS = "urn:tender-engine:bid:1"
POLICY_NS = "urn:tender-engine:policy:1"


def num(v):
    """Format a number the way a person would type it: 450000, 0.035, 17.5."""
    if isinstance(v, bool):
        raise TypeError(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def attrs(pairs):
    out = []
    for k, v in pairs:
        if v is None:
            continue
        if not isinstance(v, str):
            v = num(v)
        out.append("%s=%s" % (k, quoteattr(v)))
    return " ".join(out)


def write(path, text, mode="w"):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    if isinstance(text, bytes):
        with open(path, "wb") as f:
            f.write(text)
    else:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


# --------------------------------------------------------------------- round
def round_xml(r):
    """r: dict with keys id, title, buyer, contract (list of attr pairs), timeline
    (published, deadline) or None, outcomes [(id, priority, text)], requirements
    [xml lines], evaluation (list of attr pairs), gates [(id, text)], criteria
    [dict], alt (below, of) or None, measures [dict], extra_eval [xml lines]."""
    L = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<round xmlns="%s" %s>' % (ROUND_NS, attrs([("id", r["id"]), ("currency", r.get("currency", "GBP"))])),
         "  <title>%s</title>" % escape(r["title"]),
         "  <buyer>%s</buyer>" % escape(r["buyer"]),
         "  <contract %s/>" % attrs(r["contract"])]
    if r.get("timeline"):
        L.append('  <timeline published="%s" deadline="%s"/>' % r["timeline"])
    if r.get("outcomes"):
        L.append("  <outcomes>")
        for oid, prio, text in r["outcomes"]:
            L.append('    <outcome id="%s" priority="%d">%s</outcome>' % (oid, prio, escape(text)))
        L.append("  </outcomes>")
    if r.get("requirements"):
        L.append("  <requirements>")
        for line in r["requirements"]:
            L.append("    " + line)
        L.append("  </requirements>")
    L.append("  <evaluation %s>" % attrs(r.get("evaluation", [])))
    for gid, text in r.get("gates", []):
        L.append('    <gate id="%s">%s</gate>' % (gid, escape(text)))
    for c in r["criteria"]:
        a = attrs([("id", c["id"]), ("kind", c["kind"]), ("weight", c["weight"]), ("scale", c.get("scale")),
                   ("threshold", c.get("threshold")), ("formula", c.get("formula")),
                   ("outcomes", c.get("outcomes")), ("theme", c.get("theme"))])
        if c.get("text"):
            L.append("    <criterion %s>%s</criterion>" % (a, escape(c["text"])))
        else:
            L.append("    <criterion %s/>" % a)
    if r.get("alt"):
        L.append('    <abnormally-low below="%s" of="%s"/>' % (num(r["alt"][0]), r["alt"][1]))
    if r.get("measures"):
        L.append("    <measures>")
        for m in r["measures"]:
            a = attrs([("id", m["id"]), ("unit", m["unit"]), ("proxy", m["proxy"]),
                       ("deadweight", m.get("deadweight")), ("attribution", m.get("attribution")),
                       ("displacement", m.get("displacement")), ("duration", m.get("duration")),
                       ("drop-off", m.get("drop-off"))])
            L.append("      <measure %s>%s</measure>" % (a, escape(m["text"])))
        L.append("    </measures>")
    for line in r.get("extra_eval", []):
        L.append("    " + line)
    L.append("  </evaluation>")
    L.append("</round>")
    return "\n".join(L) + "\n"


# ----------------------------------------------------------------------- bid
def yn(v):
    return "yes" if v else "no"


def bid_xml(b):
    """b: dict id, round, name, type, size, turnover, reserves, employees, bond,
    guarantee (True/False/None = attribute absent), gates [(id, answer)],
    total, lines [(item, unit, quantity, rate, year-or-None)],
    commitments [(measure, quantity, text-or-None)]."""
    L = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<bid xmlns="%s" %s>' % (BID_NS, attrs([("round", b["round"]), ("id", b["id"])]))]
    pairs = [("name", b["name"]), ("type", b["type"]), ("size", b.get("size")),
             ("turnover", b.get("turnover")), ("reserves", b.get("reserves")),
             ("employees", b.get("employees"))]
    if b.get("bond") is not None:
        pairs.append(("can-provide-bond", "true" if b["bond"] else "false"))
    if b.get("guarantee") is not None:
        pairs.append(("can-provide-guarantee", "true" if b["guarantee"] else "false"))
    L.append("  <bidder %s/>" % attrs(pairs))
    for gid, ans in b.get("gates", []):
        L.append('  <gate id="%s" answer="%s"/>' % (gid, ans))
    lines = b.get("lines", [])
    if lines:
        L.append("  <price%s>" % ((" " + attrs([("total", b.get("total"))])) if b.get("total") is not None else ""))
        for item, unit, q, rate, year in lines:
            L.append("    <line %s/>" % attrs([("item", item), ("unit", unit), ("quantity", q), ("rate", rate),
                                               ("year", year)]))
        L.append("  </price>")
    else:
        L.append("  <price %s/>" % attrs([("total", b["total"])]))
    for m, q, text in b.get("commitments", []):
        a = attrs([("measure", m), ("quantity", q)])
        L.append("  <commitment %s>%s</commitment>" % (a, escape(text)) if text else "  <commitment %s/>" % a)
    L.append("</bid>")
    return "\n".join(L) + "\n"


def bid_sheets(b):
    """The four sheets of a bid workbook, as lists of rows (header first)."""
    bidder = [["Field", "Value"], ["Round", b["round"]], ["Bid", b["id"]], ["Name", b["name"]],
              ["Type", b["type"]], ["Size", b.get("size")], ["Turnover", b.get("turnover")],
              ["Reserves", b.get("reserves")], ["Employees", b.get("employees")],
              ["Can provide bond", yn(b.get("bond"))], ["Can provide guarantee", yn(b.get("guarantee"))]]
    bidder = [row for row in bidder if row[1] is not None]
    gates = [["Gate", "Answer", "Evidence"]] + [[g, a, b.get("evidence", {}).get(g)] for g, a in b.get("gates", [])]
    price = [["Item", "Unit", "Quantity", "Rate", "Year", "Total"]]
    for item, unit, q, rate, year in b.get("lines", []):
        price.append([item, unit, q, rate, year, q * rate])
    if b.get("total") is not None:
        price.append(["TOTAL", None, None, None, None, b["total"]])
    sv = [["Measure", "Quantity", "Evidence"]] + [[m, q, t] for m, q, t in b.get("commitments", [])]
    return [("Bidder", bidder), ("Gates", gates), ("Price", price), ("Social value", sv)]


def bid_xlsx_openpyxl(path, b):
    import openpyxl
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in bid_sheets(b):
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    wb.save(path)


# ----------------------------------------------------------------------- csv
def csv_text(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else (num(v) if isinstance(v, (int, float)) else v) for v in row])
    return buf.getvalue()


SCORES_HDR = ["bid", "criterion", "evaluator", "score", "comment"]
MODERATION_HDR = ["bid", "criterion", "score", "rationale"]
DECISIONS_HDR = ["bid", "subject", "decision", "rationale"]


def policy_xml(values, name="local policy"):
    L = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<policy xmlns="%s" name=%s>' % (POLICY_NS, quoteattr(name))]
    for k, v in values:
        L.append('  <%s value="%s"/>' % (k, num(v)))
    L.append("</policy>")
    return "\n".join(L) + "\n"


def write_case(root, c):
    """Write one case's input files under root/<name>/ (never expected.json or README.md)."""
    d = os.path.join(root, c["name"])
    os.makedirs(os.path.join(d, "bids"), exist_ok=True)
    for fn in os.listdir(os.path.join(d, "bids")):
        os.remove(os.path.join(d, "bids", fn))
    write(os.path.join(d, "round.xml"), c.get("round_text") or round_xml(c["round"]))
    for b in c["bids"]:
        b.setdefault("round", c["round"]["id"])
        if b.get("format") == "xlsx":
            bid_xlsx_openpyxl(os.path.join(d, "bids", b.get("file", b["id"] + ".xlsx")), b)
        else:
            write(os.path.join(d, "bids", b.get("file", b["id"] + ".xml")), b.get("text") or bid_xml(b))
    for key, fn, hdr in (("scores", "scores.csv", SCORES_HDR), ("moderation", "moderation.csv", MODERATION_HDR),
                         ("decisions", "decisions.csv", DECISIONS_HDR)):
        p = os.path.join(d, fn)
        if c.get(key) is not None:
            write(p, c.get(key + "_text") or csv_text(hdr, c[key]))
        elif os.path.exists(p):
            os.remove(p)
    if c.get("scores_xlsx") is not None:
        import openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "scores"
        ws.append(SCORES_HDR)
        for row in c["scores_xlsx"]:
            ws.append([None if v == "" else v for v in row])
        wb.save(os.path.join(d, "scores.xlsx"))
    if c.get("policy"):
        write(os.path.join(d, "policy.xml"), policy_xml(c["policy"]))
    if c.get("args"):
        write(os.path.join(d, "args"), c["args"] + "\n")
    return d
