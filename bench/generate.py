#!/usr/bin/python3
"""Generate large, realistic benchmark rounds for tender (bench/run.py uses it).

Two kinds of round, each written into its own folder:

  price   N bid workbooks (.xlsx) x L price lines, and a round.xml whose only criterion is
          price (weight 100): no quality criteria, so no scores file is needed
          (EVALUATION.md §1 only asks that weights be > 0 and sum to 100, and FORMATS.md
          makes quality criteria optional; "exactly one criterion of kind price").

          /usr/bin/python3 bench/generate.py price --out DIR --bids 10 --lines 25000 --seed 1

  smaa    B small bids (bid.xml), C criteria (1 price + C-1 quality, scale 0-5) and E
          evaluators scoring every bid on every quality criterion (scores.csv).

          /usr/bin/python3 bench/generate.py smaa --out DIR --bids 200 --criteria 31 \
              --evaluators 3 --seed 1

  check   generate a small price round (2 workbooks x 100 lines) into a temporary folder,
          open a workbook with openpyxl, and run `tender evaluate` on it (exit code 0).

          /usr/bin/python3 bench/generate.py check [--tender build/tender]

Every folder gets a manifest.json: the parameters, and for a price round each workbook's
file, bid id and exact total (sum of quantity x rate, computed in integer pence).

Workbooks are written directly with zipfile (deflate), laid out the way Excel writes them:
[Content_Types].xml, _rels/.rels, xl/workbook.xml, xl/_rels/workbook.xml.rels, one
xl/worksheets/sheetN.xml per sheet (Bidder, Gates, Price, Social value, as FORMATS.md),
xl/styles.xml, xl/sharedStrings.xml (every text cell is a shared string), docProps/*.
Everything is deterministic: the same parameters and seed give byte-identical files
(zip entries carry Excel's fixed 1980-01-01 timestamp).

Realism: all bidders price the same bill of quantities (item, unit, quantity, year drawn
once per round from a limited street-cleansing vocabulary, e.g. "Litter bin emptying,
zone 417"); each bidder's rates are the item's base rate x a bid-level factor x per-line
noise, in pence (2 decimals). Quantities are integers. The `Total` column holds the
double product quantity x rate (what an Excel formula would cache), and a last row with
Item `TOTAL` holds the stated total, the exact sum of the lines.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

ROUND_NS = "urn:tender-engine:round:1"
BID_NS = "urn:tender-engine:bid:1"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
ZIP_DATE = (1980, 1, 1, 0, 0, 0)   # what Excel writes in its zip entries

PRICE_ROUND_ID = "BENCH-SC-2027"
SMAA_ROUND_ID = "BENCH-CH-2027"
YEARS = 5

# ------------------------------------------------------------------ vocabulary
# (activity, unit, quantity range, base rate range in pence)
ACTIVITIES = [
    ("Litter bin emptying", "visit", (50, 5000), (120, 450)),
    ("Dog waste bin servicing", "visit", (20, 2000), (150, 520)),
    ("Mechanical sweeping", "km", (10, 3000), (800, 3500)),
    ("Manual sweeping", "km", (5, 1500), (2500, 7800)),
    ("Grass cutting", "m2", (500, 60000), (5, 40)),
    ("Hedge cutting", "m", (50, 8000), (60, 300)),
    ("Weed control", "km", (5, 900), (1500, 6000)),
    ("Leaf clearance", "week", (1, 12), (40000, 250000)),
    ("Graffiti removal", "m2", (5, 600), (1200, 4000)),
    ("Fly-tip clearance", "tonne", (1, 400), (9000, 25000)),
    ("Chewing gum removal", "m2", (10, 2000), (300, 1500)),
    ("Gully cleansing", "each", (20, 2500), (600, 2000)),
    ("Drainage channel clearing", "m", (100, 9000), (40, 220)),
    ("Street furniture washing", "each", (10, 900), (800, 3500)),
    ("Public toilet cleaning", "visit", (50, 3000), (1500, 4500)),
    ("Market clean-up", "event", (10, 300), (15000, 60000)),
    ("Winter gritting", "run", (5, 120), (30000, 120000)),
    ("Needle and sharps collection", "call-out", (5, 400), (4000, 15000)),
    ("Abandoned vehicle removal", "each", (1, 80), (12000, 45000)),
    ("Pressure washing, paving", "m2", (100, 20000), (80, 400)),
    ("Operative, standard hours", "hour", (100, 20000), (1400, 2600)),
    ("Operative, overtime", "hour", (10, 3000), (2100, 3900)),
    ("Supervisor", "hour", (50, 5000), (2200, 3800)),
    ("Sweeper hire, 7.5 t with driver", "day", (5, 400), (35000, 65000)),
    ("Tipper hire, 3.5 t with driver", "day", (5, 400), (22000, 42000)),
]
PLACES = ["zone", "ward", "route", "beat", "sector"]
PLACE_MAX = 999

NAME_A = ["Eastbrook", "Harbour", "Northgate", "Riverside", "Fenwick", "Kestrel", "Oakfield",
          "Wyvern", "Castlebrook", "Millbank", "Thornbury", "Ashdown", "Greenway", "Bramwell"]
NAME_B = ["Clean Streets", "Environmental", "Grounds", "Street Care", "Facilities", "Services",
          "Community Works", "Urban Care"]
NAME_C = [("Ltd", "sme"), ("CIC", "vcse"), ("plc", "large"), ("Trust", "vcse"),
          ("Ltd", "large"), ("Co-operative", "mutual"), ("LLP", "sme")]
SIZES = {"sme": ["micro", "small", "medium"], "vcse": ["micro", "small", "medium"],
         "large": ["large"], "mutual": ["small", "medium"], "public": ["large"]}


def rng_for(*parts):
    """A private, reproducible generator for one piece of data (string seeds hash with
    SHA-512 in CPython, stable across runs and versions)."""
    return random.Random("-".join(str(p) for p in parts))


def money(pence):
    """Pence (int) -> the shortest text of the double, as Excel stores a number."""
    return repr(pence / 100)


# ------------------------------------------------------------------ xlsx writer
class SharedStrings:
    """Excel's shared string table: index by first appearance, count every use."""

    def __init__(self):
        self.index = {}
        self.count = 0

    def __call__(self, text):
        self.count += 1
        i = self.index.get(text)
        if i is None:
            i = self.index[text] = len(self.index)
        return i

    def xml(self):
        items = "".join("<si><t>%s</t></si>" % escape(s) for s in self.index)
        return ('%s<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>'
                % (XML_DECL, MAIN_NS, self.count, len(self.index), items))


