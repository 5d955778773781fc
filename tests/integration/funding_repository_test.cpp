#include "tests/integration/store_fixture.hpp"

namespace mswa::test {

using domain::Currency;
using domain::find_currency;

class LogframeRepository : public StoreTest {};

TEST_P(LogframeRepository, TheMswaLogframeIsSeeded) {
  auto uow = read();
  const auto results = uow->logframe().results();
  std::vector<std::string> codes;
  for (const auto& r : results) codes.push_back(r.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"OC1", "OC2", "OC3", "OC4", "OC5", "OP1", "OP2", "OP3", "OP4", "OP5", "OP6"}));
  EXPECT_EQ(results[0].kind, domain::ResultKind::outcome);
  EXPECT_EQ(results[5].kind, domain::ResultKind::output);
  const auto indicators = uow->logframe().indicators();
  for (const auto& r : results) {
    const bool has_one = std::any_of(indicators.begin(), indicators.end(),
                                     [&](const domain::Indicator& i) { return i.fields.result_code == r.code; });
    EXPECT_TRUE(has_one) << r.code << " has no indicator";
  }
  const auto op11 = uow->logframe().find_indicator("OP1.1");
  ASSERT_TRUE(op11);
  EXPECT_EQ(op11->fields.title, "VASW incidents documented by community monitors");
  EXPECT_EQ(op11->fields.dimensions,
            (std::vector<domain::Dimension>{domain::Dimension::gender, domain::Dimension::migrant_status}));
  EXPECT_EQ(uow->logframe().find_indicator("OC4.1")->fields.dimensions.size(), 3u);
}

TEST_P(LogframeRepository, StaffIndicatorsJoinTheirResult) {
  {
    auto uow = write();
    uow->logframe().insert_indicator({"OP1.2", "OP1", "Monitors trained", domain::Measure::unit, true,
                                      {domain::Dimension::gender}},
                                     kStartMs);
    uow->commit();
  }
  const auto all = read()->logframe().indicators();
  const auto at = std::find_if(all.begin(), all.end(), [](const auto& i) { return i.fields.code == "OP1.2"; });
  ASSERT_NE(at, all.end());
  EXPECT_EQ((at - 1)->fields.code, "OP1.1");  // ordered by result, then code
  auto uow = write();
  EXPECT_THROW(uow->logframe().insert_indicator({"OP1.2", "OP1", "again", domain::Measure::unit, true, {}}, kStartMs),
               domain::Failure);
}

MSWA_ON_EVERY_BACKEND(LogframeRepository);

class FundingRepository : public StoreTest {
 protected:
  domain::FundingSource add_source(const std::string& donor, const std::string& reference, const char* currency = "USD") {
    auto uow = write();
    auto s = uow->funding().insert({donor, reference, "Core support", {25000000, *find_currency(currency)},
                                    "2027-01-01", "2028-12-31", {"OP1", "OC1"}},
                                   kStartMs);
    uow->commit();
    return s;
  }
};

TEST_P(FundingRepository, StoresSourcesWithTheirResults) {
  const auto donor = add_org("Donor", "GB", domain::OrgKind::donor);
  const auto created = add_source(donor.id, "RCF-2027-14");
  const auto found = read()->funding().find(created.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->fields.reference, "RCF-2027-14");
  EXPECT_EQ(found->fields.amount, (domain::Money{25000000, *find_currency("USD")}));
  EXPECT_EQ(found->fields.result_codes, (std::vector<std::string>{"OC1", "OP1"}));
  EXPECT_EQ(found->fields.end_date, "2028-12-31");
  EXPECT_FALSE(read()->funding().find("nope"));
}

TEST_P(FundingRepository, ReferencesAreUniqueAndDonorsMustExist) {
  const auto donor = add_org("Donor", "GB", domain::OrgKind::donor);
  add_source(donor.id, "REF-1");
  EXPECT_THROW(add_source(donor.id, "REF-1"), domain::Failure);
  EXPECT_THROW(add_source("no-such-donor", "REF-2"), domain::Failure);
}

