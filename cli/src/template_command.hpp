// `tender template ROUND.xml -o bid.xlsx`: the blank bid workbook of a round
// (FORMATS.md), for bidders to fill in.
#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>

#include "tender/engine/diagnostic.hpp"

namespace tender::cli {

struct TemplateArgs {
  std::string round;
  std::string out;
};

// Adds the `template` subcommand to `app`; parsing fills `a`.
void add_template(CLI::App& app, TemplateArgs& a);

// Reads and checks the round, then writes the workbook to `a.out` through a
// temporary file and a rename. Returns the exit status: 0 written, 2 the
// round is wrong (every problem listed on `err`, nothing written), 1 the
// file could not be written.
int template_command(const TemplateArgs& a, std::ostream& out, std::ostream& err);

// Lists `diags` on `err` as `tender evaluate` does, ending with "nothing was
// written", and returns exit status 2.
int report_problems(const Diagnostics& diags, std::ostream& err);

}  // namespace tender::cli