def col_letter(c):
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[c]


def sheet_head(last_ref, widths, frozen):
    cols = "".join('<col min="%d" max="%d" width="%s" customWidth="1"/>' % (i + 1, i + 1, w)
                   for i, w in enumerate(widths))
    pane = ('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' if frozen else "")
    return ('%s<worksheet xmlns="%s" xmlns:r="%s"><dimension ref="A1:%s"/><sheetViews>'
            '<sheetView workbookViewId="0">%s</sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/><cols>%s</cols><sheetData>'
            % (XML_DECL, MAIN_NS, REL_NS, last_ref, pane, cols))


SHEET_TAIL = ('</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
              'header="0.3" footer="0.3"/></worksheet>')


def small_sheet(sst, rows, widths):
    """A sheet from a list of rows (header first, bold). Values: str -> shared string,
    int/float -> number, None -> no cell."""
    out = []
    ncols = max(len(r) for r in rows)
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, v in enumerate(row):
            ref = "%s%d" % (col_letter(c), r)
            style = ' s="1"' if r == 1 else ""
            if v is None:
                continue
            if isinstance(v, str):
                cells.append('<c r="%s"%s t="s"><v>%d</v></c>' % (ref, style, sst(v)))
            else:
                cells.append('<c r="%s"%s><v>%s</v></c>' % (ref, style, repr(v)))
        out.append('<row r="%d" spans="1:%d">%s</row>' % (r, ncols, "".join(cells)))
    last = "%s%d" % (col_letter(ncols - 1), len(rows))
    return sheet_head(last, widths, frozen=False) + "".join(out) + SHEET_TAIL


