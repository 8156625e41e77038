// Tests for ZipArchive: listing, reading, and the limits that stop zip bombs.
#include "tender/importers/zip_archive.hpp"

#include "workbook_builder.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

using tender::DiagCode;
using tender::importers::ZipArchive;
using tender::importers::ZipLimits;
using tender::importers::testing::make_zip;

namespace {

void put_u32(std::string& bytes, std::size_t at, std::uint32_t value) {
  for (std::size_t i = 0; i < 4; ++i) {
    bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFFu);
  }
}

// Rewrites the uncompressed size every local and central header declares
// (the archive must hold a single member), as a lying writer would.
void declare_size(std::string& zip, std::uint32_t size) {
  int patched = 0;
  for (std::size_t at = zip.find("PK\x03\x04"); at != std::string::npos;
       at = zip.find("PK\x03\x04", at + 4)) {
    put_u32(zip, at + 22, size);
    ++patched;
  }
  for (std::size_t at = zip.find("PK\x01\x02"); at != std::string::npos;
       at = zip.find("PK\x01\x02", at + 4)) {
    put_u32(zip, at + 24, size);
    ++patched;
  }
  REQUIRE(patched == 2);
}

// Replaces every occurrence of `from` with `to` (same length) in the bytes.
void rename_everywhere(std::string& zip, const std::string& from, const std::string& to) {
  REQUIRE(from.size() == to.size());
  for (std::size_t at = zip.find(from); at != std::string::npos; at = zip.find(from, at)) {
    zip.replace(at, from.size(), to);
  }
}

ZipArchive open_ok(std::string bytes, ZipLimits limits = {}) {
  auto zip = ZipArchive::open(std::move(bytes), "test.zip", limits);
  REQUIRE(zip.ok());
  return std::move(zip.value());
}

}  // namespace

TEST_CASE("zip: members are listed in archive order and read back whole", "[importers][zip]") {
  ZipArchive zip = open_ok(make_zip({{"b.txt", "bee"}, {"a/c.xml", "<c/>"}, {"empty", ""}}));
  CHECK(zip.names() == std::vector<std::string>{"b.txt", "a/c.xml", "empty"});
  CHECK(zip.label() == "test.zip");
  auto b = zip.read("b.txt");
  REQUIRE(b.ok());
  CHECK(b.value() == "bee");
  auto c = zip.read("a/c.xml");
  REQUIRE(c.ok());
  CHECK(c.value() == "<c/>");
  auto empty = zip.read("empty");
  REQUIRE(empty.ok());
  CHECK(empty.value().empty());
}

TEST_CASE("zip: contains matches member names exactly", "[importers][zip]") {
  ZipArchive zip = open_ok(make_zip({{"xl/workbook.xml", "<w/>"}}));
  CHECK(zip.contains("xl/workbook.xml"));
  CHECK_FALSE(zip.contains("XL/workbook.xml"));
  CHECK_FALSE(zip.contains("xl/workbook"));
  CHECK_FALSE(zip.contains(""));
}

TEST_CASE("zip: a large member is read back byte for byte", "[importers][zip]") {
  std::string content;
  for (int i = 0; i < 200000; ++i) content += static_cast<char>('a' + (i * 7919) % 26);
  ZipArchive zip = open_ok(make_zip({{"big", content}}));
  auto read = zip.read("big");
  REQUIRE(read.ok());
  CHECK(read.value() == content);
}

TEST_CASE("zip: bytes that are not a zip are malformed", "[importers][zip]") {
  const std::string samples[] = {"", "PK", "hello, world", std::string(100, 'x'),
                                 "<?xml version=\"1.0\"?><workbook/>"};
  for (const std::string& bytes : samples) {
    auto zip = ZipArchive::open(bytes, "prices.xlsx");
    REQUIRE_FALSE(zip.ok());
    REQUIRE(zip.errors().size() == 1);
    CHECK(zip.errors()[0].code == DiagCode::malformed);
    CHECK(zip.errors()[0].place.file == "prices.xlsx");
    CHECK_THAT(zip.errors()[0].message, Catch::Contains("not a zip"));
  }
}

