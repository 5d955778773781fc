#include "tests/support/test_server.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace mswa::test {

TestServer::TestServer(Backend backend, const std::function<void(config::AppConfig&)>& tweak) : database_(backend) {
  config::AppConfig config;
  config.bind = "127.0.0.1";
  config.port = 0;
  config.db = database_.url();
  config.io_threads = 2;
  config.db_pool_size = 4;
  config.access_log = false;
  // Tests send hundreds of requests a second from one address; the limit has tests of its own.
  config.rate_limit_per_second = 0;
  config.shutdown_grace_ms = 200;
  // The OWASP floor: cheaper than the default, still argon2id.
  config.password_ops_limit = 2;
  config.password_mem_limit_bytes = 19 * 1024 * 1024;
  if (tweak) tweak(config);
  app_ = std::make_unique<api::App>(config, clock_);
  auto boot = app_->bootstrap_admin(kAdminEmail, std::string(kAdminPassword));
  if (!boot) throw std::runtime_error("the scratch database was not empty");
  alliance_id_ = *boot->admin.organisation_id;
  port_ = app_->start(false);
  client_ = std::make_unique<HttpClient>(port_);
  admin_token_ = login(kAdminEmail, kAdminPassword);
}

TestServer::~TestServer() { stop(); }

void TestServer::stop() {
  if (!app_) return;
  app_->request_stop();
  app_->wait();
  app_.reset();
}

std::string TestServer::login(const std::string& email, const std::string& password) {
  auto r = client_->post("/api/v1/auth/login", {{"email", email}, {"password", password}});
  if (r.status != 200) throw std::runtime_error("login of " + email + " failed: " + r.body);
  return r.json().at("token").get<std::string>();
}

std::string TestServer::create_organisation(const std::string& kind, const std::string& country,
                                            const std::string& publication) {
  auto r = client_->post("/api/v1/organisations",
                         {{"name", kind + " organisation " + country},
                          {"name_en", nullptr},
                          {"kind", kind},
                          {"country", country},
                          {"sex_worker_led", kind == "member"},
                          {"publication", publication}},
                         admin_token_);
  if (r.status != 201) throw std::runtime_error("creating an organisation failed: " + r.body);
  return r.json().at("id").get<std::string>();
}

std::string TestServer::create_user(const std::string& email, const std::string& role,
                                    const std::optional<std::string>& organisation_id) {
  nlohmann::json body = {{"email", email}, {"name", "Test " + role}, {"role", role}, {"password", kPassword}};
  if (organisation_id) body["organisation_id"] = *organisation_id;
  auto r = client_->post("/api/v1/users", body, admin_token_);
  if (r.status != 201) throw std::runtime_error("creating a user failed: " + r.body);
  return r.json().at("id").get<std::string>();
}

std::string TestServer::token_for(const std::string& role, const std::optional<std::string>& organisation_id) {
  const std::string email = role + std::to_string(++user_counter_) + "@example.org";
  create_user(email, role, organisation_id);
  return login(email);
}

}  // namespace mswa::test
