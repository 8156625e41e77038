// eForms notices (EU, UBL 2.3 + eForms extensions; FORMATS-NOTES §1) ->
// round skeletons, one per lot or lots group: the published award criteria,
// weights, estimated value and currency, with a warning wherever the notice
// is silent or ambiguous (docs/README.md §1a, RULES §47-§49).
//
// Elements are matched by namespace URI and local name, never by prefix.
// A competition notice, a prior information notice and a result (contract
// award) notice all carry the same award-criteria structure and all import.
// Legacy TED XML (R2.0.9), JSON (OCDS, ProZorro) and anything else are
// refused with the reason. Importing never scores.
#pragma once

#include <string>
#include <vector>

#include "tender/engine/diagnostic.hpp"
#include "tender/engine/model.hpp"
#include "tender/importers/parse.hpp"

namespace tender::importers {

// Something a person must look at before the round can be evaluated: a
// placeholder, a missing or unusable weight, text that contradicts a number.
struct NoticeWarning {
  Place place;            // where in the notice (file and line)
  std::string criterion;  // the round's criterion id it concerns; empty for the lot
  std::string message;
};

// One lot (or lots group, or part of a prior information notice) as a round.
// Weights the notice does not give as numbers are 0, which `tender check`
// refuses ("weights must be > 0"), so no round is evaluated on guessed weights.
struct LotSkeleton {
  std::string lot_id;  // BT-137 (LOT-0001, GLO-0001, PAR-0001): the output folder
  Round round;
  std::vector<NoticeWarning> warnings;
};

struct NoticeImport {
  std::string kind;       // ContractNotice, ContractAwardNotice or PriorInformationNotice
  std::string notice_id;  // BT-701, may be empty
  std::vector<LotSkeleton> lots;
};

// Reads an eForms notice. Fails (nothing to write) when the file is not
// well-formed XML, is not an eForms notice (legacy TED XML, JSON, another
// document), has no lot, or has a lot id that is not a safe folder name
// ([A-Za-z0-9._-]{1,64}, not "." or "..") or is repeated.
Result<NoticeImport> parse_notice(const SourceFile& file);

}  // namespace tender::importers
