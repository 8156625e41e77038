#include "text.hpp"

#include <cmath>
#include <cstdio>

namespace tender::text {

std::string number(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string amount(double v) {
  const bool whole = std::fabs(v - std::round(v)) < 0.005;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", std::fabs(v));
  std::string digits = buf;
  std::string frac = digits.substr(digits.size() - 3);
  digits.resize(digits.size() - 3);
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[i];
    const std::size_t left = n - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  if (!whole) out += frac;
  if (v < 0 && out != "0") out.insert(out.begin(), '-');
  return out;
}

}  // namespace tender::text
