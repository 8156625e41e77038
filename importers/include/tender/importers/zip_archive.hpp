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
  std::uint64_t max_part_bytes = 256ULL << 20;  // one member, inflated
  std::uint64_t max_total_bytes = 1ULL << 30;   // all members read, inflated
  std::uint64_t max_entries = 10000;            // members in the archive
};

class ZipMember;

class ZipArchive {
 public:
  // Opens the zip in `bytes` (the archive keeps its own copy). `label` is the
  // file name used in diagnostics. Fails with DiagCode::malformed when the
  // bytes are not a zip, DiagCode::refused when it has too many entries.
  static Result<ZipArchive> open(std::string bytes, std::string label, ZipLimits limits = {});

  // As open(), but reads the caller's `bytes` in place (no copy: a workbook
  // may be hundreds of megabytes). REQUIRES: `bytes` outlives the archive.
  static Result<ZipArchive> open_view(std::string_view bytes, std::string label,
                                      ZipLimits limits = {});

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

  // Opens member `name` for reading piece by piece, with the same checks as
  // read(): the declared size is checked before anything is inflated, the
  // inflated bytes are counted as they come. The archive must outlive the
  // member, and only one member may be open at a time.
  Result<ZipMember> open_member(std::string_view name);

  // The label given to open().
  const std::string& label() const;

 private:
  struct Impl;
  explicit ZipArchive(std::unique_ptr<Impl> impl);
  static Result<ZipArchive> open_impl(std::string owned, std::string_view view, std::string label,
                                      ZipLimits limits);
  std::unique_ptr<Impl> impl_;
  friend class ZipMember;
};

// One member of a ZipArchive being inflated in pieces (for streaming parts
// too large to want in memory at once).
class ZipMember {
 public:
  ZipMember(ZipMember&&) noexcept;
  ZipMember& operator=(ZipMember&&) noexcept;
  ~ZipMember();

  // Inflates up to `max` more bytes into `dest` and returns how many; 0 at
  // the end of the member or after a failure (then errors() says what).
  // Inflating more or fewer bytes than the member declares is a failure.
  std::size_t read(char* dest, std::size_t max);

  // The failures met so far (empty while all is well).
  const Diagnostics& errors() const;

  // The inflated size the member declares (checked against the limits).
  std::uint64_t declared_size() const;

 private:
  friend class ZipArchive;
  struct State;
  explicit ZipMember(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace tender::importers
