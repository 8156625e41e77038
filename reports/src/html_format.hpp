// Text and number formatting for the HTML report. Deterministic: no locale,
// the same value always gives the same characters.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tender::reports::html {

// `v` rounded to `decimals` digits after the point ("12.35"); a result that
// rounds to zero never carries a minus sign; "–" (en dash) when not finite.
// REQUIRES: 0 <= decimals <= 9.
std::string fixed(double v, int decimals);

// As `fixed`, with a "+" before positive values: "+1.25", "-0.50", "0.00".
std::string signed_fixed(double v, int decimals);

// Money with two decimals and thousands separators, marked with the round's
// currency: "£1,234.50" for GBP, "€" for EUR, "$" for USD, otherwise the
// code and a no-break space ("CHF 1,234.50").
std::string money(double v, std::string_view currency);

// A whole number with thousands separators: 10000 gives "10,000".
std::string count(long long n);

// A share of 1 as a percentage with one decimal: 0.1234 gives "12.3%".
std::string percent(double share);

// `s` as valid UTF-8 fit for an HTML text node: bytes that are not valid
// UTF-8, control characters (other than tab, newline and carriage return)
// and the noncharacters U+FFFE and U+FFFF become U+FFFD. Does not escape
// markup (the template's {{value}} does).
std::string clean_text(std::string_view s);

// `s` cut to at most `max` characters (code points): a longer text keeps its
// first max - 1 and ends with "…". REQUIRES: max >= 1.
std::string shorten(std::string_view s, std::size_t max);

}  // namespace tender::reports::html
