#include "tests/support/scratch_database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "persistence/database.hpp"

namespace mswa::test {
namespace {

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(rd() % 100000);
}

std::string admin_url() {
  const char* url = std::getenv("MSWA_TEST_PG_URL");
  if (!url || !*url) throw std::runtime_error("MSWA_TEST_PG_URL is not set");
  return url;
}

// The same URI with another database name.
std::string with_database(const std::string& url, const std::string& db) {
  const auto scheme = url.find("://");
  const auto slash = url.find('/', scheme + 3);
  const auto query = url.find('?', scheme + 3);
  const std::string head = url.substr(0, slash == std::string::npos ? query : slash);
  const std::string tail = query == std::string::npos ? "" : url.substr(query);
  return head + "/" + db + tail;
}

}  // namespace

std::string backend_name(Backend b) { return b == Backend::sqlite ? "SQLite" : "PostgreSQL"; }

std::vector<Backend> test_backends() {
  std::vector<Backend> out{Backend::sqlite};
  const char* pg = std::getenv("MSWA_TEST_PG_URL");
  const char* required = std::getenv("MSWA_TEST_REQUIRE_PG");
  if (pg && *pg) out.push_back(Backend::postgresql);
  else if (required && std::string(required) == "1")
    throw std::runtime_error("MSWA_TEST_REQUIRE_PG=1 but MSWA_TEST_PG_URL is not set: run scripts/test");
  return out;
}

ScratchDatabase::ScratchDatabase(Backend backend) : backend_(backend) {
  if (backend == Backend::sqlite) {
    name_ = (std::filesystem::temp_directory_path() / ("mswa_test_" + unique_suffix() + ".sqlite3")).string();
    url_ = "sqlite:" + name_;
  } else {
    name_ = "mswa_test_" + unique_suffix();
    soci::session admin(soci::postgresql, persistence::to_libpq_keywords(admin_url()));
    admin << "CREATE DATABASE " + name_ + " ENCODING 'UTF8' TEMPLATE template0";
    url_ = with_database(admin_url(), name_);
  }
}

ScratchDatabase::~ScratchDatabase() {
  try {
    if (backend_ == Backend::sqlite) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(name_ + suffix);
    } else {
      soci::session admin(soci::postgresql, persistence::to_libpq_keywords(admin_url()));
      admin << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)";
    }
  } catch (...) {
    // A scratch database left behind dies with the throwaway cluster.
  }
}

}  // namespace mswa::test
