#include "api/cli.hpp"

#include <fmt/core.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "api/app.hpp"
#include "api/sodium_credentials.hpp"
#include "persistence/database.hpp"
#include "persistence/migrator.hpp"

namespace mswa::api {
namespace {

struct CommonOptions {
  std::optional<std::string> config_file;
  std::optional<std::string> db;
  std::optional<std::string> port;
  std::optional<std::string> bind;
};

config::AppConfig load(const CommonOptions& o) {
  config::ConfigSources sources{o.config_file, config::process_env, {}};
  if (o.db) sources.flags["db"] = *o.db;
  if (o.port) sources.flags["port"] = *o.port;
  if (o.bind) sources.flags["bind"] = *o.bind;
  return config::load_config(sources);
}

// Reads one line from stdin without echo when it is a terminal.
std::string read_password() {
  const bool tty = isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (tty) {
    std::cerr << "Password: " << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int serve(const CommonOptions& o) {
  static domain::SystemClock clock;
  App app(load(o), clock);
  const std::string email = config::process_env("MSWA_ADMIN_EMAIL").value_or("admin@mswa.local");
  if (auto boot = app.bootstrap_admin(email, config::process_env("MSWA_ADMIN_PASSWORD"))) {
    fmt::print("Created the first admin: {}\n", boot->admin.email);
    if (boot->generated_password)
      fmt::print("Its password, shown this once: {}\n", *boot->generated_password);
    std::fflush(stdout);
  }
  const auto config = load(o);
  const auto port = app.start(true);
  fmt::print("mswa-grants serving http://{}:{}/api/v1 on {}\n", config.bind, port,
             config.db.rfind("sqlite:", 0) == 0 ? config.db : std::string("PostgreSQL"));
  std::fflush(stdout);
  app.wait();
  fmt::print("mswa-grants stopped\n");
  return 0;
}

int migrate(const CommonOptions& o) {
  const auto config = load(o);
  init_sodium();
  persistence::Database db(persistence::DatabaseUrl::parse(config.db), 1);
  const auto report = persistence::migrate(db);
  for (const auto& name : report.applied) fmt::print("applied {}\n", name);
  fmt::print("schema at version {}\n", report.to_version);
  return 0;
}

int add_user(const CommonOptions& o, const std::string& email, const std::string& role_name,
             const std::optional<std::string>& organisation, const std::optional<std::string>& name) {
  const auto role = domain::parse_role(role_name);
  if (!role) {
    fmt::print(stderr, "mswa-grants: --role must be one of admin, programme, finance, reviewer, member, donor\n");
    return 2;
  }
  static domain::SystemClock clock;
  App app(load(o), clock);
  domain::NewUser user{email, name.value_or(email.substr(0, email.find('@'))), *role, organisation, read_password()};
  auto created = app.add_user(std::move(user));
  if (!created.ok()) {
    std::string why = created.error().detail;
    for (const auto& f : created.error().fields) why += " " + f.pointer.substr(1) + " " + f.detail + ";";
    fmt::print(stderr, "mswa-grants: {}\n", why);
    return 1;
  }
  fmt::print("created user {} ({}, {})\n", created.value().id, created.value().email, role_name);
  return 0;
}

int seed_demo(const CommonOptions& o) {
  static domain::SystemClock clock;
  App app(load(o), clock);
  const std::string email = config::process_env("MSWA_ADMIN_EMAIL").value_or("admin@mswa.local");
  if (auto boot = app.bootstrap_admin(email, config::process_env("MSWA_ADMIN_PASSWORD"))) {
    fmt::print("Created the first admin: {}\n", boot->admin.email);
    if (boot->generated_password) fmt::print("Its password, shown this once: {}\n", *boot->generated_password);
  }
  const std::string password = config::process_env("MSWA_DEMO_PASSWORD").value_or("demo-password-2027");
  const auto logins = app.seed_demo(password);
  fmt::print("Demo data created. Every demo user's password: {}\n", password);
  for (const auto& line : logins) fmt::print("  {}\n", line);
  return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App cli{"MSWA Grants: grant and sub-grant management for the Mekong Sex Workers Alliance", "mswa-grants"};
  cli.require_subcommand(1);
  CommonOptions common;
  const auto add_common = [&common](CLI::App* cmd) {
    cmd->add_option("--config", common.config_file, "JSON config file (see config/mswa-grants.sample.json)");
    cmd->add_option("--db", common.db, "sqlite:PATH or postgresql://… (env MSWA_DB)");
  };

  auto* serve_cmd = cli.add_subcommand("serve", "Migrate, then serve the HTTP API");
  add_common(serve_cmd);
  serve_cmd->add_option("--port", common.port, "TCP port (env MSWA_PORT)");
  serve_cmd->add_option("--bind", common.bind, "address to listen on (env MSWA_BIND)");

  auto* migrate_cmd = cli.add_subcommand("migrate", "Bring the database schema up to date");
  add_common(migrate_cmd);

  auto* seed_cmd = cli.add_subcommand("seed-demo", "Fill a new database with a believable demo data set");
  add_common(seed_cmd);

  auto* user_cmd = cli.add_subcommand("user", "Manage users");
  user_cmd->require_subcommand(1);
  auto* user_add = user_cmd->add_subcommand("add", "Create a user; the password is read from stdin");
  add_common(user_add);
  std::string email, role;
  std::optional<std::string> organisation, name;
  user_add->add_option("--email", email, "e-mail address")->required();
  user_add->add_option("--role", role, "admin, programme, finance, reviewer, member or donor")->required();
  user_add->add_option("--organisation", organisation, "organisation id");
  user_add->add_option("--name", name, "display name (default: the e-mail's local part)");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  try {
    if (*serve_cmd) return serve(common);
    if (*migrate_cmd) return migrate(common);
    if (*seed_cmd) return seed_demo(common);
    if (*user_add) return add_user(common, email, role, organisation, name);
  } catch (const config::ConfigError& e) {
    fmt::print(stderr, "mswa-grants: configuration: {}\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "mswa-grants: {}\n", e.what());
    return 1;
  }
  return 2;
}

}  // namespace mswa::api
