#include "tests/process/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace mswa::test {

std::string binary_path() { return MSWA_BINARY_PATH; }

std::uint16_t port_of(const std::string& line) {
  const auto host = line.find("http://");
  const auto colon = line.find(':', host + 7);
  if (host == std::string::npos || colon == std::string::npos) throw std::runtime_error("no port in: " + line);
  return static_cast<std::uint16_t>(std::stoi(line.substr(colon + 1)));
}

Subprocess::Subprocess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  static int counter = 0;
  err_path_ = "/tmp/mswa_process_" + std::to_string(getpid()) + "_" + std::to_string(++counter) + ".stderr";
  int in[2], out[2];
  if (pipe(in) != 0 || pipe(out) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    const std::string entry(*e);
    const auto name = entry.substr(0, entry.find('='));
    if (!env.count(name)) env_strings.push_back(entry);
  }
  for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);

  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int err = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    for (int fd : {in[0], in[1], out[0], out[1], err}) close(fd);
    std::vector<std::string> argv_strings{binary_path()};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv, envp;
    for (auto& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  in_ = in[1];
  out_ = out[0];
}

Subprocess::~Subprocess() {
  if (!exited_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  for (int fd : {in_, out_})
    if (fd >= 0) close(fd);
  std::remove(err_path_.c_str());
}

void Subprocess::write_stdin(const std::string& text) {
  if (::write(in_, text.data(), text.size()) != static_cast<ssize_t>(text.size())) throw std::runtime_error("write failed");
}

void Subprocess::close_stdin() {
  if (in_ >= 0) close(in_);
  in_ = -1;
}

std::optional<std::string> Subprocess::wait_for_line(const std::string& needle, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    for (auto nl = out_buffer_.find('\n'); nl != std::string::npos; nl = out_buffer_.find('\n')) {
      std::string line = out_buffer_.substr(0, nl);
      out_buffer_.erase(0, nl + 1);
      if (line.find(needle) != std::string::npos) return line;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{out_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
    char buf[4096];
    const auto n = read(out_, buf, sizeof buf);
    if (n <= 0) return std::nullopt;
    out_buffer_.append(buf, static_cast<std::size_t>(n));
  }
}

void Subprocess::signal(int sig) { kill(pid_, sig); }

int Subprocess::wait(int timeout_ms) {
  if (exited_) return code_;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  exited_ = true;
  code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return code_;
}

namespace {
std::string drain(int fd) {
  std::string out;
  char buf[4096];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) break;
    const auto n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}
}  // namespace

std::string Subprocess::rest_of_stdout() { return out_buffer_ + drain(out_); }
std::string Subprocess::stderr_text() {
  std::ifstream in(err_path_);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace mswa::test
