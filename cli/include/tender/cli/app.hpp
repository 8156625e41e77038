// The `tender` command line: parses arguments, runs a command, and returns
// the process exit status (0 ok, 1 internal error, 2 bad input, 3 `check`
// found flags). Writes only to the given streams and the files it is asked
// to write, each atomically.
#pragma once

#include <iosfwd>

namespace tender::cli {

// Runs `tender` with `argc`/`argv`, printing to `out` and `err`.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace tender::cli