TEST_P(FundingRepository, ListsByDonorInPages) {
  const auto a = add_org("Donor A", "GB", domain::OrgKind::donor);
  const auto b = add_org("Donor B", "SE", domain::OrgKind::donor);
  for (int i = 0; i < 3; ++i) add_source(a.id, "A-" + std::to_string(i));
  add_source(b.id, "B-0");
  EXPECT_EQ(read()->funding().list({50, std::nullopt}, {}).items.size(), 4u);
  const auto only_a = read()->funding().list({2, std::nullopt}, {a.id});
  ASSERT_EQ(only_a.items.size(), 2u);
  ASSERT_TRUE(only_a.next_after);
  const auto rest = read()->funding().list({2, only_a.next_after}, {a.id});
  ASSERT_EQ(rest.items.size(), 1u);
  EXPECT_EQ(rest.items[0].fields.donor_organisation_id, a.id);
}

TEST_P(FundingRepository, BalancesSumTheSourcesLedgerAccountsInTheDatabase) {
  const auto donor = add_org("Donor", "GB", domain::OrgKind::donor);
  const auto source = add_source(donor.id, "REF");
  EXPECT_EQ(read()->funding().balances(source.id).received, 0);
  {
    auto uow = write();
    for (const auto& [minor, on] : {std::pair{12500000LL, "2027-01-10"}, std::pair{1LL, "2027-01-05"}}) {
      const domain::Money amount{minor, *find_currency("USD")};
      const auto receipt = uow->funding().add_receipt(source.id, amount, on, kStartMs);
      auto booking = domain::receipt_posting(receipt.id, source.id, amount, on, kStartMs);
      uow->ledger().post(booking);
    }
    uow->commit();
  }
  const auto b = read()->funding().balances(source.id);
  EXPECT_EQ(b.received, 12500001);
  EXPECT_EQ(b.available, 12500001);
  EXPECT_EQ(b.allocated, 0);
  const auto receipts = read()->funding().receipts(source.id);
  ASSERT_EQ(receipts.size(), 2u);
  EXPECT_EQ(receipts[0].received_on, "2027-01-05");
}

MSWA_ON_EVERY_BACKEND(FundingRepository);

class FxRateRepository : public StoreTest {
 protected:
  bool put(const std::string& currency, const std::string& base, const std::string& date, const std::string& rate) {
    auto uow = write();
    const bool created = uow->fx_rates().put({currency, date, base, *domain::parse_decimal(rate), kStartMs});
    uow->commit();
    return created;
  }
};

TEST_P(FxRateRepository, PutInsertsThenReplaces) {
  EXPECT_TRUE(put("THB", "USD", "2027-01-15", "0.0281"));
  EXPECT_FALSE(put("THB", "USD", "2027-01-15", "0.0283"));
  const auto rates = read()->fx_rates().list({std::string("THB"), std::string("USD")});
  ASSERT_EQ(rates.size(), 1u);
  EXPECT_EQ(domain::format_decimal(rates[0].rate), "0.0283");
}

TEST_P(FxRateRepository, FindsTheNewestRateOnOrBeforeADate) {
  put("THB", "USD", "2027-01-15", "0.0281");
  put("THB", "USD", "2027-02-15", "0.0290");
  put("THB", "EUR", "2027-02-01", "0.0260");
  EXPECT_FALSE(read()->fx_rates().on_or_before("THB", "USD", "2027-01-14"));
  EXPECT_EQ(read()->fx_rates().on_or_before("THB", "USD", "2027-01-15")->date, "2027-01-15");
  EXPECT_EQ(read()->fx_rates().on_or_before("THB", "USD", "2027-02-14")->rate, (domain::Decimal{281, 4}));
  EXPECT_EQ(read()->fx_rates().on_or_before("THB", "USD", "2030-01-01")->date, "2027-02-15");
  EXPECT_EQ(read()->fx_rates().on_or_before("THB", "EUR", "2027-03-01")->rate, (domain::Decimal{260, 4}));
  EXPECT_EQ(read()->fx_rates().list({}).size(), 3u);
}

MSWA_ON_EVERY_BACKEND(FxRateRepository);

}  // namespace mswa::test
