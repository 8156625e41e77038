#!/usr/bin/env python3
"""`tender import-notice` on every notice in ../shared/data (read in place).

Every eForms notice (SDK examples and the real converted TED notices) must
import (exit 0), writing DIR/<lot>/round.xml for each lot and lots group that
this script finds itself by reading the notice (namespaces by URI), with the
criteria in the notice's order and, where a lot's weights are plain
percentages summing to 100, exactly those weights. Each skeleton must then
load in `tender check`: exit 0 or 3, or exit 2 only for the reasons the import
announced (a weight of 0 where the notice gave none usable, several or no
price criteria, weights not summing to 100). Legacy TED XML and JSON files
must be refused (exit 2, the reason named, nothing written). Specific
criteria and weights of cn_24_FRA_comments.xml and cn_24_maximal.xml are
checked as read by hand; also determinism and a hostile notice.
Prints a per-file outcome table. Skips (exit 77) when ../shared is absent.
Usage: import_notices.py SHARED_DATA_DIR TENDER_BINARY
"""
import filecmp
import glob
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

CBC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
CAC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}"
EFAC = "{http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1}"
EFBC = "{http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1}"
ROUND = "{urn:tender-engine:round:1}"
CHECK_REASONS = ("weights must be > 0", "criterion weights sum to",
                 "exactly one criterion of kind price")
IMPORT_REASONS = ('PLACEHOLDER weight="0"', "price or cost criteri", "kept as published")
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True)


def expected_lots(path):
    """{lot id: [(type, [(list, code, number)])]} read from the notice."""
    lots = {}
    for lot in ET.parse(path).getroot().findall(CAC + "ProcurementProjectLot"):
        crits = []
        for sac in lot.iter(CAC + "SubordinateAwardingCriterion"):
            params = [(p.find(EFBC + "ParameterCode").get("listName"),
                       p.find(EFBC + "ParameterCode").text,
                       float(p.find(EFBC + "ParameterNumeric").text))
                      for p in sac.iter(EFAC + "AwardCriterionParameter")]
            crits.append((sac.find(CBC + "AwardingCriterionTypeCode").text, params))
        lots[lot.find(CBC + "ID").text] = crits
    return lots


def read_round(path):
    root = ET.parse(path).getroot()  # also proves the file is well-formed
    return root, [(c.get("id"), c.get("kind"), float(c.get("weight")), c.text)
                  for c in root.iter(ROUND + "criterion")]


def check_weights(name, lot, crits, got):
    codes = {p[1] for _, params in crits for p in params if p[0] == "number-weight"}
    numbers = [next((p[2] for p in params if p[0] == "number-weight"), None)
               for _, params in crits]
    if codes == {"per-exa"} and None not in numbers and abs(sum(numbers) - 100) < 1e-9:
        check([g[2] for g in got] == numbers, "%s %s weights %s, notice says %s"
              % (name, lot, [g[2] for g in got], numbers))
    if "ord-imp" in codes or not codes:
        check(all(g[2] == 0 for g in got), "%s %s: weights must be left 0" % (name, lot))


def check_skeleton(binary, name, lot, crits, folder):
    path = os.path.join(folder, "round.xml")
    if not os.path.exists(path):
        failures.append("%s: no round.xml for %s" % (name, lot))
        return "missing"
    _, got = read_round(path)
    check(len(got) == len(crits), "%s %s: %d criteria, notice has %d" % (name, lot, len(got),
                                                                         len(crits)))
    kinds = ["price" if t in ("price", "cost") else "quality" for t, _ in crits]
    check([g[1] for g in got] == kinds, "%s %s kinds %s" % (name, lot, [g[1] for g in got]))
    check_weights(name, lot, crits, got)
    proc = run(binary, "check", path)
    if proc.returncode in (0, 3):
        return "check ok (%d)" % proc.returncode
    errors = [l for l in proc.stderr.splitlines() if ": error: " in l]
    with open(os.path.join(folder, "NOTICE-WARNINGS.txt"), encoding="utf-8") as f:
        warnings = f.read()
    check(proc.returncode == 2 and errors, "%s %s: check exit %d" % (name, lot, proc.returncode))
    check(all(any(r in e for r in CHECK_REASONS) for e in errors),
          "%s %s: unexpected check errors %s" % (name, lot, errors))
    check(any(r in warnings for r in IMPORT_REASONS),
          "%s %s: check refuses but the import did not warn" % (name, lot))
    return "check refuses: " + "; ".join(sorted({r for e in errors for r in CHECK_REASONS
                                                  if r in e}))


