#pragma once
// Prometheus metrics: requests by route and status, latency, DB pool use.
#include <functional>
#include <memory>
#include <string>

namespace mswa::api {

class Metrics {
 public:
  // pool_in_use / queue_depth are read at scrape time.
  Metrics(std::function<double()> pool_in_use, double pool_size, std::function<double()> queue_depth);
  ~Metrics();
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  std::string render();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mswa::api
