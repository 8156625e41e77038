// Assessment summaries (Procurement Act 2023 s.50(3)-(5); Procurement
// Regulations 2024 reg 31): one printable, self-contained HTML letter per bid,
// addressed to its bidder.
//
// Each letter gives the buyer and the round; the award criteria (title,
// weight, how each was scored and the scores available); the bid's score on
// every criterion it was assessed on with the reasons (the evaluators'
// comments and the moderation rationale from the inputs), its sub-totals by
// quality, social value and price, its total and rank; the most advantageous
// tender's supplier and scores; why the bid did not win (the difference in
// score, or each exclusion reason in words with its code); and the standstill
// period counted from RunInfo::notice_date (RULES §40-§44).
//
// Text from the inputs is always HTML-escaped: a bidder named
// "<script>alert(1)</script>" or "=HYPERLINK(...)" is shown as that text.
// The letters hold no script and load nothing (styles are inlined), and the
// same inputs give the same bytes.
#pragma once

#include <string>
#include <vector>

#include "tender/engine/evaluation.hpp"
#include "tender/engine/model.hpp"
#include "tender/reports/json.hpp"

namespace tender::reports {

// One letter: `file_name` is a bare file name (no folder, no path separator).
struct SummaryFile {
  std::string bid;        // the bid id it is about
  std::string file_name;  // "<bid id, made safe>.html"
  std::string html;
};

// One summary per bid of `ev` (ranked and excluded: RULES §42), in bid id
// order. `inputs` supplies the round's title, buyer, currency and moderation
// method; `run` the notice date. File names are the bid ids with every byte
// outside [A-Za-z0-9._-] replaced by '_', a leading '.' replaced by '_', cut
// to 100 bytes, and made unique (ignoring case) by "-2", "-3", ... .
std::vector<SummaryFile> assessment_summaries(const Evaluation& ev, const Inputs& inputs,
                                              const RunInfo& run);

// The file name stem for a bid id (before uniqueness suffixes): see above.
std::string summary_file_stem(const std::string& bid_id);

}  // namespace tender::reports
