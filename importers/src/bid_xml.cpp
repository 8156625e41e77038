// bid.xml -> Bid; the workbook form is in bid_workbook.cpp.
#include "bid_fields.hpp"
#include "table.hpp"
#include "tender/importers/parse.hpp"
#include "xml_util.hpp"

namespace tender::importers {

Result<Bid> parse_bid_workbook(const SourceFile& file);  // bid_workbook.cpp

namespace {

constexpr std::string_view kBidNs = "urn:tender-engine:bid:1";

std::optional<double> amount(XmlFile& x, const pugi::xml_node& n, const char* name, bool required) {
  const auto v = x.number(n, name, required);
  if (v && *v < 0) {
    x.error(n, DiagCode::invalid, std::string(name) + " must not be negative");
    return std::nullopt;
  }
  return v;
}

void bidder(XmlFile& x, const pugi::xml_node& root, Bid& b) {
  const auto n = XmlFile::child(root, "bidder");
  if (!n) {
    x.error(root, DiagCode::missing, "the bid needs a <bidder> element");
    return;
  }
  Bidder& d = b.bidder;
  d.name = x.text(n, "name", true).value_or("");
  d.type = x.text(n, "type", true).value_or("");
  if (!d.type.empty() && !valid_bidder_type(d.type)) {
    x.error(n, DiagCode::invalid, "bidder type '" + d.type + "' is not sme, vcse, large, public or mutual");
  }
  d.size = x.text(n, "size", false).value_or("");
  if (!valid_bidder_size(d.size)) {
    x.error(n, DiagCode::invalid, "bidder size '" + d.size + "' is not micro, small, medium or large");
  }
  d.turnover = amount(x, n, "turnover", false);
  d.reserves = amount(x, n, "reserves", false);
  d.employees = amount(x, n, "employees", false);
  d.can_provide_bond = x.boolean(n, "can-provide-bond", false).value_or(false);
  d.can_provide_guarantee = x.boolean(n, "can-provide-guarantee", false).value_or(false);
}

void price(XmlFile& x, const pugi::xml_node& root, Bid& b) {
  const auto p = XmlFile::child(root, "price");
  if (!p) return;
  b.stated_total = amount(x, p, "total", false);
  b.stated_total_place = x.place(p);
  for (const auto& l : XmlFile::children(p, "line")) {
    PriceLine line;
    line.item = x.text(l, "item", false).value_or("");
    line.quantity = amount(x, l, "quantity", true).value_or(0);
    line.rate = amount(x, l, "rate", true).value_or(0);
    line.year = x.integer(l, "year", false, 1, 1000).value_or(1);
    line.row = x.place(l).line;
    b.lines.push_back(std::move(line));
  }
}

Result<Bid> parse_bid_xml(const SourceFile& file) {
  Diagnostics diags;
  XmlFile x(file.bytes, file.path, diags);
  if (!x.ok()) return diags;
  const auto root = x.root("bid", kBidNs);
  if (!root) return diags;
  Bid b;
  b.place = x.place(root);
  b.lines_place = {x.label(), 0, {}, {}};
  b.id = x.id(root, "id", true).value_or("");
  b.round = x.text(root, "round", true).value_or("");
  bidder(x, root, b);
  for (const auto& g : XmlFile::children(root, "gate")) {
    GateAnswer a{x.id(g, "id", true).value_or(""), x.text(g, "answer", true).value_or(""),
                 g.child_value(), x.place(g)};
    if (!a.answer.empty() && !valid_gate_answer(a.answer)) {
      x.error(g, DiagCode::invalid, "gate answer '" + a.answer + "' is not pass or fail");
    }
    b.gates.push_back(std::move(a));
  }
  price(x, root, b);
  for (const auto& c : XmlFile::children(root, "commitment")) {
    b.commitments.push_back({x.id(c, "measure", true).value_or(""),
                             amount(x, c, "quantity", true).value_or(0), c.child_value(),
                             x.place(c)});
  }
  if (!diags.empty()) return diags;
  return b;
}

}  // namespace

Result<Bid> parse_bid(const SourceFile& file) {
  if (looks_like_workbook(file.bytes, file.path)) return parse_bid_workbook(file);
  return parse_bid_xml(file);
}

}  // namespace tender::importers
