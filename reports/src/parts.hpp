// What the award workbook and the HTML report both say about one evaluation:
// the groups of criteria the totals are split into, their names, and which
// flags belong to the Price and Social value parts.
// Private to reports/.
#pragma once

#include <string>
#include <vector>

#include "tender/engine/evaluation.hpp"

namespace tender::reports {

// The group a criterion's weighted score counts towards (both social-value
// kinds are one group, as in the tie-break).
inline KindGroup group_of(CriterionKind k) {
  if (k == CriterionKind::quality) return KindGroup::quality;
  if (k == CriterionKind::price) return KindGroup::price;
  return KindGroup::social_value;
}

// Sum of a bid's weighted scores over the criteria of group `g` (0 for an
// excluded bid, which has no weighted scores).
inline double group_total(const std::vector<Criterion>& criteria, const BidResult& b, KindGroup g) {
  double sum = 0;
  for (const auto& cr : criteria) {
    if (group_of(cr.kind) != g) continue;
    const auto it = b.scores.find(cr.id);
    if (it != b.scores.end() && it->second.weighted) sum += *it->second.weighted;
  }
  return sum;
}

// "quality", "social value", "social value (measures)", "price".
inline const char* kind_title(CriterionKind k) {
  switch (k) {
    case CriterionKind::quality:
      return "quality";
    case CriterionKind::social_value:
      return "social value";
    case CriterionKind::social_value_measures:
      return "social value (measures)";
    case CriterionKind::price:
      return "price";
  }
  return "";
}

// The criterion's title as a report shows it: its own, else "Price" for the
// price criterion (rounds often leave it untitled), else its id.
inline std::string criterion_title(const Criterion& c) {
  if (!c.title.empty()) return c.title;
  if (c.kind == CriterionKind::price) return "Price";
  return c.id;
}

// "ranked" or "excluded".
inline const char* status_text(const BidResult& b) {
  return b.status == BidStatus::ranked ? "ranked" : "excluded";
}

// True for the codes the Price part of a report lists beside a bid.
inline bool price_code(Code code) {
  return code == Code::alt || code == Code::arithmetic || code == Code::alt_rejected ||
         code == Code::over_budget;
}

// True for the codes the Social value part of a report lists beside a bid.
inline bool social_code(Code code) {
  return code == Code::overclaim;
}

// The bid's flags and reasons (in that order) whose code `keep` accepts.
inline std::vector<Flag> bid_flags(const BidResult& b, bool (*keep)(Code)) {
  std::vector<Flag> out;
  for (const auto* list : {&b.flags, &b.reasons}) {
    for (const auto& f : *list) {
      if (keep(f.code)) out.push_back(f);
    }
  }
  return out;
}

}  // namespace tender::reports
