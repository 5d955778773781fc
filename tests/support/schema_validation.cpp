#include "tests/support/schema_validation.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace mswa::test {
namespace {

// A document written to a temporary file for a validator to read, removed afterwards.
class TempFile {
 public:
  TempFile(const std::string& content, const std::string& suffix) {
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/mswa-schema-XXXXXX" + suffix;
    const int fd = ::mkstemps(pattern.data(), static_cast<int>(suffix.size()));
    if (fd < 0) return;
    ::close(fd);
    std::ofstream out(pattern, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (out)
      path_ = pattern;
    else
      ::unlink(pattern.c_str());
  }
  ~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }  // empty when it could not be written

 private:
  std::string path_;
};

std::string shell_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

bool is_executable(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

// The full path of `name` on PATH, if there is one.
std::optional<std::string> find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    std::string candidate = dir + "/" + name;
    if (is_executable(candidate)) return candidate;
  }
  return std::nullopt;
}

struct RunResult {
  int status = -1;     // the exit status, or -1 when the program did not exit normally
  std::string output;  // stdout and stderr together
};

RunResult run(const std::string& command) {
  RunResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) {
    result.output = "could not start: " + command;
    return result;
  }
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int raw = ::pclose(pipe);
  if (raw != -1 && WIFEXITED(raw)) result.status = WEXITSTATUS(raw);
  return result;
}

// A validator's verdict: "" only on a clean exit 0; otherwise never empty,
// so a crash or a silent failure can not pass for a valid document.
std::string verdict(const RunResult& r, const std::string& validator) {
  if (r.status == 0) return "";
  std::string message = r.output.empty() ? validator + " failed without a message" : r.output;
  if (r.status != 1) message += "\n(" + validator + " exit status " + std::to_string(r.status) + ")";
  return message;
}

}  // namespace

std::string iati_schema_errors(const std::string& xml) {
  const auto xmllint = find_program("xmllint");
  if (!xmllint) return "xmllint not found on PATH: install libxml2-utils";
  TempFile file(xml, ".xml");
  if (file.path().empty()) return "could not write a temporary file for xmllint";
  const std::string schema = std::string(MSWA_STANDARDS_DIR) + "/iati-2.03/iati-activities-schema.xsd";
  const RunResult r =
      run(shell_quote(*xmllint) + " --noout --nonet --schema " + shell_quote(schema) + " " + shell_quote(file.path()));
  return verdict(r, "xmllint");
}

std::string giving360_schema_errors(const std::string& json) {
  // Debian's python3-jsonschema lives with the system interpreter; prefer it.
  std::optional<std::string> python;
  if (is_executable("/usr/bin/python3"))
    python = "/usr/bin/python3";
  else
    python = find_program("python3");
  if (!python) return "python3 not found: install python3 and python3-jsonschema";
  const std::string script = std::string(MSWA_TESTS_DIR) + "/support/validate_360giving.py";
  if (::access(script.c_str(), R_OK) != 0) return "validator script missing: " + script;
  TempFile file(json, ".json");
  if (file.path().empty()) return "could not write a temporary file for the 360Giving validator";
  const std::string standard = std::string(MSWA_STANDARDS_DIR) + "/360giving-1.4.3";
  const RunResult r = run(shell_quote(*python) + " " + shell_quote(script) + " " + shell_quote(file.path()) + " " +
                          shell_quote(standard));
  return verdict(r, "validate_360giving.py");
}

}  // namespace mswa::test
