// The per-address token buckets, on explicit instants.
#include <gtest/gtest.h>

#include "api/rate_limiter.hpp"

namespace mswa::api {
namespace {

using namespace std::chrono_literals;
const RateLimiter::Clock::time_point t0{};

TEST(RateLimiter, ABurstThenTheSustainedRate) {
  RateLimiter limiter(2, 5);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(limiter.take("10.0.0.1", t0), std::nullopt) << i;
  EXPECT_EQ(limiter.take("10.0.0.1", t0), 1);  // empty: a token comes back within a second
  EXPECT_EQ(limiter.take("10.0.0.1", t0 + 400ms), 1);
  EXPECT_EQ(limiter.take("10.0.0.1", t0 + 500ms), std::nullopt);  // 2 a second: one after half a second
  EXPECT_EQ(limiter.take("10.0.0.1", t0 + 500ms), 1);
  // Refilled to the burst, never beyond it.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(limiter.take("10.0.0.1", t0 + 1h), std::nullopt) << i;
  EXPECT_EQ(limiter.take("10.0.0.1", t0 + 1h), 1);
}

TEST(RateLimiter, RetryAfterCountsWholeSecondsAtSlowRates) {
  RateLimiter limiter(0.1, 1);  // one every ten seconds
  EXPECT_EQ(limiter.take("a", t0), std::nullopt);
  EXPECT_EQ(limiter.take("a", t0), 10);
  EXPECT_EQ(limiter.take("a", t0 + 7s), 3);
}

TEST(RateLimiter, EachAddressHasItsOwnBucket) {
  RateLimiter limiter(1, 1);
  EXPECT_EQ(limiter.take("a", t0), std::nullopt);
  EXPECT_NE(limiter.take("a", t0), std::nullopt);
  EXPECT_EQ(limiter.take("b", t0), std::nullopt);
  EXPECT_EQ(limiter.take("2001:db8::1", t0), std::nullopt);
}

TEST(RateLimiter, ZeroTurnsItOff) {
  RateLimiter limiter(0, 1);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(limiter.take("a", t0), std::nullopt);
  EXPECT_EQ(limiter.tracked(), 0u);
}

TEST(RateLimiter, MemoryStaysBoundedUnderASprayOfAddresses) {
  RateLimiter limiter(1, 2, 100);
  for (int i = 0; i < 100; ++i) limiter.take("addr-" + std::to_string(i), t0);
  EXPECT_EQ(limiter.tracked(), 100u);
  // Full and nobody's bucket refilled yet: the newcomer passes untracked.
  EXPECT_EQ(limiter.take("newcomer", t0), std::nullopt);
  EXPECT_EQ(limiter.tracked(), 100u);
  // Later the refilled buckets are forgotten and the newcomer is tracked again.
  EXPECT_EQ(limiter.take("newcomer", t0 + 10s), std::nullopt);
  EXPECT_EQ(limiter.tracked(), 1u);
  EXPECT_EQ(limiter.take("newcomer", t0 + 10s), std::nullopt);
  EXPECT_NE(limiter.take("newcomer", t0 + 10s), std::nullopt);
}

}  // namespace
}  // namespace mswa::api
