// ZipArchive: libzip over an in-memory buffer, with size limits checked on the
// declared sizes before inflating and on the inflated bytes while reading.
#include "tender/importers/zip_archive.hpp"

#include <zip.h>
#include <zlib.h>

#include <algorithm>
#include <functional>
#include <map>
#include <new>
#include <utility>
#include <vector>

namespace tender::importers {
namespace {

// The smallest zip there is: an end-of-central-directory record (22 bytes).
constexpr std::size_t kMinZipBytes = 22;

Diagnostics one_error(DiagCode code, const std::string& label, std::string message) {
  Diagnostic d;
  d.code = code;
  d.place.file = label;
  d.message = std::move(message);
  return Diagnostics{std::move(d)};
}

// Owns a zip_error_t for the duration of one libzip call.
class ZipError {
 public:
  ZipError() { zip_error_init(&error_); }
  ~ZipError() { zip_error_fini(&error_); }
  ZipError(const ZipError&) = delete;
  ZipError& operator=(const ZipError&) = delete;
  zip_error_t* get() { return &error_; }
  int code() const { return zip_error_code_zip(&error_); }
  std::string text() { return zip_error_strerror(&error_); }

 private:
  zip_error_t error_{};
};

// Closes a zip_file_t when it goes out of scope.
struct FileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using FilePtr = std::unique_ptr<zip_file_t, FileCloser>;

}  // namespace

struct ZipArchive::Impl {
  Impl(std::string b, std::string_view v, std::string l, ZipLimits lim)
      : owned(std::move(b)),
        bytes(owned.empty() ? v : std::string_view(owned)),
        label(std::move(l)),
        limits(lim) {}
  ~Impl() {
    if (zip != nullptr) zip_discard(zip);
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  std::string owned;       // the archive's own copy, when it has one
  std::string_view bytes;  // what libzip reads: `owned`, or the caller's buffer
  std::string label;
  ZipLimits limits;
  zip_t* zip = nullptr;
  std::vector<std::string> names;
  std::map<std::string, zip_uint64_t, std::less<>> index;  // name -> entry
  std::uint64_t total_read = 0;                            // inflated bytes handed out so far

  Diagnostics error(DiagCode code, std::string message) const {
    return one_error(code, label, std::move(message));
  }
  Diagnostics open_zip();
  Diagnostics list_entries();
  Diagnostics check_declared(const std::string& name, zip_uint64_t index_in_zip,
                             zip_uint64_t& size) const;
};

// Points libzip at `bytes` and opens it read-only.
Diagnostics ZipArchive::Impl::open_zip() {
  if (bytes.size() < kMinZipBytes) return error(DiagCode::malformed, "not a zip archive");
  ZipError err;
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, err.get());
  if (source == nullptr) return error(DiagCode::malformed, "cannot read zip: " + err.text());
  zip = zip_open_from_source(source, ZIP_RDONLY, err.get());
  if (zip != nullptr) return {};
  zip_source_free(source);
  if (err.code() == ZIP_ER_NOZIP) return error(DiagCode::malformed, "not a zip archive");
  return error(DiagCode::malformed, "corrupt zip archive: " + err.text());
}

// Fills `names` and `index`; refuses too many entries and duplicate names.
Diagnostics ZipArchive::Impl::list_entries() {
  const zip_int64_t count = zip_get_num_entries(zip, 0);
  if (count < 0) return error(DiagCode::malformed, "corrupt zip archive: no entry count");
  const auto n = static_cast<zip_uint64_t>(count);
  if (n > limits.max_entries) {
    return error(DiagCode::refused, "zip archive has too many entries: " + std::to_string(n) +
                                        ", over the limit of " +
                                        std::to_string(limits.max_entries));
  }
  names.reserve(n);
  for (zip_uint64_t i = 0; i < n; ++i) {
    const char* raw = zip_get_name(zip, i, ZIP_FL_ENC_GUESS);
    if (raw == nullptr) return error(DiagCode::malformed, "corrupt zip archive: unnamed entry");
    std::string name = raw;
    if (!index.emplace(name, i).second) {
      return error(DiagCode::malformed, "zip archive has two members named '" + name + "'");
    }
    names.push_back(std::move(name));
  }
  return {};
}

// Sets `size` to the member's declared inflated size after checking it
// against the per-part and total limits.
Diagnostics ZipArchive::Impl::check_declared(const std::string& name, zip_uint64_t index_in_zip,
                                             zip_uint64_t& size) const {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip, index_in_zip, 0, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0) {
    return error(DiagCode::malformed, "zip member '" + name + "' has no readable size");
  }
  size = st.size;
  if (size > limits.max_part_bytes) {
    return error(DiagCode::refused, "zip member '" + name + "' is too large: it declares " +
                                        std::to_string(size) + " bytes, over the limit of " +
                                        std::to_string(limits.max_part_bytes));
  }
  const std::uint64_t left =
      limits.max_total_bytes > total_read ? limits.max_total_bytes - total_read : 0;
  if (size > left) {
    return error(DiagCode::refused, "zip archive is too large: member '" + name + "' (" +
                                        std::to_string(size) +
                                        " bytes) would take it past its limit of " +
                                        std::to_string(limits.max_total_bytes) + " inflated bytes");
  }
  return {};
}

