// Many approvals drawing on the same two funding sources at once, half naming
// them one way round and half the other: on PostgreSQL each decision locks
// the sources it draws on, and crossed lock orders would deadlock. SQLite
// runs one writer at a time, so nothing can cross there.
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <latch>
#include <map>
#include <thread>

#include "persistence/database.hpp"
#include "tests/http/grant_fixture.hpp"

namespace mswa::test {
namespace {

constexpr int kApplications = 100;  // 50 crossed pairs
constexpr int kClientThreads = 8;

// "8430.00" -> 843000: the API writes amounts with exactly the currency's digits.
long long minor_units(const nlohmann::json& money) {
  std::string digits = money.at("amount").get<std::string>();
  std::erase(digits, '.');
  return std::stoll(digits);
}

// Deadlocks PostgreSQL has counted in that database. A connection reports its
// counts when it goes idle or ends, so a final count waits until the server's
// connections are gone.
long long deadlocks(const std::string& url) {
  soci::session sql(soci::postgresql, persistence::to_libpq_keywords(url));
  long long n = 0;
  sql << "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()", soci::into(n);
  return n;
}

bool others_connected(const std::string& url) {
  soci::session sql(soci::postgresql, persistence::to_libpq_keywords(url));
  long long n = 0;
  sql << "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
      soci::into(n);
  return n > 0;
}

}  // namespace

class DecisionRaceHttp : public GrantHttpTest {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::sqlite)
      GTEST_SKIP() << "SQLite lets one transaction write at a time: decisions cannot take locks in crossed orders";
    GrantHttpTest::SetUp();
  }
};

TEST_P(DecisionRaceHttp, CrossedFundingOrdersNeitherDeadlockNorOverdraw) {
  // Room for every award: 100 x 8,430.00 USD and 100 x 6,240.00 EUR.
  const auto a = source("RACE-A", "USD", "1000000.00", "1000000.00");
  const auto b = source("RACE-B", "EUR", "1000000.00", "1000000.00");
  std::vector<std::string> apps;
  for (int i = 0; i < kApplications; ++i) apps.push_back(submitted({a, b}));
  travel_to("2027-03-10T09:00:00Z");
  rate("THB", "2027-03-01", "USD", "0.0281");
  rate("THB", "2027-03-01", "EUR", "0.0260");
  const std::string programme = token_as("programme");
  const long long deadlocks_before = deadlocks(server().db_url());

  // Approval i names [A, B] when i is even and [B, A] when odd; threads take
  // the next approval as they come free, so the two of a pair run together.
  std::vector<HttpResult> results(kApplications);
  std::atomic<int> next{0};
  std::latch start(kClientThreads);
  const auto began = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < kClientThreads; ++t) {
    threads.emplace_back([&] {
      HttpClient client(server().port());
      start.arrive_and_wait();
      for (int i = next++; i < kApplications; i = next++) {
        const auto body = i % 2 == 0 ? approval({{a, "300000.00"}, {b, "240000.00"}})
                                     : approval({{b, "240000.00"}, {a, "300000.00"}});
        results[i] = client.post(kApi + "/applications/" + apps[i] + "/decision", body, programme);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - began).count();

  int created = 0, refused = 0, server_errors = 0, unexpected = 0;
  std::map<std::string, long long> awarded;  // per source, in its own currency
  for (int i = 0; i < kApplications; ++i) {
    const auto& r = results[i];
    if (r.status >= 500) ++server_errors;
    if (r.status == 409) ++refused;
    if (r.status != 201 && r.status != 409 && ++unexpected <= 3)
      ADD_FAILURE() << "approval " << i << ": " << r.status << " " << r.body;
    if (r.status != 201) continue;
    ++created;
    const auto award = r.json();
    for (const auto& f : award.at("funding"))
      awarded[f.at("funding_source_id").get<std::string>()] += minor_units(f.at("source_amount"));
  }
  EXPECT_EQ(server_errors, 0);
  EXPECT_EQ(unexpected, 0);
  // The sources hold enough for all of them: a refusal here would be a lost decision.
  EXPECT_EQ(created, kApplications);
  EXPECT_EQ(all_pages(kApi + "/awards", programme).size(), static_cast<std::size_t>(created));
  for (const auto& id : {a, b}) {
    const auto balance = balances(id);
    EXPECT_GE(minor_units(balance.at("available")), 0) << id;
    EXPECT_EQ(minor_units(balance.at("allocated")), awarded[id]) << id;
  }
  EXPECT_EQ(awarded[a], created * 843000LL);  // 300,000.00 THB x 0.0281 = 8,430.00 USD each
  EXPECT_EQ(awarded[b], created * 624000LL);  // 240,000.00 THB x 0.0260 = 6,240.00 EUR each

  // A deadlock the service ran again would not show in the answers; the
  // database counts it. Its connections report when they end.
  const auto url = server().db_url();
  server().stop();
  for (int i = 0; i < 100 && others_connected(url); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const long long deadlocked = deadlocks(url) - deadlocks_before;
  EXPECT_EQ(deadlocked, 0) << "decisions waited on each other in a cycle";

  std::cout << "[ race ] " << kApplications << " approvals (" << kApplications / 2 << " crossed pairs) on "
            << kClientThreads << " client threads in " << elapsed << " ms: " << created << " x 201, " << refused
            << " x 409, " << server_errors << " x 5xx, " << deadlocked << " deadlocks" << std::endl;
}

MSWA_HTTP_ON_EVERY_BACKEND(DecisionRaceHttp);

}  // namespace mswa::test
