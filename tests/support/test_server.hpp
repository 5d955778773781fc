#pragma once
// The real server, in process, on an ephemeral port, over a scratch database,
// with a clock the test sets. Fixtures go through the HTTP API like a user.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "api/app.hpp"
#include "config/app_config.hpp"
#include "domain/clock.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/scratch_database.hpp"

namespace mswa::test {

inline constexpr const char* kAdminEmail = "admin@mswa.test";
inline constexpr const char* kAdminPassword = "admin-password-1";
inline constexpr const char* kPassword = "a-long-enough-password";
// 2026-11-22T10:00:00Z
inline constexpr domain::EpochMs kStartMs = 1795341600000;

class TestServer {
 public:
  explicit TestServer(Backend backend, const std::function<void(config::AppConfig&)>& tweak = {});
  ~TestServer();

  HttpClient& client() { return *client_; }
  domain::ManualClock& clock() { return clock_; }
  std::uint16_t port() const { return port_; }
  const std::string& db_url() const { return database_.url(); }
  const std::string& admin_token() const { return admin_token_; }
  const std::string& alliance_id() const { return alliance_id_; }

  // Logs in and returns the token; fails the test when the login fails.
  std::string login(const std::string& email, const std::string& password = kPassword);
  // POST /organisations as admin; returns the id.
  std::string create_organisation(const std::string& kind, const std::string& country = "KH",
                                  const std::string& publication = "public");
  // POST /users as admin; returns the id.
  std::string create_user(const std::string& email, const std::string& role,
                          const std::optional<std::string>& organisation_id);
  // A user of that role (in that organisation) and its token.
  std::string token_for(const std::string& role, const std::optional<std::string>& organisation_id);

  // Logs the admin in again (after the clock moved past the session's life).
  void refresh_admin_token() { admin_token_ = login(kAdminEmail, kAdminPassword); }

  void stop();

 private:
  ScratchDatabase database_;
  domain::ManualClock clock_{kStartMs};
  std::unique_ptr<api::App> app_;
  std::uint16_t port_ = 0;
  std::unique_ptr<HttpClient> client_;
  std::string admin_token_;
  std::string alliance_id_;
  int user_counter_ = 0;
};


}  // namespace mswa::test
