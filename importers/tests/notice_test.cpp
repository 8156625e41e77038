// eForms notices -> round skeletons. Small notices written here exercise each
// weight kind and each refusal; the SDK examples in ../shared/data/eforms
// (read in place, skipped when absent) check the real structure. Expected
// values come from reading the XML, never from the program's output.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tender/importers/notice.hpp"

using namespace tender;
using namespace tender::importers;

namespace {

SourceFile file(const char* name, std::string text) {
  return {name, std::move(text), {}};
}

// A contract notice with one lot whose criteria are `criteria` (a sequence
// of cac:SubordinateAwardingCriterion); prefixes are unusual on purpose.
std::string notice(const std::string& criteria, const std::string& lot_id = "LOT-0001") {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2"
    xmlns:b="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
    xmlns:a="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    xmlns:e="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
    xmlns:fx="http://data.europa.eu/p27/eforms-ubl-extensions/1"
    xmlns:fa="http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1"
    xmlns:fb="http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1"
    xmlns:cbc="urn:example:not-ubl">
  <b:ID schemeName="notice-id">11111111-2222-4333-8444-555555555555</b:ID>
  <b:IssueDate>2026-03-02+01:00</b:IssueDate>
  <a:ProcurementProjectLot>
    <b:ID schemeName="Lot">)" +
         lot_id + R"(</b:ID>
    <a:TenderingTerms><a:AwardingTerms><a:AwardingCriterion>)" +
         criteria + R"(</a:AwardingCriterion></a:AwardingTerms></a:TenderingTerms>
    <a:TenderingProcess><a:TenderSubmissionDeadlinePeriod><b:EndDate>2026-04-15Z</b:EndDate>
    </a:TenderSubmissionDeadlinePeriod></a:TenderingProcess>
    <a:ProcurementProject>
      <cbc:Name>decoy: not in the UBL namespace</cbc:Name>
      <b:Name languageID="FRA">Nettoyage</b:Name><b:Name languageID="ENG">Cleaning</b:Name>
      <a:RequestedTenderTotal>
        <b:EstimatedOverallContractAmount currencyID="GBP">900000</b:EstimatedOverallContractAmount>
      </a:RequestedTenderTotal>
      <a:PlannedPeriod><b:DurationMeasure unitCode="MONTH">36</b:DurationMeasure></a:PlannedPeriod>
    </a:ProcurementProject>
  </a:ProcurementProjectLot>
</ContractNotice>
)";
}

std::string crit(const std::string& type, const std::string& name, const std::string& code,
                 const std::string& number, const std::string& description = "") {
  std::string params;
  if (!code.empty()) {
    params = R"(<e:UBLExtensions><e:UBLExtension><e:ExtensionContent><fx:EformsExtension>
      <fa:AwardCriterionParameter><fb:ParameterCode listName="number-weight">)" +
             code + "</fb:ParameterCode><fb:ParameterNumeric>" + number +
             R"(</fb:ParameterNumeric></fa:AwardCriterionParameter>
      </fx:EformsExtension></e:ExtensionContent></e:UBLExtension></e:UBLExtensions>)";
  }
  return "<a:SubordinateAwardingCriterion>" + params +
         "<b:AwardingCriterionTypeCode listName=\"award-criterion-type\">" + type +
         "</b:AwardingCriterionTypeCode><b:Name>" + name + "</b:Name><b:Description>" +
         description + "</b:Description></a:SubordinateAwardingCriterion>";
}

bool has_warning(const LotSkeleton& s, const std::string& part,
                 const std::string& criterion = "*") {
  for (const auto& w : s.warnings) {
    if (w.message.find(part) != std::string::npos && (criterion == "*" || w.criterion == criterion))
      return true;
  }
  return false;
}

std::optional<SourceFile> shared(const std::string& name) {
  const auto path = std::filesystem::path(TENDER_SOURCE_DIR) / "../shared/data/eforms" / name;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return SourceFile{name, s.str(), {}};
}

}  // namespace

