#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "config/app_config.hpp"

using namespace mswa::config;

namespace {
struct TempFile {
  std::filesystem::path path;
  explicit TempFile(const std::string& text)
      : path(std::filesystem::temp_directory_path() / ("mswa_config_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
                                                        ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".json")) {
    std::ofstream(path) << text;
  }
  ~TempFile() { std::filesystem::remove(path); }
};

auto env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional(it->second);
  };
}
}  // namespace

TEST(Config, Defaults) {
  const auto c = load_config({});
  EXPECT_EQ(c.port, 8080);
  EXPECT_EQ(c.bind, "127.0.0.1");
  EXPECT_EQ(c.db, "sqlite:var/mswa.sqlite3");
  EXPECT_EQ(c.body_limit_bytes, 1024u * 1024u);
}

TEST(Config, FileThenEnvironmentThenFlags) {
  TempFile file(R"({"port": 9001, "bind": "0.0.0.0", "db_pool_size": 8, "access_log": false})");
  ConfigSources s{file.path.string(), env_of({{"MSWA_PORT", "9002"}, {"MSWA_DB", "postgresql://u@h/db"}}), {}};
  auto c = load_config(s);
  EXPECT_EQ(c.port, 9002);          // environment beats file
  EXPECT_EQ(c.bind, "0.0.0.0");     // file beats default
  EXPECT_EQ(c.db_pool_size, 8u);
  EXPECT_FALSE(c.access_log);
  EXPECT_EQ(c.db, "postgresql://u@h/db");
  s.flags["port"] = "9003";
  EXPECT_EQ(load_config(s).port, 9003);  // flags beat everything
}

TEST(Config, BadValuesNameTheirSource) {
  const auto message = [](const ConfigSources& s) {
    try {
      load_config(s);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message({std::nullopt, env_of({{"MSWA_PORT", "eighty"}}), {}}).find("MSWA_PORT"), std::string::npos);
  EXPECT_NE(message({std::nullopt, env_of({{"MSWA_PORT", "70000"}}), {}}).find("MSWA_PORT"), std::string::npos);
  EXPECT_NE(message({std::nullopt, env_of({{"MSWA_DB", "mysql://x"}}), {}}).find("MSWA_DB"), std::string::npos);
  EXPECT_NE(message({std::nullopt, {}, {{"port", "-1"}}}).find("--port"), std::string::npos);
  EXPECT_NE(message({std::nullopt, {}, {{"colour", "blue"}}}).find("--colour"), std::string::npos);
  EXPECT_NE(message({"/nonexistent/mswa.json", {}, {}}).find("cannot be read"), std::string::npos);
  // Below the OWASP floor for argon2id.
  EXPECT_NE(message({std::nullopt, env_of({{"MSWA_PASSWORD_OPS_LIMIT", "1"}}), {}}).find("MSWA_PASSWORD_OPS_LIMIT"),
            std::string::npos);
}

TEST(Config, BadFilesAreRefused) {
  TempFile not_json("{port: 1");
  EXPECT_THROW(load_config({not_json.path.string(), {}, {}}), ConfigError);
  TempFile unknown(R"({"prot": 1})");
  EXPECT_THROW(load_config({unknown.path.string(), {}, {}}), ConfigError);
  TempFile wrong_type(R"({"port": [1]})");
  EXPECT_THROW(load_config({wrong_type.path.string(), {}, {}}), ConfigError);
}

TEST(Config, TheSampleFileLoads) {
  const auto sample = std::filesystem::path(MSWA_SOURCE_DIR) / "config" / "mswa-grants.sample.json";
  EXPECT_NO_THROW(load_config({sample.string(), {}, {}}));
}
