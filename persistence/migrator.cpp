#include "persistence/migrator.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>
#include <stdexcept>
#include <string_view>

namespace mswa::persistence {
namespace {

constexpr const char* kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

std::string_view dialect_name(Dialect d) { return d == Dialect::sqlite ? "sqlite" : "postgresql"; }

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A migration is a script of several statements, which SOCI's one-statement
// interface cannot run: hand it to the driver's own script runner.
void run_script(soci::session& sql, Dialect dialect, const char* script) {
  if (dialect == Dialect::sqlite) {
    auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
    char* message = nullptr;
    if (sqlite_api::sqlite3_exec(backend->conn_, script, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string why = message ? message : "unknown error";
      sqlite_api::sqlite3_free(message);
      throw std::runtime_error("migration failed: " + why);
    }
  } else {
    auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
    PGresult* result = PQexec(backend->conn_, script);
    const auto status = PQresultStatus(result);
    std::string why = PQresultErrorMessage(result);
    PQclear(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw std::runtime_error("migration failed: " + why);
  }
}

// PostgreSQL: one migrator at a time per database, even for CREATE TABLE IF
// NOT EXISTS (which races on the catalog). SQLite serialises through its write lock.
class MigrationLock {
 public:
  MigrationLock(soci::session& sql, Dialect dialect) : sql_(sql), held_(dialect == Dialect::postgresql) {
    if (held_) sql_ << "SELECT pg_advisory_lock(7142001)";
  }
  ~MigrationLock() {
    try {
      if (held_) sql_ << "SELECT pg_advisory_unlock(7142001)";
    } catch (...) {
    }
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

 private:
  soci::session& sql_;
  bool held_;
};

int recorded_version(soci::session& sql) {
  int version = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
  return ind == soci::i_ok ? version : 0;
}

}  // namespace

int latest_schema_version(Dialect dialect) {
  int latest = 0;
  for (const auto& m : embedded_migrations())
    if (m.dialect == dialect_name(dialect) && m.version > latest) latest = m.version;
  return latest;
}

int current_schema_version(Database& db) {
  Lease lease = db.lease();
  soci::session& sql = lease.session();
  MigrationLock lock(sql, db.dialect());
  sql << kCreateVersionTable;
  return recorded_version(sql);
}

MigrationReport migrate(Database& db) {
  Lease lease = db.lease();
  soci::session& sql = lease.session();
  const Dialect dialect = db.dialect();
  const int latest = latest_schema_version(dialect);
  MigrationLock lock(sql, dialect);
  sql << kCreateVersionTable;

  MigrationReport report;
  report.from_version = recorded_version(sql);
  if (report.from_version > latest)
    throw std::runtime_error("the database schema is version " + std::to_string(report.from_version) +
                             ", newer than this program knows (" + std::to_string(latest) +
                             "); run a newer mswa-grants");

  for (const auto& m : embedded_migrations()) {
    if (m.dialect != dialect_name(dialect)) continue;
    // SQLite: take the write lock before reading the version, so two
    // processes migrating at once apply each step exactly once.
    sql << (dialect == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    try {
      if (recorded_version(sql) >= m.version) {
        sql << "COMMIT";
        continue;
      }
      run_script(sql, dialect, m.sql);
      const std::string name = m.name;
      const long long at = now_ms();
      sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)", soci::use(m.version),
          soci::use(name), soci::use(at);
      sql << "COMMIT";
      report.applied.push_back(name);
    } catch (...) {
      try {
        sql << "ROLLBACK";
      } catch (...) {
      }
      throw;
    }
  }
  report.to_version = recorded_version(sql);
  return report;
}

}  // namespace mswa::persistence