TEST_CASE("notice: percentages, value, duration, dates; namespaces by URI", "[importers][notice]") {
  const auto n = parse_notice(file("cn.xml", notice(crit("quality", "Method", "per-exa", "70") +
                                                    crit("price", "Price", "per-exa", "30"))));
  REQUIRE(n.ok());
  CHECK(n->kind == "ContractNotice");
  REQUIRE(n->lots.size() == 1);
  const LotSkeleton& s = n->lots[0];
  const Round& r = s.round;
  CHECK(s.lot_id == "LOT-0001");
  CHECK(r.id == "11111111-2222-4333-8444-555555555555-LOT-0001");
  CHECK(r.title == "Cleaning");  // the English name, not the decoy in another namespace
  CHECK(r.currency == "GBP");
  CHECK(r.years == 3);              // 36 months
  CHECK(r.annual_value == 300000);  // 900000 over 3 years
  CHECK(r.published == Date{2026, 3, 2});
  CHECK(r.deadline == Date{2026, 4, 15});
  REQUIRE(r.criteria.size() == 2);
  CHECK(r.criteria[0].id == "Q1");
  CHECK(r.criteria[0].kind == CriterionKind::quality);
  CHECK(r.criteria[0].weight == 70);
  CHECK(r.criteria[0].title == "Method");
  CHECK(r.criteria[1].id == "P");
  CHECK(r.criteria[1].kind == CriterionKind::price);
  CHECK(r.criteria[1].weight == 30);
  CHECK(has_warning(s, "PLACEHOLDER scale", "Q1"));
  CHECK(has_warning(s, "PLACEHOLDER formula", "P"));
  CHECK_FALSE(has_warning(s, "weight=\"0\""));
}

TEST_CASE("notice: decimals, points and mid-range weights become percentages",
          "[importers][notice]") {
  const auto dec = parse_notice(file("d.xml", notice(crit("quality", "Q", "dec-exa", "0.25") +
                                                     crit("price", "P", "dec-exa", "0.75"))));
  REQUIRE(dec.ok());
  CHECK(dec->lots[0].round.criteria[0].weight == Approx(25));
  CHECK(dec->lots[0].round.criteria[1].weight == Approx(75));
  // 300 + 450 + 50 = 800 points: 37.5 %, 56.25 %, 6.25 %.
  const auto poi = parse_notice(file("p.xml", notice(crit("quality", "A", "poi-exa", "300") +
                                                     crit("price", "P", "poi-exa", "450") +
                                                     crit("quality", "B", "poi-exa", "50"))));
  REQUIRE(poi.ok());
  const auto& pc = poi->lots[0].round.criteria;
  CHECK(pc[0].weight == 37.5);
  CHECK(pc[1].weight == 56.25);
  CHECK(pc[2].weight == 6.25);
  CHECK(has_warning(poi->lots[0], "points of 800"));
  const auto mid = parse_notice(file("m.xml", notice(crit("quality", "A", "per-mid", "40") +
                                                     crit("price", "P", "per-mid", "60"))));
  REQUIRE(mid.ok());
  CHECK(mid->lots[0].round.criteria[0].weight == 40);
  CHECK(has_warning(mid->lots[0], "middle of a range", "Q1"));
}

TEST_CASE("notice: weights off 100 by rounding are rescaled, others kept", "[importers][notice]") {
  // 33.33 x 3 = 99.99: within the eForms tolerance, rescaled to 100.
  const auto near = parse_notice(file("n.xml", notice(crit("quality", "A", "per-exa", "33.33") +
                                                      crit("quality", "B", "per-exa", "33.33") +
                                                      crit("price", "P", "per-exa", "33.33"))));
  REQUIRE(near.ok());
  double sum = 0;
  for (const auto& c : near->lots[0].round.criteria) sum += c.weight;
  CHECK(sum == Approx(100).epsilon(1e-12));
  CHECK(has_warning(near->lots[0], "rescaled to 100"));
  const auto far = parse_notice(file("f.xml", notice(crit("quality", "A", "per-exa", "50") +
                                                     crit("price", "P", "per-exa", "30"))));
  REQUIRE(far.ok());
  CHECK(far->lots[0].round.criteria[0].weight == 50);
  CHECK(has_warning(far->lots[0], "kept as published"));
}