def import_eforms(binary, path, tmp, table):
    name = os.path.basename(path)
    out = os.path.join(tmp, name)
    proc = run(binary, "import-notice", path, "-o", out)
    if proc.returncode != 0:
        failures.append("%s: exit %d: %s" % (name, proc.returncode, proc.stderr))
        table.append((name, "-", "exit %d" % proc.returncode))
        return
    lots = expected_lots(path)
    check(sorted(os.listdir(out)) == sorted(lots), "%s: folders %s, lots %s"
          % (name, sorted(os.listdir(out)), sorted(lots)))
    for lot, crits in lots.items():
        outcome = check_skeleton(binary, name, lot, crits, os.path.join(out, lot))
        table.append((name, lot, "imported %d criteria; %s" % (len(crits), outcome)))
    again = os.path.join(tmp, name + ".again")
    run(binary, "import-notice", path, "-o", again)
    for lot in lots:
        check(filecmp.cmp(os.path.join(out, lot, "round.xml"),
                          os.path.join(again, lot, "round.xml"), shallow=False),
              "%s %s: two imports differ" % (name, lot))


def refuse(binary, path, tmp, reason, table):
    name = os.path.basename(path)
    out = os.path.join(tmp, "refused-" + name)
    proc = run(binary, "import-notice", path, "-o", out)
    check(proc.returncode == 2, "%s: exit %d, expected 2" % (name, proc.returncode))
    check(path in proc.stderr and reason in proc.stderr, "%s: reason %r not in %r"
          % (name, reason, proc.stderr))
    check(not os.path.exists(out), "%s: something was written" % name)
    table.append((name, "-", "refused (exit %d): %s" % (proc.returncode, reason)))


def criteria_of(out, lot):
    return read_round(os.path.join(out, lot, "round.xml"))


def warnings_of(out, lot):
    with open(os.path.join(out, lot, "NOTICE-WARNINGS.txt"), encoding="utf-8") as f:
        return f.read()


def check_fra(binary, data, tmp):
    """cn_24_FRA_comments.xml, read by hand: two lots, each price 'Prix' per-exa 60 and
    quality 'Qualité' per-exa 40; lot 2's descriptions say 40 % (price) and 60 % (quality)."""
    out = os.path.join(tmp, "fra")
    run(binary, "import-notice", os.path.join(data, "eforms", "cn_24_FRA_comments.xml"), "-o", out)
    for lot in ("LOT-0001", "LOT-0002"):
        root, got = criteria_of(out, lot)
        check(got == [("P", "price", 60.0, "Prix"), ("Q1", "quality", 40.0, "Qualité")],
              "FRA %s criteria %s" % (lot, got))
        check(root.find(ROUND + "buyer").text == "Rouen Habitat", "FRA buyer")
        check(root.find(ROUND + "timeline").get("deadline") == "2019-06-24", "FRA deadline")
    w2 = warnings_of(out, "LOT-0002")
    check("LOT-0002 P: the description says 40 % but the weight (BT-541) is 60" in w2,
          "FRA lot 2: the 40 %% text against weight 60 is not flagged:\n" + w2)
    check("LOT-0002 Q1: the description says 60 % but the weight (BT-541) is 40" in w2,
          "FRA lot 2 quality contradiction not flagged")
    check("the description says" not in warnings_of(out, "LOT-0001"), "FRA lot 1 is consistent")


