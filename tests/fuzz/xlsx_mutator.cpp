// A libFuzzer custom mutator for fuzz_xlsx, linked into the fuzz executable
// only (never into the replay).
//
// Flipping bytes of a zip almost never gets past the archive layer: members
// are deflated and carry a CRC-32 that libzip checks, so the XML inside the
// workbook would go untested. This mutator unpacks the archive, mutates one
// member's bytes (or its name, or drops/duplicates a member) with libFuzzer's
// own mutations and dictionary, and packs it again, stored or deflated, with
// correct CRCs. Every few runs, and whenever the input is not an archive we can
// unpack, the raw bytes are mutated instead, so the zip layer is fuzzed too.
#include <zip.h>
#include <zlib.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

// libFuzzer's names.
extern "C" std::size_t LLVMFuzzerMutate(  // NOLINT(readability-identifier-naming)
    std::uint8_t* data, std::size_t size, std::size_t max_size);

namespace {

struct Member {
  std::string name;
  std::string data;
};

// Inflated bytes we are willing to hold while mutating one input.
constexpr std::uint64_t kMaxUnpacked = 8ULL << 20;

// The members of the zip in `bytes`, or nullopt when libzip cannot read it all.
std::optional<std::vector<Member>> unpack(const std::uint8_t* bytes, std::size_t size) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes, size, 0, &err);
  if (src == nullptr) {
    zip_error_fini(&err);
    return std::nullopt;
  }
  zip_t* zip = zip_open_from_source(src, ZIP_RDONLY, &err);
  zip_error_fini(&err);
  if (zip == nullptr) {
    zip_source_free(src);
    return std::nullopt;
  }
  std::vector<Member> members;
  std::uint64_t total = 0;
  bool ok = true;
  const zip_int64_t n = zip_get_num_entries(zip, 0);
  for (zip_int64_t i = 0; ok && i < n && i < 64; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t st;
    zip_stat_init(&st);
    const char* name = zip_get_name(zip, index, ZIP_FL_ENC_RAW);
    if (name == nullptr || zip_stat_index(zip, index, 0, &st) != 0 ||
        (st.valid & ZIP_STAT_SIZE) == 0 || st.size > kMaxUnpacked - total) {
      ok = false;
      break;
    }
    total += st.size;
    Member m{name, std::string(static_cast<std::size_t>(st.size), '\0')};
    zip_file_t* file = zip_fopen_index(zip, index, 0);
    if (file == nullptr) {
      ok = false;
      break;
    }
    ok = zip_fread(file, m.data.data(), st.size) == static_cast<zip_int64_t>(st.size);
    zip_fclose(file);
    members.push_back(std::move(m));
  }
  zip_discard(zip);
  if (!ok || members.empty()) return std::nullopt;
  return members;
}

void put16(std::string& out, unsigned v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}

void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

