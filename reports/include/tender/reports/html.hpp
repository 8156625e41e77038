// The award report page (award.html): one evaluation laid out for the people
// who sign the award off, with the same content as the award workbook.
//
// Sections, in order: Summary (round, winner, ranking, a chart of each ranked
// bid's total by part, the round's flags, the panel's decisions), Scores,
// Evaluators, Price, Social value, Barriers, Alignment, Sensitivity, Inputs.
// The page is self-contained: one HTML file with its stylesheet inline, charts
// as inline SVG, no script, no external URL (a Content-Security-Policy meta
// tag forbids loading anything). Every text that came from an input file is
// HTML-escaped (a bidder named "<script>..." is shown as that text), with
// invalid UTF-8 and control characters replaced by U+FFFD.
#pragma once

#include <string>

#include "tender/engine/evaluation.hpp"
#include "tender/engine/model.hpp"
#include "tender/reports/json.hpp"

namespace tender::reports {

// The page for `ev`, rendered from templates/award.html.mustache. `inputs`
// supplies what the evaluation does not repeat (round title, buyer, currency,
// outcomes, measures, commitments, decisions); `run` the engine version and
// the files read. Numbers are formatted without any locale (two decimals,
// money with thousands separators and the round's currency), so the same
// arguments always give the same bytes.
std::string award_html(const Evaluation& ev, const Inputs& inputs, const RunInfo& run);

}  // namespace tender::reports
