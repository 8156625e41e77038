// Writing output files so a reader never sees half of one.
#pragma once

#include <string>

namespace tender::cli {

// Writes `content` to `path` through a temporary file in the same folder and
// a rename, creating missing parent folders. Returns an error message, or ""
// on success; on failure `path` is untouched.
std::string write_atomically(const std::string& path, const std::string& content);

}  // namespace tender::cli