// Raw deflate of `in` (no zlib header), or nullopt.
std::optional<std::string> deflate_raw(const std::string& in) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return std::nullopt;
  }
  std::string out(deflateBound(&z, static_cast<uLong>(in.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

// A zip of `members`, each deflated when `deflated`, else stored.
std::optional<std::string> pack(const std::vector<Member>& members, bool deflated) {
  std::string body;
  std::string directory;
  for (const Member& m : members) {
    if (m.name.size() > 0xFFFF || m.data.size() > 0xFFFFFFFFULL) return std::nullopt;
    std::string payload = m.data;
    unsigned method = 0;
    if (deflated) {
      auto d = deflate_raw(m.data);
      if (!d) return std::nullopt;
      payload = std::move(*d);
      method = 8;
    }
    const auto crc = static_cast<std::uint32_t>(
        crc32(0L, reinterpret_cast<const Bytef*>(m.data.data()), static_cast<uInt>(m.data.size())));
    const auto offset = static_cast<std::uint32_t>(body.size());
    const auto packed = static_cast<std::uint32_t>(payload.size());
    const auto plain = static_cast<std::uint32_t>(m.data.size());
    const auto name_len = static_cast<unsigned>(m.name.size());
    // Local file header.
    put32(body, 0x04034b50);
    put16(body, 20);  // version needed
    put16(body, 0);   // flags
    put16(body, method);
    put16(body, 0);     // time
    put16(body, 0x21);  // date (1980-01-01)
    put32(body, crc);
    put32(body, packed);
    put32(body, plain);
    put16(body, name_len);
    put16(body, 0);  // extra length
    body += m.name;
    body += payload;
    // Central directory entry.
    put32(directory, 0x02014b50);
    put16(directory, 20);  // version made by
    put16(directory, 20);  // version needed
    put16(directory, 0);
    put16(directory, method);
    put16(directory, 0);
    put16(directory, 0x21);
    put32(directory, crc);
    put32(directory, packed);
    put32(directory, plain);
    put16(directory, name_len);
    put16(directory, 0);  // extra
    put16(directory, 0);  // comment
    put16(directory, 0);  // disk
    put16(directory, 0);  // internal attributes
    put32(directory, 0);  // external attributes
    put32(directory, offset);
    directory += m.name;
  }
  if (members.size() > 0xFFFF || body.size() > 0xFFFFFFFFULL) return std::nullopt;
  const auto count = static_cast<unsigned>(members.size());
  std::string out = body + directory;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, count);
  put16(out, count);
  put32(out, static_cast<std::uint32_t>(directory.size()));
  put32(out, static_cast<std::uint32_t>(body.size()));
  put16(out, 0);  // comment length
  return out;
}

// Mutates `s` in place with libFuzzer's mutations, letting it grow by up to
// `room` bytes.
void mutate_bytes(std::string& s, std::size_t room) {
  const std::size_t size = s.size();
  s.resize(size + room);
  const std::size_t n = LLVMFuzzerMutate(reinterpret_cast<std::uint8_t*>(s.data()), size, s.size());
  s.resize(n);
}

// The member to mutate: mostly the XML that matters (sheets, the workbook,
// its relationships, shared strings), sometimes any.
std::size_t pick_member(const std::vector<Member>& members, std::minstd_rand& rng) {
  std::vector<std::size_t> xml;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const std::string& n = members[i].name;
    if (n.rfind("xl/worksheets/", 0) == 0 || n == "xl/workbook.xml" ||
        n == "xl/sharedStrings.xml" || n == "xl/_rels/workbook.xml.rels") {
      xml.push_back(i);
    }
  }
  if (!xml.empty() && rng() % 4 != 0) return xml[rng() % xml.size()];
  return rng() % members.size();
}

}  // namespace

extern "C" std::size_t LLVMFuzzerCustomMutator(  // NOLINT(readability-identifier-naming)
    std::uint8_t* data, std::size_t size, std::size_t max_size, unsigned int seed) {
  std::minstd_rand rng(seed);
  if (rng() % 8 == 0) return LLVMFuzzerMutate(data, size, max_size);
  auto members = unpack(data, size);
  if (!members) return LLVMFuzzerMutate(data, size, max_size);

  const std::size_t which = pick_member(*members, rng);
  switch (rng() % 16) {
    case 0:  // rename a member
      mutate_bytes((*members)[which].name, 8);
      break;
    case 1:  // drop a member
      if (members->size() > 1)
        members->erase(members->begin() + static_cast<std::ptrdiff_t>(which));
      break;
    case 2:  // duplicate a member (same name twice)
      members->push_back((*members)[which]);
      break;
    default:  // mutate a member's bytes
      mutate_bytes((*members)[which].data, 256);
      break;
  }
  // Stored keeps the XML visible to libFuzzer's comparisons; deflate keeps big
  // workbooks under max_size. Try the first, fall back to the second.
  const bool stored_first = rng() % 2 == 0;
  for (const bool deflated : {!stored_first, stored_first}) {
    const auto out = pack(*members, deflated);
    if (out && out->size() <= max_size) {
      std::copy(out->begin(), out->end(), reinterpret_cast<char*>(data));
      return out->size();
    }
  }
  return LLVMFuzzerMutate(data, size, max_size);
}