STYLES = (XML_DECL + '<styleSheet xmlns="%s">' % MAIN_NS +
          '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/>'
          '<scheme val="minor"/></font><font><b/><sz val="11"/><name val="Calibri"/>'
          '<family val="2"/><scheme val="minor"/></font></fonts>'
          '<fills count="2"><fill><patternFill patternType="none"/></fill>'
          '<fill><patternFill patternType="gray125"/></fill></fills>'
          '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
          '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
          '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
          '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
          '</cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" '
          'defaultPivotStyle="PivotStyleLight16"/></styleSheet>')


def package_parts(sheet_names):
    ct_sheets = "".join(
        '<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1)
        for i in range(len(sheet_names)))
    content_types = (
        XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' + ct_sheets +
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/'
        'vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>')
    root_rels = (
        XML_DECL + '<Relationships xmlns="%s">' % PKG_REL_NS +
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/extended-properties" Target="docProps/app.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    sheets = "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(n), i + 1, i + 1)
                     for i, n in enumerate(sheet_names))
    workbook = (
        XML_DECL + '<workbook xmlns="%s" xmlns:r="%s">' % (MAIN_NS, REL_NS) +
        '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/>'
        '<workbookPr defaultThemeVersion="166925"/><bookViews><workbookView xWindow="0" '
        'yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="2"/></bookViews>'
        '<sheets>%s</sheets><calcPr calcId="191029"/></workbook>' % sheets)
    n = len(sheet_names)
    wb_rels = (
        XML_DECL + '<Relationships xmlns="%s">' % PKG_REL_NS +
        "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/'
                '2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1)
                for i in range(n)) +
        '<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/>' % (n + 1) +
        '<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>' % (n + 2))
    core = (XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Bid team</dc:creator>'
            '<cp:lastModifiedBy>Bid team</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">'
            '2027-01-20T09:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">'
            '2027-02-10T16:30:00Z</dcterms:modified></cp:coreProperties>')
    app = (XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
           'docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity>'
           '<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>'
           '<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>'
           '<AppVersion>16.0300</AppVersion></Properties>')
    return content_types, root_rels, workbook, wb_rels, core, app


def zinfo(name):
    zi = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    zi.compress_type = zipfile.ZIP_DEFLATED
    return zi


# ------------------------------------------------------------------ price round
def bill_of_quantities(seed, lines):
    """The round's bill of quantities, the same for every bidder: per line the activity
    index, item text, quantity and year."""
    r = rng_for("boq", seed, lines)
    rand = r.random
    na, nplaces = len(ACTIVITIES), len(PLACES)
    act, items, qty, year = [], [], [], []
    for _ in range(lines):
        a = int(rand() * na)
        name, _unit, (qlo, qhi), _rates = ACTIVITIES[a]
        items.append("%s, %s %d" % (name, PLACES[int(rand() * nplaces)], 1 + int(rand() * PLACE_MAX)))
        act.append(a)
        qty.append(qlo + int(rand() * (qhi - qlo + 1)))
        year.append(1 + int(rand() * YEARS))
    return act, items, qty, year


