#include "tests/integration/store_fixture.hpp"

namespace mswa::test {

class SessionRepository : public StoreTest {
 protected:
  std::string user_id() {
    auto uow = write();
    auto u = uow->users().insert({"s@example.org", "S", domain::Role::admin, std::nullopt, ""}, "h", kStartMs);
    uow->commit();
    return u.id;
  }
};

TEST_P(SessionRepository, CreateTouchRevoke) {
  const auto uid = user_id();
  {
    auto uow = write();
    uow->sessions().create({"t1", uid, {kStartMs, kStartMs, kStartMs + 1000, std::nullopt}});
    uow->sessions().create({"t2", uid, {kStartMs, kStartMs, kStartMs + 1000, std::nullopt}});
    uow->sessions().touch("t1", kStartMs + 500);
    uow->sessions().revoke("t2", kStartMs + 600);
    uow->commit();
  }
  auto uow = read();
  const auto t1 = uow->sessions().find("t1");
  ASSERT_TRUE(t1);
  EXPECT_EQ(t1->user_id, uid);
  EXPECT_EQ(t1->times.last_seen_at, kStartMs + 500);
  EXPECT_FALSE(t1->times.revoked_at);
  EXPECT_EQ(uow->sessions().find("t2")->times.revoked_at, kStartMs + 600);
  EXPECT_FALSE(uow->sessions().find("nope"));
}

TEST_P(SessionRepository, FindsTheSessionWithItsUserInOneRead) {
  const auto uid = user_id();
  {
    auto uow = write();
    uow->sessions().create({"t", uid, {kStartMs, kStartMs + 5, kStartMs + 1000, std::nullopt}});
    uow->commit();
  }
  const auto found = read()->sessions().find_with_user("t");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->session.user_id, uid);
  EXPECT_EQ(found->session.times.last_seen_at, kStartMs + 5);
  EXPECT_EQ(found->session.times.expires_at, kStartMs + 1000);
  EXPECT_EQ(found->user.id, uid);
  EXPECT_EQ(found->user.email, "s@example.org");
  EXPECT_EQ(found->user.role, domain::Role::admin);
  EXPECT_FALSE(read()->sessions().find_with_user("other"));
}

TEST_P(SessionRepository, RevokeAllForUserAndPurge) {
  const auto uid = user_id();
  {
    auto uow = write();
    for (const char* t : {"a", "b", "c"}) uow->sessions().create({t, uid, {kStartMs, kStartMs, kStartMs + 10, std::nullopt}});
    uow->sessions().revoke_all_for_user(uid, kStartMs + 1);
    uow->commit();
  }
  for (const char* t : {"a", "b", "c"}) EXPECT_EQ(read()->sessions().find(t)->times.revoked_at, kStartMs + 1);
  {
    auto uow = write();
    uow->sessions().purge_ended(kStartMs + 100, 0);
    uow->commit();
  }
  EXPECT_FALSE(read()->sessions().find("a"));
}

TEST_P(SessionRepository, LoginFailuresPerAccount) {
  {
    auto uow = write();
    for (int i = 0; i < 3; ++i) uow->login_failures().record("a@example.org", kStartMs + i);
    uow->login_failures().record("b@example.org", kStartMs);
    uow->commit();
  }
  EXPECT_EQ(read()->login_failures().since("a@example.org", kStartMs).size(), 2u);  // strictly after
  EXPECT_EQ(read()->login_failures().since("a@example.org", 0).size(), 3u);
  {
    auto uow = write();
    uow->login_failures().clear("a@example.org");
    uow->commit();
  }
  EXPECT_TRUE(read()->login_failures().since("a@example.org", 0).empty());
  EXPECT_EQ(read()->login_failures().since("b@example.org", 0).size(), 1u);
}

MSWA_ON_EVERY_BACKEND(SessionRepository);

}  // namespace mswa::test
