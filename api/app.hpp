#pragma once
// The composition root: configuration -> database -> services -> routes -> server.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/app_config.hpp"
#include "domain/clock.hpp"
#include "domain/user.hpp"

namespace mswa::api {

class App {
 public:
  // Opens the database and brings its schema up to date.
  App(config::AppConfig config, const domain::Clock& clock);
  ~App();

  // On an empty database: the alliance and its first admin. The password is
  // `password` when given, else generated and returned so it can be shown once.
  struct Bootstrap {
    domain::User admin;
    std::optional<std::string> generated_password;
  };
  std::optional<Bootstrap> bootstrap_admin(const std::string& email, const std::optional<std::string>& password);

  // CLI: the demo data set (see demo/seed.hpp); returns "email role label" lines.
  std::vector<std::string> seed_demo(const std::string& password);

  // CLI: a user with the given password (audited as the system).
  domain::Result<domain::User> add_user(domain::NewUser user);

  std::uint16_t start(bool handle_signals);
  void request_stop();
  void wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mswa::api
