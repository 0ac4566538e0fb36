// client::detail::backoff: socket.io-client's reconnection delays.
#include <sockspec/client/client.hpp>
#include <sockspec/client/detail/backoff.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace {

using sockspec::client::detail::backoff;
using namespace std::chrono_literals;

// The reference formula (backo2 `duration()`), written out for one attempt.
long long reference(double min, double max, double jitter, int attempt, double r) {
    double ms = min * std::pow(2.0, attempt);
    double const dev = std::floor(r * jitter * ms);
    ms = (static_cast<long long>(std::floor(r * 10)) & 1) == 0 ? ms - dev : ms + dev;
    return static_cast<long long>(std::min(ms, max));
}

TEST(backoff, follows_the_reference_formula) {
    backoff b(1000ms, 5000ms, 0.5, 1);
    double const rs[] = {0.0, 0.15, 0.42, 0.99, 0.5, 0.05};
    int n = 0;
    for (double r : rs) {
        EXPECT_EQ(b.duration(r).count(), reference(1000, 5000, 0.5, n, r)) << "attempt " << n;
        ++n;
    }
    EXPECT_EQ(b.attempts(), 6u);
}

TEST(backoff, known_values) {
    backoff b(1000ms, 5000ms, 0.5, 1);
    // r = 0.15: floor(1.5) = 1 is odd -> + floor(0.15 * 0.5 * 1000) = 75.
    EXPECT_EQ(b.duration(0.15), 1075ms);
    // r = 0.25: floor(2.5) = 2 is even -> - floor(0.25 * 0.5 * 2000) = 250.
    EXPECT_EQ(b.duration(0.25), 1750ms);
    // 4000 + 0.15 * 0.5 * 4000 = 4300.
    EXPECT_EQ(b.duration(0.15), 4300ms);
    // 8000 +- anything: capped at 5000 when added.
    EXPECT_EQ(b.duration(0.15), 5000ms);
    // 16000 - floor(0.99 ... even? floor(9.9) = 9 odd -> added, capped.
    EXPECT_EQ(b.duration(0.99), 5000ms);
}

TEST(backoff, seeded_sequence_stays_in_bounds) {
    backoff b(1000ms, 5000ms, 0.5, 42);
    for (int n = 0; n < 40; ++n) {
        auto const d = b.duration().count();
        double const base = 1000 * std::pow(2.0, n);
        EXPECT_GE(d, static_cast<long long>(std::min(base * 0.5, 5000.0))) << "attempt " << n;
        EXPECT_LE(d, static_cast<long long>(std::min(base * 1.5, 5000.0))) << "attempt " << n;
    }
}

TEST(backoff, same_seed_same_sequence) {
    backoff a(1000ms, 5000ms, 0.5, 7), b(1000ms, 5000ms, 0.5, 7), c(1000ms, 5000ms, 0.5, 8);
    std::vector<long long> sa, sb, sc;
    for (int n = 0; n < 8; ++n) {
        sa.push_back(a.duration().count());
        sb.push_back(b.duration().count());
        sc.push_back(c.duration().count());
    }
    EXPECT_EQ(sa, sb);
    EXPECT_NE(sa, sc);
}

TEST(backoff, jitter_spreads_the_first_delay) {
    // socket.io-client docs: the 1st attempt happens between 500 and 1500 ms.
    backoff b(1000ms, 5000ms, 0.5, 3);
    std::int64_t lo = 100000, hi = 0;
    for (int i = 0; i < 2000; ++i) {
        b.reset();
        std::int64_t const d = b.duration().count();
        lo = std::min(lo, d);
        hi = std::max(hi, d);
    }
    EXPECT_GE(lo, 500);
    EXPECT_LE(hi, 1500);
    EXPECT_LT(lo, 700);
    EXPECT_GT(hi, 1300);
}

TEST(backoff, no_jitter_doubles_up_to_the_cap) {
    backoff b(100ms, 1000ms, 0.0, 1);
    std::vector<long long> got;
    for (int n = 0; n < 6; ++n) got.push_back(b.duration().count());
    EXPECT_EQ(got, (std::vector<long long>{100, 200, 400, 800, 1000, 1000}));
}

TEST(backoff, reset_starts_over) {
    backoff b(100ms, 1000ms, 0.0, 1);
    (void)b.duration();
    (void)b.duration();
    b.reset();
    EXPECT_EQ(b.attempts(), 0u);
    EXPECT_EQ(b.duration(), 100ms);
}

TEST(backoff, huge_attempt_counts_stay_at_the_cap) {
    backoff b(1000ms, 5000ms, 0.5, 1);
    for (int n = 0; n < 1100; ++n) {
        auto const d = b.duration();
        ASSERT_LE(d, 5000ms);
        if (n > 5) {
            ASSERT_GE(d, 4000ms) << n;
        }
    }
}

TEST(backoff, defaults_are_socket_io_clients) {
    sockspec::client::reconnection_options o;
    EXPECT_TRUE(o.enabled);
    EXPECT_EQ(o.delay, 1000ms);
    EXPECT_EQ(o.delay_max, 5000ms);
    EXPECT_EQ(o.randomization, 0.5);
    EXPECT_EQ(o.attempts, std::numeric_limits<std::size_t>::max());
}

}  // namespace
