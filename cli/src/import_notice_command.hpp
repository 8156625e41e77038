// `tender import-notice NOTICE.xml -o DIR`: round skeletons from an eForms
// notice, one folder per lot (docs/README.md §1a).
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

#include "tender/importers/notice.hpp"

namespace tender::cli {

struct ImportNoticeArgs {
  std::string notice;
  std::string out_dir;
};

// Registers the import-notice subcommand on `app`, filling `a`.
void add_import_notice(CLI::App& app, ImportNoticeArgs& a);

// Reads the notice and writes DIR/<lot>/round.xml and
// DIR/<lot>/NOTICE-WARNINGS.txt for every lot, all or nothing; prints each
// warning to `err` and each file written to `out`. Returns 0, or 2 (the
// problems listed, nothing written) when the file is unreadable or not an
// eForms notice, or 1 when the files cannot be written.
int import_notice_command(const ImportNoticeArgs& a, std::ostream& out, std::ostream& err);

// The round.xml (FORMATS.md) of one skeleton: the lot's warnings as a
// comment at the top, each criterion's just before it. Text from the notice
// is escaped (it never becomes markup); control characters become U+FFFD.
std::string round_skeleton_xml(const importers::LotSkeleton& lot, const std::string& source);

// NOTICE-WARNINGS.txt: one warning per line, "file:line: warning: ...".
std::string notice_warnings_text(const importers::LotSkeleton& lot);

}  // namespace tender::cli
