// The award as open data: an OCDS 1.1 release package (ocds-release.json)
// holding one release tagged "award", with the lots, award-criteria and bids
// extensions (docs/README.md §4d, RULES §45-§46).
//
// What it publishes: the round as `tender` (id, title, value, status, one
// lot carrying the criteria and weights), every bid in `bids.details` (status
// valid or disqualified, tenderer, evaluated price, rank of ranked bids), the
// winner as an award (status pending: the standstill has not ended) and the
// parties with their roles. Scores are not published: OCDS has no field for
// them; the rank is. Keys are sorted, numbers shortest round-trip; no clock
// is read, so the same inputs give the same bytes.
#pragma once

#include <string>

#include "tender/engine/evaluation.hpp"
#include "tender/engine/model.hpp"
#include "tender/reports/json.hpp"

namespace tender::reports {

// The registered OCDS prefix to use when none is given: a documented
// placeholder ("xxxxxx" is no one's prefix) the publisher must replace.
inline constexpr const char* kPlaceholderOcidPrefix = "ocds-xxxxxx-";

// Knobs of the open-data output that are not part of the evaluation.
struct OcdsOptions {
  // Prepended to the round id to form the ocid; "ocds-" + the publisher's
  // six-character registered prefix + "-".
  std::string ocid_prefix = kPlaceholderOcidPrefix;
};

// True when `prefix` has the form of a registered ocid prefix plus the
// separator: "ocds-" then six lower-case letters or digits, then "-".
bool is_ocid_prefix(const std::string& prefix);

// The release package of `ev`, pretty-printed with a final newline.
// `inputs` supplies the round's title, buyer, currency and value; `run` the
// notice date. The release date is the notice date, else the round's
// deadline, else its publication date, else 1970-01-01 (always midnight UTC).
std::string ocds_release_package(const Evaluation& ev, const Inputs& inputs, const RunInfo& run,
                                 const OcdsOptions& options = {});

}  // namespace tender::reports
