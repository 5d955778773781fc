// A database error the service did not expect reaches the log as its code
// only: SOCI's own message carries the statement and its bound values, which
// may be a narrative or a password hash.
#include <soci/soci.h>

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

MSWA_ON_EVERY_BACKEND(DatabaseErrors);

}  // namespace mswa::test
