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
  EXPECT_EQ(http.get("/api/v1/awards", token).json().at("items").size(), 2u);
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
