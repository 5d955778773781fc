// The ledger's postings and the pro-rata split: balanced per currency,
// reversals that undo exactly, splits that never pass a share.
#include <gtest/gtest.h>

#include <numeric>
#include <random>

#include "domain/disbursement.hpp"
#include "domain/ledger.hpp"
#include "domain/progress_report.hpp"

using namespace mswa::domain;

namespace {

const Currency kThb{"THB", 2}, kUsd{"USD", 2}, kEur{"EUR", 2};

std::int64_t sum_of(const std::vector<LedgerEntry>& entries, HolderType h, const std::string& id, Account a) {
  std::int64_t s = 0;
  for (const auto& e : entries)
    if (e.holder_type == h && e.holder_id == id && e.account == a) s += e.amount.minor;
  return s;
}

std::vector<SourceShare> two_sources() {
  return {{"usd", {30000000, kThb}, {843000, kUsd}, {281, 4}, "2027-03-01"},
          {"eur", {24000000, kThb}, {624000, kEur}, {260, 4}, "2027-03-01"}};
}

}  // namespace

TEST(Ledger, AReceiptMovesIncomeToAvailable) {
  const auto t = receipt_posting("r1", "usd", {12500000, kUsd}, "2027-01-10", 0);
  EXPECT_TRUE(is_balanced(t.entries));
  EXPECT_EQ(t.kind, LedgerKind::receipt);
  EXPECT_EQ(sum_of(t.entries, HolderType::funding_source, "usd", Account::income), -12500000);
  EXPECT_EQ(sum_of(t.entries, HolderType::funding_source, "usd", Account::available), 12500000);
}

TEST(Ledger, AnAllocationBalancesInEachCurrencySeparately) {
  const auto t = allocation_posting("a1", two_sources(), "2027-03-10", 0);
  EXPECT_TRUE(is_balanced(t.entries));
  EXPECT_EQ(t.entries.size(), 8u);
  EXPECT_EQ(sum_of(t.entries, HolderType::funding_source, "usd", Account::available), -843000);
  EXPECT_EQ(sum_of(t.entries, HolderType::funding_source, "usd", Account::allocated), 843000);
  EXPECT_EQ(sum_of(t.entries, HolderType::award, "a1", Account::funding), -54000000);
  EXPECT_EQ(sum_of(t.entries, HolderType::award, "a1", Account::committed), 54000000);
}

TEST(Ledger, APaymentMovesCommittedToPaidAndAllocatedToDisbursed) {
  const std::vector<SourceShare> portions{{"usd", {10000000, kThb}, {285000, kUsd}, {285, 4}, "2027-04-16"},
                                          {"eur", {8000000, kThb}, {209600, kEur}, {262, 4}, "2027-04-16"}};
  const auto t = payment_posting("d1", "a1", portions, "2027-04-16", 0);
  EXPECT_TRUE(is_balanced(t.entries));
  EXPECT_EQ(sum_of(t.entries, HolderType::award, "a1", Account::committed), -18000000);
  EXPECT_EQ(sum_of(t.entries, HolderType::award, "a1", Account::paid), 18000000);
  EXPECT_EQ(sum_of(t.entries, HolderType::funding_source, "usd", Account::allocated), -285000);
  EXPECT_EQ(sum_of(t.entries, HolderType::funding_source, "eur", Account::disbursed), 209600);
}

TEST(Ledger, AShareThatConvertsToNothingLeavesNoZeroEntry) {
  const std::vector<SourceShare> portions{{"usd", {1, kThb}, {0, kUsd}, {281, 4}, "2027-04-16"}};
  const auto t = expenditure_posting("p1", "a1", portions, "2027-06-30", 0);
  EXPECT_TRUE(is_balanced(t.entries));
  EXPECT_EQ(t.entries.size(), 2u);
}

TEST(Ledger, AReversalUndoesTheOriginalExactly) {
  auto original = allocation_posting("a1", two_sources(), "2027-03-10", 0);
  original.id = "t1";
  const auto reversal = reversal_of(original, "2027-05-01", 5);
  EXPECT_TRUE(is_balanced(reversal.entries));
  EXPECT_EQ(reversal.kind, LedgerKind::reversal);
  EXPECT_EQ(reversal.reverses_id, "t1");
  ASSERT_EQ(reversal.entries.size(), original.entries.size());
  for (std::size_t i = 0; i < original.entries.size(); ++i)
    EXPECT_EQ(reversal.entries[i].amount.minor, -original.entries[i].amount.minor);
}