TEST_CASE("zip: a truncated archive is malformed", "[importers][zip]") {
  const std::string bytes = make_zip({{"a.txt", std::string(1000, 'a')}});
  auto zip = ZipArchive::open(bytes.substr(0, bytes.size() / 2), "cut.zip");
  REQUIRE_FALSE(zip.ok());
  CHECK(zip.errors()[0].code == DiagCode::malformed);
}

TEST_CASE("zip: reading a missing member is malformed", "[importers][zip]") {
  ZipArchive zip = open_ok(make_zip({{"a.txt", "a"}}));
  auto read = zip.read("b.txt");
  REQUIRE_FALSE(read.ok());
  CHECK(read.errors()[0].code == DiagCode::malformed);
  CHECK(read.errors()[0].place.file == "test.zip");
  CHECK_THAT(read.errors()[0].message, Catch::Contains("b.txt"));
}

TEST_CASE("zip: a member declaring more than max_part_bytes is refused without inflating",
          "[importers][zip]") {
  ZipLimits limits;
  limits.max_part_bytes = 1000;
  limits.max_total_bytes = 1500;
  ZipArchive zip = open_ok(
      make_zip({{"bomb", std::string(10000, '\0')}, {"ok", std::string(1000, 'k')}}), limits);
  auto bomb = zip.read("bomb");
  REQUIRE_FALSE(bomb.ok());
  CHECK(bomb.errors()[0].code == DiagCode::refused);
  CHECK_THAT(bomb.errors()[0].message,
             Catch::Contains("'bomb' is too large") && Catch::Contains("10000"));
  // Nothing was inflated, so the whole total budget is still there.
  auto ok = zip.read("ok");
  REQUIRE(ok.ok());
  CHECK(ok.value().size() == 1000);
}

TEST_CASE("zip: reads that would pass max_total_bytes are refused", "[importers][zip]") {
  ZipLimits limits;
  limits.max_part_bytes = 1000;
  limits.max_total_bytes = 1500;
  ZipArchive zip = open_ok(make_zip({{"one", std::string(1000, '1')},
                                     {"two", std::string(1000, '2')},
                                     {"small", std::string(500, 's')}}),
                           limits);
  REQUIRE(zip.read("one").ok());
  auto two = zip.read("two");
  REQUIRE_FALSE(two.ok());
  CHECK(two.errors()[0].code == DiagCode::refused);
  CHECK_THAT(two.errors()[0].message, Catch::Contains("too large") && Catch::Contains("'two'"));
  // Exactly reaching the limit is allowed; reading again counts again.
  REQUIRE(zip.read("small").ok());
  auto again = zip.read("one");
  REQUIRE_FALSE(again.ok());
  CHECK(again.errors()[0].code == DiagCode::refused);
}

TEST_CASE("zip: an archive with more than max_entries members is refused", "[importers][zip]") {
  ZipLimits limits;
  limits.max_entries = 2;
  const std::string bytes = make_zip({{"a", "a"}, {"b", "b"}, {"c", "c"}});
  auto zip = ZipArchive::open(bytes, "many.zip", limits);
  REQUIRE_FALSE(zip.ok());
  CHECK(zip.errors()[0].code == DiagCode::refused);
  CHECK(zip.errors()[0].place.file == "many.zip");
  CHECK_THAT(zip.errors()[0].message, Catch::Contains("too many entries"));
  limits.max_entries = 3;
  CHECK(ZipArchive::open(bytes, "many.zip", limits).ok());
}

TEST_CASE("zip: a member that inflates to more than it declares is malformed", "[importers][zip]") {
  std::string bytes = make_zip({{"liar", std::string(10000, '\0')}});
  declare_size(bytes, 100);
  ZipLimits limits;
  limits.max_part_bytes = 1000;
  ZipArchive zip = open_ok(bytes, limits);
  auto read = zip.read("liar");
  REQUIRE_FALSE(read.ok());
  CHECK(read.errors()[0].code == DiagCode::malformed);
  CHECK_THAT(read.errors()[0].message, Catch::Contains("liar"));
}

