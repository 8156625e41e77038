// Writing output files so a reader never sees half of one.
#pragma once

#include <functional>
#include <string>

namespace tender::cli {

// Writes `content` to `path` through a temporary file in the same folder and
// a rename, creating missing parent folders. Returns an error message, or ""
// on success; on failure `path` is untouched.
std::string write_atomically(const std::string& path, const std::string& content);

// Writes `path` through `write`, which is given a temporary path in the same
// folder to write and returns an error message or "". Creates missing parent
// folders, then renames the temporary file over `path`. Returns an error
// message, or "" on success; on failure `path` is untouched and the
// temporary file removed.
std::string write_atomically_with(const std::string& path,
                                  const std::function<std::string(const std::string&)>& write);

}  // namespace tender::cli
