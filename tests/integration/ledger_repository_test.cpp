// The ledger and idempotency keys on both databases: entries the database
// itself refuses to change, per-currency totals, reversals, and keys that
// replay, expire and are claimed once.
#include <soci/soci.h>

#include <thread>

#include "domain/ledger.hpp"
#include "tests/integration/store_fixture.hpp"

namespace mswa::test {

using domain::find_currency;

class LedgerRepository : public StoreTest {
 protected:
  domain::LedgerTransaction post(domain::LedgerTransaction t) {
    auto uow = write();
    uow->ledger().post(t);
    uow->commit();
    return t;
  }
  static domain::Money usd(std::int64_t minor) { return {minor, *find_currency("USD")}; }
  static domain::Money thb(std::int64_t minor) { return {minor, *find_currency("THB")}; }
  std::vector<domain::SourceShare> shares() {
    return {{"source-usd", thb(30000000), usd(843000), {281, 4}, "2027-03-01"}};
  }
  std::string add_user(const std::string& email) {
    auto uow = write();
    auto u = uow->users().insert({email, "Name", domain::Role::finance, std::nullopt, ""}, "hash", kStartMs);
    uow->commit();
    return u.id;
  }
};

TEST_P(LedgerRepository, TheDatabaseRefusesUpdatesAndDeletesOfEntriesAndTransactions) {
  post(domain::receipt_posting("r1", "source-usd", usd(100), "2027-01-10", kStartMs));
  auto lease = db_.lease();
  EXPECT_THROW(lease.session() << "UPDATE ledger_entries SET amount_minor = 1", soci::soci_error);
  EXPECT_THROW(lease.session() << "DELETE FROM ledger_entries", soci::soci_error);
  EXPECT_THROW(lease.session() << "UPDATE ledger_transactions SET booked_on = '2000-01-01'", soci::soci_error);
  EXPECT_THROW(lease.session() << "DELETE FROM ledger_transactions", soci::soci_error);
  long long count = 0;
  lease.session() << "SELECT COUNT(*) FROM ledger_entries", soci::into(count);
  EXPECT_EQ(count, 2);
}

TEST_P(LedgerRepository, AnUnbalancedTransactionIsNeverWritten) {
  auto t = domain::receipt_posting("r1", "source-usd", usd(100), "2027-01-10", kStartMs);
  t.entries.pop_back();
  auto uow = write();
  EXPECT_THROW(uow->ledger().post(t), std::logic_error);
  EXPECT_TRUE(read()->ledger().totals().empty());
}

TEST_P(LedgerRepository, TotalsArePerCurrencyAndNetToZero) {
  post(domain::receipt_posting("r1", "source-usd", usd(12500000), "2027-01-10", kStartMs));
  post(domain::allocation_posting("award-1", shares(), "2027-03-10", kStartMs));
  const auto totals = read()->ledger().totals();
  ASSERT_EQ(totals.size(), 2u);
  EXPECT_EQ(totals[0].currency, "THB");
  EXPECT_EQ(totals[0].debits, 30000000);
  EXPECT_EQ(totals[0].net(), 0);
  EXPECT_EQ(totals[1].currency, "USD");
  EXPECT_EQ(totals[1].debits, 12500000 + 843000);
  EXPECT_EQ(totals[1].net(), 0);
}

TEST_P(LedgerRepository, AReversedTransactionNoLongerStandsAndItsEffectIsUndone) {
  const std::vector<domain::SourceShare> portions{{"source-usd", thb(100000), usd(2850), {285, 4}, "2027-04-16"}};
  const auto payment = post(domain::payment_posting("disb-1", "award-1", portions, "2027-04-16", kStartMs));
  const auto standing = read()->ledger().standing("disb-1", domain::LedgerKind::payment);
  ASSERT_TRUE(standing);
  EXPECT_EQ(standing->id, payment.id);
  ASSERT_EQ(standing->entries.size(), payment.entries.size());
  EXPECT_EQ(standing->entries[1].amount, payment.entries[1].amount);
  EXPECT_EQ(read()->ledger().award_totals("award-1", *find_currency("THB")).paid, 100000);

  post(domain::reversal_of(*standing, "2027-05-01", kStartMs));
  EXPECT_FALSE(read()->ledger().standing("disb-1", domain::LedgerKind::payment));
  EXPECT_EQ(read()->ledger().award_totals("award-1", *find_currency("THB")).paid, 0);
  // One reversal per transaction: the database refuses a second.
  auto uow = write();
  auto again = domain::reversal_of(*standing, "2027-05-02", kStartMs);
  EXPECT_THROW(uow->ledger().post(again), domain::Failure);
}

TEST_P(LedgerRepository, AnIdempotencyKeyIsClaimedOnceThenReplaysUntilItExpires) {
  const auto user = add_user("f@example.org");
  const domain::IdempotencyKey key{user, "key-1", "fingerprint-a"};
  {
    auto uow = write();
    EXPECT_FALSE(uow->idempotency().claim(key, kStartMs, kStartMs - 1000));
    uow->idempotency().complete(key, {201, "{\"id\":\"d1\"}"});
    uow->commit();
  }
  {
    auto uow = write();
    const auto earlier = uow->idempotency().claim({user, "key-1", "fingerprint-b"}, kStartMs + 10, kStartMs - 1000);
    ASSERT_TRUE(earlier);
    EXPECT_EQ(earlier->fingerprint, "fingerprint-a");
    EXPECT_EQ(earlier->response.status, 201);
    EXPECT_EQ(earlier->response.body, "{\"id\":\"d1\"}");
  }
  // Another user's key of the same name is another key.
  const auto other = add_user("g@example.org");
  {
    auto uow = write();
    EXPECT_FALSE(uow->idempotency().claim({other, "key-1", "x"}, kStartMs, kStartMs - 1000));
  }
  // Once older than the cut-off, the key is claimed afresh.
  {
    auto uow = write();
    EXPECT_FALSE(uow->idempotency().claim({user, "key-1", "fingerprint-c"}, kStartMs + 5000, kStartMs + 1));
    uow->commit();
  }
}

TEST_P(LedgerRepository, AClaimRolledBackLeavesTheKeyFree) {
  const auto user = add_user("f@example.org");
  {
    auto uow = write();
    EXPECT_FALSE(uow->idempotency().claim({user, "k", "a"}, kStartMs, 0));
  }  // no commit
  auto uow = write();
  EXPECT_FALSE(uow->idempotency().claim({user, "k", "a"}, kStartMs, 0));
}

TEST_P(LedgerRepository, ConcurrentClaimsOfOneKeyLetOneTransactionThrough) {
  const auto user = add_user("f@example.org");
  std::atomic<int> claimed{0}, replayed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      auto uow = write();
      if (uow->idempotency().claim({user, "same", "fp"}, kStartMs, 0)) {
        ++replayed;
        return;
      }
      uow->idempotency().complete({user, "same", "fp"}, {201, "{}"});
      uow->commit();
      ++claimed;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(claimed.load(), 1);
  EXPECT_EQ(replayed.load(), 3);
}

MSWA_ON_EVERY_BACKEND(LedgerRepository);

}  // namespace mswa::test
