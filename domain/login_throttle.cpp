#include "domain/login_throttle.hpp"

#include <algorithm>

namespace mswa::domain {

std::optional<EpochMs> LoginThrottlePolicy::locked_until(std::vector<EpochMs> failures, EpochMs now) const {
  std::erase_if(failures, [&](EpochMs t) { return t <= now - window_ms || t > now; });
  const auto n = static_cast<int>(failures.size());
  if (n < max_failures) return std::nullopt;
  std::sort(failures.begin(), failures.end());
  // The lock lifts when the failure that keeps the count at max_failures ages out.
  return failures[static_cast<std::size_t>(n - max_failures)] + window_ms;
}

}  // namespace mswa::domain
