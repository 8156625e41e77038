// ZipArchive: a zip file held in memory, read with limits (libzip underneath).
//
// Office workbooks are zip files, and a hostile one can declare a part that
// inflates to gigabytes. Every read is checked against `ZipLimits` using the
// sizes the archive declares, before anything is inflated, and the inflated
// bytes are counted again while reading so a lying header is caught too.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tender/engine/diagnostic.hpp"

namespace tender::importers {

// Limits on what an archive may make us inflate. Defaults are documented in
// docs/formats.md ("Limits").
struct ZipLimits {
  std::uint64_t max_part_bytes = 256ULL << 20;   // one member, inflated
  std::uint64_t max_total_bytes = 1ULL << 30;    // all members read, inflated
  std::uint64_t max_entries = 10000;             // members in the archive
};

class ZipArchive {
 public:
  // Opens the zip in `bytes` (the archive keeps its own copy). `label` is the
  // file name used in diagnostics. Fails with DiagCode::malformed when the
  // bytes are not a zip, DiagCode::refused when it has too many entries.
  static Result<ZipArchive> open(std::string bytes, std::string label, ZipLimits limits = {});

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  // Member names, in archive order.
  const std::vector<std::string>& names() const;

  // True when a member called exactly `name` exists.
  bool contains(std::string_view name) const;

  // Inflates member `name`. Refuses (DiagCode::refused) when its declared size
  // exceeds max_part_bytes or would take the running total of this archive
  // past max_total_bytes; fails (DiagCode::malformed) when it is missing,
  // corrupt, or inflates to a size other than the declared one.
  // Not thread-safe: one reader at a time per archive.
  Result<std::string> read(std::string_view name);

  // The label given to open().
  const std::string& label() const;

 private:
  struct Impl;
  explicit ZipArchive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tender::importers
