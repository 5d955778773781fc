// initdb, pg_ctl start/stop and clean-up of a throwaway PostgreSQL cluster.
#include "tests/process/pg_cluster.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace mswa::test {
namespace {

namespace fs = std::filesystem;

bool is_root() { return geteuid() == 0; }

// The major version of a /usr/lib/postgresql/N/bin directory, 0 when not numeric.
int major_of(const fs::path& bin) {
  try {
    return std::stoi(bin.parent_path().filename().string());
  } catch (const std::exception&) {
    return 0;
  }
}

// A port nobody listens on right now: the kernel's pick for an ephemeral bind.
std::uint16_t free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  close(fd);
  if (!ok) throw std::runtime_error("cannot find a free port");
  return ntohs(addr.sin_port);
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

std::optional<std::string> PgCluster::find_bin_dir() {
  if (is_root() && getpwnam("postgres") == nullptr) return std::nullopt;
  const auto has_tools = [](const fs::path& dir) {
    return fs::exists(dir / "initdb") && fs::exists(dir / "pg_ctl") && fs::exists(dir / "postgres");
  };
  if (const char* env = std::getenv("MSWA_TEST_PG_BIN"); env && *env)
    return has_tools(env) ? std::optional<std::string>(env) : std::nullopt;
  std::error_code ec;
  std::optional<fs::path> best;
  for (const auto& version : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const auto bin = version.path() / "bin";
    if (has_tools(bin) && (!best || major_of(bin) > major_of(*best))) best = bin;
  }
  return best ? std::optional<std::string>(best->string()) : std::nullopt;
}

PgCluster::PgCluster(const std::string& bin_dir) : bin_(bin_dir) {
  std::string pattern = (fs::temp_directory_path() / "mswa_pg_cluster_XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  if (is_root()) {
    const passwd* pg = getpwnam("postgres");
    if (!pg || chown(dir_.c_str(), pg->pw_uid, pg->pw_gid) != 0) {
      fs::remove_all(dir_);
      throw std::runtime_error("cannot hand " + dir_ + " to the postgres user");
    }
  }
  try {
    require({bin_ + "/initdb", "-D", dir_ + "/data", "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8",
             "--no-sync"},
            "initdb");
    // Another process may take the port between the pick and the bind: pick again.
    for (int attempt = 1;; ++attempt) {
      port_ = free_port();
      try {
        start();
        break;
      } catch (const std::runtime_error&) {
        if (attempt == 3) throw;
      }
    }
  } catch (...) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
    throw;
  }
}

PgCluster::~PgCluster() {
  if (running_) run({bin_ + "/pg_ctl", "-D", dir_ + "/data", "-m", "immediate", "-w", "stop"});
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void PgCluster::start() {
  require(
      {bin_ + "/pg_ctl", "-D", dir_ + "/data", "-l", dir_ + "/server.log", "-w", "-t", "60", "-o",
       "-p " + std::to_string(port_) + " -k " + dir_ + " -c listen_addresses=127.0.0.1 -c max_connections=50", "start"},
      "pg_ctl start");
  running_ = true;
}

void PgCluster::stop(const std::string& mode) {
  require({bin_ + "/pg_ctl", "-D", dir_ + "/data", "-m", mode, "-w", "-t", "60", "stop"}, "pg_ctl stop");
  running_ = false;
}

std::string PgCluster::url() const { return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/postgres"; }

std::string PgCluster::logs() const {
  return "--- commands ---\n" + read_text(fs::path(dir_) / "commands.log") + "--- server ---\n" +
         read_text(fs::path(dir_) / "server.log");
}

void PgCluster::require(const std::vector<std::string>& command, const std::string& what) const {
  if (const int code = run(command); code != 0)
    throw std::runtime_error(what + " failed with exit code " + std::to_string(code) + "\n" + logs());
}

int PgCluster::run(const std::vector<std::string>& command) const {
  std::vector<std::string> args;
  if (is_root()) args = {"/usr/sbin/runuser", "-u", "postgres", "--"};
  args.insert(args.end(), command.begin(), command.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string log = dir_ + "/commands.log";

  // Only async-signal-safe calls between fork and exec: the test may run threads.
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    const int null = open("/dev/null", O_RDONLY);
    if (out < 0 || null < 0 || chdir(dir_.c_str()) != 0) _exit(126);
    dup2(null, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    // The server outlives this command: it must not hold the test's sockets and pipes.
    close_range(3, ~0U, 0);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw std::runtime_error("waitpid failed");
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace mswa::test
