// Deterministic elementary functions: log, exp and whole powers built only
// from IEEE 754 basic operations (+, -, *, /, sqrt) and exact scaling.
//
// Why: glibc picks an implementation of log, exp, pow and cos at run time by
// CPU (the "_fma" variants), and they are not correctly rounded, so the same
// program can give a different last bit on another machine. One different
// bit in a discount factor changes the printed price; one in an SMAA draw can
// move a tied rank. With these, and -ffp-contract=off (no fused
// multiply-adds behind our back), result.json is the same on every machine.
// Accuracy is within a few units in the last place, far inside the spec's
// 1e-6; determinism is the point.
#pragma once

#include <cmath>

namespace tender::engine::det {

inline constexpr double kLn2Hi = 6.93147180369123816490e-01;  // ln 2, upper bits
inline constexpr double kLn2Lo = 1.90821492927058770002e-10;  // ln 2 - kLn2Hi

// Natural logarithm. REQUIRES: x > 0 and finite.
inline double log(double x) {
  int e = 0;
  double m = std::frexp(x, &e);  // x = m * 2^e, m in [0.5, 1): exact
  if (m < 0.70710678118654752440) {
    m *= 2;
    --e;
  }
  // log(m) = 2 atanh(s) with s = (m - 1) / (m + 1), |s| <= 0.1716.
  const double s = (m - 1) / (m + 1);
  const double s2 = s * s;
  double sum = 1.0 / 25;
  for (int k = 23; k >= 1; k -= 2) sum = 1.0 / k + s2 * sum;
  const double de = static_cast<double>(e);
  return de * kLn2Hi + (2 * s * sum + de * kLn2Lo);
}

// e^x. Underflows to 0 below about -745 and overflows to infinity above 709.
inline double exp(double x) {
  if (x > 709.78) return HUGE_VAL;
  if (x < -745.2) return 0;
  const double k = std::nearbyint(x / (kLn2Hi + kLn2Lo));  // rounding mode: to nearest
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;          // |r| <= ln2 / 2
  double sum = 1;
  for (int n = 16; n >= 1; --n) sum = 1 + r * sum / n;
  return std::ldexp(sum, static_cast<int>(k));
}

// base^n for a whole n, by repeated squaring (the same multiplications in
// the same order everywhere).
inline double pow(double base, int n) {
  if (n < 0) return 1 / pow(base, -n);
  double result = 1;
  while (n > 0) {
    if ((n & 1) != 0) result *= base;
    base *= base;
    n >>= 1;
  }
  return result;
}

// base^y for base > 0 and any y.
inline double pow(double base, double y) {
  return exp(y * log(base));
}

}  // namespace tender::engine::det
