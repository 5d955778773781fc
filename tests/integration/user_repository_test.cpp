#include "tests/integration/store_fixture.hpp"

namespace mswa::test {

using domain::Role;

class UserRepository : public StoreTest {
 protected:
  domain::User add_user(const std::string& email, Role role, std::optional<std::string> org) {
    auto uow = write();
    auto u = uow->users().insert({email, "Name", role, std::move(org), ""}, "hash-of-" + email, kStartMs);
    uow->commit();
    return u;
  }
};

TEST_P(UserRepository, InsertFindAndHash) {
  const auto org = add_org("member org");
  const auto u = add_user("m@example.org", Role::member, org.id);
  auto uow = read();
  const auto by_id = uow->users().find(u.id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->email, "m@example.org");
  EXPECT_EQ(by_id->role, Role::member);
  EXPECT_EQ(by_id->organisation_id, org.id);
  EXPECT_TRUE(by_id->active);
  EXPECT_EQ(uow->users().find_by_email("m@example.org")->id, u.id);
  EXPECT_EQ(uow->users().password_hash(u.id), "hash-of-m@example.org");
  EXPECT_FALSE(uow->users().find_by_email("nobody@example.org"));
  EXPECT_FALSE(uow->users().password_hash("nobody"));
}

TEST_P(UserRepository, DuplicateEmailIsAConflict) {
  add_user("dup@example.org", Role::admin, std::nullopt);
  try {
    add_user("dup@example.org", Role::finance, std::nullopt);
    FAIL() << "two users share an e-mail address";
  } catch (const domain::Failure& f) {
    EXPECT_EQ(f.error().code, domain::ErrorCode::conflict);
  }
}

TEST_P(UserRepository, AMissingOrganisationIsRefusedByTheDatabase) {
  try {
    add_user("x@example.org", Role::member, std::string("no-such-organisation"));
    FAIL() << "a user points at nothing";
  } catch (const domain::Failure& f) {
    EXPECT_EQ(f.error().code, domain::ErrorCode::conflict);
  }
}

TEST_P(UserRepository, UpdateCountsAndFilters) {
  const auto org = add_org("org");
  auto a = add_user("a@example.org", Role::admin, std::nullopt);
  add_user("b@example.org", Role::admin, std::nullopt);
  add_user("c@example.org", Role::member, org.id);
  auto uow = write();
  EXPECT_EQ(uow->users().count(), 3);
  EXPECT_EQ(uow->users().count_active_with_role(Role::admin), 2);
  a.active = false;
  a.version = 2;
  EXPECT_TRUE(uow->users().update(a, 1));
  EXPECT_FALSE(uow->users().update(a, 1));
  EXPECT_EQ(uow->users().count_active_with_role(Role::admin), 1);
  uow->users().set_password_hash(a.id, "new-hash", kStartMs + 1);
  EXPECT_EQ(uow->users().password_hash(a.id), "new-hash");
  EXPECT_EQ(uow->users().list({50, std::nullopt}, {org.id, std::nullopt}).items.size(), 1u);
  EXPECT_EQ(uow->users().list({50, std::nullopt}, {std::nullopt, Role::admin}).items.size(), 2u);
  uow->commit();
  EXPECT_FALSE(read()->users().find(a.id)->active);
}

MSWA_ON_EVERY_BACKEND(UserRepository);

}  // namespace mswa::test