TEST(Ledger, UnbalancedOrEmptyOrZeroEntriesAreRefused) {
  EXPECT_FALSE(is_balanced({}));
  EXPECT_FALSE(is_balanced({{HolderType::award, "a", Account::paid, {5, kThb}}}));
  // Balanced in sum, but across two currencies: not balanced.
  EXPECT_FALSE(is_balanced({{HolderType::award, "a", Account::paid, {5, kThb}},
                            {HolderType::award, "a", Account::paid, {-5, kUsd}}}));
  EXPECT_FALSE(is_balanced({{HolderType::award, "a", Account::paid, {0, kThb}}}));
}

TEST(Ledger, EnumerationsRoundTrip) {
  for (auto k : {LedgerKind::receipt, LedgerKind::allocation, LedgerKind::payment, LedgerKind::expenditure,
                 LedgerKind::reversal})
    EXPECT_EQ(parse_ledger_kind(to_string(k)), k);
  for (auto a : {Account::income, Account::available, Account::allocated, Account::disbursed, Account::spent,
                 Account::funding, Account::committed, Account::paid})
    EXPECT_EQ(parse_account(to_string(a)), a);
  EXPECT_EQ(parse_holder_type("award"), HolderType::award);
  EXPECT_FALSE(parse_account("cash"));
}

TEST(SplitProRata, TheScenarioSplitsExactly) {
  // 180,000.00 THB over 300,000.00 and 240,000.00: 100,000.00 and 80,000.00.
  EXPECT_EQ(split_pro_rata(18000000, {30000000, 24000000}), (std::vector<std::int64_t>{10000000, 8000000}));
}

TEST(SplitProRata, LeftoverUnitsGoToTheLargestRemainders) {
  // 100 over three equal weights: 33.33... each; the first gets the spare unit.
  EXPECT_EQ(split_pro_rata(100, {1, 1, 1}), (std::vector<std::int64_t>{34, 33, 33}));
  // 10 over 1:2:7 -> 1, 2, 7; 11 -> 1.1, 2.2, 7.7: the 0.7 remainder wins.
  EXPECT_EQ(split_pro_rata(11, {1, 2, 7}), (std::vector<std::int64_t>{1, 2, 8}));
  EXPECT_EQ(split_pro_rata(5, {0, 3}), (std::vector<std::int64_t>{0, 5}));
}

TEST(SplitProRata, PartsSumToTheTotalAndNeverPassTheirWeight) {
  std::mt19937_64 rng(20271);
  for (int round = 0; round < 5000; ++round) {
    const std::size_t n = 1 + rng() % 5;
    std::vector<std::int64_t> weights(n);
    for (auto& w : weights) w = static_cast<std::int64_t>(rng() % 1'000'000'000'000ULL);
    const std::int64_t sum = std::accumulate(weights.begin(), weights.end(), std::int64_t{0});
    if (sum == 0) continue;
    const std::int64_t total = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(sum + 1));
    const auto parts = split_pro_rata(total, weights);
    ASSERT_EQ(std::accumulate(parts.begin(), parts.end(), std::int64_t{0}), total);
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_GE(parts[i], 0);
      ASSERT_LE(parts[i], weights[i]);
    }
  }
}

TEST(TrancheCondition, TheUnlockingReportIsTheLastPeriodEndingBeforeTheDueDate) {
  std::vector<ProgressReport> schedule(4);
  const char* ends[] = {"2027-06-30", "2027-09-30", "2027-12-31", "2028-03-31"};
  for (int i = 0; i < 4; ++i) schedule[i].period = {i + 1, "", ends[i], ""};
  Tranche t{"t", 2, "2027-07-15", {1, kThb}, TrancheCondition::report_accepted};
  ASSERT_NE(unlocking_report(t, schedule), nullptr);
  EXPECT_EQ(unlocking_report(t, schedule)->period.seq, 1);
  t.due_on = "2027-12-31";  // a period ending on the due date does not count
  EXPECT_EQ(unlocking_report(t, schedule)->period.seq, 2);
  t.due_on = "2027-06-30";
  EXPECT_EQ(unlocking_report(t, schedule), nullptr);
}
