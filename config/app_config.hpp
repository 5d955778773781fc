#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace mswa::config {

struct AppConfig {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string db = "sqlite:var/mswa.sqlite3";  // sqlite:PATH or postgresql://…
  std::size_t io_threads = 2;
  std::size_t db_pool_size = 4;       // connections, and DB worker threads
  std::size_t db_queue_limit = 1024;  // requests waiting for a DB worker before 503
  std::size_t body_limit_bytes = 1024 * 1024;
  int header_timeout_ms = 10'000;
  int body_timeout_ms = 30'000;
  int keep_alive_timeout_ms = 60'000;
  int shutdown_grace_ms = 1'000;  // idle keep-alive connections get this long to send one more request
  int write_timeout_ms = 30'000;  // a client that stops reading for this long loses its connection
  std::size_t max_connections = 1'000;
  // Per client address (the socket's peer): a burst, then this many a second. 0 turns it off.
  int rate_limit_per_second = 50;
  int rate_limit_burst = 200;
  int session_idle_minutes = 30;
  int session_absolute_hours = 12;
  int login_max_failures = 10;
  int login_window_minutes = 15;
  unsigned long long password_ops_limit = 2;                    // argon2id t
  std::size_t password_mem_limit_bytes = 64ull * 1024 * 1024;  // argon2id m
  bool access_log = true;
  int maintenance_interval_seconds = 300;  // house-keeping: ended sessions, old login failures, spent keys
  // Session cookies carry Secure unless this is false (plain HTTP on one machine).
  bool cookie_secure = true;
  // Where users reach the service, e.g. https://grants.example.org: the
  // origin browser writes must come from, and the link e-mails give.
  std::string public_url;
  // The web app's built files; empty: the `web` folder next to the binary.
  std::string web_root;
};

// Start-up stops on the first bad value with one line naming it.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where settings come from. `env` looks a variable up (tests pass a map);
// `flags` are the command line's --name=value, already parsed.
struct ConfigSources {
  std::optional<std::string> file;
  std::function<std::optional<std::string>(const std::string&)> env;
  std::map<std::string, std::string> flags;
};

AppConfig load_config(const ConfigSources& sources);
// The process environment, for ConfigSources::env.
std::optional<std::string> process_env(const std::string& name);

}  // namespace mswa::config
