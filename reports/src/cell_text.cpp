// Text for a spreadsheet cell (see cell_text.hpp).
#include "cell_text.hpp"

#include <cctype>
#include <cstddef>

#include "tender/engine/utf8.hpp"

namespace tender::reports {
namespace {

constexpr std::size_t kMaxCellUnits = 32767;  // Excel's limit, in UTF-16 code units
constexpr char32_t kEllipsis = 0x2026;

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
    if (!xml_char(cp)) cp = kReplacementChar;
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
