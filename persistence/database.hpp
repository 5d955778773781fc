#pragma once
// The connection pool: N SOCI sessions to one SQLite file or one PostgreSQL
// database. Sessions are leased by the DB worker threads, never by I/O threads.
#include <atomic>
#include <cstddef>
#include <memory>
#include <string>

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace mswa::persistence {

enum class Dialect { sqlite, postgresql };

struct DatabaseUrl {
  Dialect dialect = Dialect::sqlite;
  std::string target;  // the SQLite path, or the libpq URI

  // "sqlite:PATH" or "postgresql://…" (also "postgres://…"); throws
  // std::invalid_argument naming what is wrong.
  static DatabaseUrl parse(const std::string& url);
};

// libpq's keyword=value form of a postgresql:// URI (SOCI 4.0 mangles URIs),
// with connect_timeout=5 unless the URI sets one. Throws std::invalid_argument.
std::string to_libpq_keywords(const std::string& uri);

class Database;

// One pooled session, given back on destruction.
class Lease {
 public:
  Lease(Database& db, std::size_t position);
  Lease(Lease&&) noexcept;
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease();
  soci::session& session();
  // Marks the connection broken: it is reopened before its next use.
  void mark_broken();

 private:
  Database* db_;
  std::size_t position_;
};

class Database {
 public:
  // Opens `pool_size` connections; throws Failure(unavailable) when it cannot.
  Database(const DatabaseUrl& url, std::size_t pool_size);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return url_.dialect; }
  std::size_t pool_size() const { return size_; }
  std::size_t in_use() const { return in_use_.load(); }
  // Blocks until a session is free; reconnects one marked broken.
  Lease lease();
  // True when a trivial query answers.
  bool ping();

 private:
  friend class Lease;
  void open(soci::session& s);
  void give_back(std::size_t position);

  DatabaseUrl url_;
  std::size_t size_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::unique_ptr<std::atomic<bool>[]> broken_;
  std::atomic<std::size_t> in_use_{0};
};

}  // namespace mswa::persistence
