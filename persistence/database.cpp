#include "persistence/database.hpp"

#include <libpq-fe.h>
#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <stdexcept>

#include "domain/error.hpp"

namespace mswa::persistence {
namespace {

domain::Failure unavailable(const std::string& why) {
  return domain::Failure(domain::Error{domain::ErrorCode::unavailable, "The database is unavailable: " + why, {}, {}, "unavailable"});
}

}  // namespace

std::string to_libpq_keywords(const std::string& uri) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(uri.c_str(), &error);
  if (!options) {
    std::string why = error ? error : "cannot parse";
    PQfreemem(error);
    throw std::invalid_argument("postgresql URI: " + why);
  }
  std::string out;
  bool has_timeout = false;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    std::string value;
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\\' || *c == '\'') value.push_back('\\');
      value.push_back(*c);
    }
    out += std::string(out.empty() ? "" : " ") + o->keyword + "='" + value + "'";
    has_timeout = has_timeout || std::string(o->keyword) == "connect_timeout";
  }
  PQconninfoFree(options);
  // libpq waits for the OS TCP timeout by default; a dead host should answer fast.
  if (!has_timeout) out += " connect_timeout='5'";
  return out;
}

DatabaseUrl DatabaseUrl::parse(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // tolerate sqlite://PATH
    if (path.empty()) throw std::invalid_argument("sqlite: needs a file path, e.g. sqlite:var/mswa.sqlite3");
    if (path == ":memory:")
      throw std::invalid_argument("sqlite::memory: gives each pooled connection its own database; use a file");
    return {Dialect::sqlite, path};
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    to_libpq_keywords(url);  // throws when libpq cannot read it
    return {Dialect::postgresql, url};
  }
  throw std::invalid_argument("expected sqlite:PATH or postgresql://…, got '" + url + "'");
}

Lease::Lease(Database& db, std::size_t position) : db_(&db), position_(position) {}
Lease::Lease(Lease&& other) noexcept : db_(other.db_), position_(other.position_) { other.db_ = nullptr; }
Lease::~Lease() {
  if (db_) db_->give_back(position_);
}
soci::session& Lease::session() { return db_->pool_->at(position_); }
void Lease::mark_broken() { db_->broken_[position_].store(true); }

Database::Database(const DatabaseUrl& url, std::size_t pool_size)
    : url_(url),
      size_(pool_size == 0 ? 1 : pool_size),
      pool_(std::make_unique<soci::connection_pool>(size_)),
      broken_(std::make_unique<std::atomic<bool>[]>(size_)) {
  if (url_.dialect == Dialect::sqlite) {
    const auto parent = std::filesystem::path(url_.target).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  for (std::size_t i = 0; i < size_; ++i) {
    broken_[i].store(false);
    open(pool_->at(i));
  }
}

Database::~Database() = default;

void Database::open(soci::session& s) {
  try {
    if (url_.dialect == Dialect::sqlite) {
      s.open(soci::sqlite3, "db=\"" + url_.target + "\" timeout=10");
      // Per connection: integrity first, then concurrency (WAL lets readers run beside the one writer).
      s << "PRAGMA foreign_keys = ON";
      s << "PRAGMA journal_mode = WAL";
      s << "PRAGMA synchronous = FULL";
      s << "PRAGMA busy_timeout = 10000";
    } else {
      s.open(soci::postgresql, to_libpq_keywords(url_.target));
      s << "SET TIME ZONE 'UTC'";
    }
  } catch (const soci::soci_error& e) {
    throw unavailable(url_.dialect == Dialect::sqlite ? std::string("cannot open the SQLite file")
                                                      : std::string("cannot connect to PostgreSQL"));
  }
}

Lease Database::lease() {
  const std::size_t position = pool_->lease();
  in_use_.fetch_add(1);
  Lease lease(*this, position);
  if (broken_[position].load()) {
    soci::session& s = pool_->at(position);
    try {
      s.close();
    } catch (...) {
    }
    open(s);  // throws unavailable; the lease goes back on unwinding
    broken_[position].store(false);
  }
  return lease;
}

void Database::give_back(std::size_t position) {
  in_use_.fetch_sub(1);
  pool_->give_back(position);
}

bool Database::ping() {
  try {
    Lease l = lease();
    int one = 0;
    try {
      l.session() << "SELECT 1", soci::into(one);
    } catch (const soci::soci_error&) {
      l.mark_broken();
      return false;
    }
    return one == 1;
  } catch (const domain::Failure&) {
    return false;
  }
}

}  // namespace mswa::persistence
