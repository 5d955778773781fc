#pragma once
#include <gtest/gtest.h>

#include <memory>

#include "persistence/database.hpp"
#include "persistence/migrator.hpp"
#include "persistence/soci_store.hpp"
#include "tests/support/scratch_database.hpp"
#include "tests/support/test_server.hpp"

namespace mswa::test {

// A migrated scratch database on the backend under test.
class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  StoreTest()
      : scratch_(GetParam()),
        db_(persistence::DatabaseUrl::parse(scratch_.url()), 4),
        migrated_((persistence::migrate(db_), true)),
        store_(db_) {}

  std::unique_ptr<domain::UnitOfWork> write() { return store_.begin(domain::Access::write); }
  std::unique_ptr<domain::UnitOfWork> read() { return store_.begin(domain::Access::read); }

  domain::Organisation add_org(const std::string& name, const std::string& country = "KH",
                               domain::OrgKind kind = domain::OrgKind::member, domain::EpochMs at = kStartMs) {
    auto uow = write();
    auto org = uow->organisations().insert(
        {name, std::nullopt, kind, country, true, domain::Publication::public_, std::nullopt}, at);
    uow->commit();
    return org;
  }

  ScratchDatabase scratch_;
  persistence::Database db_;
  bool migrated_;
  persistence::SociStore store_;
};

#define MSWA_ON_EVERY_BACKEND(Suite) \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::ValuesIn(::mswa::test::test_backends()), ::mswa::test::BackendName())

}  // namespace mswa::test
