// A small, fully specified random number generator, so SMAA draws are the
// same with every C++ library and on every machine (std::gamma_distribution is
// implementation-defined, and libm's log and cos may differ in the last bit
// between CPUs: det:: functions are used instead). xoshiro256** seeded
// through splitmix64.
#pragma once

#include <cmath>
#include <cstdint>

#include "detmath.hpp"

namespace tender::engine {

// splitmix64 step: advances `state` and returns the next output.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  // A generator for stream `stream` of seed `seed`: different streams are
  // independent, so blocks of draws can run on any thread in any order.
  Rng(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t sm = seed ^ (stream * 0xD1B54A32D192ED03ULL);
    for (auto& w : s_) w = splitmix64(sm);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform on (0, 1): never 0, so its log is finite.
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }

  // Standard normal (Marsaglia's polar method; the second value of each
  // pair is kept for the next call).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    for (;;) {
      const double u = 2 * uniform() - 1;
      const double v = 2 * uniform() - 1;
      const double s = u * u + v * v;
      if (s >= 1 || s == 0) continue;
      const double f = std::sqrt(-2 * det::log(s) / s);
      spare_ = v * f;
      has_spare_ = true;
      return u * f;
    }
  }

  // Gamma(alpha, 1) by Marsaglia and Tsang; alpha < 1 by the boost
  // U^(1/alpha) x Gamma(alpha + 1). REQUIRES: alpha > 0.
  double gamma(double alpha) {
    if (alpha < 1) return gamma(alpha + 1) * det::pow(uniform(), 1.0 / alpha);
    const double d = alpha - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      const double x = normal();
      double v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const double u = uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (det::log(u) < 0.5 * x * x + d * (1 - v + det::log(v))) return d * v;
    }
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace tender::engine
