#!/usr/bin/python3
"""Write the golden ERROR cases under tests/golden/errors/<name>/.

    /usr/bin/python3 tests/golden/make_errors.py [case-name ...]

Every case starts from the same valid round (three bids, two evaluators) and breaks one
thing (or, in `several-errors`, three things in three files). Each case folder gets the
input files, `expected-exit` (2) and `expected-errors.txt`: one substring per line that
must appear in the engine's stderr. Line numbers in expected-errors.txt are located by
searching the written text for the offending line, and checked by hand (see README.md).
Key words follow the wording of EVALUATION.md §1 where it has one ("not well-formed", "repeated",
"negative", "NaN", "outside", "price ... is 0").

The zip bomb (`xlsx-zip-bomb/bids/B03.xlsx`, ~1.1 MB) takes a few seconds to deflate.
"""
import os
import shutil
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_lib import (bid_xml, round_xml, csv_text, write, bid_xlsx_openpyxl,  # noqa: E402
                        SCORES_HDR, MODERATION_HDR)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "errors")


def base_round(**over):
    r = dict(id="ER-2026-01", title="Meals at home service", buyer="Lindow District Council",
             contract=[("annual-value", 150000), ("years", 3)],
             timeline=("2026-09-01", "2026-10-09"),
             outcomes=[("O1", 1, "Older people eat well at home"), ("O2", 2, "Local suppliers and jobs")],
             requirements=[], evaluation=[("moderation", "median")],
             gates=[("G1", "Food hygiene rating of 4 or 5")],
             criteria=[dict(id="Q1", kind="quality", weight=30, scale=5, outcomes="O1", text="Menu and nutrition"),
                       dict(id="Q2", kind="quality", weight=10, scale=5, outcomes="O1", text="Delivery and welfare checks"),
                       dict(id="P", kind="price", weight=40),
                       dict(id="SV1", kind="social-value", weight=10, scale=5, outcomes="O2", text="Local sourcing"),
                       dict(id="SV2", kind="social-value-measures", weight=10, outcomes="O2", text="Quantified commitments")],
             alt=None,
             measures=[dict(id="LOCAL-FTE", unit="FTE-year", proxy=24000, deadweight=0.2,
                            text="Local people employed on the contract")])
    r.update(over)
    return r


def base_bids():
    lines = lambda a, b, c: [("Meals service", "year", 1, a, 1), ("Meals service", "year", 1, b, 2),
                             ("Meals service", "year", 1, c, 3)]
    return [
        dict(id="B01", round="ER-2026-01", name="Lindow Community Meals CIC", type="sme", size="small",
             turnover=600000, reserves=80000, employees=25, gates=[("G1", "pass")], total=420000,
             lines=lines(138000, 140000, 142000), commitments=[("LOCAL-FTE", 6, "Two local drivers a year")]),
        dict(id="B02", round="ER-2026-01", name="Hot Plate Services Ltd", type="sme", size="medium",
             turnover=1900000, reserves=210000, employees=70, gates=[("G1", "pass")], total=405000,
             lines=lines(133000, 135000, 137000), commitments=[("LOCAL-FTE", 3, None)]),
        dict(id="B03", round="ER-2026-01", name="Age Well Lindow", type="vcse", size="small",
             turnover=450000, reserves=70000, employees=16, gates=[("G1", "pass")], total=430000,
             lines=lines(140000, 143000, 147000), commitments=[("LOCAL-FTE", 8, None)]),
    ]


BASE_SCORES = [(b, c, ev, s) for b, per in
               (("B01", {"Q1": (4, 4), "Q2": (3, 3), "SV1": (4, 3)}),
                ("B02", {"Q1": (3, 3), "Q2": (4, 4), "SV1": (2, 2)}),
                ("B03", {"Q1": (4, 5), "Q2": (3, 3), "SV1": (5, 5)}))
               for c, ss in per.items() for ev, s in zip(("nell", "omar"), ss)]


def score_rows(rows=None):
    return [(b, c, ev, s, "") for b, c, ev, s in (rows if rows is not None else BASE_SCORES)]


def line_of(text, needle, nth=1):
    """1-based line number of the nth line containing needle (asserted to exist)."""
    hits = [i + 1 for i, line in enumerate(text.split("\n")) if needle in line]
    assert len(hits) >= nth, (needle, hits)
    return hits[nth - 1]


def new_case(name):
    d = os.path.join(ROOT, name)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(os.path.join(d, "bids"))
    return d


def finish(d, round_text, bids, scores_text, errors, extra=None):
    write(os.path.join(d, "round.xml"), round_text)
    for fn, content in bids.items():
        p = os.path.join(d, "bids", fn)
        if callable(content):
            content(p)
        else:
            write(p, content)
    if scores_text is not None:
        write(os.path.join(d, "scores.csv"), scores_text)
    for fn, content in (extra or {}).items():
        write(os.path.join(d, fn), content)
    write(os.path.join(d, "expected-exit"), "2\n")
    write(os.path.join(d, "expected-errors.txt"), "\n".join(errors) + "\n")


