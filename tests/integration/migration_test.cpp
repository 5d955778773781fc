#include <soci/soci.h>

#include <atomic>
#include <thread>

#include "tests/integration/store_fixture.hpp"

namespace mswa::test {

class Migrations : public StoreTest {};

TEST_P(Migrations, BringTheSchemaToTheLatestVersionOnce) {
  const int latest = persistence::latest_schema_version(db_.dialect());
  EXPECT_GE(latest, 1);
  EXPECT_EQ(persistence::current_schema_version(db_), latest);
  const auto again = persistence::migrate(db_);
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.from_version, latest);
  EXPECT_EQ(again.to_version, latest);
}

TEST_P(Migrations, RefuseADatabaseFromANewerSchema) {
  {
    auto lease = db_.lease();
    lease.session() << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)";
  }
  try {
    persistence::migrate(db_);
    FAIL() << "migrate accepted a newer schema";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  }
}

TEST_P(Migrations, SeveralProcessesMigratingAtOnceApplyEachStepOnce) {
  ScratchDatabase fresh(GetParam());
  std::vector<std::thread> threads;
  std::atomic<int> applied{0};
  for (int i = 0; i < 3; ++i)
    threads.emplace_back([&] {
      persistence::Database db(persistence::DatabaseUrl::parse(fresh.url()), 1);
      applied += static_cast<int>(persistence::migrate(db).applied.size());
    });
  for (auto& t : threads) t.join();
  persistence::Database db(persistence::DatabaseUrl::parse(fresh.url()), 1);
  EXPECT_EQ(applied.load(), persistence::latest_schema_version(db.dialect()));
}

MSWA_ON_EVERY_BACKEND(Migrations);

TEST(SqliteConnections, EnforceForeignKeysWithWalAndFullSync) {
  ScratchDatabase scratch(Backend::sqlite);
  persistence::Database db(persistence::DatabaseUrl::parse(scratch.url()), 2);
  auto lease = db.lease();
  int fk = 0;
  std::string mode;
  int sync = 0;
  lease.session() << "PRAGMA foreign_keys", soci::into(fk);
  lease.session() << "PRAGMA journal_mode", soci::into(mode);
  lease.session() << "PRAGMA synchronous", soci::into(sync);
  EXPECT_EQ(fk, 1);
  EXPECT_EQ(mode, "wal");
  EXPECT_EQ(sync, 2);  // FULL
}


TEST(DatabaseUrl, AcceptsSqliteAndPostgresql) {
  EXPECT_EQ(persistence::DatabaseUrl::parse("sqlite:var/x.sqlite3").target, "var/x.sqlite3");
  EXPECT_EQ(persistence::DatabaseUrl::parse("postgresql://u@h:5432/db").dialect, persistence::Dialect::postgresql);
  EXPECT_THROW(persistence::DatabaseUrl::parse("sqlite:"), std::invalid_argument);
  EXPECT_THROW(persistence::DatabaseUrl::parse("sqlite::memory:"), std::invalid_argument);
  EXPECT_THROW(persistence::DatabaseUrl::parse("mysql://h/db"), std::invalid_argument);
}

TEST(Database, AnUnreachableServerIsUnavailable) {
  try {
    persistence::Database db(persistence::DatabaseUrl::parse("postgresql://nobody@127.0.0.1:1/none"), 1);
    FAIL() << "connected to nothing";
  } catch (const domain::Failure& f) {
    EXPECT_EQ(f.error().code, domain::ErrorCode::unavailable);
  }
}

}  // namespace mswa::test
