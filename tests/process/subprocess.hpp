#pragma once
// Runs mswa-grants as a child process with pipes on stdin, stdout and stderr.
#include <sys/types.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mswa::test {

class Subprocess {
 public:
  // args exclude the program; env entries are added to (or override) the parent's.
  Subprocess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {});
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  void write_stdin(const std::string& text);
  void close_stdin();
  // Reads stdout until a line containing `needle` arrives or the timeout passes; returns that line.
  std::optional<std::string> wait_for_line(const std::string& needle, int timeout_ms = 15000);
  void signal(int sig);
  // Waits for the exit and returns the exit code (128 + signal when killed).
  int wait(int timeout_ms = 30000);
  // Whatever is left on stdout / stderr after the exit.
  std::string rest_of_stdout();
  std::string stderr_text();

 private:
  pid_t pid_ = -1;
  int in_ = -1, out_ = -1;
  std::string err_path_;  // stderr goes to a file: a busy server never blocks on a full pipe
  std::string out_buffer_;
  bool exited_ = false;
  int code_ = -1;
};

// The binary under test.
std::string binary_path();
// The port in serve's "serving http://HOST:PORT/api/v1 ..." line.
std::uint16_t port_of(const std::string& serving_line);

}  // namespace mswa::test
