#include "api/metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace mswa::api {

struct Metrics::Impl {
  std::function<double()> pool_in_use;
  std::function<double()> queue_depth;
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  prometheus::Family<prometheus::Counter>& requests =
      prometheus::BuildCounter().Name("mswa_http_requests_total").Help("HTTP requests by route and status").Register(*registry);
  prometheus::Family<prometheus::Histogram>& latency = prometheus::BuildHistogram()
                                                           .Name("mswa_http_request_duration_seconds")
                                                           .Help("HTTP request latency by route")
                                                           .Register(*registry);
  prometheus::Family<prometheus::Gauge>& pool = prometheus::BuildGauge()
                                                    .Name("mswa_db_pool_connections")
                                                    .Help("Database connections by state")
                                                    .Register(*registry);
  prometheus::Gauge& pool_used = pool.Add({{"state", "in_use"}});
  prometheus::Gauge& pool_total = pool.Add({{"state", "total"}});
  prometheus::Gauge& queue = prometheus::BuildGauge()
                                 .Name("mswa_db_queue_depth")
                                 .Help("Requests waiting for or running on a database worker")
                                 .Register(*registry)
                                 .Add({});
};

Metrics::Metrics(std::function<double()> pool_in_use, double pool_size, std::function<double()> queue_depth)
    : impl_(std::make_unique<Impl>()) {
  impl_->pool_in_use = std::move(pool_in_use);
  impl_->queue_depth = std::move(queue_depth);
  impl_->pool_total.Set(pool_size);
}

Metrics::~Metrics() = default;

void Metrics::observe(const std::string& method, const std::string& route, int status, double seconds) {
  impl_->requests.Add({{"method", method}, {"route", route}, {"status", std::to_string(status)}}).Increment();
  static const prometheus::Histogram::BucketBoundaries buckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                               0.1,   0.25,   0.5,   1,    2.5,   5};
  impl_->latency.Add({{"route", route}}, buckets).Observe(seconds);
}

std::string Metrics::render() {
  impl_->pool_used.Set(impl_->pool_in_use());
  impl_->queue.Set(impl_->queue_depth());
  return prometheus::TextSerializer().Serialize(impl_->registry->Collect());
}

}  // namespace mswa::api
