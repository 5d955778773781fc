#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <set>

#include "tests/process/subprocess.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/scratch_database.hpp"
#include "tests/support/test_server.hpp"

namespace mswa::test {

class Cli : public ::testing::TestWithParam<Backend> {
 protected:
  ScratchDatabase db_{GetParam()};
  std::vector<std::string> with_db(std::vector<std::string> args) {
    args.push_back("--db");
    args.push_back(db_.url());
    return args;
  }
};

TEST_P(Cli, MigrateReportsTheSchemaVersion) {
  Subprocess first(with_db({"migrate"}));
  EXPECT_EQ(first.wait(), 0) << first.stderr_text();
  const auto out = first.rest_of_stdout();
  EXPECT_NE(out.find("applied 0001_foundation"), std::string::npos) << out;
  EXPECT_NE(out.find("schema at version"), std::string::npos) << out;

  Subprocess again(with_db({"migrate"}));
  EXPECT_EQ(again.wait(), 0);
  EXPECT_EQ(again.rest_of_stdout().find("applied"), std::string::npos);
}

TEST_P(Cli, UserAddReadsThePasswordFromStdin) {
  Subprocess add(with_db({"user", "add", "--email", "Finance@Example.org", "--role", "finance"}));
  add.write_stdin("a-finance-password\n");
  add.close_stdin();
  ASSERT_EQ(add.wait(), 0) << add.stderr_text();
  EXPECT_NE(add.rest_of_stdout().find("finance@example.org"), std::string::npos);

  Subprocess again(with_db({"user", "add", "--email", "finance@example.org", "--role", "finance"}));
  again.write_stdin("a-finance-password\n");
  again.close_stdin();
  EXPECT_EQ(again.wait(), 1);
  EXPECT_NE(again.stderr_text().find("exists"), std::string::npos);

  Subprocess member(with_db({"user", "add", "--email", "m@example.org", "--role", "member"}));
  member.write_stdin("a-member-password\n");
  member.close_stdin();
  EXPECT_EQ(member.wait(), 1);
  EXPECT_NE(member.stderr_text().find("organisation_id"), std::string::npos);

  Subprocess short_password(with_db({"user", "add", "--email", "p@example.org", "--role", "programme"}));
  short_password.write_stdin("short\n");
  short_password.close_stdin();
  EXPECT_EQ(short_password.wait(), 1);
  EXPECT_NE(short_password.stderr_text().find("password"), std::string::npos);

  Subprocess bad_role(with_db({"user", "add", "--email", "x@example.org", "--role", "boss"}));
  bad_role.close_stdin();
  EXPECT_EQ(bad_role.wait(), 2);
}

TEST_P(Cli, ServeBootstrapsTheAdminWithAPasswordShownOnce) {
  Subprocess serve(with_db({"serve", "--port", "0"}), {{"MSWA_ACCESS_LOG", "false"}, {"MSWA_ADMIN_EMAIL", "boss@mswa.test"}});
  const auto password_line = serve.wait_for_line("shown this once:");
  ASSERT_TRUE(password_line) << serve.stderr_text();
  const auto password = password_line->substr(password_line->rfind(' ') + 1);
  const auto serving = serve.wait_for_line("serving http://");
  ASSERT_TRUE(serving);
  HttpClient http(port_of(*serving));
  auto login = http.post("/api/v1/auth/login", {{"email", "boss@mswa.test"}, {"password", password}});
  EXPECT_EQ(login.status, 200) << login.body;
  serve.signal(SIGTERM);
  EXPECT_EQ(serve.wait(), 0);

  // The second start finds the admin and prints no password.
  Subprocess again(with_db({"serve", "--port", "0"}), {{"MSWA_ACCESS_LOG", "false"}});
  ASSERT_TRUE(again.wait_for_line("serving http://"));
  again.signal(SIGINT);
  EXPECT_EQ(again.wait(), 0);
  EXPECT_EQ(again.rest_of_stdout().find("shown this once"), std::string::npos);
}

// The server's date, from the day its calls were created on (the open ones are today's).
std::string serve_today(HttpClient& http, const std::string& token) {
  std::string today;
  const auto calls = http.get("/api/v1/calls?status=open", token).json().at("items");
  for (const auto& c : calls) today = std::max(today, c.at("created_at").get<std::string>().substr(0, 10));
  return today;
}

TEST_P(Cli, SeedDemoFillsANewDatabaseOnce) {
  Subprocess seed(with_db({"seed-demo"}), {{"MSWA_ADMIN_PASSWORD", "admin-password-1"}});
  ASSERT_EQ(seed.wait(60000), 0) << seed.stderr_text();
  const auto out = seed.rest_of_stdout();
  EXPECT_NE(out.find("member.kh@demo.example"), std::string::npos) << out;
  EXPECT_NE(out.find("demo-password-2027"), std::string::npos);

  Subprocess serve(with_db({"serve", "--port", "0"}), {{"MSWA_ACCESS_LOG", "false"}});
  const auto serving = serve.wait_for_line("serving http://");
  ASSERT_TRUE(serving) << serve.stderr_text();
  HttpClient http(port_of(*serving));
  const auto token = http.post("/api/v1/auth/login", {{"email", "programme@demo.mswa.example"}, {"password", "demo-password-2027"}})
                         .json().at("token").get<std::string>();
  const auto apps = http.get("/api/v1/applications?limit=200", token).json().at("items");
  std::set<std::string> statuses;
  for (const auto& a : apps) statuses.insert(a.at("status").get<std::string>());
  EXPECT_EQ(statuses, (std::set<std::string>{"approved", "changes_requested", "draft", "rejected", "submitted",
                                              "under_review", "withdrawn"}));
  const auto awards = http.get("/api/v1/awards?limit=200", token).json().at("items");
  EXPECT_EQ(awards.size(), 7u);

  // The history: the earlier call's five grants started months ago, each
  // with two accepted quarterly reports (one of them returned once) and
  // tranches paid in the past; today's two awards start in the future.
  const auto today = serve_today(http, token);
  int started = 0, accepted = 0, returned = 0;
  for (const auto& award : awards) {
    if (award.at("start_date").get<std::string>() >= today) continue;
    ++started;
    const auto id = award.at("id").get<std::string>();
    int accepted_here = 0;
    const auto reports = http.get("/api/v1/awards/" + id + "/progress-reports", token).json().at("items");
    for (const auto& r : reports) {
      if (r.at("status") != "accepted") continue;
      ++accepted_here;
      EXPECT_LT(r.at("period_end").get<std::string>(), today);
      if (!r.at("return_reason").is_null()) ++returned;
    }
    EXPECT_EQ(accepted_here, 2) << award.at("reference");
    accepted += accepted_here;
  }
  EXPECT_EQ(started, 5);
  EXPECT_EQ(accepted, 10);
  EXPECT_EQ(returned, 1);
  int paid_before_today = 0;
  const auto paid = http.get("/api/v1/disbursements?status=paid&limit=200", token).json().at("items");
  for (const auto& d : paid)
    if (d.at("paid_on").get<std::string>() < today) ++paid_before_today;
  EXPECT_EQ(paid_before_today, 12);
  serve.signal(SIGTERM);
  EXPECT_EQ(serve.wait(), 0);

  Subprocess again(with_db({"seed-demo"}));
  EXPECT_EQ(again.wait(), 1);
  EXPECT_NE(again.stderr_text().find("already holds data"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, Cli, ::testing::ValuesIn(test_backends()), BackendName());

// One clear line naming the bad setting, and a non-zero exit.
void expect_config_error(const std::map<std::string, std::string>& env, const std::vector<std::string>& args,
                         const std::string& named) {
  Subprocess serve(args, env);
  EXPECT_EQ(serve.wait(), 2);
  const auto err = serve.stderr_text();
  EXPECT_NE(err.find(named), std::string::npos) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
}

TEST(CliStartup, BadSettingsStopWithOneLine) {
  expect_config_error({{"MSWA_PORT", "eighty"}}, {"serve"}, "MSWA_PORT");
  expect_config_error({{"MSWA_DB", "mysql://h/db"}}, {"serve"}, "MSWA_DB");
  expect_config_error({}, {"serve", "--port", "99999"}, "--port");
  expect_config_error({}, {"serve", "--config", "/nonexistent.json"}, "/nonexistent.json");
}

TEST(CliStartup, AnUnreachableDatabaseStopsWithOneLine) {
  Subprocess serve({"serve", "--db", "postgresql://nobody@127.0.0.1:1/none"});
  EXPECT_EQ(serve.wait(), 1);
  const auto err = serve.stderr_text();
  EXPECT_NE(err.find("database is unavailable"), std::string::npos) << err;
}

}  // namespace mswa::test
