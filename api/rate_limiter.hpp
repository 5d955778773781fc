#pragma once
// Per-client-address token buckets (DESIGN §11): each address may send
// `burst` requests at once and `per_second` on average. The key is the
// socket's peer address, never a header a client could forge.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace mswa::api {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // per_second == 0 turns limiting off.
  RateLimiter(double per_second, double burst, std::size_t max_addresses = 100'000);

  // Takes one token for `address`. nullopt: go ahead; otherwise the whole
  // seconds until a token is there again (at least 1), for Retry-After.
  std::optional<long long> take(const std::string& address, Clock::time_point now);

  std::size_t tracked() const;

 private:
  struct Bucket {
    double tokens;
    Clock::time_point at;
  };
  double refilled(const Bucket& b, Clock::time_point now) const;

  double per_second_;
  double burst_;
  std::size_t max_addresses_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace mswa::api
