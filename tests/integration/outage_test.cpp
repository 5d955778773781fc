// What the API does when PostgreSQL goes away under it: 503 while it is
// gone, and recovery without restarting the API.
#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <cstdlib>

#include "persistence/database.hpp"
#include "tests/support/test_server.hpp"

namespace mswa::test {
namespace {

std::string cluster_url() {
  const char* url = std::getenv("MSWA_TEST_PG_URL");
  return url ? url : "";
}

// Runs SQL as the cluster's superuser, outside the server's pool.
void as_superuser(const std::string& sql) {
  soci::session admin(soci::postgresql, persistence::to_libpq_keywords(cluster_url()));
  admin << sql;
}

std::string database_name(const std::string& url) {
  const auto slash = url.rfind('/');
  return url.substr(slash + 1, url.find('?', slash) - slash - 1);
}

class PostgresOutage : public ::testing::Test {
 protected:
  void SetUp() override {
    if (cluster_url().empty()) {
      if (std::getenv("MSWA_TEST_REQUIRE_PG")) FAIL() << "MSWA_TEST_PG_URL is not set";
      GTEST_SKIP() << "no PostgreSQL cluster";
    }
    server_ = std::make_unique<TestServer>(Backend::postgresql);
  }
  std::unique_ptr<TestServer> server_;
};

}  // namespace

TEST_F(PostgresOutage, ConnectionsKilledUnderTheServerAreReopened) {
  auto& http = server_->client();
  const auto token = server_->admin_token();
  ASSERT_EQ(http.get("/api/v1/me", token).status, 200);

  // What a PostgreSQL restart does to every open connection.
  as_superuser("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
               database_name(server_->db_url()) + "' AND pid <> pg_backend_pid()");

  int ok = 0;
  for (int i = 0; i < 12; ++i) {
    const auto r = http.get("/api/v1/me", token);
    EXPECT_TRUE(r.status == 200 || r.status == 503) << r.status << " " << r.body;
    if (r.status == 503) {
      EXPECT_FALSE(r.header("retry-after").empty());
    }
    ok += r.status == 200;
  }
  EXPECT_GE(ok, 8);
  EXPECT_EQ(http.get("/api/v1/me", token).status, 200);
  EXPECT_EQ(http.get("/api/v1/readyz").status, 200);
  auto created = http.post("/api/v1/organisations",
                           {{"name", "after the restart"}, {"kind", "member"}, {"country", "LA"},
                            {"sex_worker_led", true}, {"publication", "public"}},
                           token);
  EXPECT_EQ(created.status, 201) << created.body;
}

TEST_F(PostgresOutage, ADatabaseThatIsGoneAnswers503NotInternals) {
  auto& http = server_->client();
  const auto token = server_->admin_token();
  as_superuser("DROP DATABASE " + database_name(server_->db_url()) + " WITH (FORCE)");
  for (int i = 0; i < 6; ++i) {
    const auto r = http.get("/api/v1/me", token);
    EXPECT_EQ(r.status, 503) << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
    EXPECT_EQ(r.body.find("soci"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("SELECT"), std::string::npos) << r.body;
  }
  EXPECT_EQ(http.get("/api/v1/readyz").status, 503);
  EXPECT_EQ(http.get("/api/v1/healthz").status, 200);  // alive, just not ready
}

}  // namespace mswa::test
