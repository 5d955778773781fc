// GET /healthz, /readyz, /metrics: for operators, no token needed.
#include "tests/http/http_fixture.hpp"

namespace mswa::test {

class OpsHttp : public HttpTest {
 protected:
  // The value of the first sample line that starts with `series`, or -1.
  static double sample(const std::string& metrics, const std::string& series) {
    std::size_t at = 0;
    while ((at = metrics.find(series, at)) != std::string::npos) {
      if (at == 0 || metrics[at - 1] == '\n') {
        const auto end = metrics.find('\n', at);
        const auto line = metrics.substr(at, end - at);
        return std::stod(line.substr(line.rfind(' ') + 1));
      }
      ++at;
    }
    return -1;
  }
  // The server counts a request after writing its answer, so a count may land
  // a moment after the client has read it: read /metrics until `series` shows
  // `value` (each read is one more round trip), and answer the last body.
  std::string metrics_showing(const std::string& series, double value) {
    std::string body;
    for (int attempt = 0; attempt < 200; ++attempt) {
      body = http().get(kApi + "/metrics").body;
      if (sample(body, series) == value) break;
    }
    return body;
  }
};

TEST_P(OpsHttp, HealthzAnswersWithoutAToken) {
  auto r = http().get(kApi + "/healthz");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.json(), (nlohmann::json{{"status", "ok"}}));
}

TEST_P(OpsHttp, ReadyzChecksTheDatabase) {
  auto r = http().get(kApi + "/readyz");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), (nlohmann::json{{"status", "ready"}}));
}

TEST_P(OpsHttp, OpsRoutesIgnoreABadToken) {
  EXPECT_EQ(http().get(kApi + "/healthz", "bogus").status, 200);
  EXPECT_EQ(http().get(kApi + "/readyz", "bogus").status, 200);
  EXPECT_EQ(http().get(kApi + "/metrics", "bogus").status, 200);
}

TEST_P(OpsHttp, MetricsArePrometheusText) {
  ASSERT_EQ(http().get(kApi + "/healthz").status, 200);
  metrics_showing(R"(mswa_http_requests_total{method="GET",route="/api/v1/healthz",status="200"})", 1.0);
  auto r = http().get(kApi + "/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(r.body.find("# TYPE mswa_http_requests_total counter"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("# TYPE mswa_http_request_duration_seconds histogram"), std::string::npos);
  EXPECT_EQ(sample(r.body, "mswa_db_pool_connections{state=\"total\"}"), 4.0);
}

TEST_P(OpsHttp, MetricsCountRequestsByRouteAndStatus) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(http().get(kApi + "/healthz").status, 200);
  ASSERT_EQ(http().get(kApi + "/organisations/" + kUnknownId, admin()).status, 404);
  ASSERT_EQ(http().get(kApi + "/no-such-thing").status, 404);
  const std::string by_pattern =
      R"(mswa_http_requests_total{method="GET",route="/api/v1/organisations/{id}",status="404"})";
  const std::string unmatched = R"(mswa_http_requests_total{method="GET",route="unmatched",status="404"})";
  const std::string healthz = R"(mswa_http_requests_total{method="GET",route="/api/v1/healthz",status="200"})";
  metrics_showing(healthz, 3.0);
  metrics_showing(by_pattern, 1.0);
  const auto body = metrics_showing(unmatched, 1.0);
  EXPECT_EQ(sample(body, healthz), 3.0) << body;
  EXPECT_EQ(sample(body, by_pattern), 1.0) << "labelled by the route pattern, not the id";
  EXPECT_EQ(sample(body, unmatched), 1.0) << "unknown paths share one label";
  EXPECT_EQ(body.find(kUnknownId), std::string::npos) << "ids must not become label values";
  EXPECT_EQ(body.find("no-such-thing"), std::string::npos) << "client paths must not become label values";
}

TEST_P(OpsHttp, HeadAnswersLikeGetWithoutABody) {
  auto r = http().request("HEAD", kApi + "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(r.header("content-length"), std::to_string(nlohmann::json{{"status", "ok"}}.dump().size()));
}

MSWA_HTTP_ON_EVERY_BACKEND(OpsHttp);

}  // namespace mswa::test
