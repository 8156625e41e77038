#include "html_format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "tender/engine/utf8.hpp"

namespace tender::reports::html {
namespace {

constexpr char32_t kEllipsis = 0x2026;

// Groups the integer digits of a plain decimal ("-1234.50") in threes.
std::string grouped(const std::string& plain) {
  const std::size_t sign = plain.starts_with('-') ? 1 : 0;
  const std::size_t point = std::min(plain.find('.'), plain.size());
  std::string out = plain.substr(0, sign);
  for (std::size_t i = sign; i < point; ++i) {
    if (i > sign && (point - i) % 3 == 0) out += ',';
    out += plain[i];
  }
  return out + plain.substr(point);
}

std::string symbol(std::string_view currency) {
  if (currency == "GBP") return "\u00a3";
  if (currency == "EUR") return "\u20ac";
  if (currency == "USD") return "$";
  if (currency.empty()) return "";
  return std::string(currency) + "\u00a0";
}

bool allowed(char32_t cp) {
  if (cp < 0x20) return cp == '\t' || cp == '\n' || cp == '\r';
  if (cp >= 0x7F && cp <= 0x9F) return false;
  return cp != 0xFFFE && cp != 0xFFFF;
}

}  // namespace

std::string fixed(double v, int decimals) {
  if (!std::isfinite(v)) return "\u2013";
  char buf[400];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  std::string out(buf, r.ptr);
  if (out.starts_with('-') && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
  return out;
}

std::string signed_fixed(double v, int decimals) {
  const std::string out = fixed(v, decimals);
  const bool positive = !out.starts_with('-') && out.find_first_not_of("0.") != std::string::npos;
  return positive && std::isfinite(v) ? "+" + out : out;
}

std::string money(double v, std::string_view currency) {
  if (!std::isfinite(v)) return fixed(v, 2);
  const std::string plain = fixed(v, 2);
  const bool negative = plain.starts_with('-');
  const std::string digits = grouped(negative ? plain.substr(1) : plain);
  return (negative ? "-" : "") + symbol(currency) + digits;
}

std::string count(long long n) {
  return grouped(std::to_string(n));
}

std::string percent(double share) {
  const std::string out = fixed(share * 100, 1);
  return std::isfinite(share) ? out + "%" : out;
}

std::string clean_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const char32_t cp = next_code_point(s, i);
    append_utf8(out, allowed(cp) ? cp : kReplacementChar);
  }
  return out;
}

std::string shorten(std::string_view s, std::size_t max) {
  std::size_t i = 0;
  std::size_t count = 0;
  std::size_t cut = 0;  // byte offset after max - 1 code points
  while (i < s.size()) {
    next_code_point(s, i);
    ++count;
    if (count == max - 1) cut = i;
    if (count > max) break;
  }
  if (count <= max) return clean_text(s);
  std::string out = clean_text(s.substr(0, cut));
  append_utf8(out, kEllipsis);
  return out;
}

}  // namespace tender::reports::html
