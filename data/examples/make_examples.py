#!/usr/bin/python3
"""Write the two demo rounds under data/examples/ (domestic-abuse/, street-cleansing/).

    /usr/bin/python3 data/examples/make_examples.py

Re-runnable. Needs openpyxl; uses LibreOffice (soffice) when installed to re-save the
workbook bids and scores.xlsx the way a bidder's or evaluator's LibreOffice would, and falls
back to the openpyxl files otherwise. The organisations, people and figures are fictional.
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "golden"))
from golden_lib import (bid_xml, round_xml, csv_text, write, bid_xlsx_openpyxl,  # noqa: E402
                        SCORES_HDR, MODERATION_HDR, DECISIONS_HDR)


def soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def lo_resave(path):
    """Re-save an xlsx through LibreOffice in place (no-op without soffice)."""
    if not soffice():
        return
    tmp = tempfile.mkdtemp()
    prof = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run([soffice(), "-env:UserInstallation=file://" + prof, "--headless", "--convert-to", "xlsx",
                        "--outdir", tmp, path], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=180)
        shutil.move(os.path.join(tmp, os.path.basename(path)), path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(prof, ignore_errors=True)


def score_rows(table, evaluators, comments):
    rows = []
    for b in sorted(table):
        for c, scores in table[b].items():
            for ev, s in zip(evaluators, scores):
                rows.append((b, c, ev, s, comments.get((b, c, ev), "")))
    return rows


def yearly(item, rates, unit="year"):
    return [(item, unit, 1, r, y) for y, r in enumerate(rates, start=1)]


# =============================================================== domestic abuse
DA_ROUND = dict(
    id="DA-2027-02", title="Domestic abuse community support and refuge outreach",
    buyer="Wyvern County Council",
    contract=[("annual-value", 520000), ("years", 3), ("lots", 1), ("discount-rate", 0.035),
              ("budget", 1650000), ("over-budget", "keep")],
    timeline=("2027-01-11", "2027-02-15"),
    outcomes=[("O1", 1, "Survivors and their children are safe within 28 days of referral"),
              ("O2", 2, "Fewer repeat referrals to MARAC within 12 months"),
              ("O3", 2, "Survivors recover and rebuild independent lives"),
              ("O4", 3, "Black and minoritised survivors reach specialist by-and-for support")],
    requirements=['<turnover minimum="1200000"/>',
                  '<bond percent="5"/>',
                  '<parent-guarantee required="false"/>',
                  '<insurance kind="professional-indemnity" amount="5000000"/>',
                  '<insurance kind="public-liability" amount="1000000"/>',
                  '<payment terms-days="30" arrears-months="1" results-share="0.3" results-lag-months="9"/>'],
    evaluation=[("moderation", "median"), ("spread-flag", 2), ("tie-break", "quality social-value price"),
                ("overclaim-ratio", 1.0)],
    gates=[("G1", "Safeguarding policy, enhanced DBS checks and a named safeguarding lead"),
           ("G2", "Women's Aid National Quality Standards or SafeLives Leading Lights (held or working towards)")],
    criteria=[dict(id="Q1", kind="quality", weight=25, scale=5, threshold=2, outcomes="O1",
                   text="Risk assessment, safety planning and crisis response"),
              dict(id="Q2", kind="quality", weight=15, scale=5, outcomes="O2 O3",
                   text="Recovery, prevention of repeat abuse and move-on"),
              dict(id="Q3", kind="quality", weight=10, scale=5, outcomes="O4",
                   text="Reaching and serving Black and minoritised survivors"),
              dict(id="P", kind="price", weight=35, formula="lowest-ratio"),
              dict(id="SV1", kind="social-value", weight=5, scale=5, outcomes="O3",
                   theme="tackling-economic-inequality", text="Employment and skills for survivors"),
              dict(id="SV2", kind="social-value-measures", weight=10, outcomes="O3 O4",
                   text="Quantified social value commitments")],
    alt=(0.8, "median"),
    measures=[dict(id="LOCAL-FTE", unit="FTE-year", proxy=26800, deadweight=0.2, attribution=0.1,
                   text="Wyvern residents employed on the contract"),
              dict(id="VOL-HOURS", unit="hour", proxy=16.8, duration=2, **{"drop-off": 0.3},
                   text="Volunteering hours supported (peer mentors, helpline)"),
              dict(id="SURVIVOR-TRAINING", unit="person", proxy=2100, deadweight=0.3, duration=2,
                   **{"drop-off": 0.5}, text="Survivors completing accredited training towards work")])

DA_BIDS = [
    dict(id="B01", name="Wyvern Women's Aid", type="vcse", size="small", turnover=780000, reserves=90000,
         employees=34, bond=False, guarantee=False, gates=[("G1", "pass"), ("G2", "pass")], total=1560000,
         lines=yearly("Community support and outreach", [505000, 515000, 528000])
         + [("Mobilisation", "fixed", 1, 12000, 1)],
         commitments=[("LOCAL-FTE", 9, "All IDVAs and outreach workers recruited in Wyvern"),
                      ("VOL-HOURS", 2500, "Peer mentor scheme, 40 trained survivors"),
                      ("SURVIVOR-TRAINING", 30, "Level 2 certificates with Wyvern College")]),
    dict(id="B02", name="Haven Lights Partnership", type="vcse", size="medium", turnover=2400000, reserves=310000,
         employees=85, bond=True, guarantee=False, gates=[("G1", "pass"), ("G2", "pass")], total=1543000,
         lines=yearly("Community support and outreach", [495000, 508000, 520000])
         + [("Mobilisation", "fixed", 1, 20000, 1)],
         commitments=[("LOCAL-FTE", 12, None), ("VOL-HOURS", 1500, None), ("SURVIVOR-TRAINING", 20, None)],
         format="xlsx"),
    dict(id="B03", name="Amani Sisters Network", type="vcse", size="micro", turnover=310000, reserves=40000,
         employees=9, bond=False, guarantee=False, gates=[("G1", "pass"), ("G2", "pass")], total=1485000,
         lines=yearly("Community support and outreach", [480000, 492000, 505000])
         + [("Mobilisation", "fixed", 1, 8000, 1)],
         commitments=[("LOCAL-FTE", 5, "Bilingual caseworkers (Urdu, Polish, Somali)"),
                      ("VOL-HOURS", 3000, "Community champions in faith and women's groups"),
                      ("SURVIVOR-TRAINING", 25, None)]),
    dict(id="B04", name="Cornerstone Care Group plc", type="large", size="large", turnover=65000000,
         reserves=8000000, employees=2300, bond=True, guarantee=True, gates=[("G1", "pass"), ("G2", "pass")],
         total=1180000,
         lines=yearly("Community support and outreach", [380000, 385000, 390000])
         + [("Mobilisation", "fixed", 1, 25000, 1)],
         commitments=[("LOCAL-FTE", 4, None)]),
    dict(id="B05", name="Phoenix Support Services Ltd", type="sme", size="medium", turnover=3100000,
         reserves=260000, employees=120, bond=True, guarantee=False, gates=[("G1", "pass"), ("G2", "pass")],
         total=1465000,
         lines=yearly("Community support and outreach", [470000, 482000, 495000])
         + [("Mobilisation", "fixed", 1, 15000, 1)],
         commitments=[("LOCAL-FTE", 8, None), ("SURVIVOR-TRAINING", 10, None)], format="xlsx"),
    dict(id="B06", name="Northlight Housing Association", type="vcse", size="large", turnover=48000000,
         reserves=5200000, employees=900, bond=True, guarantee=True, gates=[("G1", "pass"), ("G2", "fail")],
         total=1548000,
         lines=yearly("Community support and outreach", [500000, 510000, 520000])
         + [("Mobilisation", "fixed", 1, 18000, 1)],
         commitments=[("LOCAL-FTE", 10, None), ("VOL-HOURS", 800, None), ("SURVIVOR-TRAINING", 15, None)]),
]

DA_EVAL = ["aisha", "brian", "carmen"]
DA_SCORES = {
    "B01": {"Q1": [5, 5, 4], "Q2": [5, 4, 5], "Q3": [3, 4, 3], "SV1": [4, 4, 5]},
    "B02": {"Q1": [4, 4, 4], "Q2": [4, 3, 4], "Q3": [3, 3, 2], "SV1": [3, 5, 3]},
    "B03": {"Q1": [4, 3, 4], "Q2": [4, 4, 3], "Q3": [5, 5, 5], "SV1": [4, 5, 4]},
    "B04": {"Q1": [3, 2, 3], "Q2": [2, 3, 2], "Q3": [2, 1, 2], "SV1": [2, 2, 1]},
    "B05": {"Q1": [4, 2, 4], "Q2": [3, 3, 4], "Q3": [2, 3, 3], "SV1": [3, 3, 3]},
    "B06": {"Q1": [5, 4, 4], "Q2": [3, 4, 4], "Q3": [1, 3, 2], "SV1": [3, 2, 3]},
}
DA_COMMENTS = {
    ("B01", "Q1", "aisha"): "MARAC-linked risk model; same-day contact for high-risk referrals",
    ("B01", "Q1", "carmen"): "Strong, but out-of-hours cover relies on the national helpline",
    ("B01", "Q2", "brian"): "Move-on support good; repeat-referral target not quantified",
    ("B02", "Q1", "aisha"): "Sound DASH-based triage; clear escalation to police",
    ("B02", "Q3", "carmen"): "Interpreting by phone only; no by-and-for partner named",
    ("B02", "SV1", "brian"): "Survivor employment pathway with two named employers",
    ("B03", "Q3", "aisha"): "Led by and for Black and minoritised women; outstanding reach",
    ("B03", "Q1", "brian"): "Small team; crisis cover at weekends is thin",
    ("B04", "Q1", "brian"): "Generic risk model adapted from adult social care",
    ("B05", "Q1", "aisha"): "Good IDVA ratio and 24-hour on-call rota",
    ("B05", "Q1", "brian"): "Safety planning described in outline only; no children's pathway",
    ("B05", "Q1", "carmen"): "Evidence of outcomes from the Kingsmead contract",
    ("B06", "Q1", "aisha"): "Refuge and dispersed accommodation on the same day",
    ("B06", "Q3", "aisha"): "No specialist provision; signposting only",
    ("B06", "Q3", "brian"): "Some outreach through tenancy officers",
}
DA_MODERATION = [
    ("B05", "Q1", 3, "Moderation meeting 3 March: on-call rota evidenced, children's pathway missing; agreed 3"),
    ("B06", "Q3", 2, "Moderation meeting 3 March: signposting to Amani Sisters only, no funded partnership; agreed 2"),
]
DA_DECISIONS = [
    ("B04", "ALT", "reject", "Clarification 8 March: staffing model prices IDVAs below the national pay scale; "
                             "explanation not accepted"),
    ("B06", "G2", "pass", "Working towards Women's Aid NQS: assessment booked 14 April, letter from Women's Aid seen"),
]

# ============================================================== street cleansing
SC_ROUND = dict(
    id="SC-2027-01", title="Street cleansing, litter and fly-tipping service", buyer="Eastbrook Borough Council",
    contract=[("annual-value", 1150000), ("years", 5), ("lots", 1), ("discount-rate", 0.035),
              ("budget", 5900000), ("over-budget", "keep")],
    timeline=("2027-03-01", "2027-03-22"),
    outcomes=[("O1", 1, "Streets meet the cleanliness standard (LEQ grade B or better on 90% of transects)"),
              ("O2", 2, "Fewer fly-tipping reports, cleared within 24 hours"),
              ("O3", 3, "Local jobs and apprenticeships for Eastbrook residents"),
              ("O4", 3, "A lower-carbon cleansing fleet")],
    requirements=['<turnover minimum="2300000"/>',
                  '<bond percent="10"/>',
                  '<insurance kind="public-liability" amount="10000000"/>',
                  '<insurance kind="employers-liability" amount="5000000"/>',
                  '<payment terms-days="30" arrears-months="1"/>'],
    evaluation=[("moderation", "median"), ("spread-flag", 3)],
    gates=[("G1", "Upper-tier waste carrier, broker and dealer registration"),
           ("G2", "Health and safety management system (ISO 45001 or equivalent)")],
    criteria=[dict(id="Q1", kind="quality", weight=30, scale=10, threshold=4, outcomes="O1",
                   text="Cleansing method, frequencies and performance management"),
              dict(id="Q2", kind="quality", weight=15, scale=10, outcomes="O2",
                   text="Fly-tipping response and enforcement support"),
              dict(id="Q3", kind="quality", weight=10, scale=10, outcomes="O1",
                   text="Mobilisation, TUPE and workforce"),
              dict(id="P", kind="price", weight=35, formula="linear-budget"),
              dict(id="SV1", kind="social-value", weight=5, scale=10, outcomes="O3",
                   theme="tackling-economic-inequality", text="Local employment and skills plan"),
              dict(id="SV2", kind="social-value-measures", weight=5, outcomes="O3 O4",
                   text="Quantified commitments")],
    alt=(0.85, "median"),
    measures=[dict(id="LOCAL-FTE", unit="FTE-year", proxy=24800, deadweight=0.25, attribution=0.1,
                   displacement=0.1, text="Eastbrook residents employed on the contract"),
              dict(id="APPRENTICE", unit="apprenticeship", proxy=8460, deadweight=0.15, duration=2,
                   **{"drop-off": 0.25}, text="12-month apprenticeships started"),
              dict(id="CO2E", unit="tCO2e", proxy=238, attribution=0.2, duration=5, **{"drop-off": 0.1},
                   text="Tonnes CO2e avoided a year (electric sweepers and caged tippers)"),
              dict(id="CLEANUP-DAYS", unit="event", proxy=650, deadweight=0.3,
                   text="Community clean-up days equipped and staffed")])


SC_BIDS = [
    dict(id="B01", name="Eastbrook Clean Streets CIC", type="vcse", size="small", turnover=2450000, reserves=80000,
         employees=64, bond=False, guarantee=False, gates=[("G1", "pass"), ("G2", "pass")], total=5598000,
         lines=yearly("Cleansing service", [1080000, 1100000, 1120000, 1140000, 1158000]),
         commitments=[("LOCAL-FTE", 150, "30 FTE a year, all Eastbrook residents"),
                      ("APPRENTICE", 10, "Two a year with Eastbrook College"),
                      ("CO2E", 60, "Two electric sweepers from month 3"),
                      ("CLEANUP-DAYS", 40, "Eight a year with residents' associations")],
         format="xlsx"),
    dict(id="B02", name="Veridian Environmental Services plc", type="large", size="large", turnover=410000000,
         reserves=38000000, employees=9500, bond=True, guarantee=True, gates=[("G1", "pass"), ("G2", "pass")],
         total=5430000,
         lines=yearly("Cleansing service", [1050000, 1070000, 1090000, 1100000, 1120000]),
         commitments=[("LOCAL-FTE", 100, None), ("APPRENTICE", 5, None), ("CO2E", 150, "Fully electric fleet by year 2")]),
    dict(id="B03", name="Greenline Street Services Ltd", type="sme", size="medium", turnover=6200000,
         reserves=540000, employees=140, bond=True, guarantee=False, gates=[("G1", "pass"), ("G2", "pass")],
         total=5525000,
         lines=yearly("Cleansing service", [1065000, 1085000, 1105000, 1125000, 1145000]),
         commitments=[("LOCAL-FTE", 120, None), ("APPRENTICE", 6, None), ("CLEANUP-DAYS", 20, None)],
         format="xlsx"),
    dict(id="B04", name="Eastbrook Municipal Services Ltd (council-owned company)", type="public", size="medium",
         turnover=14000000, reserves=1200000, employees=310, bond=True, guarantee=True,
         gates=[("G1", "pass"), ("G2", "pass")], total=5760000,
         lines=yearly("Cleansing service", [1110000, 1135000, 1155000, 1170000, 1190000]),
         commitments=[("LOCAL-FTE", 140, None), ("APPRENTICE", 8, None), ("CO2E", 40, None)]),
    dict(id="B05", name="CleanCo National Ltd", type="large", size="large", turnover=95000000, reserves=6000000,
         employees=2100, bond=True, guarantee=True, gates=[("G1", "pass"), ("G2", "pass")], total=4380000,
         lines=yearly("Cleansing service", [860000, 870000, 880000, 880000, 890000]),
         commitments=[("LOCAL-FTE", 60, None)]),
]

SC_EVAL = ["dev", "helen", "kwame"]
SC_SCORES = {
    "B01": {"Q1": [8, 8, 7], "Q2": [9, 8, 8], "Q3": [7, 7, 6], "SV1": [9, 9, 8]},
    "B02": {"Q1": [7, 7, 8], "Q2": [6, 7, 6], "Q3": [8, 8, 8], "SV1": [6, 5, 6]},
    "B03": {"Q1": [7, 6, 7], "Q2": [7, 7, 8], "Q3": [7, 6, 7], "SV1": [7, 7, 6]},
    "B04": {"Q1": [8, 5, 8], "Q2": [6, 6, 7], "Q3": [9, 8, 9], "SV1": [8, 7, 8]},
    "B05": {"Q1": [5, 2, 6], "Q2": [4, 5, 4], "Q3": [5, 5, 4], "SV1": [3, 3, 4]},
}
SC_COMMENTS = {
    ("B01", "Q1", "dev"): "Ward-based teams with LEQ self-monitoring every month",
    ("B01", "Q2", "helen"): "Same-day fly-tip clearance using the council's app; evidence photos",
    ("B02", "Q3", "kwame"): "Tried and tested TUPE plan from 40 contracts",
    ("B03", "Q2", "kwame"): "Hot-spot cameras offered at own cost",
    ("B04", "Q3", "dev"): "Current workforce transfers in-house; no TUPE risk",
    ("B04", "Q1", "helen"): "Relies on the current frequencies; no plan for the night-time economy",
    ("B05", "Q1", "dev"): "Frequencies below the specification in three town-centre zones",
    ("B05", "Q1", "helen"): "Method statement copied from another authority (wrong street names)",
    ("B05", "Q1", "kwame"): "Reasonable zoning but no LEQ monitoring",
}
SC_MODERATION = [
    ("B05", "Q1", 4, "Moderation 12 April: frequencies below specification; agreed 4 (meets the threshold)"),
]
SC_DECISIONS = [
    ("B05", "ALT", "reject", "Clarification 15 April: crew numbers 30% below the TUPE list; explanation not accepted"),
]


def write_round(name, rnd, bids, evaluators, scores, comments, moderation, decisions, scores_xlsx):
    d = os.path.join(HERE, name)
    os.makedirs(os.path.join(d, "bids"), exist_ok=True)
    for fn in os.listdir(os.path.join(d, "bids")):
        os.remove(os.path.join(d, "bids", fn))
    write(os.path.join(d, "round.xml"), round_xml(rnd))
    for b in bids:
        b = dict(b, round=rnd["id"])
        if b.get("format") == "xlsx":
            p = os.path.join(d, "bids", b["id"] + ".xlsx")
            bid_xlsx_openpyxl(p, b)
            lo_resave(p)
        else:
            write(os.path.join(d, "bids", b["id"] + ".xml"), bid_xml(b))
    rows = score_rows(scores, evaluators, comments)
    for fn in ("scores.csv", "scores.xlsx"):
        if os.path.exists(os.path.join(d, fn)):
            os.remove(os.path.join(d, fn))
    if scores_xlsx:
        import openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "scores"
        ws.append(SCORES_HDR)
        for r in rows:
            ws.append(list(r))
        p = os.path.join(d, "scores.xlsx")
        wb.save(p)
        lo_resave(p)
    else:
        write(os.path.join(d, "scores.csv"), csv_text(SCORES_HDR, rows))
    write(os.path.join(d, "moderation.csv"), csv_text(MODERATION_HDR, moderation))
    write(os.path.join(d, "decisions.csv"), csv_text(DECISIONS_HDR, decisions))
    print(d)


def main():
    write_round("domestic-abuse", DA_ROUND, DA_BIDS, DA_EVAL, DA_SCORES, DA_COMMENTS, DA_MODERATION, DA_DECISIONS,
                scores_xlsx=False)
    write_round("street-cleansing", SC_ROUND, SC_BIDS, SC_EVAL, SC_SCORES, SC_COMMENTS, SC_MODERATION, SC_DECISIONS,
                scores_xlsx=True)


if __name__ == "__main__":
    main()
