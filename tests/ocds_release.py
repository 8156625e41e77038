#!/usr/bin/env python3
"""The open-data award (`tender evaluate --report DIR` -> DIR/ocds-release.json).

Validates the release package of the example round against the official OCDS
1.1.5 schemas in ../shared/data/ocds: the package schema, and the release
schema with the lots, awardCriteria and bids extensions applied as OCDS applies
them (each extension's release-schema.json merged in by JSON Merge Patch,
RFC 7386), with jsonschema's Draft4Validator and no network. Checks the open
codelists too, then the content against result.json and round.xml (winner,
ranks, statuses, values, weights), determinism, the ocid prefix option, and
that a hostile bidder name stays a plain JSON string.
Skips (exit 77) when ../shared/data/ocds or python3-jsonschema is absent.
Usage: ocds_release.py OCDS_DIR EXAMPLE_DIR TENDER_BINARY
"""
import csv
import copy
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

EVIL = '=HYPERLINK("http://evil","x")<script>alert(1)</script>'
ROUND_NS = "{urn:tender-engine:round:1}"
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def merge_patch(target, patch):
    """RFC 7386 JSON Merge Patch."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


def load_json(*parts):
    with open(os.path.join(*parts), encoding="utf-8") as f:
        return json.load(f)


def release_schema(ocds):
    schema = load_json(ocds, "standard-1.1.5", "release-schema.json")
    for ext in ("ocds_lots_extension", "ocds_awardCriteria_extension", "ocds_bid_extension"):
        schema = merge_patch(schema, load_json(ocds, ext, "release-schema.json"))
    return schema


def codes(*parts, column="Code"):
    with open(os.path.join(*parts), encoding="utf-8") as f:
        return {row[column] for row in csv.DictReader(f)}


def evaluate(case, binary, out_dir, extra=()):
    cmd = [binary, "evaluate", os.path.join(case, "round.xml"),
           "--bids", os.path.join(case, "bids"), "--scores", os.path.join(case, "scores.csv"),
           "--moderation", os.path.join(case, "moderation.csv"),
           "--decisions", os.path.join(case, "decisions.csv"),
           "--json", os.path.join(out_dir, "result.json"), "--report", out_dir,
           "--smaa-draws", "100", "--quiet", *extra]
    return subprocess.run(cmd, capture_output=True, text=True)


def validate(jsonschema, ocds, package):
    pkg_schema = load_json(ocds, "standard-1.1.5", "release-package-schema.json")
    pkg_schema["properties"]["releases"]["items"] = {}  # each release is checked below
    checker = jsonschema.FormatChecker()
    for error in jsonschema.Draft4Validator(pkg_schema, format_checker=checker).iter_errors(package):
        failures.append("package schema: %s at %s" % (error.message, list(error.path)))
    schema = release_schema(ocds)
    jsonschema.Draft4Validator.check_schema(schema)
    validator = jsonschema.Draft4Validator(schema, format_checker=checker)
    for release in package.get("releases", []):
        for error in validator.iter_errors(release):
            failures.append("release schema: %s at %s" % (error.message, list(error.path)))


def check_codelists(ocds, release):
    roles = codes(ocds, "standard-1.1.5", "codelists", "partyRole.csv")
    for party in release["parties"]:
        check(set(party["roles"]) <= roles, "party roles %s not in partyRole.csv" % party["roles"])
    types = codes(ocds, "ocds_awardCriteria_extension", "codelists", "awardCriterionType.csv")
    for c in release["tender"]["lots"][0]["awardCriteria"]["criteria"]:
        check(c["type"] in types, "criterion type %s not in awardCriterionType.csv" % c["type"])
    measures = codes(ocds, "ocds_bid_extension", "codelists", "statistic.csv")
    for s in release["bids"]["statistics"]:
        check(s["measure"] in measures, "statistic %s not in statistic.csv" % s["measure"])
    method = codes(ocds, "standard-1.1.5", "codelists", "awardCriteria.csv")
    check(release["tender"]["awardCriteria"] in method, "tender.awardCriteria not in codelist")


def round_criteria(case):
    root = ET.parse(os.path.join(case, "round.xml")).getroot()
    return [(c.get("id"), c.get("kind"), float(c.get("weight")), c.get("threshold"), c.text)
            for c in root.iter(ROUND_NS + "criterion")]


def check_criteria(case, release):
    lot = release["tender"]["lots"][0]
    got = lot["awardCriteria"]["criteria"]
    want = round_criteria(case)
    check(len(got) == len(want), "%d criteria, round has %d" % (len(got), len(want)))
    for g, (cid, kind, weight, threshold, title) in zip(got, want):
        check(g["type"] == ("price" if kind == "price" else "quality"), "%s type %s" % (cid, g["type"]))
        check(g["name"] == (title or cid), "%s name %r" % (cid, g["name"]))
        check({"number": weight, "weight": "percentageExact"} in g["numbers"], "%s weight" % cid)
        if threshold is not None:
            check({"number": float(threshold), "threshold": "minimumScore"} in g["numbers"],
                  "%s threshold" % cid)
    check(sum(n["number"] for g in got for n in g["numbers"] if "weight" in n) == 100,
          "published weights do not sum to 100")


def check_content(case, release, result, prefix="ocds-xxxxxx-", date="2027-02-15T00:00:00Z"):
    check(release["ocid"] == prefix + result["round"], "ocid %s" % release["ocid"])
    check(release["date"] == date, "release date %s, expected %s" % (release["date"], date))
    check(release["tag"] == ["award"] and release["initiationType"] == "tender", "tag")
    bids = {b["id"]: b for b in release["bids"]["details"]}
    check(sorted(bids) == sorted(b["id"] for b in result["bids"]), "bids.details ids")
    lot = release["tender"]["lots"][0]["id"]
    for b in result["bids"]:
        d = bids[b["id"]]
        ranked = b["status"] == "ranked"
        check(d["status"] == ("valid" if ranked else "disqualified"), "%s status" % b["id"])
        check(d["value"] == {"amount": b["price"], "currency": "GBP"}, "%s value" % b["id"])
        check(d.get("rank") == (b["rank"] if ranked else None), "%s rank" % b["id"])
        check(d["hasRank"] == ranked and d["relatedLots"] == [lot], "%s hasRank/lots" % b["id"])
        check(d["tenderers"] == [{"id": "tenderer-" + b["id"], "name": b["bidder"]}],
              "%s tenderers" % b["id"])
    winner = next(b for b in result["bids"] if b["id"] == result["winner"])
    awards = release["awards"]
    check(len(awards) == 1, "one award expected")
    a = awards[0]
    check(a["relatedBids"] == [winner["id"]], "award relatedBids %s" % a["relatedBids"])
    check(a["suppliers"] == [{"id": "tenderer-" + winner["id"], "name": winner["bidder"]}],
          "award suppliers")
    check(a["value"] == {"amount": winner["price"], "currency": "GBP"}, "award value")
    check(a["status"] == "pending", "award status")
    roles = {p["id"]: p["roles"] for p in release["parties"]}
    check(roles.get("tenderer-" + winner["id"]) == ["supplier", "tenderer"], "winner roles")
    check(sum(r == ["tenderer"] for r in roles.values()) == len(result["bids"]) - 1,
          "every other bidder is a tenderer")
    check(roles.get(release["buyer"]["id"]) == ["buyer"], "buyer party")
    stats = {s["measure"]: s["value"] for s in release["bids"]["statistics"]}
    ranked = [b for b in result["bids"] if b["status"] == "ranked"]
    check(stats["bids"] == len(result["bids"]) and stats["validBids"] == len(ranked),
          "bids statistics %s" % stats)
    check(stats["lowestValidBidValue"] == min(b["price"] for b in ranked), "lowest valid bid")
    check(release["tender"]["status"] == "complete", "tender status")


def hostile_case(example, tmp):
    case = os.path.join(tmp, "hostile")
    shutil.copytree(example, case)
    bid = os.path.join(case, "bids", "B01.xml")
    with open(bid, encoding="utf-8") as f:
        xml = f.read()
    attr = EVIL.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    xml = xml.replace('name="Wyvern Women\'s Aid"', 'name="%s"' % attr, 1)
    with open(bid, "w", encoding="utf-8") as f:
        f.write(xml)
    return case


def run(ocds, example, binary, jsonschema, tmp):
    out = os.path.join(tmp, "out")
    proc = evaluate(example, binary, out)
    if proc.returncode != 0:
        failures.append("evaluate failed (%d): %s" % (proc.returncode, proc.stderr))
        return
    package = load_json(out, "ocds-release.json")
    result = load_json(out, "result.json")
    validate(jsonschema, ocds, package)
    release = package["releases"][0]
    check_codelists(ocds, release)
    check_criteria(example, release)
    check_content(example, release, result)
    again = os.path.join(tmp, "again")
    evaluate(example, binary, again)
    check(filecmp.cmp(os.path.join(out, "ocds-release.json"),
                      os.path.join(again, "ocds-release.json"), shallow=False),
          "two runs gave different ocds-release.json")
    dated = os.path.join(tmp, "dated")
    proc = evaluate(example, binary, dated, ["--notice-date", "2027-03-01",
                                             "--ocid-prefix", "ocds-ab12cd-"])
    check(proc.returncode == 0, "evaluate with --ocid-prefix failed: %s" % proc.stderr)
    if proc.returncode == 0:
        dated_release = load_json(dated, "ocds-release.json")["releases"][0]
        check_content(example, dated_release, result, "ocds-ab12cd-", "2027-03-01T00:00:00Z")
    bad = os.path.join(tmp, "bad")
    proc = evaluate(example, binary, bad, ["--ocid-prefix", "<b>"])
    check(proc.returncode == 2 and not os.path.exists(bad), "a bad --ocid-prefix must exit 2")
    case = hostile_case(example, tmp)
    hostile = os.path.join(tmp, "hostile-out")
    proc = evaluate(case, binary, hostile)
    check(proc.returncode == 0, "hostile evaluate failed: %s" % proc.stderr)
    if proc.returncode == 0:
        package = load_json(hostile, "ocds-release.json")
        validate(jsonschema, ocds, package)
        names = [p.get("name") for p in package["releases"][0]["parties"]]
        check(EVIL in names, "the hostile bidder name is not kept as a plain string")


def main(ocds, example, binary):
    if not os.path.isdir(ocds):
        print("SKIP: %s not found (the shared data folder is absent)" % ocds)
        return 77
    try:
        import jsonschema
    except ImportError:
        print("SKIP: python3-jsonschema is not installed (scripts/setup.sh installs it)")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        run(ocds, example, binary, jsonschema, tmp)
    for f in failures:
        print("FAIL:", f)
    print("ocds release: %s" % ("FAILED" if failures else "ok"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*(os.path.abspath(a) for a in sys.argv[1:4])))
