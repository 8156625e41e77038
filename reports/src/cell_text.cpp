// Text for a spreadsheet cell (see cell_text.hpp).
#include "cell_text.hpp"

#include <cctype>
#include <cstddef>

#include "tender/engine/utf8.hpp"

namespace tender::reports {
namespace {

constexpr std::size_t kMaxCellUnits = 32767;  // Excel's limit, in UTF-16 code units
constexpr char32_t kReplacement = 0xFFFD;
constexpr char32_t kEllipsis = 0x2026;

// Decodes one code point at `i` (advancing it); kReplacement for a byte that
// does not start a valid, shortest-form UTF-8 sequence (the byte is skipped).
char32_t next_code_point(const std::string& s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  std::size_t len = 0;
  char32_t cp = 0;
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    ++i;
    return kReplacement;
  }
  if (i + len > s.size()) {
    ++i;
    return kReplacement;
  }
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kReplacement;
  }
  i += len;
  return cp;
}

// True for the characters XML 1.0 allows in text.
bool xml_char(char32_t cp) {
  if (cp < 0x20) return cp == '\t' || cp == '\n' || cp == '\r';
  return cp != 0xFFFE && cp != 0xFFFF;
}

// Spreadsheets read "_xHHHH_" in a string as the character U+HHHH (OOXML's
// escape); a literal one is kept by escaping its underscore as "_x005F_".
std::string keep_ooxml_escapes(const std::string& s) {
  const auto hex = [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)) != 0; };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && hex(s[i + 2]) && hex(s[i + 3]) &&
        hex(s[i + 4]) && hex(s[i + 5]) && s[i + 6] == '_') {
      out += "_x005F";
    }
    out += s[i];
  }
  return out;
}

std::size_t utf16_units(char32_t cp) {
  return cp >= 0x10000 ? 2 : 1;
}

}  // namespace

std::string cell_text(const std::string& raw) {
  const std::string s = keep_ooxml_escapes(raw);
  std::u32string cps;
  cps.reserve(s.size());
  std::size_t units = 0;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = next_code_point(s, i);
    if (!xml_char(cp)) cp = kReplacement;
    cps.push_back(cp);
    units += utf16_units(cp);
  }
  std::size_t keep = cps.size();
  if (units > kMaxCellUnits) {
    units = 0;
    keep = 0;
    while (units + utf16_units(cps[keep]) < kMaxCellUnits) units += utf16_units(cps[keep++]);
  }
  std::string out;
  out.reserve(s.size());
  for (std::size_t k = 0; k < keep; ++k) append_utf8(out, cps[k]);
  if (keep < cps.size()) append_utf8(out, kEllipsis);
  return out;
}

}  // namespace tender::reports
