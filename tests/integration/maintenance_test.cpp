// House-keeping (DESIGN §11): what it deletes, what it keeps, and that two
// processes on one database never both run it.
#include <atomic>
#include <thread>

#include <soci/soci.h>

#include "domain/maintenance_service.hpp"
#include "tests/integration/store_fixture.hpp"

namespace mswa::test {

using domain::minutes_ms;

class Maintenance : public StoreTest {
 protected:
  domain::MaintenanceService service(const std::string& holder) {
    return domain::MaintenanceService(store_, clock_, domain::MaintenancePolicy{{}, {}, domain::hours_ms(24),
                                                                                  minutes_ms(10)},
                                      holder);
  }
  std::string user_id() {
    auto uow = write();
    auto u = uow->users().insert({"m@example.org", "M", domain::Role::finance, std::nullopt, ""}, "h", kStartMs);
    uow->commit();
    return u.id;
  }
  long long count(const std::string& table) {
    long long n = 0;
    auto lease = db_.lease();
    lease.session() << "SELECT COUNT(*) FROM " + table, soci::into(n);
    return n;
  }
  domain::ManualClock clock_{kStartMs};
};

TEST_P(Maintenance, DeletesWhatCanNeverBeUsedAgainAndKeepsTheRest) {
  const auto uid = user_id();
  const domain::EpochMs now = kStartMs + domain::hours_ms(30);
  {
    auto uow = write();
    auto& s = uow->sessions();
    s.create({"live", uid, {now - minutes_ms(5), now - minutes_ms(1), now + domain::hours_ms(1), std::nullopt}});
    s.create({"idle", uid, {now - minutes_ms(60), now - minutes_ms(31), now + domain::hours_ms(1), std::nullopt}});
    s.create({"over", uid, {now - domain::hours_ms(13), now - minutes_ms(1), now - 1, std::nullopt}});
    s.create({"revoked", uid, {now - minutes_ms(5), now - minutes_ms(1), now + domain::hours_ms(1), std::nullopt}});
    s.revoke("revoked", now - 1);
    auto& f = uow->login_failures();
    f.record("a@example.org", now - minutes_ms(16));  // outside the 15-minute window: no longer counts
    f.record("a@example.org", now - minutes_ms(14));
    f.record("nobody@example.org", now - domain::hours_ms(2));
    auto& k = uow->idempotency();
    k.claim({uid, "old", "f"}, now - domain::hours_ms(25), 0);
    k.complete({uid, "old", "f"}, {201, "{}"});
    k.claim({uid, "new", "f"}, now - domain::hours_ms(23), 0);
    k.complete({uid, "new", "f"}, {201, "{}"});
    uow->commit();
  }
  clock_.set(now);
  auto maintenance = service("one");
  const auto run = maintenance.run_once();
  EXPECT_TRUE(run.ran);
  EXPECT_EQ(run.sessions, 3);
  EXPECT_EQ(run.login_failures, 2);
  EXPECT_EQ(run.idempotency_keys, 1);
  EXPECT_TRUE(read()->sessions().find("live"));
  for (const char* gone : {"idle", "over", "revoked"}) EXPECT_FALSE(read()->sessions().find(gone)) << gone;
  EXPECT_EQ(read()->login_failures().since("a@example.org", 0).size(), 1u);
  EXPECT_EQ(count("idempotency_keys"), 1);
  // Nothing left to do: a second run deletes nothing.
  const auto again = maintenance.run_once();
  EXPECT_TRUE(again.ran);
  EXPECT_EQ(again.sessions + again.login_failures + again.idempotency_keys, 0);
}

TEST_P(Maintenance, OneProcessAtATimeByTheLease) {
  auto first = service("process-a");
  auto second = service("process-b");
  EXPECT_TRUE(first.run_once().ran);
  EXPECT_FALSE(second.run_once().ran);
  clock_.advance_ms(minutes_ms(5));
  EXPECT_TRUE(first.run_once().ran);  // the holder renews
  clock_.advance_ms(minutes_ms(9));
  EXPECT_FALSE(second.run_once().ran);  // renewed 9 minutes ago: still held
  // The holder stopped (it died): after the lease runs out another takes over.
  clock_.advance_ms(minutes_ms(1));
  EXPECT_TRUE(second.run_once().ran);
  EXPECT_FALSE(first.run_once().ran);
  EXPECT_EQ(count("leases"), 1);
}

TEST_P(Maintenance, ConcurrentRunsNeverBothHoldTheLease) {
  // Eight processes' runs at one instant, each on its own connection.
  std::vector<domain::MaintenanceService> services;
  for (int i = 0; i < 8; ++i) services.push_back(service("p" + std::to_string(i)));
  std::atomic<int> ran{0};
  std::vector<std::thread> threads;
  for (auto& s : services) threads.emplace_back([&s, &ran] {
    if (s.run_once().ran) ++ran;
  });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ran.load(), 1);
}

MSWA_ON_EVERY_BACKEND(Maintenance);

}  // namespace mswa::test
