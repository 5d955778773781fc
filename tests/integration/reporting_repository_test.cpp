// The reporting queries on both databases: sums as of a date, and the
// portfolio of an empty alliance. (Full portfolios go through the HTTP
// suites, which build them with the real services.)
#include "domain/ledger.hpp"
#include "tests/integration/store_fixture.hpp"

namespace mswa::test {

using domain::find_currency;

class ReportingRepository : public StoreTest {
 protected:
  // A USD source with receipts of 1,000.00 on 2027-01-10 and 250.50 on 2027-03-01.
  std::string source_with_receipts() {
    const auto donor = add_org("Donor", "GB", domain::OrgKind::donor);
    auto uow = write();
    const auto source = uow->funding().insert(
        {donor.id, "RCF-1", "Core", {25000000, *find_currency("USD")}, "2027-01-01", "2028-12-31", {"OP1"}}, kStartMs);
    for (const auto& [minor, on] : {std::pair{100000LL, "2027-01-10"}, std::pair{25050LL, "2027-03-01"}}) {
      const domain::Money amount{minor, *find_currency("USD")};
      const auto receipt = uow->funding().add_receipt(source.id, amount, on, kStartMs);
      auto booking = domain::receipt_posting(receipt.id, source.id, amount, on, kStartMs);
      uow->ledger().post(booking);
    }
    uow->commit();
    return source.id;
  }
  domain::SummaryFacts summarise(const std::string& source, const std::string& as_of,
                                 std::optional<domain::EpochMs> known_at = std::nullopt) {
    domain::SummaryFacts f;
    auto uow = read();
    uow->reporting().summarise({source, as_of, known_at}, f);
    uow->commit();
    return f;
  }
};

TEST_P(ReportingRepository, SumsOnlyWhatWasBookedByTheDate) {
  const auto source = source_with_receipts();
  const auto early = summarise(source, "2027-01-09");
  EXPECT_EQ(early.totals.received, 0);
  EXPECT_TRUE(early.receipts.empty());
  const auto first = summarise(source, "2027-01-10");
  EXPECT_EQ(first.totals.received, 100000);
  EXPECT_EQ(first.totals.available, 100000);
  ASSERT_EQ(first.receipts.size(), 1u);
  const auto both = summarise(source, "2027-12-31");
  EXPECT_EQ(both.totals.received, 125050);
  EXPECT_EQ(both.totals.allocated, 0);
  EXPECT_EQ(both.receipts.size(), 2u);
  // Nothing funded yet: no awards, bookings, targets, values or results.
  EXPECT_TRUE(both.awards.empty());
  EXPECT_TRUE(both.transactions.empty());
  EXPECT_TRUE(both.targets.empty());
  EXPECT_TRUE(both.cells.empty());
  EXPECT_TRUE(both.results.empty());
}

// An edition sees only what had been recorded when it was published, so the
// previous edition's figures can be added up again exactly as they were.
TEST_P(ReportingRepository, AnEditionSeesOnlyWhatWasRecordedByItsPublication) {
  const auto source = source_with_receipts();  // recorded at kStartMs
  const auto before = summarise(source, "2027-12-31", kStartMs - 1);
  EXPECT_EQ(before.totals.received, 0);
  EXPECT_TRUE(before.receipts.empty());
  const auto at = summarise(source, "2027-12-31", kStartMs);
  EXPECT_EQ(at.totals.received, 125050);
  EXPECT_EQ(at.receipts.size(), 2u);
  // The period end still bounds what was booked.
  EXPECT_EQ(summarise(source, "2027-01-10", kStartMs).totals.received, 100000);
}

TEST_P(ReportingRepository, AnEmptyAllianceHasAnEmptyPortfolio) {
  auto uow = read();
  const auto p = uow->reporting().portfolio("2027-01-10", "2027-02-09");
  uow->commit();
  EXPECT_EQ(p.as_of, "2027-01-10");
  for (const auto& s : p.applications) EXPECT_EQ(s.count, 0) << s.status;
  EXPECT_TRUE(p.awards.empty());
  EXPECT_TRUE(p.overdue_reports.empty());
  EXPECT_TRUE(p.tranches_due.empty());
}

MSWA_ON_EVERY_BACKEND(ReportingRepository);

}  // namespace mswa::test
