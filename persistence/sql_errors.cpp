#include "persistence/sql_errors.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cstring>
#include <string>

#include "domain/error.hpp"

namespace mswa::persistence {
namespace {

using domain::Error;
using domain::ErrorCode;
using domain::Failure;

[[noreturn]] void lost(Context& ctx) {
  ctx.lease.mark_broken();
  throw Failure(Error{ErrorCode::unavailable, "The database is unavailable; try again shortly.", {}, {}, "unavailable"});
}

bool pg_connection_bad(Context& ctx) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(ctx.sql.get_backend());
  return backend == nullptr || backend->conn_ == nullptr || PQstatus(backend->conn_) != CONNECTION_OK;
}

}  // namespace

void translate_and_throw(Context& ctx, const soci::soci_error& e) {
  std::string code = "unknown";
  if (ctx.dialect == Dialect::postgresql) {
    if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
      const std::string state = pg->sqlstate();
      code = "SQLSTATE " + state;
      if (state == "23505") throw Failure(domain::conflict("A record with the same unique value exists.", "already_exists"));
      if (state == "23503") throw Failure(domain::conflict("The change refers to a record that does not exist.", "unknown_reference"));
      if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0) lost(ctx);
      // Deadlock and serialization failure: the transaction was rolled back whole.
      if (state == "40P01" || state == "40001")
        throw Failure(Error{ErrorCode::unavailable, "The database is busy; try again shortly.", {}, 1, "busy", true});
      // A value too long for its column or too large for an index entry.
      if (state == "54000" || state == "22001")
        throw Failure(Error{ErrorCode::invalid_input, "A value is too large to store.", {}, {}, "too_large"});
    }
    if (pg_connection_bad(ctx)) lost(ctx);
  } else if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    const int rc = lite->result() & 0xFF;  // primary result code
    code = "SQLite result " + std::to_string(lite->result());
    if (rc == 19) {                        // SQLITE_CONSTRAINT
      if (std::strstr(e.what(), "UNIQUE") != nullptr)
        throw Failure(domain::conflict("A record with the same unique value exists.", "already_exists"));
      if (std::strstr(e.what(), "FOREIGN KEY") != nullptr)
        throw Failure(domain::conflict("The change refers to a record that does not exist.", "unknown_reference"));
    }
    if (rc == 5 || rc == 6)  // SQLITE_BUSY, SQLITE_LOCKED past the busy timeout
      throw Failure(Error{ErrorCode::unavailable, "The database is busy; try again shortly.", {}, 1, "busy"});
    if (rc == 10 || rc == 14) lost(ctx);  // SQLITE_IOERR, SQLITE_CANTOPEN
  }
  throw UnexpectedDatabaseError("unexpected database error, " + code);
}

}  // namespace mswa::persistence
