// Number formatting for the human messages of flags and reasons.
#pragma once

#include <string>

namespace tender::text {

// 1234567.891 -> "1,234,567.89"; whole numbers lose the decimals ("900,000").
std::string amount(double v);

// Up to `decimals` decimals, trailing zeros dropped: 2.50 -> "2.5", 3.0 -> "3".
std::string number(double v, int decimals = 2);

}  // namespace tender::text
