// Decisions and awards: the lifecycle scenario end to end, the approval
// rules, and two decisions racing for a funding source's last money.
#include <thread>

#include "tests/http/grant_fixture.hpp"

namespace mswa::test {

class DecisionsHttp : public GrantHttpTest {};

TEST_P(DecisionsHttp, TheLifecycleScenarioEndsInAnAwardAndExactBalances) {
  const auto usd = source("RCF-2027-14", "USD", "250000.00", "125000.00");
  const auto eur = source("EU-CSO-2027-3", "EUR", "200000.00", "100000.00");
  const auto app = submitted({usd, eur});
  travel_to("2027-03-10T09:00:00Z");
  rate("THB", "2027-03-01", "USD", "0.0281");
  rate("THB", "2027-03-01", "EUR", "0.0260");

  auto r = decide(app, approval({{usd, "300000.00"}, {eur, "240000.00"}}));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto award = r.json();
  EXPECT_EQ(award.at("reference"), "MSWA-2027-001");
  EXPECT_EQ(award.at("amount"), money("540000.00"));
  EXPECT_EQ(award.at("start_date"), "2027-04-01");
  EXPECT_EQ(award.at("end_date"), "2028-03-31");
  ASSERT_EQ(award.at("tranches").size(), 3u);
  EXPECT_EQ(award.at("tranches")[1].at("condition"), "report_accepted");
  ASSERT_EQ(award.at("funding").size(), 2u);

  // 300,000.00 THB x 0.0281 = 8,430.00 USD; 240,000.00 THB x 0.0260 = 6,240.00 EUR.
  EXPECT_EQ(balances(usd).at("allocated"), (nlohmann::json{{"currency", "USD"}, {"amount", "8430.00"}}));
  EXPECT_EQ(balances(usd).at("available"), (nlohmann::json{{"currency", "USD"}, {"amount", "116570.00"}}));
  EXPECT_EQ(balances(eur).at("allocated"), (nlohmann::json{{"currency", "EUR"}, {"amount", "6240.00"}}));
  EXPECT_EQ(balances(eur).at("available"), (nlohmann::json{{"currency", "EUR"}, {"amount", "93760.00"}}));

  const auto id = award.at("id").get<std::string>();
  const auto schedule = http().get(kApi + "/awards/" + id + "/progress-reports", token_as("member")).json().at("items");
  ASSERT_EQ(schedule.size(), 4u);
  EXPECT_EQ(schedule[0].at("period_start"), "2027-04-01");
  EXPECT_EQ(schedule[0].at("period_end"), "2027-06-30");
  EXPECT_EQ(schedule[0].at("due_on"), "2027-07-30");
  EXPECT_EQ(schedule[3].at("period_end"), "2028-03-31");
  EXPECT_EQ(schedule[3].at("status"), "pending");
  EXPECT_EQ(http().get(kApi + "/applications/" + app, token_as("member")).json().at("status"), "approved");
  auto detail = http().get(kApi + "/awards/" + id, token_as("member")).json();
  EXPECT_EQ(detail.at("totals").at("awarded"), award.at("amount"));
  EXPECT_EQ(detail.at("totals").at("paid").at("amount"), "0.00");
  detail.erase("totals");
  EXPECT_EQ(detail, award);
  EXPECT_EQ(ids_of(all_pages(kApi + "/awards", token_as("member"))), (std::vector<std::string>{id}));
  const auto trail = audit_trail("entity_type=award&entity_id=" + id);
  ASSERT_EQ(trail.size(), 1u);
  EXPECT_EQ(trail[0].at("details").at("reference"), "MSWA-2027-001");
}

TEST_P(DecisionsHttp, ApprovalRulesNameTheirFields) {
  const auto thb = source("THB-1", "THB", "5000000.00", "5000000.00");
  const auto usd = source("USD-1", "USD", "1000.00", "1000.00");
  const auto app = submitted({thb, usd});
  auto body = approval({{thb, "540000.00"}}, "600000.00");
  EXPECT_TRUE(IsInvalid(decide(app, body), {"/amount/amount", "/funding", "/tranches"}));
  body = approval({{thb, "500000.00"}, {thb, "40000.00"}});
  EXPECT_TRUE(IsInvalid(decide(app, body), {"/funding/1/funding_source_id"}));
  body = approval({{kUnknownId, "540000.00"}});
  body["tranches"][2]["due_on"] = "2027-01-01";
  EXPECT_TRUE(IsInvalid(decide(app, body), {"/funding/0/funding_source_id", "/tranches/2/due_on"}));
  body = approval({{thb, "540000.00"}});
  body["amount"] = {{"currency", "USD"}, {"amount", "15000.00"}};
  body["tranches"][0]["condition"] = "maybe";
  EXPECT_TRUE(IsInvalid(decide(app, body), {"/tranches/0/condition"}));
  // No THB -> USD rate recorded: the allocation cannot be converted.
  EXPECT_TRUE(IsInvalid(decide(app, approval({{thb, "500000.00"}, {usd, "40000.00"}})), {"/funding/1/funding_source_id"}));
  // 40,000.00 THB at 0.03 = 1,200.00 USD: more than the 1,000.00 USD received.
  rate("THB", "2026-11-01", "USD", "0.03");
  EXPECT_TRUE(IsProblem(decide(app, approval({{thb, "500000.00"}, {usd, "40000.00"}})), 409));
  EXPECT_EQ(balances(thb).at("allocated").at("amount"), "0.00");  // nothing half-written
  EXPECT_TRUE(all_pages(kApi + "/awards", token_as("programme")).empty());
  EXPECT_EQ(decide(app, approval({{thb, "540000.00"}})).status, 201);
  EXPECT_TRUE(IsProblem(decide(app, approval({{thb, "540000.00"}})), 409));  // decided already
}

TEST_P(DecisionsHttp, RequestChangesReturnsItForEditingAndRejectEndsIt) {
  const auto thb = source("THB-1", "THB", "5000000.00", "5000000.00");
  const auto app = submitted({thb});
  EXPECT_TRUE(IsInvalid(decide(app, {{"decision", "request_changes"}}), {"/reason"}));
  EXPECT_TRUE(IsInvalid(decide(app, {{"decision", "reject"}, {"reason", "No"}, {"amount", money("1.00")}}), {"/decision"}));
  auto changes = decide(app, {{"decision", "request_changes"}, {"reason", "Add a safety plan."}});
  ASSERT_EQ(changes.status, 200) << changes.body;
  EXPECT_EQ(changes.json().at("status"), "changes_requested");
  const auto& member = token_as("member");
  const auto current = http().get(kApi + "/applications/" + app, member);
  auto edited = http().patch(kApi + "/applications/" + app, {{"summary", "Now with a safety plan."}}, member,
                             {{"If-Match", current.header("etag")}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  ASSERT_EQ(http().request("POST", kApi + "/applications/" + app + "/submit", std::nullopt, bearer(member)).status, 200);
  auto rejected = decide(app, {{"decision", "reject"}, {"reason", "Outside the call's results."}});
  ASSERT_EQ(rejected.status, 200);
  EXPECT_EQ(rejected.json().at("status"), "rejected");
  EXPECT_TRUE(IsProblem(decide(app, {{"decision", "reject"}, {"reason", "Again"}}), 409));
  const auto trail = audit_trail("entity_type=application&entity_id=" + app);
  EXPECT_EQ(trail[0].at("details").at("status"), "submitted -> rejected");
  EXPECT_EQ(trail[0].at("details").at("reason"), "Outside the call's results.");
}

TEST_P(DecisionsHttp, TwoDecisionsRacingForTheLastMoneyCannotBothWin) {
  // 800,000.00 THB received: room for one 540,000.00 award, not two.
  const auto thb = source("THB-1", "THB", "800000.00", "800000.00");
  const auto first = submitted({thb});
  const auto other_org = server().create_organisation("member", "LA");
  const auto second = submitted({thb}, server().token_for("member", other_org));
  const auto& programme = token_as("programme");
  std::vector<int> statuses(2);
  std::thread a([&] { statuses[0] = decide(first, approval({{thb, "540000.00"}}), programme).status; });
  std::thread b([&] { statuses[1] = decide(second, approval({{thb, "540000.00"}}), programme).status; });
  a.join();
  b.join();
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{201, 409}));
  EXPECT_EQ(balances(thb).at("allocated").at("amount"), "540000.00");
  EXPECT_EQ(balances(thb).at("available").at("amount"), "260000.00");
  EXPECT_EQ(all_pages(kApi + "/awards", programme).size(), 1u);
}

TEST_P(DecisionsHttp, OnlyProgrammeDecidesAndMembersSeeOnlyTheirAwards) {
  const auto thb = source("THB-1", "THB", "5000000.00", "5000000.00");
  const auto app = submitted({thb});
  for (const auto& role : {"admin", "finance", "member", "reviewer", "donor"})
    EXPECT_TRUE(IsProblem(decide(app, approval({{thb, "540000.00"}}), token_as(role)), 403)) << role;
  EXPECT_TRUE(IsProblem(decide(kUnknownId, approval({{thb, "540000.00"}})), 404));
  auto r = decide(app, approval({{thb, "540000.00"}}));
  ASSERT_EQ(r.status, 201);
  const auto id = r.json().at("id").get<std::string>();
  const auto other = server().token_for("member", server().create_organisation("member", "VN"));
  const auto missing = http().get(kApi + "/awards/" + kUnknownId, other);
  const auto foreign = http().get(kApi + "/awards/" + id, other);
  EXPECT_TRUE(IsProblem(foreign, 404));
  EXPECT_EQ(foreign.body, missing.body);
  EXPECT_TRUE(IsProblem(http().get(kApi + "/awards/" + id + "/progress-reports", other), 404));
  EXPECT_TRUE(all_pages(kApi + "/awards", other).empty());
  EXPECT_EQ(http().get(kApi + "/awards/" + id, token_as("finance")).status, 200);
  for (const auto& role : {"reviewer", "donor"})
    EXPECT_TRUE(IsProblem(http().get(kApi + "/awards/" + id, token_as(role)), 403)) << role;
}

MSWA_HTTP_ON_EVERY_BACKEND(DecisionsHttp);

}  // namespace mswa::test
