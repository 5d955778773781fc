#include "tests/integration/store_fixture.hpp"

namespace mswa::test {

class CallRepository : public StoreTest {
 protected:
  domain::CallFields fields(const std::string& source_id) {
    const auto thb = *domain::find_currency("THB");
    return {"Community human rights monitoring 2027",
            "Line one\nline two",
            thb,
            {300000000, thb},
            {60000000, thb},
            kStartMs,
            kStartMs + domain::hours_ms(24 * 90),
            {"KH", "LA", "MM", "TH", "VN"},
            {"OP1", "OC1"},
            {{"relevance", "Relevance to the logframe", 40}, {"community", "Community leadership", 35},
             {"budget", "Value for money", 25}},
            {{"need", "What need does this answer?", true, 4000}, {"safety", "How will you keep people safe?", true, 2000}},
            domain::ReportingFrequency::quarterly,
            {source_id}};
  }
  std::string source() {
    const auto donor = add_org("Donor", "GB", domain::OrgKind::donor);
    auto uow = write();
    auto s = uow->funding().insert({donor.id, "REF-" + donor.id.substr(0, 8), "Core", {100000, *domain::find_currency("USD")},
                                    "2027-01-01", "2027-12-31", {"OP1"}},
                                   kStartMs);
    uow->commit();
    return s.id;
  }
};

TEST_P(CallRepository, StoresEveryField) {
  const auto src = source();
  std::string id;
  {
    auto uow = write();
    id = uow->calls().insert(fields(src), kStartMs).id;
    uow->commit();
  }
  const auto found = read()->calls().find(id);
  ASSERT_TRUE(found);
  const auto want = fields(src);
  EXPECT_EQ(found->status, domain::CallStatus::draft);
  EXPECT_EQ(found->fields.title, want.title);
  EXPECT_EQ(found->fields.description, want.description);
  EXPECT_EQ(found->fields.envelope, want.envelope);
  EXPECT_EQ(found->fields.max_award, want.max_award);
  EXPECT_EQ(found->fields.closes_at, want.closes_at);
  EXPECT_EQ(found->fields.eligible_countries, want.eligible_countries);
  EXPECT_EQ(found->fields.result_codes, want.result_codes);
  EXPECT_EQ(found->fields.criteria, want.criteria);
  EXPECT_EQ(found->fields.questions, want.questions);
  EXPECT_EQ(found->fields.funding_source_ids, want.funding_source_ids);
}

TEST_P(CallRepository, UpdatesWithTheVersionAndReplacesFundingSources) {
  const auto a = source(), b = source();
  auto uow = write();
  auto call = uow->calls().insert(fields(a), kStartMs);
  call.fields.funding_source_ids = {b};
  call.status = domain::CallStatus::open;
  call.version = 2;
  EXPECT_TRUE(uow->calls().update(call, 1));
  EXPECT_FALSE(uow->calls().update(call, 1));
  uow->commit();
  const auto found = read()->calls().find(call.id);
  EXPECT_EQ(found->status, domain::CallStatus::open);
  EXPECT_EQ(found->fields.funding_source_ids, (std::vector<std::string>{b}));
}

TEST_P(CallRepository, ListsTheCallsAcceptingAtAnInstant) {
  const auto src = source();
  auto uow = write();
  auto draft = uow->calls().insert(fields(src), kStartMs);
  auto open = uow->calls().insert(fields(src), kStartMs);
  open.status = domain::CallStatus::open;
  open.version = 2;
  ASSERT_TRUE(uow->calls().update(open, 1));
  uow->commit();
  const auto during = read()->calls().list({50, std::nullopt}, {std::nullopt, kStartMs + 1});
  ASSERT_EQ(during.items.size(), 1u);
  EXPECT_EQ(during.items[0].id, open.id);
  EXPECT_TRUE(read()->calls().list({50, std::nullopt}, {std::nullopt, open.fields.closes_at}).items.empty());
  EXPECT_TRUE(read()->calls().list({50, std::nullopt}, {std::nullopt, kStartMs - 1}).items.empty());
  EXPECT_EQ(read()->calls().list({50, std::nullopt}, {domain::CallStatus::draft, std::nullopt}).items[0].id, draft.id);
}

MSWA_ON_EVERY_BACKEND(CallRepository);

}  // namespace mswa::test
