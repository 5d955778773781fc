#include "api/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace mswa::api {

RateLimiter::RateLimiter(double per_second, double burst, std::size_t max_addresses)
    : per_second_(per_second), burst_(std::max(1.0, burst)), max_addresses_(max_addresses) {}

double RateLimiter::refilled(const Bucket& b, Clock::time_point now) const {
  const double seconds = std::chrono::duration<double>(now - b.at).count();
  return std::min(burst_, b.tokens + std::max(0.0, seconds) * per_second_);
}

std::optional<long long> RateLimiter::take(const std::string& address, Clock::time_point now) {
  if (per_second_ <= 0) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(address);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_addresses_) {
      // Forget the addresses whose buckets are full again: they are no different from new ones.
      std::erase_if(buckets_, [&](const auto& entry) { return refilled(entry.second, now) >= burst_; });
      // Still full (a spray of addresses): let this one through untracked
      // rather than lock everybody out; the connection cap still holds.
      if (buckets_.size() >= max_addresses_) return std::nullopt;
    }
    it = buckets_.emplace(address, Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  b.tokens = refilled(b, now);
  b.at = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return std::nullopt;
  }
  return std::max(1LL, static_cast<long long>(std::ceil((1.0 - b.tokens) / per_second_)));
}

std::size_t RateLimiter::tracked() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

}  // namespace mswa::api