def bidder_profile(seed, i):
    r = rng_for("bidder", seed, i)
    kind, btype = NAME_C[int(r.random() * len(NAME_C))]
    name = "%s %s %s" % (NAME_A[int(r.random() * len(NAME_A))], NAME_B[int(r.random() * len(NAME_B))], kind)
    size = SIZES[btype][int(r.random() * len(SIZES[btype]))]
    turnover = int(r.uniform(0.4, 40) * 1e6) // 1000 * 1000
    return dict(name=name, type=btype, size=size, turnover=turnover,
                reserves=turnover // int(r.uniform(5, 20)) // 1000 * 1000,
                employees=max(3, turnover // 45000), bond=r.random() < 0.6,
                guarantee=r.random() < 0.5)


def write_bid_workbook(path, round_id, bid_id, profile, boq, rates, chunk_rows=50000):
    """Write one bid workbook; return the exact stated total in pence."""
    act, items, qty, year = boq
    n = len(items)
    sst = SharedStrings()
    yn = lambda v: "yes" if v else "no"  # noqa: E731
    bidder = [["Field", "Value"], ["Round", round_id], ["Bid", bid_id], ["Name", profile["name"]],
              ["Type", profile["type"]], ["Size", profile["size"]], ["Turnover", profile["turnover"]],
              ["Reserves", profile["reserves"]], ["Employees", profile["employees"]],
              ["Can provide bond", yn(profile["bond"])], ["Can provide guarantee", yn(profile["guarantee"])]]
    sheet1 = small_sheet(sst, bidder, [24, 36])
    sheet2 = small_sheet(sst, [["Gate", "Answer", "Evidence"]], [10, 10, 60])
    sheet4 = small_sheet(sst, [["Measure", "Quantity", "Evidence"]], [16, 12, 60])
    names = ["Bidder", "Gates", "Price", "Social value"]
    content_types, root_rels, workbook, wb_rels, core, app = package_parts(names)

    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp-gen"
    total_pence = 0
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, text in (("[Content_Types].xml", content_types), ("_rels/.rels", root_rels),
                           ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", wb_rels),
                           ("xl/worksheets/sheet1.xml", sheet1), ("xl/worksheets/sheet2.xml", sheet2)):
            z.writestr(zinfo(name), text)
        # The Price sheet, streamed in chunks so a million lines stay cheap in memory.
        with z.open(zinfo("xl/worksheets/sheet3.xml"), "w") as f:
            f.write(sheet_head("F%d" % (n + 2), [44, 10, 11, 11, 7, 14], frozen=True).encode())
            hdr = ["Item", "Unit", "Quantity", "Rate", "Year", "Total"]
            f.write(('<row r="1" spans="1:6">%s</row>' % "".join(
                '<c r="%s1" s="1" t="s"><v>%d</v></c>' % (col_letter(c), sst(h))
                for c, h in enumerate(hdr))).encode())
            row_fmt = ('<row r="%d" spans="1:6"><c r="A%d" t="s"><v>%d</v></c>'
                       '<c r="B%d" t="s"><v>%d</v></c><c r="C%d"><v>%d</v></c>'
                       '<c r="D%d" s="2"><v>%s</v></c><c r="E%d"><v>%d</v></c>'
                       '<c r="F%d" s="2"><v>%r</v></c></row>')
            units = [a[1] for a in ACTIVITIES]
            for start in range(0, n, chunk_rows):
                out = []
                for i in range(start, min(n, start + chunk_rows)):
                    r = i + 2
                    q, p = qty[i], rates[i]
                    total_pence += q * p
                    out.append(row_fmt % (r, r, sst(items[i]), r, sst(units[act[i]]), r, q,
                                          r, money(p), r, year[i], r, q * (p / 100)))
                f.write("".join(out).encode())
            r = n + 2
            f.write(('<row r="%d" spans="1:6"><c r="A%d" s="1" t="s"><v>%d</v></c>'
                     '<c r="F%d" s="2"><v>%s</v></c></row>'
                     % (r, r, sst("TOTAL"), r, money(total_pence))).encode())
            f.write(SHEET_TAIL.encode())
        z.writestr(zinfo("xl/worksheets/sheet4.xml"), sheet4)
        z.writestr(zinfo("xl/styles.xml"), STYLES)
        z.writestr(zinfo("xl/sharedStrings.xml"), sst.xml())
        z.writestr(zinfo("docProps/core.xml"), core)
        z.writestr(zinfo("docProps/app.xml"), app)
    os.replace(tmp, path)
    return total_pence


def bid_rates(seed, lines, i, act):
    """One bidder's rates in pence: base rate x bid factor x per-line noise."""
    r = rng_for("rates", seed, lines, i)
    rand = r.random
    factor = r.uniform(0.85, 1.2)
    base = [r.randint(lo, hi) for _, _, _, (lo, hi) in ACTIVITIES]
    return [max(1, int(base[a] * factor * (0.9 + 0.2 * rand()) + 0.5)) for a in act]


def price_round_xml(seed):
    return """<?xml version="1.0" encoding="UTF-8"?>
<round xmlns="%s" id="%s" currency="GBP">
  <title>Street cleansing and grounds maintenance (benchmark round, seed %d)</title>
  <buyer>Benchmark Borough Council</buyer>
  <contract annual-value="3000000" years="%d" lots="1"/>
  <timeline published="2027-01-11" deadline="2027-02-22"/>
  <evaluation>
    <criterion id="P" kind="price" weight="100" formula="lowest-ratio"/>
  </evaluation>
</round>
""" % (ROUND_NS, PRICE_ROUND_ID, seed, YEARS)


def generate_price(out, bids, lines, seed, quiet=False):
    os.makedirs(os.path.join(out, "bids"), exist_ok=True)
    with open(os.path.join(out, "round.xml"), "w") as f:
        f.write(price_round_xml(seed))
    boq = bill_of_quantities(seed, lines)
    manifest = dict(kind="price", bids=bids, lines=lines, seed=seed, round="round.xml", workbooks=[])
    for i in range(1, bids + 1):
        bid_id = "B%03d" % i
        rel = os.path.join("bids", bid_id + ".xlsx")
        rates = bid_rates(seed, lines, i, boq[0])
        pence = write_bid_workbook(os.path.join(out, rel), PRICE_ROUND_ID, bid_id,
                                   bidder_profile(seed, i), boq, rates)
        manifest["workbooks"].append(dict(file=rel, bid=bid_id, total_pence=pence, total=pence / 100))
        if not quiet:
            print("  %s: %d lines, total %.2f" % (rel, lines, pence / 100), file=sys.stderr)
    write_manifest(out, manifest)
    return manifest


def write_manifest(out, manifest):
    tmp = os.path.join(out, "manifest.json.tmp-gen")
    with open(tmp, "w") as f:
        json.dump(manifest, f, indent=1)
    os.replace(tmp, os.path.join(out, "manifest.json"))


# ------------------------------------------------------------------ SMAA round
THEMES = ["Service model and pathways", "Mobilisation and transition", "Workforce and training",
          "Safeguarding", "Partnership working", "Digital access", "Quality assurance",
          "Outcomes measurement", "Equality and inclusion", "Carbon reduction", "Local supply chain",
          "Risk management", "Information governance", "Continuous improvement", "Co-production"]
OUTCOMES = ["People get the right support first time", "Fewer emergency admissions",
            "People stay independent at home for longer", "Carers feel supported",
            "Local voluntary-sector capacity grows"]
COMMENTS = ["", "", "", "Clear and well evidenced", "Some gaps in the detail", "Strong local knowledge",
            "Generic answer, little evidence", "Good use of case studies", "Timescales unrealistic"]


def quality_weights(nq, total):
    """Weights for nq quality criteria summing to `total`: the pattern 3, 2, 1 repeated,
    scaled (30 criteria and 60 points give exactly 3, 2, 1, ...)."""
    pat = [3 - (i % 3) for i in range(nq)]
    s = sum(pat)
    w = [float("%.6f" % (total * p / s)) for p in pat]
    w[-1] = float("%.6f" % (total - sum(w[:-1])))
    return w


def generate_smaa(out, bids, criteria, evaluators, seed, price_weight=40.0, quiet=False):
    nq = criteria - 1
    if nq < 1:
        raise SystemExit("smaa: --criteria must be at least 2 (1 price + quality)")
    r = rng_for("smaa", seed, bids, criteria, evaluators)
    os.makedirs(os.path.join(out, "bids"), exist_ok=True)
    qw = quality_weights(nq, 100.0 - price_weight)
    crit_ids = ["Q%02d" % (k + 1) for k in range(nq)]
    L = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<round xmlns="%s" id="%s" currency="GBP">' % (ROUND_NS, SMAA_ROUND_ID),
         "  <title>Integrated community health and wellbeing services (benchmark round, seed %d)</title>" % seed,
         "  <buyer>Benchmark Combined Authority</buyer>",
         '  <contract annual-value="2000000" years="%d" lots="1"/>' % YEARS,
         '  <timeline published="2027-01-11" deadline="2027-02-22"/>',
         "  <outcomes>"]
    for k, o in enumerate(OUTCOMES):
        L.append('    <outcome id="O%d" priority="%d">%s</outcome>' % (k + 1, k + 1, escape(o)))
    L += ["  </outcomes>", '  <evaluation moderation="median" spread-flag="3">']
    for k, (cid, w) in enumerate(zip(crit_ids, qw)):
        L.append('    <criterion id="%s" kind="quality" weight="%r" scale="5" outcomes="O%d">%s %d</criterion>'
                 % (cid, w, 1 + k % len(OUTCOMES), THEMES[k % len(THEMES)], 1 + k // len(THEMES)))
    L.append('    <criterion id="P" kind="price" weight="%r" formula="lowest-ratio"/>' % price_weight)
    L += ["  </evaluation>", "</round>", ""]
    with open(os.path.join(out, "round.xml"), "w") as f:
        f.write("\n".join(L))

    ev_names = ["ev%02d" % (e + 1) for e in range(evaluators)]
    crit_bias = [r.gauss(0, 0.4) for _ in range(nq)]
    score_rows = ["bid,criterion,evaluator,score,comment"]
    for i in range(1, bids + 1):
        bid_id = "B%03d" % i
        theta = min(4.8, max(0.8, r.gauss(3.0, 0.7)))       # the bid's underlying quality
        prof = bidder_profile(seed + 1000, i)
        # better bids tend to cost more: price factor rises with quality
        annual = 2000000 * (1 + 0.08 * (theta - 3.0) + r.gauss(0, 0.06))
        lines = []
        for y in range(1, YEARS + 1):
            lines.append(("Core service", "year", 1, int(annual * (1.025 ** (y - 1)) * 100) / 100, y))
        lines.append(("Mobilisation", "fixed", 1, int(r.uniform(20000, 90000)) * 1.0, 1))
        lines.append(("Community outreach workers", "FTE-year", r.randint(2, 8),
                      int(r.uniform(28000, 36000) * 100) / 100, 1))
        total_pence = sum(int(round(q * rate * 100)) for _, _, q, rate, _ in lines)
        bl = ['<?xml version="1.0" encoding="UTF-8"?>',
              '<bid xmlns="%s" round="%s" id="%s">' % (BID_NS, SMAA_ROUND_ID, bid_id),
              '  <bidder name="%s" type="%s" size="%s" turnover="%d" reserves="%d" employees="%d" '
              'can-provide-bond="%s" can-provide-guarantee="%s"/>'
              % (escape(prof["name"]), prof["type"], prof["size"], prof["turnover"], prof["reserves"],
                 prof["employees"], "true" if prof["bond"] else "false",
                 "true" if prof["guarantee"] else "false"),
              '  <price total="%s">' % money(total_pence)]
        for item, unit, q, rate, y in lines:
            bl.append('    <line item="%s" unit="%s" quantity="%d" rate="%r" year="%d"/>' % (item, unit, q, rate, y))
        bl += ["  </price>", "</bid>", ""]
        with open(os.path.join(out, "bids", bid_id + ".xml"), "w") as f:
            f.write("\n".join(bl))
        for k, cid in enumerate(crit_ids):
            m = theta + crit_bias[k] + r.gauss(0, 0.6)       # this bid's answer on this criterion
            for ev in ev_names:
                s = min(5, max(0, int(round(m + r.gauss(0, 0.5)))))
                score_rows.append("%s,%s,%s,%d,%s" % (bid_id, cid, ev, s, COMMENTS[int(r.random() * len(COMMENTS))]))
    with open(os.path.join(out, "scores.csv"), "w") as f:
        f.write("\n".join(score_rows) + "\n")
    manifest = dict(kind="smaa", bids=bids, criteria=criteria, evaluators=evaluators, seed=seed,
                    price_weight=price_weight, round="round.xml", scores="scores.csv")
    write_manifest(out, manifest)
    if not quiet:
        print("  %s: %d bids x %d criteria x %d evaluators (%d score rows)"
              % (out, bids, criteria, evaluators, len(score_rows) - 1), file=sys.stderr)
    return manifest


# ------------------------------------------------------------------ self-check
def self_check(tender):
    """Generate 2 workbooks x 100 lines, open one with openpyxl, run tender on them."""
    import openpyxl
    tmp = tempfile.mkdtemp(prefix="tender-bench-check-")
    try:
        m = generate_price(tmp, 2, 100, 1, quiet=True)
        wb = openpyxl.load_workbook(os.path.join(tmp, m["workbooks"][0]["file"]))
        assert wb.sheetnames == ["Bidder", "Gates", "Price", "Social value"], wb.sheetnames
        rows = list(wb["Price"].iter_rows(values_only=True))
        assert rows[0] == ("Item", "Unit", "Quantity", "Rate", "Year", "Total"), rows[0]
        assert rows[-1][0] == "TOTAL" and len(rows) == 102, rows[-1]
        s = sum(q * r for _, _, q, r, _, _ in rows[1:-1])
        assert abs(s - m["workbooks"][0]["total"]) < 1e-6 * s, (s, m["workbooks"][0]["total"])
        print("openpyxl: opened %s, %d price lines, total %.2f"
              % (m["workbooks"][0]["file"], len(rows) - 2, s))
        out = os.path.join(tmp, "result.json")
        p = subprocess.run([tender, "evaluate", os.path.join(tmp, "round.xml"), "--bids",
                            os.path.join(tmp, "bids"), "--json", out], capture_output=True, text=True)
        print(p.stdout + p.stderr)
        print("tender evaluate exit code:", p.returncode)
        if p.returncode != 0:
            return 1
        res = json.load(open(out))
        for w in m["workbooks"]:
            b = next(b for b in res["bids"] if b["id"] == w["bid"])
            assert abs(b["price_undiscounted"] - w["total"]) <= 1e-9 * w["total"], (b, w)
        print("tender totals agree with the generator's exact totals")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="kind", required=True)
    p = sub.add_parser("price", help="N bid workbooks x L price lines, price-only round")
    p.add_argument("--out", required=True)
    p.add_argument("--bids", "-N", type=int, default=10)
    p.add_argument("--lines", "-L", type=int, default=25000)
    p.add_argument("--seed", type=int, default=1)
    s = sub.add_parser("smaa", help="B bids (bid.xml) x C criteria x E evaluators")
    s.add_argument("--out", required=True)
    s.add_argument("--bids", "-B", type=int, default=200)
    s.add_argument("--criteria", "-C", type=int, default=31, help="total, including the price criterion")
    s.add_argument("--evaluators", "-E", type=int, default=3)
    s.add_argument("--seed", type=int, default=1)
    c = sub.add_parser("check", help="generate a small round and run tender on it")
    here = os.path.dirname(os.path.abspath(__file__))
    c.add_argument("--tender", default=os.path.join(here, "..", "build", "tender"))
    a = ap.parse_args()
    if a.kind == "price":
        generate_price(a.out, a.bids, a.lines, a.seed)
    elif a.kind == "smaa":
        generate_smaa(a.out, a.bids, a.criteria, a.evaluators, a.seed)
    else:
        sys.exit(self_check(a.tender))


if __name__ == "__main__":
    main()
