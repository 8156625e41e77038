#include "tender/engine/model.hpp"

namespace tender {

const char* to_string(CriterionKind kind) {
  switch (kind) {
    case CriterionKind::quality:
      return "quality";
    case CriterionKind::social_value:
      return "social-value";
    case CriterionKind::social_value_measures:
      return "social-value-measures";
    case CriterionKind::price:
      return "price";
  }
  return "quality";
}

const char* to_string(PriceFormula formula) {
  switch (formula) {
    case PriceFormula::lowest_ratio:
      return "lowest-ratio";
    case PriceFormula::deviation:
      return "deviation";
    case PriceFormula::linear_budget:
      return "linear-budget";
  }
  return "lowest-ratio";
}

const char* to_string(ModerationMethod method) {
  switch (method) {
    case ModerationMethod::median:
      return "median";
    case ModerationMethod::mean:
      return "mean";
    case ModerationMethod::consensus:
      return "consensus";
  }
  return "median";
}

Place Bid::line_place(const PriceLine& line) const {
  Place p = lines_place;
  if (line.col > 0) {
    p.cell = cell_ref(line.col, line.row);
  } else {
    p.line = line.row;
  }
  return p;
}

}  // namespace tender