TEST_CASE("notice: order of importance, missing or mixed weights give weight 0",
          "[importers][notice]") {
  const auto ord = parse_notice(file(
      "o.xml", notice(crit("quality", "A", "ord-imp", "1") + crit("price", "P", "ord-imp", "2"))));
  REQUIRE(ord.ok());
  for (const auto& c : ord->lots[0].round.criteria) CHECK(c.weight == 0);
  CHECK(has_warning(ord->lots[0], "only as an order of importance"));
  CHECK(has_warning(ord->lots[0], "position 2 in the order of importance", "P"));
  const auto none = parse_notice(file("x.xml", notice(crit("price", "P", "", ""))));
  REQUIRE(none.ok());
  CHECK(none->lots[0].round.criteria[0].weight == 0);
  CHECK(has_warning(none->lots[0], "gives no weights"));
  const auto mixed = parse_notice(file("y.xml", notice(crit("quality", "A", "dec-exa", "0.4") +
                                                       crit("price", "P", "per-exa", "60"))));
  REQUIRE(mixed.ok());
  CHECK(mixed->lots[0].round.criteria[1].weight == 0);
  CHECK(has_warning(mixed->lots[0], "mix kinds (dec-exa, per-exa)"));
  // A percentage beside an order of importance is a mix too: the 60 is not a
  // position (regression: it was reported as "position 60").
  const auto ord_mixed = parse_notice(file(
      "z.xml", notice(crit("quality", "A", "per-exa", "60") + crit("price", "P", "ord-imp", "2"))));
  REQUIRE(ord_mixed.ok());
  for (const auto& c : ord_mixed->lots[0].round.criteria) CHECK(c.weight == 0);
  CHECK(has_warning(ord_mixed->lots[0], "mix kinds (per-exa, ord-imp)"));
  CHECK_FALSE(has_warning(ord_mixed->lots[0], "position 60"));
}

TEST_CASE("notice: cost, several prices, and text that contradicts the number",
          "[importers][notice]") {
  const auto n = parse_notice(
      file("c.xml", notice(crit("cost", "Life cycle", "per-exa", "20") +
                           crit("price", "Price", "per-exa", "40", "Le prix contribue pour 30 %") +
                           crit("quality", "Q", "per-exa", "40", "pour 40&#160;%"))));
  REQUIRE(n.ok());
  const LotSkeleton& s = n->lots[0];
  CHECK(s.round.criteria[0].id == "P");
  CHECK(s.round.criteria[0].kind == CriterionKind::price);
  CHECK(s.round.criteria[1].id == "P2");
  CHECK(has_warning(s, "cost criterion", "P"));
  CHECK(has_warning(s, "2 price or cost criteria"));
  CHECK(has_warning(s, "says 30 % but the weight (BT-541) is 40", "P2"));
  CHECK_FALSE(has_warning(s, "says", "Q1"));  // 40 with a no-break space agrees
}

