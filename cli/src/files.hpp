// Writing output files so a reader never sees half of one.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace tender::cli {

// Writes `content` to `path` directly (no temporary file). False on failure.
bool write_file(const std::string& path, const std::string& content);

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

// Several output files written as one: each is staged (written in full to a
// temporary file beside it) and only when every one has been staged are they
// renamed into place, so a failure while writing any of them leaves every
// earlier output untouched. Temporary files left uncommitted are removed.
class StagedFiles {
 public:
  StagedFiles() = default;
  StagedFiles(const StagedFiles&) = delete;
  StagedFiles& operator=(const StagedFiles&) = delete;
  ~StagedFiles();

  // Writes `path`'s content through `write` (given the temporary path; it
  // returns an error message or ""), creating missing parent folders.
  // Returns an error message, or "".
  std::string stage(const std::string& path,
                    const std::function<std::string(const std::string&)>& write);

  // Renames every staged file into place. Returns an error message, or "".
  std::string commit();

 private:
  struct Staged {
    std::string tmp;
    std::string path;
  };
  std::vector<Staged> staged_;
};

}  // namespace tender::cli
