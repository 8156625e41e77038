#include "files.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace tender::cli {

std::string write_atomically_with(const std::string& path,
                                  const std::function<std::string(const std::string&)>& write) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  if (ec) return "cannot create folder " + target.parent_path().string() + ": " + ec.message();
  const fs::path tmp = target.string() + ".tmp-" + std::to_string(::getpid());
  std::string problem = write(tmp.string());
  if (!problem.empty()) {
    fs::remove(tmp, ec);
    return problem;
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    std::error_code ignore;
    fs::remove(tmp, ignore);
    return "cannot write " + path + ": " + ec.message();
  }
  return {};
}

std::string write_atomically(const std::string& path, const std::string& content) {
  return write_atomically_with(path, [&](const std::string& tmp) -> std::string {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f.write(content.data(), static_cast<std::streamsize>(content.size()));
    f.flush();
    if (!f) return "cannot write " + path;
    return {};
  });
}

}  // namespace tender::cli
