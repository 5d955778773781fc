#include <soci/soci.h>

#include <set>
#include <thread>

#include "tests/integration/store_fixture.hpp"

namespace mswa::test {

class AuditLog : public StoreTest {
 protected:
  void append(const std::string& entity_id, const std::string& action = "thing.create") {
    auto uow = write();
    uow->audit().append({kStartMs, domain::Actor::system("req-1"), action, "thing", entity_id, "success",
                         {{"from", "draft"}, {"to", "open"}}});
    uow->commit();
  }
  std::vector<std::pair<long long, std::pair<std::string, std::string>>> chain() {
    std::vector<std::pair<long long, std::pair<std::string, std::string>>> out;
    auto lease = db_.lease();
    long long seq = 0;
    std::string prev, hash;
    soci::statement st = (lease.session().prepare << "SELECT seq, prev_hash, hash FROM audit_events ORDER BY seq",
                          soci::into(seq), soci::into(prev), soci::into(hash));
    if (st.execute(true)) {
      do out.push_back({seq, {prev, hash}});
      while (st.fetch());
    }
    return out;
  }
};

TEST_P(AuditLog, AppendsAndListsNewestFirst) {
  append("a");
  append("b");
  append("a", "thing.update");
  auto all = read()->audit().list({}, {50, std::nullopt});
  ASSERT_EQ(all.items.size(), 3u);
  EXPECT_EQ(all.items[0].event.action, "thing.update");
  EXPECT_GT(all.items[0].seq, all.items[1].seq);
  EXPECT_EQ(all.items[0].event.actor.role, "system");
  EXPECT_EQ(all.items[0].event.actor.request_id, "req-1");
  EXPECT_EQ(all.items[0].event.details.size(), 2u);
  EXPECT_EQ(all.items[0].hash.size(), 64u);
  auto only_a = read()->audit().list({std::string("thing"), std::string("a")}, {50, std::nullopt});
  EXPECT_EQ(only_a.items.size(), 2u);
  auto page = read()->audit().list({}, {2, std::nullopt});
  ASSERT_TRUE(page.next_after);
  auto rest = read()->audit().list({}, {2, page.next_after});
  ASSERT_EQ(rest.items.size(), 1u);
  EXPECT_EQ(rest.items[0].event.entity_id, "a");
}

TEST_P(AuditLog, EachEventChainsToThePreviousOne) {
  for (int i = 0; i < 5; ++i) append("e" + std::to_string(i));
  const auto rows = chain();
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].second.first, std::string(64, '0'));
  for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_EQ(rows[i].second.first, rows[i - 1].second.second);
}

TEST_P(AuditLog, TheDatabaseRefusesUpdatesAndDeletes) {
  append("x");
  auto lease = db_.lease();
  EXPECT_THROW(lease.session() << "UPDATE audit_events SET outcome = 'forged'", soci::soci_error);
  EXPECT_THROW(lease.session() << "DELETE FROM audit_events", soci::soci_error);
}

TEST_P(AuditLog, ConcurrentAppendsMakeOneUnbrokenChain) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([this, t] {
      for (int i = 0; i < 10; ++i) append("t" + std::to_string(t));
    });
  for (auto& th : threads) th.join();
  const auto rows = chain();
  ASSERT_EQ(rows.size(), 40u);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].first, static_cast<long long>(i + 1));
    if (i > 0) {
      EXPECT_EQ(rows[i].second.first, rows[i - 1].second.second);
    }
  }
}

MSWA_ON_EVERY_BACKEND(AuditLog);

}  // namespace mswa::test
