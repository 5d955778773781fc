#include "tests/integration/store_fixture.hpp"

namespace mswa::test {

class ApplicationRepository : public StoreTest {
 protected:
  void SetUp() override {
    const auto donor = add_org("Donor", "GB", domain::OrgKind::donor);
    member_ = add_org("ស្ថាប័នឧទាហរណ៍").id;
    auto uow = write();
    const auto thb = *domain::find_currency("THB");
    const auto source = uow->funding().insert(
        {donor.id, "REF", "Core", {100000, *domain::find_currency("USD")}, "2027-01-01", "2027-12-31", {"OP1"}}, kStartMs);
    call_ = uow->calls()
                .insert({"Call", "", thb, {300000000, thb}, {60000000, thb}, kStartMs, kStartMs + 1000, {"KH"}, {"OP1"},
                         {{"relevance", "Relevance", 100}}, {{"need", "Need", true, 4000}},
                         domain::ReportingFrequency::quarterly, {source.id}},
                        kStartMs)
                .id;
    uow->commit();
  }
  domain::ApplicationContent content() {
    const auto thb = *domain::find_currency("THB");
    domain::ApplicationContent c;
    c.title = "Monitoring";
    c.summary = "Peer monitors\nin pairs";
    c.requested = domain::Money{54000000, thb};
    c.start_date = "2027-04-01";
    c.duration_months = 12;
    c.answers = {{"need", "ភាពចាំបាច់"}};
    c.budget_lines = {{"", domain::BudgetCategory::personnel, "Stipends", {30000000, thb}},
                      {"", domain::BudgetCategory::activities, "Workshops", {24000000, thb}}};
    c.targets = {{"OP1.1", {0, 0}, {1205, 1}}};
    return c;
  }
  std::string member_, call_;
};

TEST_P(ApplicationRepository, StoresTheProposalAndGivesBudgetLinesIds) {
  std::string id;
  {
    auto uow = write();
    const auto a = uow->applications().insert(call_, member_, content(), kStartMs);
    id = a.id;
    for (const auto& line : a.content.budget_lines) EXPECT_EQ(line.id.size(), 36u);
    uow->commit();
  }
  const auto found = read()->applications().find(id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, domain::ApplicationStatus::draft);
  EXPECT_EQ(found->content.summary, "Peer monitors\nin pairs");
  EXPECT_EQ(found->content.requested, content().requested);
  EXPECT_EQ(found->content.answers, content().answers);
  EXPECT_EQ(found->content.budget_lines.size(), 2u);
  EXPECT_EQ(found->content.budget_lines[1].amount.minor, 24000000);
  EXPECT_EQ(found->content.targets, content().targets);
  EXPECT_FALSE(found->submitted_at);
}

TEST_P(ApplicationRepository, AnEmptyDraftHasNoMoneyOrDates) {
  auto uow = write();
  const auto a = uow->applications().insert(call_, member_, {}, kStartMs);
  uow->commit();
  const auto found = read()->applications().find(a.id);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->content.requested);
  EXPECT_FALSE(found->content.start_date);
  EXPECT_FALSE(found->content.duration_months);
}

TEST_P(ApplicationRepository, UpdatesWithTheVersionAndFiltersLists) {
  auto uow = write();
  auto a = uow->applications().insert(call_, member_, content(), kStartMs);
  uow->applications().insert(call_, member_, content(), kStartMs + 1);
  a.status = domain::ApplicationStatus::submitted;
  a.submitted_at = kStartMs + 5;
  a.version = 2;
  EXPECT_TRUE(uow->applications().update(a, 1));
  EXPECT_FALSE(uow->applications().update(a, 1));
  uow->commit();
  EXPECT_EQ(read()->applications().find(a.id)->submitted_at, kStartMs + 5);
  const auto submitted = read()->applications().list({50, std::nullopt}, {call_, domain::ApplicationStatus::submitted, std::nullopt, std::nullopt});
  ASSERT_EQ(submitted.items.size(), 1u);
  EXPECT_EQ(submitted.items[0].id, a.id);
  EXPECT_EQ(read()->applications().list({1, std::nullopt}, {call_, std::nullopt, member_, std::nullopt}).next_after.has_value(), true);
  EXPECT_TRUE(read()->applications().list({50, std::nullopt}, {std::string("other"), std::nullopt, std::nullopt, std::nullopt}).items.empty());
}

MSWA_ON_EVERY_BACKEND(ApplicationRepository);

}  // namespace mswa::test
