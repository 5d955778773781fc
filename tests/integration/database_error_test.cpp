// A database error the service did not expect reaches the log as its code
// only: SOCI's own message carries the statement and its bound values, which
// may be a narrative or a password hash.
#include <soci/soci.h>

#include <barrier>
#include <optional>
#include <random>
#include <thread>

#include "persistence/sql_errors.hpp"
#include "tests/integration/store_fixture.hpp"

namespace mswa::test {

class DatabaseErrors : public StoreTest {};

TEST_P(DatabaseErrors, NeverCarryTheStatementOrItsValues) {
  auto lease = db_.lease();
  persistence::Context ctx{lease.session(), db_.dialect(), lease};
  const std::string secret = "narrative-of-a-member-4711";
  try {
    persistence::guarded(ctx, [&] {
      ctx.sql << "UPDATE organisations SET name = :secret WHERE no_such_column = 1", soci::use(secret, "secret");
    });
    FAIL() << "the statement should have failed";
  } catch (const persistence::UnexpectedDatabaseError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find(secret), std::string::npos) << what;
    EXPECT_EQ(what.find("no_such_column"), std::string::npos) << what;
    EXPECT_EQ(what.find("UPDATE"), std::string::npos) << what;
    // What an operator needs: the code of the error.
    EXPECT_NE(what.find(db_.dialect() == persistence::Dialect::postgresql ? "SQLSTATE 42703" : "SQLite result 1"),
              std::string::npos)
        << what;
  }
}

// Two transactions that each lock one organisation, then wait for the
// other's: PostgreSQL rolls one back whole, and the service may run it again.
TEST_P(DatabaseErrors, ADeadlockVictimIsBusyAndMayBeRunAgain) {
  if (db_.dialect() != persistence::Dialect::postgresql)
    GTEST_SKIP() << "SQLite lets one transaction write at a time: locks cannot cross";
  const auto first = add_org("First").id;
  const auto second = add_org("Second").id;
  std::barrier crossed(2);

  auto lock_both = [&](const std::string& one, const std::string& two) -> std::optional<domain::Error> {
    auto lease = db_.lease();
    persistence::Context ctx{lease.session(), db_.dialect(), lease};
    // Quicker detection where the account may set it (a superuser setting);
    // a lock timeout stops the test hanging should detection never come.
    try {
      ctx.sql << "SET deadlock_timeout = '100ms'";
    } catch (const soci::soci_error&) {
    }
    ctx.sql << "SET lock_timeout = '10s'";
    bool arrived = false;
    std::optional<domain::Error> outcome;
    try {
      persistence::guarded(ctx, [&] {
        std::string id;
        ctx.sql << "BEGIN";
        ctx.sql << "SELECT id FROM organisations WHERE id = :id FOR UPDATE", soci::use(one, "id"), soci::into(id);
        arrived = true;
        crossed.arrive_and_wait();  // each holds its first row before asking for the other's
        ctx.sql << "SELECT id FROM organisations WHERE id = :id FOR UPDATE", soci::use(two, "id"), soci::into(id);
        ctx.sql << "UPDATE organisations SET version = version + 1 WHERE id IN (:one, :two)", soci::use(one, "one"),
            soci::use(two, "two");
        ctx.sql << "COMMIT";
      });
    } catch (const domain::Failure& f) {
      outcome = f.error();
    } catch (const std::exception& e) {
      outcome = domain::Error{domain::ErrorCode::unavailable, std::string("unexpected: ") + e.what()};
    }
    if (!arrived) crossed.arrive_and_drop();  // never leave the other waiting
    if (outcome) ctx.sql << "ROLLBACK";
    ctx.sql << "RESET deadlock_timeout";
    ctx.sql << "RESET lock_timeout";
    return outcome;
  };

  std::optional<domain::Error> outcomes[2];
  std::thread a([&] { outcomes[0] = lock_both(first, second); });
  std::thread b([&] { outcomes[1] = lock_both(second, first); });
  a.join();
  b.join();

  ASSERT_NE(outcomes[0].has_value(), outcomes[1].has_value()) << "exactly one transaction is the victim: "
                                                              << (outcomes[0] ? outcomes[0]->detail : "none") << ", "
                                                              << (outcomes[1] ? outcomes[1]->detail : "none");
  const auto& victim = outcomes[0] ? *outcomes[0] : *outcomes[1];
  EXPECT_EQ(victim.code, domain::ErrorCode::unavailable) << victim.detail;
  EXPECT_EQ(victim.reason, "busy");
  EXPECT_TRUE(victim.retry);
  EXPECT_EQ(victim.retry_after_seconds, 1);
  // Each row was raised once from version 1: the survivor's update stands
  // and the victim left nothing.
  long long versions = 0;
  auto lease = db_.lease();
  lease.session() << "SELECT SUM(version) FROM organisations WHERE id IN (:one, :two)", soci::use(first, "one"),
      soci::use(second, "two"), soci::into(versions);
  EXPECT_EQ(versions, 4);
}

// A value longer than its column allows is bad input, not a fault.
TEST_P(DatabaseErrors, AValueTooLongForItsColumnIsInvalidInput) {
  if (db_.dialect() != persistence::Dialect::postgresql)
    GTEST_SKIP() << "SQLite does not enforce declared column lengths";
  auto lease = db_.lease();
  persistence::Context ctx{lease.session(), db_.dialect(), lease, false};
  ctx.sql << "CREATE TEMP TABLE currencies_seen (code VARCHAR(3) NOT NULL)";
  const std::string code = "EURO";
  try {
    persistence::guarded(ctx, [&] {
      ctx.sql << "INSERT INTO currencies_seen (code) VALUES (:code)", soci::use(code, "code");
    });
    FAIL() << "a four-letter value should not fit VARCHAR(3)";
  } catch (const domain::Failure& f) {
    EXPECT_EQ(f.error().code, domain::ErrorCode::invalid_input) << f.error().detail;
    EXPECT_EQ(f.error().reason, "too_large");
    EXPECT_FALSE(f.error().retry);
  }
}

// A value too large for a B-tree index entry (over ~2.7 kB, not compressible)
// is bad input too: here an organisation's unique IATI reference.
TEST_P(DatabaseErrors, AValueTooLargeForAnIndexIsInvalidInput) {
  if (db_.dialect() != persistence::Dialect::postgresql)
    GTEST_SKIP() << "SQLite's indexes take values of any size";
  const auto org = add_org("Indexed");
  std::mt19937 random(4711);
  std::string reference;
  for (int i = 0; i < 6000; ++i) reference += "0123456789abcdef"[random() % 16];
  auto lease = db_.lease();
  persistence::Context ctx{lease.session(), db_.dialect(), lease, false};
  try {
    persistence::guarded(ctx, [&] {
      ctx.sql << "UPDATE organisations SET iati_ref = :ref WHERE id = :id", soci::use(reference, "ref"),
          soci::use(org.id, "id");
    });
    FAIL() << "a 6,000-character value should not fit a B-tree entry";
  } catch (const domain::Failure& f) {
    EXPECT_EQ(f.error().code, domain::ErrorCode::invalid_input) << f.error().detail;
    EXPECT_EQ(f.error().reason, "too_large");
  }
  auto uow = read();
  EXPECT_EQ(uow->organisations().find(org.id)->fields.iati_ref, std::nullopt);  // nothing written
}

MSWA_ON_EVERY_BACKEND(DatabaseErrors);

}  // namespace mswa::test
