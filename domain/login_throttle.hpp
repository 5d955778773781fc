#pragma once
#include <optional>
#include <vector>

#include "domain/clock.hpp"

namespace mswa::domain {

// Per-account throttling (DESIGN §5): after max_failures failed logins within
// window_ms, further attempts are refused until enough failures age out.
struct LoginThrottlePolicy {
  int max_failures = 10;
  EpochMs window_ms = minutes_ms(15);

  // failures: the account's failure instants (any order). Returns when the
  // account may try again, or nullopt when it may try now.
  std::optional<EpochMs> locked_until(std::vector<EpochMs> failures, EpochMs now) const;
};

}  // namespace mswa::domain
