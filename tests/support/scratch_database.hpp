#pragma once
// A fresh, empty database per test: a temp SQLite file, or a new database in
// the PostgreSQL cluster that scripts/test started (MSWA_TEST_PG_URL).
#include <ostream>
#include <string>
#include <vector>

namespace mswa::test {

enum class Backend { sqlite, postgresql };

std::string backend_name(Backend b);
// gtest prints parameters with this.
inline void PrintTo(Backend b, std::ostream* os) { *os << backend_name(b); }
// SQLite always; PostgreSQL when MSWA_TEST_PG_URL is set. With
// MSWA_TEST_REQUIRE_PG=1 a missing URL fails the run instead of skipping.
std::vector<Backend> test_backends();

// Names parameterised tests by backend: "SQLite", "PostgreSQL".
struct BackendName {
  template <class ParamInfo>
  std::string operator()(const ParamInfo& info) const {
    return backend_name(info.param);
  }
};

class ScratchDatabase {
 public:
  explicit ScratchDatabase(Backend backend);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }

 private:
  Backend backend_;
  std::string url_;
  std::string name_;  // file path or database name
};

}  // namespace mswa::test
