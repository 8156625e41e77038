#!/usr/bin/python3
"""Write the INPUT files of the golden end-to-end cases under tests/golden/cases/.

    /usr/bin/python3 tests/golden/make_cases.py [case-name ...]

Re-runnable: it rewrites round.xml, bids/, scores/moderation/decisions CSVs,
policy.xml and args of each case. It never touches expected.json or README.md,
which were worked out by hand (see each case's README.md for the arithmetic).
Workbook bids are written with openpyxl, so their bytes (timestamps) change on
every run; their content does not.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_lib import write_case  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")


def rnd(rid, title, buyer, annual=200000, years=3, lots=None, rate=None, budget=None, over=None,
        timeline=("2026-03-02", "2026-04-06"), outcomes=None, requirements=None, evaluation=None,
        gates=None, criteria=None, alt=None, measures=None):
    contract = [("annual-value", annual), ("years", years), ("lots", lots), ("discount-rate", rate),
                ("budget", budget), ("over-budget", over)]
    return dict(id=rid, title=title, buyer=buyer, contract=contract, timeline=timeline,
                outcomes=outcomes if outcomes is not None else [("O1", 1, "Residents get the service they need")],
                requirements=requirements or [], evaluation=evaluation or [("moderation", "median")],
                gates=gates or [], criteria=criteria, alt=alt, measures=measures or [])


def std_criteria(q=40, p=40, sv=20, formula=None, threshold=None, outcomes="O1"):
    return [dict(id="Q1", kind="quality", weight=q, scale=5, threshold=threshold, outcomes=outcomes,
                 text="Service delivery model"),
            dict(id="P", kind="price", weight=p, formula=formula),
            dict(id="SV1", kind="social-value", weight=sv, scale=5, outcomes=outcomes,
                 theme="tackling-economic-inequality", text="Local employment and skills")]


def bid(bid_id, name, btype, total=None, size="small", turnover=None, reserves=None, employees=None,
        bond=None, guarantee=None, gates=None, lines=None, commitments=None, fmt="xml"):
    return dict(id=bid_id, name=name, type=btype, size=size, turnover=turnover, reserves=reserves,
                employees=employees, bond=bond, guarantee=guarantee, gates=gates or [], total=total,
                lines=lines or [], commitments=commitments or [], format=fmt)


def scores(table, evaluators, comments=None):
    """table: {bid: {criterion: [score per evaluator]}} -> rows"""
    comments = comments or {}
    rows = []
    for b in sorted(table):
        for c in table[b]:
            for ev, s in zip(evaluators, table[b][c]):
                rows.append((b, c, ev, s, comments.get((b, c, ev), "")))
    return rows


CASES = []


def case(**kw):
    CASES.append(kw)


# ------------------------------------------------------------------ gate-override
case(name="gate-override",
     round=rnd("GT-2026-01", "Community meals service", "Thornbury District Council",
               gates=[("G1", "Food hygiene rating of 4 or 5 at every kitchen used"),
                      ("G2", "Enhanced DBS checks for every driver and volunteer")],
               criteria=std_criteria()),
     bids=[bid("B01", "Thornbury Community Kitchen CIC", "vcse", 500000, gates=[("G1", "pass"), ("G2", "pass")]),
           bid("B02", "Meadow Meals Ltd", "sme", 450000, gates=[("G1", "fail"), ("G2", "pass")]),
           bid("B03", "Fresh Plate Catering Ltd", "sme", 480000, gates=[("G1", "pass")]),
           bid("B04", "County Catering Services plc", "large", 400000, size="large",
               gates=[("G1", "pass"), ("G2", "pass")]),
           bid("B05", "Hot Dinners Direct Ltd", "sme", 420000, gates=[("G1", "fail"), ("G2", "fail")])],
     scores=scores({"B01": {"Q1": [4, 4], "SV1": [3, 3]},
                    "B02": {"Q1": [3, 3], "SV1": [3, 3]},
                    "B04": {"Q1": [5, 5], "SV1": [5, 5]}}, ["amy", "raj"],
                   {("B04", "Q1", "amy"): "Strong menu planning; scored before the DBS finding"}),
     decisions=[("B02", "G1", "pass", "Rating of 3 at the second kitchen was re-inspected: now 5 (certificate 14 March)"),
                ("B04", "G2", "fail", "Due diligence found 6 drivers without enhanced DBS checks")])

# --------------------------------------------------- gate-turnover-bond-guarantee
case(name="gate-turnover-bond-guarantee",
     round=rnd("GT-2026-02", "Housing-related floating support", "Ashcombe County Council",
               requirements=['<turnover minimum="500000"/>', '<bond percent="10"/>',
                             '<parent-guarantee required="true"/>'],
               criteria=std_criteria()),
     bids=[bid("B01", "Ashcombe Housing Support Group", "large", 560000, size="large", turnover=5000000,
               reserves=900000, employees=240, bond=True, guarantee=True),
           bid("B02", "Keystone Tenancy Support Ltd", "sme", 520000, turnover=450000, reserves=60000,
               employees=14, bond=True, guarantee=True, fmt="xlsx"),
           bid("B03", "Open Door Ashcombe", "vcse", 500000, size="micro", reserves=20000, employees=6,
               bond=False),
           bid("B04", "Citywide Care Holdings plc", "large", 480000, size="large", turnover=2000000,
               reserves=300000, employees=80, bond=True, guarantee=False),
           bid("B05", "Hearth and Home Support CIC", "sme", 540000, turnover=500000, reserves=45000,
               employees=22, bond=True, guarantee=True)],
     scores=scores({"B01": {"Q1": [4], "SV1": [3]}, "B02": {"Q1": [3], "SV1": [3]},
                    "B04": {"Q1": [3], "SV1": [2]}, "B05": {"Q1": [3], "SV1": [4]}}, ["lena"]))

# ---------------------------------------------------------- barrier-counterfactual
case(name="barrier-counterfactual",
     round=rnd("BR-2026-01", "Young carers support service", "Milbrook Borough Council",
               requirements=['<turnover minimum="300000"/>'],
               criteria=std_criteria()),
     bids=[bid("B01", "Milbrook Young Carers Trust", "vcse", 520000, size="micro", turnover=180000,
               reserves=40000, employees=7, fmt="xlsx",
               lines=[("Young carers support", "year", 1, 170000, 1), ("Young carers support", "year", 1, 173000, 2),
                      ("Young carers support", "year", 1, 177000, 3)]),
           bid("B02", "Bright Futures Support Ltd", "sme", 540000, turnover=900000, reserves=120000,
               employees=25),
           bid("B03", "National Family Services", "large", 600000, size="large", turnover=42000000,
               reserves=6000000, employees=900)],
     scores=scores({"B01": {"Q1": [5, 5, 4], "SV1": [5, 4, 5]},
                    "B02": {"Q1": [3, 4, 3], "SV1": [3, 3, 2]},
                    "B03": {"Q1": [4, 4, 4], "SV1": [2, 3, 3]}}, ["jo", "sam", "priya"],
                   {("B01", "Q1", "jo"): "Outstanding local knowledge; school links already in place"}))

# ----------------------------------------------------------------- barrier-cashflow
case(name="barrier-cashflow",
     round=rnd("BR-2026-02", "Employment support for care leavers (payment by results)", "Eastmoor City Council",
               annual=240000, years=2,
               requirements=['<insurance amount="1000000"/>',
                             '<payment terms-days="60" arrears-months="2" results-share="0.25" results-lag-months="12"/>'],
               gates=[("G1", "Safeguarding policy and DBS checks in place")],
               criteria=std_criteria()),
     bids=[bid("B01", "Stepping Stones Employment CIC", "sme", 470000, reserves=60000, turnover=700000,
               gates=[("G1", "pass")]),
           bid("B02", "Eastmoor Youth Trust", "vcse", 460000, reserves=90000, turnover=520000, gates=[("G1", "pass")]),
           bid("B03", "WorkWise UK plc", "large", 450000, size="large", reserves=50000, turnover=30000000,
               gates=[("G1", "pass")]),
           bid("B04", "Riverside Foyer", "vcse", 480000, turnover=400000, gates=[("G1", "pass")]),
           bid("B05", "Fresh Start Training Ltd", "sme", 440000, reserves=30000, turnover=350000,
               gates=[("G1", "fail")])],
     scores=scores({"B01": {"Q1": [4], "SV1": [3]}, "B02": {"Q1": [4], "SV1": [4]},
                    "B03": {"Q1": [3], "SV1": [2]}, "B04": {"Q1": [3], "SV1": [3]}}, ["mo"]))

# ---------------------------------------------------------------- barrier-round-flags
case(name="barrier-round-flags",
     round=rnd("BR-2026-03", "Highway verge and hedge maintenance", "Hollins County Council",
               annual=400000, years=3, lots=1, timeline=("2026-06-01", "2026-06-20"),
               requirements=['<insurance kind="public-liability" amount="10000000"/>',
                             '<insurance kind="employers-liability" amount="800000"/>',
                             '<insurance kind="professional-indemnity" amount="2000000"/>'],
               criteria=std_criteria(q=35, p=60, sv=5)),
     bids=[bid("B01", "Hollins Land Services Ltd", "sme", 1100000, turnover=2500000),
           bid("B02", "Greenway Contracting plc", "large", 1000000, size="large", turnover=60000000),
           bid("B03", "Vale Rural Works Co-operative", "mutual", 1150000, turnover=1800000)],
     scores=scores({"B01": {"Q1": [4], "SV1": [4]}, "B02": {"Q1": [3], "SV1": [2]},
                    "B03": {"Q1": [5], "SV1": [3]}}, ["kim"]))

# --------------------------------------------------------------------- barrier-policy
_pol_round = rnd("BR-2026-04", "Library outreach and digital inclusion", "Westerby Metropolitan Borough Council",
                 annual=300000, years=4, timeline=("2026-05-04", "2026-06-01"),
                 requirements=['<turnover minimum="500000"/>',
                               '<insurance kind="public-liability" amount="2000000"/>',
                               '<payment terms-days="40" arrears-months="2"/>'],
                 evaluation=[("moderation", "median"), ("policy", "policy.xml")],
                 criteria=std_criteria(q=40, p=45, sv=15))
case(name="barrier-policy",
     round=_pol_round,
     policy=[("turnover-multiple", 1.5), ("cashflow-months", 1), ("payment-days", 45), ("insurance-multiple", 10),
             ("lot-value", 2000000), ("min-days", 30), ("max-price-weight", 40), ("min-social-value", 20)],
     bids=[bid("B01", "Westerby Digital Skills CIC", "sme", 1150000, turnover=650000, reserves=40000),
           bid("B02", "Learning Together Trust", "vcse", 1180000, turnover=800000, reserves=55000)],
     scores=scores({"B01": {"Q1": [4, 3], "SV1": [4, 4]}, "B02": {"Q1": [4, 4], "SV1": [3, 3]}}, ["ola", "tom"]))

# ------------------------------------------------------- price-lowest-ratio-arithmetic
_G = [("G1", "pass")]
case(name="price-lowest-ratio-arithmetic",
     round=rnd("PR-2026-01", "Minor home adaptations", "Castlebrook District Council",
               gates=[("G1", "Gas Safe and NICEIC registration")], criteria=std_criteria()),
     bids=[bid("B01", "Castlebrook Handyperson Service CIC", "vcse", 498000, gates=_G,
               lines=[("Adaptations programme", "year", 1, 166000, 1), ("Adaptations programme", "year", 1, 166000, 2),
                      ("Adaptations programme", "year", 1, 166000, 3)]),
           bid("B02", "AbleHome Ltd", "sme", 500000, gates=_G,
               lines=[("Grab rails and ramps", "job", 300, 450, 1), ("Stairlift installations", "job", 40, 3500, 1),
                      ("Level-access showers", "job", 35, 4000, 1), ("Survey and admin", "year", 3, 30000, 1)]),
           bid("B03", "Brookside Builders Ltd", "sme", 510000, gates=_G),
           bid("B04", "Independent Living Works Ltd", "sme", 520000, gates=_G,
               lines=[("Adaptations programme", "year", 2, 260000.002, 1)]),
           bid("B05", "Quickfix Property Care Ltd", "sme", 480000, gates=[("G1", "fail")],
               lines=[("Adaptations programme", "year", 1, 470000, 1)])],
     scores=scores({"B01": {"Q1": [3], "SV1": [3]}, "B02": {"Q1": [4], "SV1": [3]},
                    "B03": {"Q1": [4], "SV1": [4]}, "B04": {"Q1": [5], "SV1": [3]}}, ["dee"]))

# ------------------------------------------------------------- price-discounted-lines
case(name="price-discounted-lines",
     round=rnd("PR-2026-02", "School crossing patrol service", "Fenwick Borough Council", rate=0.035,
               criteria=std_criteria()),
     bids=[bid("B01", "Safe Routes Ltd", "sme", 630000,
               lines=[("Patrol service", "year", 1, 200000, 1), ("Patrol service", "year", 1, 205000, 2),
                      ("Patrol service", "year", 1, 210000, 3), ("Mobilisation and training", "fixed", 1, 15000, None)]),
           bid("B02", "Fenwick Community Wardens CIC", "vcse", 620000,
               lines=[("Patrol officers", "FTE-year", 10, 25000, 1), ("Patrol officers", "FTE-year", 8, 23750, 2),
                      ("Patrol officers", "FTE-year", 8, 22500, 3)]),
           bid("B03", "Crossings UK plc", "large", 625000, size="large",
               lines=[("Patrol officers", "FTE-year", 6, 25000, 1), ("Patrol officers", "FTE-year", 8, 26875, 2),
                      ("Patrol officers", "FTE-year", 10, 26000, 3)])],
     scores=scores({"B01": {"Q1": [4, 4], "SV1": [3, 3]}, "B02": {"Q1": [3, 3], "SV1": [4, 4]},
                    "B03": {"Q1": [4, 4], "SV1": [3, 2]}}, ["ian", "zoe"]))

# ---------------------------------------------------------------------- price-deviation
case(name="price-deviation",
     round=rnd("PR-2026-03", "Translation and interpreting service", "Harbourside City Council",
               criteria=std_criteria(formula="deviation")),
     bids=[bid("B01", "LinguaNet Ltd", "sme", 400000),
           bid("B02", "Harbourside Interpreting Co-operative", "mutual", 500000),
           bid("B03", "Global Language Partners plc", "large", 900000, size="large")],
     scores=scores({"B01": {"Q1": [2], "SV1": [2]}, "B02": {"Q1": [4], "SV1": [3]},
                    "B03": {"Q1": [5], "SV1": [5]}}, ["eva"]))

# ------------------------------------------------------------------ price-linear-budget
case(name="price-linear-budget",
     round=rnd("PR-2026-04", "Community transport (dial-a-ride)", "Oakridge County Council", budget=600000,
               criteria=std_criteria(formula="linear-budget")),
     bids=[bid("B01", "Oakridge Community Transport", "vcse", 450000),
           bid("B02", "Rural Wheels Ltd", "sme", 500000),
           bid("B03", "TransCare Group plc", "large", 650000, size="large")],
     scores=scores({"B01": {"Q1": [3], "SV1": [3]}, "B02": {"Q1": [4], "SV1": [4]},
                    "B03": {"Q1": [5], "SV1": [5]}}, ["al"]))

case(name="price-linear-budget-b-below-l",
     round=rnd("PR-2026-05", "Befriending service for older people", "Oakridge County Council", budget=400000,
               over="keep", criteria=std_criteria(formula="linear-budget")),
     bids=[bid("B01", "Oakridge Age Concern", "vcse", 450000),
           bid("B02", "Friendly Visits CIC", "sme", 450000),
           bid("B03", "CareLink Services Ltd", "sme", 500000)],
     scores=scores({"B01": {"Q1": [3], "SV1": [3]}, "B02": {"Q1": [4], "SV1": [3]},
                    "B03": {"Q1": [5], "SV1": [5]}}, ["al"]))

case(name="price-linear-budget-b-equals-l",
     round=rnd("PR-2026-06", "Befriending service for older people (re-run)", "Oakridge County Council",
               budget=450000, criteria=std_criteria(formula="linear-budget")),
     bids=[bid("B01", "Oakridge Age Concern", "vcse", 450000),
           bid("B02", "Friendly Visits CIC", "sme", 455000),
           bid("B03", "CareLink Services Ltd", "sme", 500000)],
     scores=scores({"B01": {"Q1": [3], "SV1": [3]}, "B02": {"Q1": [4], "SV1": [4]},
                    "B03": {"Q1": [5], "SV1": [5]}}, ["al"]))

# ------------------------------------------------------------------- alt-median-reject
case(name="alt-median-reject",
     round=rnd("AL-2026-01", "Office cleaning, civic buildings", "Redcliffe Borough Council",
               alt=(0.9, "median"), criteria=std_criteria(threshold=2)),
     bids=[bid("B01", "Budget Shine Ltd", "sme", 250000),
           bid("B02", "Redcliffe Cleaning Co-operative", "mutual", 330000),
           bid("B03", "Spotless Facilities Ltd", "sme", 450000),
           bid("B04", "Premier FM Services plc", "large", 500000, size="large"),
           bid("B05", "Cut Price Cleaners Ltd", "sme", 200000, size="micro")],
     scores=scores({"B01": {"Q1": [2], "SV1": [2]}, "B02": {"Q1": [3], "SV1": [4]},
                    "B03": {"Q1": [4], "SV1": [3]}, "B04": {"Q1": [5], "SV1": [3]},
                    "B05": {"Q1": [1], "SV1": [1]}}, ["viv"]),
     decisions=[("B01", "ALT", "reject", "Hourly rate below the National Living Wage; explanation not accepted"),
                ("B02", "ALT", "accept", "Co-operative members' own premises; costs evidenced"),
                ("B04", "ALT", "reject", "Entered in error by the evaluation clerk")])

# --------------------------------------------------------------- alt-mean-over-budget
case(name="alt-mean-over-budget",
     round=rnd("AL-2026-02", "Parks and open spaces grounds maintenance", "Kingsmead District Council",
               annual=125000, years=4, budget=500000, over="exclude", alt=(0.8, "mean"),
               criteria=std_criteria()),
     bids=[bid("B01", "Lowcost Landscapes Ltd", "sme", 180000),
           bid("B02", "Kingsmead Green Spaces CIC", "vcse", 290000),
           bid("B03", "Meadowcraft Ltd", "sme", 340000),
           bid("B04", "Parkland Services Ltd", "sme", 450000),
           bid("B05", "Verdant Estates plc", "large", 700000, size="large")],
     scores=scores({"B01": {"Q1": [2], "SV1": [2]}, "B02": {"Q1": [3], "SV1": [4]},
                    "B03": {"Q1": [4], "SV1": [3]}, "B04": {"Q1": [4], "SV1": [4]},
                    "B05": {"Q1": [5], "SV1": [4]}}, ["nia"]),
     decisions=[("B01", "ALT", "reject", "Price does not cover the specified mowing frequency")])

# ------------------------------------------------------- quality-median-even-spread
case(name="quality-median-even-spread",
     round=rnd("QU-2026-01", "Independent advocacy service", "Stonebridge County Council",
               evaluation=[("moderation", "median"), ("spread-flag", 2)],
               criteria=std_criteria(threshold=2)),
     bids=[bid("B01", "Stonebridge Advocacy Hub", "vcse", 520000),
           bid("B02", "VoiceAbility Partners Ltd", "sme", 480000),
           bid("B03", "Speak Up Stonebridge", "vcse", 500000),
           bid("B04", "Advocacy Plus Ltd", "sme", 540000),
           bid("B05", "National Advocacy Group", "large", 450000, size="large")],
     scores=scores({"B01": {"Q1": [1, 3, 4, 5], "SV1": [3, 3, 4, 4]},
                    "B02": {"Q1": [1, 1, 2, 5], "SV1": [2, 3, 3, 3]},
                    "B03": {"Q1": [1, 2, 2, 3], "SV1": [4, 4, 4, 5]},
                    "B04": {"Q1": [0, 2, 4, 4], "SV1": [2, 2, 4, 4]},
                    "B05": {"Q1": [3, 3, 3, 3], "SV1": [3, 3, 3, 3]}}, ["ann", "bob", "cat", "dan"],
                   {("B04", "Q1", "ann"): "Method statement for Q1 missing from the upload"}),
     moderation=[("B04", "Q1", 4, "Method statement found in appendix C; ann re-scored at the meeting"),
                 ("B05", "Q1", 1, "Model relies on a national call centre; no local presence as required")])

# ------------------------------------------------------------------------ quality-mean
case(name="quality-mean",
     round=rnd("QU-2026-02", "Youth mentoring programme", "Ellerby City Council",
               evaluation=[("moderation", "mean")],
               criteria=[dict(id="Q1", kind="quality", weight=30, scale=10, threshold=4, outcomes="O1", text="Mentoring model"),
                         dict(id="Q2", kind="quality", weight=20, scale=10, outcomes="O1", text="Recruitment and training of mentors"),
                         dict(id="P", kind="price", weight=35),
                         dict(id="SV1", kind="social-value", weight=15, scale=10, outcomes="O1", text="Volunteering and local skills")]),
     bids=[bid("B01", "Ellerby Mentors", "vcse", 610000),
           bid("B02", "Pathway Youth Services Ltd", "sme", 560000),
           bid("B03", "Brighter Horizons Trust", "vcse", 590000)],
     scores_xlsx=scores({"B01": {"Q1": [7, 8, 8], "Q2": [6, 6, 7], "SV1": [5, 9, 4]},
                         "B02": {"Q1": [3, 4, 4], "Q2": [8, 8, 8], "SV1": [7, 7, 7]},
                         "B03": {"Q1": [2, 6, 7], "Q2": [9, 7, 8], "SV1": [6, 6, 5]}}, ["fay", "gus", "hal"],
                        {("B01", "SV1", "gus"): "Volunteer pipeline with the FE college is convincing"}),
     moderation=[("B03", "Q2", 6, "Mentor training plan relies on an unfunded partner course")])

# ------------------------------------------------------------------- quality-consensus
case(name="quality-consensus",
     round=rnd("QU-2026-03", "Short breaks for unpaid carers", "Ridgeway Borough Council",
               evaluation=[("moderation", "consensus")],
               criteria=[dict(id="Q1", kind="quality", weight=30, scale=5, outcomes="O1", text="Breaks offer"),
                         dict(id="Q2", kind="quality", weight=20, scale=5, outcomes="O1", text="Booking and access"),
                         dict(id="P", kind="price", weight=40),
                         dict(id="SV1", kind="social-value", weight=10, scale=5, outcomes="O1", text="Community benefit")]),
     bids=[bid("B01", "Ridgeway Carers Centre", "vcse", 450000),
           bid("B02", "Respite Partners Ltd", "sme", 430000),
           bid("B03", "Time Out Care CIC", "sme", 470000)],
     scores=scores({"B01": {"Q1": [4, 4], "Q2": [3, 3], "SV1": [3, 3]},
                    "B02": {"Q1": [3, 5], "Q2": [4, 4], "SV1": [2, 3]},
                    "B03": {"Q1": [2, 2], "Q2": [5, 5], "SV1": [4, 4]}}, ["uma", "vic"]),
     moderation=[("B02", "Q1", 4, "Consensus meeting 12 May: agreed 4"),
                 ("B02", "SV1", 2, "Consensus meeting 12 May: commitments not costed, agreed 2"),
                 ("B03", "Q2", 4, "Panel chair: online booking only, agreed 4 after discussion")])

# ------------------------------------------------------------------------------ sv-sroi
case(name="sv-sroi",
     round=rnd("SV-2026-01", "Responsive housing repairs", "Greyford Borough Council", rate=0.035,
               outcomes=[("O1", 1, "Repairs fixed right first time"), ("O2", 2, "Local people in good jobs")],
               evaluation=[("moderation", "median"), ("overclaim-ratio", 0.3)],
               criteria=[dict(id="Q1", kind="quality", weight=35, scale=5, outcomes="O1", text="Repairs service model"),
                         dict(id="P", kind="price", weight=40),
                         dict(id="SV1", kind="social-value", weight=10, scale=5, outcomes="O2", text="Social value method statement"),
                         dict(id="SV2", kind="social-value-measures", weight=15, outcomes="O2", text="Quantified commitments")],
               measures=[dict(id="LOCAL-JOBS", unit="FTE-year", proxy=24000, deadweight=0.25, attribution=0.1,
                              displacement=0.2, text="Local residents employed on the contract"),
                         dict(id="APPRENTICE", unit="apprenticeship", proxy=8460, deadweight=0.15, duration=3,
                              **{"drop-off": 0.25}, text="12-month apprenticeships started"),
                         dict(id="CO2E", unit="tCO2e", proxy=238, attribution=0.2, duration=5,
                              **{"drop-off": 0.1}, text="Tonnes CO2e avoided through fleet electrification")]),
     bids=[bid("B01", "Greyford Property Care Ltd", "sme", 700000,
               commitments=[("LOCAL-JOBS", 6, "Six local operatives a year"), ("APPRENTICE", 4, None),
                            ("CO2E", 120, "Three electric vans from month 6")]),
           bid("B02", "Greyford Homes Repairs Co-operative", "mutual", 650000,
               commitments=[("LOCAL-JOBS", 10, None), ("APPRENTICE", 2, None)]),
           bid("B03", "Nationwide Maintenance plc", "large", 620000, size="large",
               commitments=[("LOCAL-JOBS", 3, None), ("APPRENTICE", 10, None), ("CO2E", 400, "Whole fleet electric")]),
           bid("B04", "FixFast Ltd", "sme", 600000)],
     scores=scores({"B01": {"Q1": [4, 4], "SV1": [4, 4]}, "B02": {"Q1": [4, 4], "SV1": [5, 5]},
                    "B03": {"Q1": [3, 3], "SV1": [2, 2]}, "B04": {"Q1": [3, 3], "SV1": [1, 1]}}, ["pat", "lee"]))

# ------------------------------------------------------------------------ rank-tie-break
case(name="rank-tie-break",
     round=rnd("RK-2026-01", "Adult community learning", "Ashdown County Council", criteria=std_criteria()),
     bids=[bid("B01", "Ashdown Adult Learning Ltd", "sme", 400000),
           bid("B02", "Workers' Education Partnership", "vcse", 450000),
           bid("B03", "Skills4All Ltd", "sme", 360000),
           bid("B04", "LearnCo Training Ltd", "sme", 360000)],
     scores=scores({"B01": {"Q1": [4], "SV1": [3]}, "B02": {"Q1": [5], "SV1": [2]},
                    "B03": {"Q1": [2], "SV1": [2]}, "B04": {"Q1": [2], "SV1": [2]}}, ["ray"]))

# ------------------------------------------------------------------- rank-tie-unresolved
case(name="rank-tie-unresolved",
     round=rnd("RK-2026-02", "Sports development programme", "Penmore District Council",
               criteria=[dict(id="Q1", kind="quality", weight=20, scale=5, outcomes="O1", text="Programme design"),
                         dict(id="Q2", kind="quality", weight=20, scale=5, outcomes="O1", text="Coaching workforce"),
                         dict(id="P", kind="price", weight=40),
                         dict(id="SV1", kind="social-value", weight=20, scale=5, outcomes="O1", text="Community benefit")]),
     bids=[bid("B01", "Penmore Sports Trust", "vcse", 300000),
           bid("B02", "Active Lives Ltd", "sme", 300000),
           bid("B03", "Premier Coaching plc", "large", 320000, size="large")],
     scores=scores({"B01": {"Q1": [4], "Q2": [3], "SV1": [3]}, "B02": {"Q1": [3], "Q2": [4], "SV1": [3]},
                    "B03": {"Q1": [4], "Q2": [4], "SV1": [2]}}, ["wes"]))

# -------------------------------------------------------------------------- rank-reversal
case(name="rank-reversal",
     round=rnd("RK-2026-03", "Pest control service", "Lowfield Borough Council", criteria=std_criteria()),
     bids=[bid("B01", "Lowfield Environmental Services Ltd", "sme", 600000),
           bid("B02", "Pestaway Ltd", "sme", 400000),
           bid("B03", "Cheap Traps Ltd", "sme", 300000, size="micro")],
     scores=scores({"B01": {"Q1": [5], "SV1": [4]}, "B02": {"Q1": [4], "SV1": [3]},
                    "B03": {"Q1": [2], "SV1": [2]}}, ["xia"]))

# ----------------------------------------------------------------------------- align-flags
case(name="align-flags",
     round=rnd("AG-2026-01", "Stop smoking service", "Brenton County Council",
               outcomes=[("O1", 1, "More smokers quit at four weeks"), ("O2", 2, "Fewer smokers in routine and manual jobs"),
                         ("O3", 2, "Pregnant smokers supported to quit"), ("O4", 3, "Local voluntary groups involved"),
                         ("O5", 4, "Fewer young people start smoking")],
               criteria=[dict(id="Q1", kind="quality", weight=25, scale=5, outcomes="O2", text="Reaching routine and manual workers"),
                         dict(id="Q2", kind="quality", weight=15, scale=5, outcomes="O1 O3", text="Quit support model"),
                         dict(id="P", kind="price", weight=40, outcomes="O1 O2"),
                         dict(id="SV1", kind="social-value", weight=10, scale=5, text="Social value method statement"),
                         dict(id="SV2", kind="social-value-measures", weight=10, outcomes="O4", text="Quantified commitments")],
               measures=[dict(id="VOL-HOURS", unit="hour", proxy=17.5, text="Volunteering hours supported")]),
     bids=[bid("B01", "Brenton Quit Smoking Service CIC", "sme", 380000,
               commitments=[("VOL-HOURS", 2000, None)]),
           bid("B02", "Healthy Lives UK Ltd", "large", 360000, size="large",
               commitments=[("VOL-HOURS", 500, None)])],
     scores=scores({"B01": {"Q1": [3], "Q2": [5], "SV1": [4]}, "B02": {"Q1": [4], "Q2": [3], "SV1": [3]}}, ["yan"]))

# ------------------------------------------------------------------- align-counterfactual
case(name="align-counterfactual",
     round=rnd("AG-2026-02", "Homelessness prevention service", "Darnley City Council",
               outcomes=[("O1", 1, "Households prevented from becoming homeless"),
                         ("O2", 2, "Fewer households in temporary accommodation"),
                         ("O3", 2, "Tenancies sustained for twelve months")],
               criteria=[dict(id="Q1", kind="quality", weight=30, scale=5, outcomes="O1", text="Prevention casework model"),
                         dict(id="Q2", kind="quality", weight=20, scale=5, outcomes="O2", text="Move-on from temporary accommodation"),
                         dict(id="P", kind="price", weight=40),
                         dict(id="SV1", kind="social-value", weight=10, scale=5, outcomes="O3", text="Tenancy sustainment with local partners")]),
     bids=[bid("B01", "Darnley Housing Advice Centre", "vcse", 500000),
           bid("B02", "Homes First Ltd", "sme", 490000),
           bid("B03", "Shelter Partnership Services", "vcse", 520000)],
     scores=scores({"B01": {"Q1": [3, 3], "Q2": [5, 5], "SV1": [5, 5]},
                    "B02": {"Q1": [5, 5], "Q2": [2, 2], "SV1": [2, 2]},
                    "B03": {"Q1": [4, 4], "Q2": [3, 3], "SV1": [3, 3]}}, ["abe", "bea"]))

# ---------------------------------------------------------------------- sens-one-at-a-time
case(name="sens-one-at-a-time",
     round=rnd("SE-2026-01", "Welfare rights advice", "Corbridge Borough Council",
               criteria=[dict(id="Q1", kind="quality", weight=30, scale=5, outcomes="O1", text="Advice model"),
                         dict(id="Q2", kind="quality", weight=10, scale=5, outcomes="O1", text="Outreach"),
                         dict(id="P", kind="price", weight=40),
                         dict(id="SV1", kind="social-value", weight=20, scale=5, outcomes="O1", text="Community benefit")]),
     bids=[bid("B01", "Corbridge Citizens Advice", "vcse", 480000),
           bid("B02", "Money Matters Ltd", "sme", 450000),
           bid("B03", "Advice Direct plc", "large", 600000, size="large")],
     scores=scores({"B01": {"Q1": [3], "Q2": [2], "SV1": [5]}, "B02": {"Q1": [2], "Q2": [3], "SV1": [4]},
                    "B03": {"Q1": [2], "Q2": [5], "SV1": [3]}}, ["cy"]))

# ------------------------------------------------------------------------------ sens-smaa
case(name="sens-smaa",
     round=rnd("SE-2026-02", "Tree surgery and arboriculture", "Bramwell District Council", criteria=std_criteria()),
     bids=[bid("B01", "Bramwell Tree Care Ltd", "sme", 400000),
           bid("B02", "Canopy Services Ltd", "sme", 450000),
           bid("B03", "Arbor National plc", "large", 500000, size="large")],
     scores=scores({"B01": {"Q1": [5, 5], "SV1": [5, 5]}, "B02": {"Q1": [4, 4], "SV1": [4, 4]},
                    "B03": {"Q1": [3, 3], "SV1": [3, 3]}}, ["dot", "eli"]),
     args="--smaa-draws 20000 --seed 7")


def main(names):
    for c in CASES:
        if names and c["name"] not in names:
            continue
        print(write_case(ROOT, c))


if __name__ == "__main__":
    main(sys.argv[1:])