TEST_CASE("zip: a member that inflates to less than it declares is malformed", "[importers][zip]") {
  std::string bytes = make_zip({{"short", std::string(10000, 'z')}});
  declare_size(bytes, 20000);
  ZipArchive zip = open_ok(bytes);
  auto read = zip.read("short");
  REQUIRE_FALSE(read.ok());
  CHECK(read.errors()[0].code == DiagCode::malformed);
}

TEST_CASE("zip: a member with corrupt compressed data is malformed", "[importers][zip]") {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += std::to_string(i * 31);
  std::string bytes = make_zip({{"data", text}});
  const auto u16 = [&](std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(bytes[at])) |
           static_cast<std::size_t>(static_cast<unsigned char>(bytes[at + 1])) << 8;
  };
  const std::size_t start = 30 + u16(26) + u16(28);  // local header, name, extra field
  for (std::size_t i = start + 10; i < start + 60; ++i) bytes[i] = static_cast<char>(~bytes[i]);
  ZipArchive zip = open_ok(bytes);
  auto read = zip.read("data");
  REQUIRE_FALSE(read.ok());
  CHECK(read.errors()[0].code == DiagCode::malformed);
}

TEST_CASE("zip: two members with the same name are malformed", "[importers][zip]") {
  std::string bytes = make_zip({{"a.xml", "first"}, {"b.xml", "second"}});
  rename_everywhere(bytes, "b.xml", "a.xml");
  auto zip = ZipArchive::open(bytes, "twins.zip");
  REQUIRE_FALSE(zip.ok());
  CHECK(zip.errors()[0].code == DiagCode::malformed);
  CHECK_THAT(zip.errors()[0].message, Catch::Contains("a.xml"));
}

TEST_CASE("zip: a moved archive keeps its members and label", "[importers][zip]") {
  ZipArchive first = open_ok(make_zip({{"a", "alpha"}}));
  ZipArchive second = std::move(first);
  auto read = second.read("a");
  REQUIRE(read.ok());
  CHECK(read.value() == "alpha");
  ZipArchive third = open_ok(make_zip({{"b", "beta"}}));
  third = std::move(second);
  CHECK(third.names() == std::vector<std::string>{"a"});
  CHECK(third.label() == "test.zip");
}

TEST_CASE("zip: a member whose CRC does not match its data is malformed", "[importers][zip]") {
  // Regression guard for our own inflate path: the data is valid deflate,
  // only the recorded CRC-32 is wrong (in the local and central headers).
  std::string bytes = make_zip({{"data.xml", std::string(5000, 'q') + "end"}});
  for (std::size_t at = bytes.find("PK\x03\x04"); at != std::string::npos;
       at = bytes.find("PK\x03\x04", at + 4)) {
    bytes[at + 14] = static_cast<char>(~bytes[at + 14]);
  }
  for (std::size_t at = bytes.find("PK\x01\x02"); at != std::string::npos;
       at = bytes.find("PK\x01\x02", at + 4)) {
    bytes[at + 16] = static_cast<char>(~bytes[at + 16]);
  }
  ZipArchive zip = open_ok(bytes);
  auto read = zip.read("data.xml");
  REQUIRE_FALSE(read.ok());
  CHECK(read.errors()[0].code == DiagCode::malformed);
  CHECK_THAT(read.errors()[0].message, Catch::Contains("CRC"));
}

TEST_CASE("zip: a member read in small pieces gives the same bytes", "[importers][zip]") {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += std::to_string(i % 977) + ',';
  ZipArchive zip = open_ok(make_zip({{"part", text}}));
  auto member = zip.open_member("part");
  REQUIRE(member.ok());
  std::string out;
  char buf[7];
  for (std::size_t n; (n = member->read(buf, sizeof buf)) > 0;) out.append(buf, n);
  CHECK(member->errors().empty());
  CHECK(out == text);
}
