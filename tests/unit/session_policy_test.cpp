#include <gtest/gtest.h>

#include "domain/session_policy.hpp"

using namespace mswa::domain;

TEST(SessionPolicy, IdleTimeoutEndsASession) {
  SessionPolicy p;
  const SessionTimes s{0, 0, p.expiry_for(0), std::nullopt};
  EXPECT_TRUE(p.is_live(s, minutes_ms(29)));
  EXPECT_FALSE(p.is_live(s, minutes_ms(30)));
}

TEST(SessionPolicy, AbsoluteTimeoutEndsEvenABusySession) {
  SessionPolicy p;
  SessionTimes s{0, hours_ms(12) - 1000, p.expiry_for(0), std::nullopt};
  EXPECT_TRUE(p.is_live(s, hours_ms(12) - 1));
  EXPECT_FALSE(p.is_live(s, hours_ms(12)));
}

TEST(SessionPolicy, RevokedIsDead) {
  SessionPolicy p;
  const SessionTimes s{0, 0, p.expiry_for(0), 5};
  EXPECT_FALSE(p.is_live(s, 10));
}

TEST(SessionPolicy, TouchesAtMostOncePerInterval) {
  SessionPolicy p;
  const SessionTimes s{0, 0, p.expiry_for(0), std::nullopt};
  EXPECT_FALSE(p.needs_touch(s, 59'999));
  EXPECT_TRUE(p.needs_touch(s, 60'000));
}