ZipArchive::ZipArchive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

Result<ZipArchive> ZipArchive::open(std::string bytes, std::string label, ZipLimits limits) {
  return open_impl(std::move(bytes), {}, std::move(label), limits);
}

Result<ZipArchive> ZipArchive::open_view(std::string_view bytes, std::string label,
                                         ZipLimits limits) {
  return open_impl({}, bytes, std::move(label), limits);
}

Result<ZipArchive> ZipArchive::open_impl(std::string owned, std::string_view view,
                                         std::string label, ZipLimits limits) {
  const std::string label_copy = label;  // for the catch below; `label` is moved
  try {
    auto impl = std::make_unique<Impl>(std::move(owned), view, std::move(label), limits);
    if (Diagnostics errors = impl->open_zip(); !errors.empty()) return errors;
    if (Diagnostics errors = impl->list_entries(); !errors.empty()) return errors;
    return ZipArchive(std::move(impl));
  } catch (const std::bad_alloc&) {
    return one_error(DiagCode::refused, label_copy, "not enough memory to open the zip archive");
  }
}

const std::vector<std::string>& ZipArchive::names() const {
  return impl_->names;
}

bool ZipArchive::contains(std::string_view name) const {
  return impl_->index.find(name) != impl_->index.end();
}

Result<std::string> ZipArchive::read(std::string_view name) {
  Result<ZipMember> member = open_member(name);
  if (!member) return member.errors();
  try {
    std::string out(static_cast<std::size_t>(member->declared_size()), '\0');
    std::size_t got = 0;
    // Read until the member ends: one byte past the declared size fails.
    char probe = 0;
    for (;;) {
      const bool full = got == out.size();
      const std::size_t n =
          full ? member->read(&probe, 1) : member->read(out.data() + got, out.size() - got);
      if (n == 0) break;
      got += n;
    }
    if (!member->errors().empty()) return member->errors();
    return out;
  } catch (const std::bad_alloc&) {
    return impl_->error(DiagCode::refused,
                        "not enough memory to read zip member '" + std::string(name) + "'");
  }
}

const std::string& ZipArchive::label() const {
  return impl_->label;
}

// A member being read. Deflated members (what every office program writes)
// are inflated here with zlib, straight from the raw compressed bytes into
// the caller's buffer, with the CRC checked at the end: libzip's own reader
// inflates into a small buffer of its own and copies, which cost a tenth of
// an import. Other methods go through libzip.
struct ZipMember::State {
  ZipArchive::Impl* archive = nullptr;
  std::string name;
  FilePtr file;
  zip_uint64_t size = 0;  // declared inflated size
  zip_uint64_t got = 0;   // inflated so far
  bool finished = false;
  Diagnostics errors;

  bool direct = false;  // we inflate (deflate method, not encrypted)
  z_stream z{};
  bool z_ready = false;
  bool input_done = false;
  bool stream_end = false;
  std::vector<unsigned char> input;
  uLong crc = 0;
  zip_uint32_t expected_crc = 0;

  State() = default;
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  ~State() {
    if (z_ready) inflateEnd(&z);
  }

  std::size_t stop(Diagnostics why) {
    finished = true;
    errors = std::move(why);
    return 0;
  }

  Diagnostics corrupt(const std::string& why) const {
    return archive->error(DiagCode::malformed, "corrupt zip member '" + name + "': " + why);
  }

  // Inflates up to `want` bytes into `dest`; sets `failed` on corrupt data.
  std::size_t inflate_into(char* dest, std::size_t want, bool& failed);
};

