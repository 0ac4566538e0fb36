// sockspec/client/detail/backoff.hpp: the reconnection delays of socket.io-client's Backoff
// (contrib/backo2): exponential growth with jitter. Pure: no I/O, no clock.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>

namespace sockspec::client::detail {

/// The delay before each reconnection attempt. The n-th delay (from 0) is
/// `d = delay * 2^n`; with a jitter j in (0, 1] and a uniform random r in [0, 1),
/// `dev = floor(r * j * d)` is subtracted when `floor(r * 10)` is even and added when odd;
/// the result is capped at `delay_max` (socket.io-client's `Backoff.duration()`). Not thread-safe.
class backoff {
public:
    /// A backoff whose randomness comes from a generator seeded with `seed`.
    backoff(std::chrono::milliseconds delay, std::chrono::milliseconds delay_max, double jitter,
            std::uint64_t seed)
        : min_(static_cast<double>(delay.count())),
          max_(static_cast<double>(delay_max.count())),
          jitter_(jitter > 0 && jitter <= 1 ? jitter : 0),
          rng_(seed) {}

    /// The next delay, consuming one random number; counts an attempt.
    std::chrono::milliseconds duration() {
        double const r = std::generate_canonical<double, 53>(rng_);
        return duration(r < 1.0 ? r : 0.0);
    }

    /// The next delay for the random number `r` in [0, 1); counts an attempt.
    std::chrono::milliseconds duration(double r) noexcept {
        double ms = min_ * std::pow(2.0, static_cast<double>(attempts_));
        ++attempts_;
        // Past ~2^1000 the double overflows; the reference then yields 0 (NaN | 0). The cap is
        // what every finite delay of that size comes to anyway.
        if (!std::isfinite(ms)) return to_ms(max_);
        if (jitter_ != 0) {
            double const deviation = std::floor(r * jitter_ * ms);
            bool const down = (static_cast<std::uint64_t>(std::floor(r * 10)) & 1) == 0;
            ms = down ? ms - deviation : ms + deviation;
        }
        return to_ms(std::min(ms, max_));
    }

    /// The attempts counted since the last reset.
    std::size_t attempts() const noexcept { return attempts_; }

    /// Starts over at `delay` (after a successful connection, or when giving up).
    void reset() noexcept { attempts_ = 0; }

private:
    static std::chrono::milliseconds to_ms(double ms) noexcept {
        return std::chrono::milliseconds(static_cast<std::int64_t>(std::max(ms, 0.0)));
    }

    double min_;
    double max_;
    double jitter_;
    std::size_t attempts_ = 0;
    std::mt19937_64 rng_;
};

}  // namespace sockspec::client::detail