def std_bids(**replace):
    out = {}
    for b in base_bids():
        fn = b["id"] + ".xml"
        out[fn] = bid_xml(b)
    out.update(replace)
    return out


CASES = {}


def case(fn):
    CASES[fn.__name__.replace("_", "-")] = fn
    return fn


@case
def xml_truncated(d):
    full = bid_xml(base_bids()[1])
    cut = full.index('rate="135000"') + len('rate="13')
    text = full[:cut]                      # the upload stopped mid-attribute, no newline
    n = text.count("\n") + 1
    finish(d, round_xml(base_round()), std_bids(**{"B02.xml": text}), csv_text(SCORES_HDR, score_rows()),
           ["B02.xml:%d" % n, "well-formed"])


@case
def xml_doctype(d):
    ents = ['  <!ENTITY lol0 "lol">']
    for i in range(1, 10):
        ents.append('  <!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10))
    body = bid_xml(base_bids()[1]).split("\n", 1)[1].replace('name="Hot Plate Services Ltd"', 'name="&lol9;"')
    text = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE bid [\n' + "\n".join(ents) + "\n]>\n" + body
    finish(d, round_xml(base_round()), std_bids(**{"B02.xml": text}), csv_text(SCORES_HDR, score_rows()),
           ["B02.xml:2", "DOCTYPE"])


@case
def xlsx_not_zip(d):
    # a CSV export renamed to .xlsx: plain text, no zip signature
    text = ("Item,Unit,Quantity,Rate,Year,Total\nMeals service,year,1,140000,1,140000\n"
            "Meals service,year,1,143000,2,143000\nMeals service,year,1,147000,3,147000\nTOTAL,,,,,430000\n")
    bids = std_bids()
    del bids["B03.xml"]
    bids["B03.xlsx"] = text
    finish(d, round_xml(base_round()), bids, csv_text(SCORES_HDR, score_rows()), ["B03.xlsx", "zip"])


BOMB_SIZE = (1 << 30) + (64 << 20)   # 1 GiB + 64 MiB of zeros once inflated


def write_bomb(path):
    """A bid workbook whose Bidder sheet part declares (and really inflates to) 1.0625 GiB.
    All other parts are ordinary; the engine must refuse it from the declared size."""
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>')
    wb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
          '<sheets><sheet name="Bidder" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wbrels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
              '</Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", wbrels)
        chunk = bytes(1 << 20)
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            for _ in range(BOMB_SIZE // len(chunk)):
                f.write(chunk)
    with zipfile.ZipFile(path) as z:
        assert z.getinfo("xl/worksheets/sheet1.xml").file_size == BOMB_SIZE


@case
def xlsx_zip_bomb(d):
    bids = std_bids()
    del bids["B03.xml"]
    bids["B03.xlsx"] = write_bomb
    finish(d, round_xml(base_round()), bids, csv_text(SCORES_HDR, score_rows()), ["B03.xlsx", "too large"])


@case
def price_nan(d):
    text = bid_xml(base_bids()[1]).replace('rate="135000"', 'rate="NaN"')
    finish(d, round_xml(base_round()), std_bids(**{"B02.xml": text}), csv_text(SCORES_HDR, score_rows()),
           ["B02.xml:%d" % line_of(text, 'rate="NaN"'), "NaN"])


@case
def quantity_negative(d):
    b = base_bids()[2]
    b["lines"] = [("Meals service", "year", -1, 140000, 1)] + b["lines"][1:]
    b["total"] = 150000  # what the bidder's own sheet adds up to; irrelevant to the error
    bids = std_bids()
    del bids["B03.xml"]
    bids["B03.xlsx"] = lambda p: bid_xlsx_openpyxl(p, b)
    # Price sheet: row 1 header, row 2 the first line; column C is Quantity
    finish(d, round_xml(base_round()), bids, csv_text(SCORES_HDR, score_rows()),
           ["B03.xlsx:Price!C2", "negative"])


@case
def price_zero(d):
    b = base_bids()[1]
    b["lines"] = []
    b["total"] = 0
    text = bid_xml(b)
    finish(d, round_xml(base_round()), std_bids(**{"B02.xml": text}), csv_text(SCORES_HDR, score_rows()),
           ["B02.xml:%d" % line_of(text, '<price total="0"/>'), "price"])


@case
def duplicate_bid_id(d):
    b = base_bids()[2]
    b["id"] = "B02"                      # B03's file was saved from B02's template
    text = bid_xml(b)
    rows = [r for r in BASE_SCORES if r[0] != "B03"]
    finish(d, round_xml(base_round()), std_bids(**{"B03.xml": text}), csv_text(SCORES_HDR, score_rows(rows)),
           ["B03.xml:%d" % line_of(text, 'id="B02"'), "repeated", "B02.xml"])


@case
def duplicate_criterion(d):
    r = base_round()
    r["criteria"] = [dict(c) for c in r["criteria"]]
    r["criteria"][1]["id"] = "Q1"           # Q2 typed as Q1: weights still sum to 100
    text = round_xml(r)
    rows = [x for x in BASE_SCORES if x[1] != "Q2"]
    finish(d, text, std_bids(), csv_text(SCORES_HDR, score_rows(rows)),
           ["round.xml:%d" % line_of(text, 'id="Q1"', 2), "repeated", "Q1"])


@case
def score_unknown_bid(d):
    rows = score_rows() + [("B09", "Q1", "nell", 3, "scored from the withdrawn bid's file")]
    text = csv_text(SCORES_HDR, rows)
    finish(d, round_xml(base_round()), std_bids(), text,
           ["scores.csv:%d" % line_of(text, "B09,"), "B09"])


@case
def commitment_unknown_measure(d):
    b = base_bids()[1]
    b["commitments"] = b["commitments"] + [("CO2E", 40, "Electric vans")]
    text = bid_xml(b)
    finish(d, round_xml(base_round()), std_bids(**{"B02.xml": text}), csv_text(SCORES_HDR, score_rows()),
           ["B02.xml:%d" % line_of(text, 'measure="CO2E"'), "CO2E"])


@case
def weights_99(d):
    r = base_round()
    r["criteria"] = [dict(c) for c in r["criteria"]]
    r["criteria"][0]["weight"] = 29
    finish(d, round_xml(r), std_bids(), csv_text(SCORES_HDR, score_rows()), ["round.xml", "99"])


@case
def score_above_scale(d):
    rows = [list(x) for x in score_rows()]
    for x in rows:
        if x[0] == "B02" and x[1] == "Q2" and x[2] == "omar":
            x[3] = 6
    text = csv_text(SCORES_HDR, rows)
    finish(d, round_xml(base_round()), std_bids(), text,
           ["scores.csv:%d" % line_of(text, "B02,Q2,omar,6"), "outside"])


@case
def scores_no_score_column(d):
    hdr = ["bid", "criterion", "evaluator", "mark", "comment"]
    finish(d, round_xml(base_round()), std_bids(), csv_text(hdr, score_rows()), ["scores.csv:1", "column"])


@case
def missing_score(d):
    rows = [x for x in BASE_SCORES if not (x[0] == "B02" and x[1] == "Q2")]
    finish(d, round_xml(base_round()), std_bids(), csv_text(SCORES_HDR, score_rows(rows)),
           ["scores.csv", "B02", "Q2"])


@case
def consensus_disagreement(d):
    r = base_round(evaluation=[("moderation", "consensus")])
    # B01 SV1 is (4, 3) in the base scores; everything else agrees; B03 Q1 (4, 5) is moderated
    rows = [x for x in BASE_SCORES]
    mod = csv_text(MODERATION_HDR, [("B03", "Q1", 4, "Consensus meeting: agreed 4")])
    finish(d, round_xml(r), std_bids(), csv_text(SCORES_HDR, score_rows(rows)),
           ["scores.csv", "B01", "SV1", "consensus"], extra={"moderation.csv": mod})


@case
def several_errors(d):
    r = base_round()
    r["outcomes"] = [("O1", 1, "Older people eat well at home"), ("O1", 2, "Local suppliers and jobs")]
    r["criteria"] = [dict(c) for c in r["criteria"]]
    for c in r["criteria"]:
        if c.get("outcomes") == "O2":
            c["outcomes"] = "O1"
    rtext = round_xml(r)
    b = base_bids()[1]
    b["lines"] = [b["lines"][0], ("Meals service", "year", -1, 135000, 2), b["lines"][2]]
    btext = bid_xml(b)
    rows = score_rows() + [("B01", "Q9", "omar", 4, "")]
    stext = csv_text(SCORES_HDR, rows)
    finish(d, rtext, std_bids(**{"B02.xml": btext}), stext,
           ["round.xml:%d" % line_of(rtext, 'outcome id="O1"', 2), "repeated",
            "B02.xml:%d" % line_of(btext, 'quantity="-1"'), "negative",
            "scores.csv:%d" % line_of(stext, "B01,Q9,"), "Q9"])


def main(names):
    for name, fn in CASES.items():
        if names and name not in names:
            continue
        d = new_case(name)
        fn(d)
        print(d)


if __name__ == "__main__":
    main(sys.argv[1:])
