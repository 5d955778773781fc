#include <gtest/gtest.h>

#include "domain/login_throttle.hpp"

using namespace mswa::domain;

TEST(LoginThrottle, NineFailuresStillMayTry) {
  LoginThrottlePolicy p;
  std::vector<EpochMs> f;
  for (int i = 0; i < 9; ++i) f.push_back(i * 1000);
  EXPECT_FALSE(p.locked_until(f, 10'000));
}

TEST(LoginThrottle, TenFailuresLockUntilTheOldestAgesOut) {
  LoginThrottlePolicy p;
  std::vector<EpochMs> f;
  for (int i = 0; i < 10; ++i) f.push_back(i * 1000);
  const auto until = p.locked_until(f, 10'000);
  ASSERT_TRUE(until);
  EXPECT_EQ(*until, minutes_ms(15));
  EXPECT_FALSE(p.locked_until(f, minutes_ms(15)));
}

TEST(LoginThrottle, FailuresOutsideTheWindowDoNotCount) {
  LoginThrottlePolicy p;
  std::vector<EpochMs> f;
  for (int i = 0; i < 20; ++i) f.push_back(i);
  EXPECT_FALSE(p.locked_until(f, minutes_ms(16)));
}

TEST(LoginThrottle, OrderDoesNotMatter) {
  LoginThrottlePolicy p;
  std::vector<EpochMs> f{9000, 1000, 5000, 3000, 7000, 2000, 8000, 4000, 6000, 10'000, 500};
  const auto until = p.locked_until(f, 11'000);
  ASSERT_TRUE(until);
  EXPECT_EQ(*until, 1000 + minutes_ms(15));  // 11 failures: the 2nd oldest keeps the count at 10
}