std::size_t ZipMember::State::inflate_into(char* dest, std::size_t want, bool& failed) {
  z.next_out = reinterpret_cast<Bytef*>(dest);
  z.avail_out = static_cast<uInt>(std::min<std::size_t>(want, 1U << 30));
  const uInt asked = z.avail_out;
  while (z.avail_out > 0 && !stream_end) {
    if (z.avail_in == 0 && !input_done) {
      const zip_int64_t n = zip_fread(file.get(), input.data(), input.size());
      if (n < 0) {
        failed = true;
        return 0;
      }
      input_done = n == 0;
      z.next_in = input.data();
      z.avail_in = static_cast<uInt>(n);
    }
    const int ret = inflate(&z, Z_NO_FLUSH);
    if (ret == Z_STREAM_END) {
      stream_end = true;
    } else if (ret != Z_OK && !(ret == Z_BUF_ERROR && z.avail_in == 0 && !input_done)) {
      failed = true;  // bad data, or the compressed bytes ended early
      return 0;
    }
  }
  const std::size_t produced = asked - z.avail_out;
  crc = crc32_z(crc, reinterpret_cast<const Bytef*>(dest), produced);
  return produced;
}

Result<ZipMember> ZipArchive::open_member(std::string_view name) {
  try {
    const std::string member(name);
    const auto it = impl_->index.find(member);
    if (it == impl_->index.end()) {
      return impl_->error(DiagCode::malformed, "zip member '" + member + "' is missing");
    }
    auto state = std::make_unique<ZipMember::State>();
    if (Diagnostics errors = impl_->check_declared(member, it->second, state->size);
        !errors.empty()) {
      return errors;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    const bool known = zip_stat_index(impl_->zip, it->second, 0, &st) == 0 &&
                       (st.valid & ZIP_STAT_COMP_METHOD) != 0 && (st.valid & ZIP_STAT_CRC) != 0;
    const bool plain =
        (st.valid & ZIP_STAT_ENCRYPTION_METHOD) == 0 || st.encryption_method == ZIP_EM_NONE;
    state->direct = known && plain && st.comp_method == ZIP_CM_DEFLATE;
    state->file.reset(
        zip_fopen_index(impl_->zip, it->second, state->direct ? ZIP_FL_COMPRESSED : 0));
    if (state->direct && state->file) {
      state->expected_crc = st.crc;
      state->input.resize(std::size_t{64} << 10);
      state->crc = crc32_z(0, nullptr, 0);
      if (inflateInit2(&state->z, -MAX_WBITS) != Z_OK) throw std::bad_alloc();
      state->z_ready = true;
    }
    if (!state->file) {
      return impl_->error(DiagCode::malformed,
                          "cannot read zip member '" + member + "': " + zip_strerror(impl_->zip));
    }
    state->archive = impl_.get();
    state->name = member;
    return ZipMember(std::move(state));
  } catch (const std::bad_alloc&) {
    return impl_->error(DiagCode::refused,
                        "not enough memory to read zip member '" + std::string(name) + "'");
  }
}

ZipMember::ZipMember(std::unique_ptr<State> state) : state_(std::move(state)) {}
ZipMember::ZipMember(ZipMember&&) noexcept = default;
ZipMember& ZipMember::operator=(ZipMember&&) noexcept = default;
ZipMember::~ZipMember() = default;

std::size_t ZipMember::read(char* dest, std::size_t max) {
  State& s = *state_;
  if (s.finished || max == 0) return 0;
  // Ask for one byte more than declared, so a member that lies about its
  // size is caught as soon as it does.
  const zip_uint64_t want = std::min<zip_uint64_t>(max, s.size - s.got + 1);
  zip_uint64_t got = 0;
  if (s.direct) {
    bool failed = false;
    got = s.inflate_into(dest, static_cast<std::size_t>(want), failed);
    if (failed) {
      return s.stop(s.corrupt(s.z.msg != nullptr ? s.z.msg : zip_file_strerror(s.file.get())));
    }
  } else {
    const zip_int64_t n = zip_fread(s.file.get(), dest, want);
    if (n < 0) return s.stop(s.corrupt(zip_file_strerror(s.file.get())));
    got = static_cast<zip_uint64_t>(n);
  }
  s.got += got;
  s.archive->total_read += got;
  if (s.got > s.size || (got == 0 && s.got < s.size)) {
    return s.stop(s.archive->error(DiagCode::malformed, "zip member '" + s.name + "' inflates to " +
                                                            (s.got > s.size ? "more" : "fewer") +
                                                            " than the " + std::to_string(s.size) +
                                                            " bytes it declares"));
  }
  if (got == 0) {
    s.finished = true;
    if (s.direct && s.crc != s.expected_crc) return s.stop(s.corrupt("CRC mismatch"));
  }
  return static_cast<std::size_t>(got);
}

const Diagnostics& ZipMember::errors() const {
  return state_->errors;
}

std::uint64_t ZipMember::declared_size() const {
  return state_->size;
}

}  // namespace tender::importers
