#pragma once
// Turns SOCI's backend errors into domain::Failure: uniqueness and key clashes
// become conflicts, a lost connection or a locked database becomes
// "unavailable" (and the connection is reopened before its next use).
// Anything else is a bug: an UnexpectedDatabaseError, which the api answers
// with a bare 500 and logs.
#include <soci/soci-backend.h>

#include <stdexcept>
#include <string>
#include <utility>

#include "persistence/database.hpp"

namespace mswa::persistence {

// What a repository works with: the leased session of the current transaction.
struct Context {
  soci::session& sql;
  Dialect dialect;
  Lease& lease;
  bool in_transaction = true;  // false for PostgreSQL reads, which run each statement on its own
};

// What may be logged of a database error: its SQLSTATE (PostgreSQL) or
// result code (SQLite), never SOCI's own message, which carries the
// statement and its bound values (narratives, password hashes).
class UnexpectedDatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

[[noreturn]] void translate_and_throw(Context& ctx, const soci::soci_error& e);

template <class F>
auto guarded(Context& ctx, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const soci::soci_error& e) {
    translate_and_throw(ctx, e);
  }
}

}  // namespace mswa::persistence
