// Reading input files whole, with their SHA-256.
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <system_error>

#include "tender/importers/parse.hpp"

namespace tender::importers {

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : digest) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

Result<SourceFile> read_source(const std::string& path, std::uint64_t max_bytes) {
  const Place place{path, 0, {}, {}};
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Diagnostics{{DiagCode::invalid, place, "is a folder, not a file"}};
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Diagnostics{{DiagCode::missing, place, "cannot read: " + ec.message()}};
  if (size > max_bytes) {
    return Diagnostics{{DiagCode::refused, place,
                        "file of " + std::to_string(size) + " bytes is larger than the limit of " +
                            std::to_string(max_bytes)}};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Diagnostics{{DiagCode::missing, place, "cannot open the file"}};
  SourceFile f;
  f.path = path;
  f.bytes.resize(size);
  in.read(f.bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uint64_t>(in.gcount()) != size) {
    return Diagnostics{{DiagCode::missing, place, "the file changed or could not be read whole"}};
  }
  f.sha256 = sha256_hex(f.bytes);
  return f;
}

bool too_many_problems(Diagnostics& problems, const std::string& file) {
  if (problems.size() < kMaxProblemsPerFile) return false;
  const std::string note = "too many problems: stopped reading this file after the first " +
                           std::to_string(kMaxProblemsPerFile);
  if (problems.size() == kMaxProblemsPerFile + 1 && problems.back().message == note) return true;
  problems.resize(kMaxProblemsPerFile);  // a row may have added several at once
  problems.push_back({DiagCode::refused, {file, 0, {}, {}}, note});
  return true;
}

}  // namespace tender::importers