TEST_CASE("notice: refusals name the file and the reason", "[importers][notice]") {
  const auto json = parse_notice(file("r.json", " {\"uri\": \"x\"}"));
  REQUIRE_FALSE(json.ok());
  CHECK(json.errors()[0].message.find("JSON") != std::string::npos);
  const auto ted = parse_notice(file("t.xml", R"(<?xml version="1.0"?>
<TED_EXPORT xmlns="http://publications.europa.eu/resource/schema/ted/R2.0.9/publication">
<FORM_SECTION><F03_2014/></FORM_SECTION></TED_EXPORT>)"));
  REQUIRE_FALSE(ted.ok());
  CHECK(ted.errors()[0].place.file == "t.xml");
  CHECK(ted.errors()[0].place.line == 2);
  CHECK(ted.errors()[0].message.find("legacy TED XML notice (schema R2.0.9, form F03_2014)") !=
        std::string::npos);
  // The right local name in the wrong namespace is not a notice.
  const auto other = parse_notice(file("o.xml", "<ContractNotice xmlns=\"urn:x\"/>"));
  REQUIRE_FALSE(other.ok());
  CHECK(other.errors()[0].message.find("not an eForms notice") != std::string::npos);
  const auto broken = parse_notice(file("b.xml", "<ContractNotice"));
  REQUIRE_FALSE(broken.ok());
  const auto dots = parse_notice(file("d.xml", notice(crit("price", "P", "per-exa", "100"), "..")));
  REQUIRE_FALSE(dots.ok());
  CHECK(dots.errors()[0].message.find("not a usable folder name") != std::string::npos);
  const auto slash =
      parse_notice(file("s.xml", notice(crit("price", "P", "per-exa", "100"), "../../etc")));
  REQUIRE_FALSE(slash.ok());
}

TEST_CASE("notice: SDK cn_24_FRA_comments, two lots, lot 2's text contradicts its weights",
          "[importers][notice][shared]") {
  const auto f = shared("cn_24_FRA_comments.xml");
  if (!f) {
    WARN("skipped: ../shared/data/eforms is absent");
    return;
  }
  const auto n = parse_notice(*f);
  REQUIRE(n.ok());
  REQUIRE(n->lots.size() == 2);
  for (const auto& s : n->lots) {
    REQUIRE(s.round.criteria.size() == 2);
    CHECK(s.round.criteria[0].id == "P");
    CHECK(s.round.criteria[0].title == "Prix");
    CHECK(s.round.criteria[0].weight == 60);
    CHECK(s.round.criteria[1].title == "Qualité");
    CHECK(s.round.criteria[1].weight == 40);
    CHECK(s.round.buyer == "Rouen Habitat");
    CHECK(s.round.deadline == Date{2019, 6, 24});
    CHECK(s.round.annual_value == 0);  // no BT-27 anywhere
  }
  CHECK(n->lots[0].lot_id == "LOT-0001");
  CHECK_FALSE(has_warning(n->lots[0], "the description says"));
  CHECK(has_warning(n->lots[1], "says 40 % but the weight (BT-541) is 60", "P"));
  CHECK(has_warning(n->lots[1], "says 60 % but the weight (BT-541) is 40", "Q1"));
}

TEST_CASE("notice: SDK cn_24_maximal, a lots group and two lots, cost and quality",
          "[importers][notice][shared]") {
  const auto f = shared("cn_24_maximal.xml");
  if (!f) {
    WARN("skipped: ../shared/data/eforms is absent");
    return;
  }
  const auto n = parse_notice(*f);
  REQUIRE(n.ok());
  REQUIRE(n->lots.size() == 3);
  CHECK(n->lots[0].lot_id == "GLO-0001");
  CHECK(n->lots[1].lot_id == "LOT-0001");
  CHECK(n->lots[2].lot_id == "LOT-0002");
  for (const auto& s : n->lots) {
    CHECK(s.round.currency == "EUR");
    CHECK(s.round.annual_value * s.round.years == Approx(9999999.99));
    CHECK(s.round.lots == 2);
    REQUIRE(s.round.criteria.size() == 2);
    CHECK(s.round.criteria[0].kind == CriterionKind::price);  // BT-539 cost
    CHECK(s.round.criteria[0].weight == 60);
    CHECK(s.round.criteria[1].kind == CriterionKind::quality);
    CHECK(s.round.criteria[1].weight == 40);
    CHECK(has_warning(s, "cost criterion", "P"));
  }
  CHECK(has_warning(n->lots[0], "lots group GLO-0001"));
  CHECK(n->lots[1].round.years == 0.39);  // 2023-01-01 to 2023-05-23: 143 days
}