def check_maximal(binary, data, tmp):
    """cn_24_maximal.xml, read by hand: GLO-0001, LOT-0001, LOT-0002, each cost per-exa 60 and
    quality per-exa 40, estimated value 9999999.99 EUR."""
    out = os.path.join(tmp, "maximal")
    run(binary, "import-notice", os.path.join(data, "eforms", "cn_24_maximal.xml"), "-o", out)
    check(sorted(os.listdir(out)) == ["GLO-0001", "LOT-0001", "LOT-0002"], "maximal folders")
    for lot in ("GLO-0001", "LOT-0001", "LOT-0002"):
        root, got = criteria_of(out, lot)
        check([g[:3] for g in got] == [("P", "price", 60.0), ("Q1", "quality", 40.0)],
              "maximal %s criteria %s" % (lot, got))
        check(root.get("currency") == "EUR", "maximal %s currency" % lot)
        contract = root.find(ROUND + "contract")
        total = float(contract.get("annual-value")) * float(contract.get("years"))
        check(abs(total - 9999999.99) < 1e-3, "maximal %s value %s" % (lot, total))
        check("cost criterion" in warnings_of(out, lot), "maximal %s: cost not explained" % lot)
        check(run(binary, "check", os.path.join(out, lot, "round.xml")).returncode in (0, 3),
              "maximal %s does not pass tender check" % lot)


HOSTILE = """<?xml version="1.0" encoding="UTF-8"?>
<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
 <cac:ProcurementProjectLot><cbc:ID schemeName="Lot">LOT-0001</cbc:ID>
  <cac:TenderingTerms><cac:AwardingTerms><cac:AwardingCriterion>
   <cbc:CalculationExpression>--&gt; &lt;evil/&gt; &lt;!--</cbc:CalculationExpression>
   <cac:SubordinateAwardingCriterion>
    <cbc:AwardingCriterionTypeCode>quality</cbc:AwardingCriterionTypeCode>
    <cbc:Name>NAME</cbc:Name></cac:SubordinateAwardingCriterion>
  </cac:AwardingCriterion></cac:AwardingTerms></cac:TenderingTerms>
  <cac:ProcurementProject><cbc:Name>TITLE</cbc:Name></cac:ProcurementProject>
 </cac:ProcurementProjectLot></ContractNotice>
"""
EVIL_NAME = '=HYPERLINK("http://evil","x")<script>alert(1)</script>'
EVIL_TITLE = "Lot --> ]]> <round id=\"x\"/> & co"


def check_hostile(binary, tmp):
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    path = os.path.join(tmp, "hostile.xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(HOSTILE.replace("NAME", esc(EVIL_NAME)).replace("TITLE", esc(EVIL_TITLE)))
    out = os.path.join(tmp, "hostile-out")
    proc = run(binary, "import-notice", path, "-o", out)
    check(proc.returncode == 0, "hostile notice: exit %d %s" % (proc.returncode, proc.stderr))
    if proc.returncode != 0:
        return
    root, got = criteria_of(out, "LOT-0001")
    check(root.find(ROUND + "title").text == EVIL_TITLE, "hostile title not kept as text")
    check(got == [("Q1", "quality", 0.0, EVIL_NAME)], "hostile criterion %s" % got)
    check(len(list(root.iter(ROUND + "round"))) == 1, "markup injected")


def check_unreadable(binary, tmp):
    out = os.path.join(tmp, "none")
    proc = run(binary, "import-notice", os.path.join(tmp, "no-such.xml"), "-o", out)
    check(proc.returncode == 2 and "no-such.xml" in proc.stderr and not os.path.exists(out),
          "a missing file must exit 2 naming it, writing nothing")


def main(data, binary):
    if not os.path.isdir(data):
        print("SKIP: %s not found (the shared data folder is absent)" % data)
        return 77
    table = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(glob.glob(os.path.join(data, "eforms", "*.xml")) +
                           glob.glob(os.path.join(data, "real", "ted", "eforms-xml", "*"))):
            import_eforms(binary, path, tmp, table)
        for path in sorted(glob.glob(os.path.join(data, "real", "ted", "ted-xml", "*"))):
            refuse(binary, path, tmp, "legacy TED XML notice (schema R2.0.9", table)
        for path in sorted(glob.glob(os.path.join(data, "real", "prozorro", "*"))):
            refuse(binary, path, tmp, "not an eForms notice", table)
        check_fra(binary, data, tmp)
        check_maximal(binary, data, tmp)
        check_hostile(binary, tmp)
        check_unreadable(binary, tmp)
    for name, lot, outcome in table:
        print("%-28s %-9s %s" % (name, lot, outcome))
    for f in failures:
        print("FAIL:", f)
    print("import-notice: %s" % ("FAILED" if failures else "ok"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])))
