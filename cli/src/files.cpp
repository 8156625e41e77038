#include "files.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace tender::cli {

StagedFiles::~StagedFiles() {
  std::error_code ignore;
  for (const Staged& f : staged_) std::filesystem::remove(f.tmp, ignore);
}

std::string StagedFiles::stage(const std::string& path,
                               const std::function<std::string(const std::string&)>& write) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  if (ec) return "cannot create folder " + target.parent_path().string() + ": " + ec.message();
  const std::string tmp = target.string() + ".tmp-" + std::to_string(::getpid());
  staged_.push_back({tmp, path});  // removed by the destructor unless committed
  return write(tmp);
}

std::string StagedFiles::commit() {
  std::error_code ec;
  while (!staged_.empty()) {
    const Staged f = staged_.front();
    std::filesystem::rename(f.tmp, f.path, ec);
    if (ec) return "cannot write " + f.path + ": " + ec.message();
    staged_.erase(staged_.begin());
  }
  return {};
}

std::string write_atomically_with(const std::string& path,
                                  const std::function<std::string(const std::string&)>& write) {
  StagedFiles files;
  if (std::string problem = files.stage(path, write); !problem.empty()) return problem;
  return files.commit();
}

bool write_file(const std::string& path, const std::string& content) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(content.data(), static_cast<std::streamsize>(content.size()));
  f.flush();
  return static_cast<bool>(f);
}

std::string write_atomically(const std::string& path, const std::string& content) {
  return write_atomically_with(path, [&](const std::string& tmp) {
    return write_file(tmp, content) ? std::string() : "cannot write " + path;
  });
}

}  // namespace tender::cli
