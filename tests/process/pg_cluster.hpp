#pragma once
// A private PostgreSQL cluster for one test: initdb into a temp dir, postgres
// on a free port of 127.0.0.1, stopped and started at the test's will, removed
// at the end. Tests that take the database away use it so that the cluster
// scripts/test shares between suites is never stopped. initdb refuses to run
// as root, so as root every command runs as the postgres user.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mswa::test {

class PgCluster {
 public:
  // The directory holding initdb, pg_ctl and postgres: MSWA_TEST_PG_BIN when
  // set, else the highest /usr/lib/postgresql/*/bin. nullopt when there is
  // none, or when running as root and there is no postgres user.
  static std::optional<std::string> find_bin_dir();

  // initdb and start; throws std::runtime_error (with the logs) on failure.
  explicit PgCluster(const std::string& bin_dir);
  // Stops the server (immediate) and removes the directory.
  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // pg_ctl start -w: returns once the server accepts connections.
  void start();
  // pg_ctl stop -w; mode is smart, fast or immediate.
  void stop(const std::string& mode = "fast");

  // postgresql://postgres@127.0.0.1:PORT/postgres
  std::string url() const;
  std::uint16_t port() const { return port_; }
  // What initdb, pg_ctl and the server wrote: for failure messages.
  std::string logs() const;

 private:
  // Runs a command (as postgres when root) with its output appended to the
  // command log; returns its exit code.
  int run(const std::vector<std::string>& command) const;
  void require(const std::vector<std::string>& command, const std::string& what) const;

  std::string bin_;
  std::string dir_;  // the temp dir: data/, server.log, commands.log, the socket
  std::uint16_t port_ = 0;
  bool running_ = false;
};

}  // namespace mswa::test
