// The staff portfolio over HTTP, on both databases: applications by status,
// awards and payments per currency, overdue progress reports and tranches
// due, all built through the API; and who may read it.
#include "tests/http/grant_fixture.hpp"

namespace mswa::test {

class PortfolioHttp : public GrantHttpTest {
 protected:
  HttpResult portfolio(const std::string& token) { return http().get(kApi + "/portfolio", token); }

  static nlohmann::json usd(const std::string& amount) { return {{"currency", "USD"}, {"amount", amount}}; }
  static nlohmann::json status_counts(const std::vector<std::pair<std::string, int>>& counts) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [status, count] : counts) out.push_back({{"status", status}, {"count", count}});
    return out;
  }
  static nlohmann::json currency_total(int count, const nlohmann::json& amount) {
    return {{"count", count}, {"amount", amount}};
  }

  HttpResult post(const std::string& path, const std::optional<nlohmann::json>& body, const std::string& token) {
    return http().request("POST", kApi + path, body ? std::optional<std::string>(body->dump()) : std::nullopt,
                          bearer(token));
  }
  // A draft of `body` in `call` by `member`; returns its id.
  std::string drafted(const std::string& call, const nlohmann::json& body, const std::string& member) {
    auto r = http().post(kApi + "/calls/" + call + "/applications", body, member);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("id").get<std::string>();
  }
  std::string submitted_to(const std::string& call, const nlohmann::json& body, const std::string& member) {
    const auto id = drafted(call, body, member);
    EXPECT_EQ(post("/applications/" + id + "/submit", std::nullopt, member).status, 200);
    return id;
  }
  nlohmann::json decided(const std::string& app, const nlohmann::json& body) {
    auto r = decide(app, body);
    EXPECT_LT(r.status, 300) << r.body;
    return r.json();
  }

  // A disbursement requested by programme and approved by finance; returns its id.
  std::string approved(const nlohmann::json& award, std::size_t tranche_seq, const nlohmann::json& amount) {
    auto headers = bearer(token_as("programme"));
    headers["Idempotency-Key"] = "portfolio-" + std::to_string(++keys_);
    const nlohmann::json body = {{"tranche_id", award.at("tranches")[tranche_seq - 1].at("id")}, {"amount", amount}};
    auto r = http().request("POST", kApi + "/awards/" + award.at("id").get<std::string>() + "/disbursements",
                            body.dump(), headers);
    EXPECT_EQ(r.status, 201) << r.body;
    const auto id = r.json().at("id").get<std::string>();
    auto approval_answer = post("/disbursements/" + id + "/approve", std::nullopt, token_as("finance"));
    EXPECT_EQ(approval_answer.status, 200) << approval_answer.body;
    return id;
  }
  std::string paid(const nlohmann::json& award, std::size_t tranche_seq, const nlohmann::json& amount,
                   const std::string& reference) {
    const auto id = approved(award, tranche_seq, amount);
    auto r = post("/disbursements/" + id + "/pay",
                  nlohmann::json{{"paid_on", "2027-05-02"}, {"payment_reference", reference}}, token_as("finance"));
    EXPECT_EQ(r.status, 200) << r.body;
    return id;
  }

  // The id of an award's report number `seq`.
  std::string report(const nlohmann::json& award, std::size_t seq) {
    auto r =
        http().get(kApi + "/awards/" + award.at("id").get<std::string>() + "/progress-reports", token_as("programme"));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items").at(seq - 1).at("id").get<std::string>();
  }
  // Saves the report's content as `member`: a draft (complete enough to submit).
  void save_report(const std::string& id, const std::string& member) {
    const auto current = http().get(kApi + "/progress-reports/" + id, member);
    auto headers = bearer(member);
    headers["If-Match"] = current.header("etag");
    const nlohmann::json content = {
        {"narrative", "Monitors documented 14 incidents."},
        {"indicator_values",
         {{{"indicator_code", "OP1.1"}, {"value", "14"}}, {{"indicator_code", "OC1.1"}, {"value", "60"}}}},
        {"expenditures", nlohmann::json::array()}};
    auto r = http().request("PUT", kApi + "/progress-reports/" + id, content.dump(), headers);
    EXPECT_EQ(r.status, 200) << r.body;
  }
  void submit_report(const std::string& id, const std::string& member) {
    save_report(id, member);
    auto r = post("/progress-reports/" + id + "/submit", std::nullopt, member);
    EXPECT_EQ(r.status, 200) << r.body;
  }

  int keys_ = 0;
};

TEST_P(PortfolioHttp, AnEmptyDatabaseListsEveryStatusWithZero) {
  auto r = portfolio(token_as("programme"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.json(), (nlohmann::json{{"as_of", "2026-11-22"},
                                      {"applications", status_counts({{"draft", 0},
                                                                      {"submitted", 0},
                                                                      {"under_review", 0},
                                                                      {"changes_requested", 0},
                                                                      {"approved", 0},
                                                                      {"rejected", 0},
                                                                      {"withdrawn", 0}})},
                                      {"awards", nlohmann::json::array()},
                                      {"disbursed", nlohmann::json::array()},
                                      {"overdue_reports", nlohmann::json::array()},
                                      {"tranches_due", nlohmann::json::array()}}));
}

TEST_P(PortfolioHttp, SumsThePipelineAwardsPaymentsOverdueReportsAndTranchesDue) {
  // --- 2026-11-22: two calls open, applications in every status.
  usd_ = source("RCF-2027-14", "USD", "250000.00", "125000.00");
  eur_ = source("EU-CSO-2027-3", "EUR", "200000.00", "100000.00");
  auto thb_call_body = call_body({usd_, eur_});
  auto thb_call = create(thb_call_body);
  ASSERT_EQ(thb_call.status, 201) << thb_call.body;
  const auto thb_call_id = thb_call.json().at("id").get<std::string>();
  ASSERT_EQ(act(thb_call_id, "open").status, 200);

  // A USD call, quarterly like the other, so its awards report on the same dates.
  auto usd_call_body = call_body({usd_});
  usd_call_body["title"] = "Legal aid fund 2027";
  usd_call_body["currency"] = "USD";
  usd_call_body["envelope"] = usd("100000.00");
  usd_call_body["max_award"] = usd("20000.00");
  auto usd_call = create(usd_call_body);
  ASSERT_EQ(usd_call.status, 201) << usd_call.body;
  const auto usd_call_id = usd_call.json().at("id").get<std::string>();
  ASSERT_EQ(act(usd_call_id, "open").status, 200);

  const std::string kh = token_as("member");  // member organisation KH
  const auto la_org = server().create_organisation("member", "LA");
  const auto la = server().token_for("member", la_org);

  const auto app_a = submitted_to(thb_call_id, proposal(), kh);
  auto proposal_b = proposal();
  proposal_b["start_date"] = "2027-01-01";  // its first quarter ends before anyone else's
  const auto app_b = submitted_to(thb_call_id, proposal_b, la);
  auto proposal_c = proposal();
  proposal_c["requested"] = usd("15000.00");
  proposal_c["budget_lines"] = {
      {{"category", "personnel"}, {"description", "Paralegals"}, {"amount", usd("9000.00")}},
      {{"category", "activities"}, {"description", "Court accompaniment"}, {"amount", usd("4000.00")}},
      {{"category", "administration"}, {"description", "Office"}, {"amount", usd("2000.00")}}};
  const auto app_c = submitted_to(usd_call_id, proposal_c, kh);

  drafted(thb_call_id, proposal(), kh);
  drafted(thb_call_id, proposal(), kh);
  submitted_to(thb_call_id, proposal(), kh);
  const auto in_review = submitted_to(thb_call_id, proposal(), kh);
  const auto reviewer_id = server().create_user("portfolio-reviewer@example.org", "reviewer", std::nullopt);
  ASSERT_EQ(post("/applications/" + in_review + "/assignments", nlohmann::json{{"reviewer_id", reviewer_id}},
                 token_as("programme"))
                .status,
            201);
  const auto sent_back = submitted_to(thb_call_id, proposal(), kh);
  decided(sent_back, {{"decision", "request_changes"}, {"reason", "Add a safety plan."}});
  const auto turned_down = submitted_to(thb_call_id, proposal(), kh);
  decided(turned_down, {{"decision", "reject"}, {"reason", "Outside the call's results."}});
  const auto withdrawn = submitted_to(thb_call_id, proposal(), kh);
  ASSERT_EQ(post("/applications/" + withdrawn + "/withdraw", std::nullopt, kh).status, 200);

  // --- 2027-03-10: three awards, MSWA-2027-001 to -003.
  travel_to("2027-03-10T09:00:00Z");
  rate("THB", "2027-03-01", "USD", "0.0281");
  rate("THB", "2027-03-01", "EUR", "0.0260");
  // A: 540,000.00 THB, tranches of 180,000.00 due 04-15, 07-15 and 10-15.
  const auto award_a = decided(app_a, approval({{usd_, "300000.00"}, {eur_, "240000.00"}}));
  // B: 240,000.00 THB, tranches of 120,000.00 due 04-20 and 08-20.
  const auto award_b =
      decided(app_b, {{"decision", "approve"},
                      {"reason", "Strong, safe, community-led."},
                      {"amount", money("240000.00")},
                      {"tranches",
                       {{{"due_on", "2027-04-20"}, {"amount", money("120000.00")}, {"condition", "none"}},
                        {{"due_on", "2027-08-20"}, {"amount", money("120000.00")}, {"condition", "none"}}}},
                      {"funding", {{{"funding_source_id", usd_}, {"amount", money("240000.00")}}}}});
  // C: 15,000.00 USD, tranches of 10,000.00 due 05-01 and 5,000.00 due 12-01.
  const auto award_c =
      decided(app_c, {{"decision", "approve"},
                      {"reason", "Fills a gap in legal aid."},
                      {"amount", usd("15000.00")},
                      {"tranches",
                       {{{"due_on", "2027-05-01"}, {"amount", usd("10000.00")}, {"condition", "none"}},
                        {{"due_on", "2027-12-01"}, {"amount", usd("5000.00")}, {"condition", "none"}}}},
                      {"funding", {{{"funding_source_id", usd_}, {"amount", usd("15000.00")}}}}});
  ASSERT_EQ(award_a.at("reference"), "MSWA-2027-001");
  ASSERT_EQ(award_b.at("reference"), "MSWA-2027-002");
  ASSERT_EQ(award_c.at("reference"), "MSWA-2027-003");

  // --- 2027-05-02: payments.
  travel_to("2027-05-02T09:00:00Z");
  paid(award_a, 1, money("180000.00"), "PAY-A1");  // A's first tranche paid in full
  paid(award_b, 1, money("100000.00"), "PAY-B1");
  // Paid and then reversed (asked by one officer, confirmed by another): neither committed nor disbursed.
  const auto reversed = paid(award_b, 1, money("20000.00"), "PAY-B2");
  ASSERT_EQ(
      post("/disbursements/" + reversed + "/cancel", nlohmann::json{{"reason", "Wrong account."}}, token_as("finance"))
          .status,
      202);
  ASSERT_EQ(post("/disbursements/" + reversed + "/reverse", std::nullopt,
                 server().token_for("finance", server().alliance_id()))
                .status,
            200);
  approved(award_b, 1, money("20000.00"));      // B's first tranche: committed in full, not all paid
  paid(award_c, 1, usd("10000.00"), "PAY-C1");  // C's first tranche paid in full

  // --- 2027-08-02: reports. Quarterly reports are due 30 days after their quarter.
  travel_to("2027-08-02T09:00:00Z");
  const auto& kh_now = token_as("member");
  const auto la_now = server().token_for("member", la_org);
  // A's first (2027-04-01 to 06-30, due 07-30) submitted and returned.
  const auto a1 = report(award_a, 1);
  submit_report(a1, kh_now);
  ASSERT_EQ(post("/progress-reports/" + a1 + "/return", nlohmann::json{{"reason", "Add the district figures."}},
                 token_as("programme"))
                .status,
            200);
  // B's first (2027-01-01 to 03-31, due 04-30) only drafted; its second
  // (04-01 to 06-30, due 07-30) submitted, so no longer overdue.
  const auto b1 = report(award_b, 1);
  save_report(b1, la_now);
  submit_report(report(award_b, 2), la_now);
  // C's first (2027-04-01 to 06-30, due 07-30) never touched: pending.
  const auto c1 = report(award_c, 1);

  auto r = portfolio(token_as("programme"));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto p = r.json();
  EXPECT_EQ(p.at("as_of"), "2027-08-02");
  // Applications: A, B and C approved; of the seven other KH applications two
  // drafts and one in each remaining status.
  EXPECT_EQ(p.at("applications"), status_counts({{"draft", 2},
                                                 {"submitted", 1},
                                                 {"under_review", 1},
                                                 {"changes_requested", 1},
                                                 {"approved", 3},
                                                 {"rejected", 1},
                                                 {"withdrawn", 1}}));
  // Awards: A 540,000.00 + B 240,000.00 THB; C 15,000.00 USD.
  EXPECT_EQ(p.at("awards"),
            (nlohmann::json{currency_total(2, money("780000.00")), currency_total(1, usd("15000.00"))}));
  // Paid: A 180,000.00 + B 100,000.00 THB (the reversed 20,000.00 not counted); C 10,000.00 USD.
  EXPECT_EQ(p.at("disbursed"),
            (nlohmann::json{currency_total(2, money("280000.00")), currency_total(1, usd("10000.00"))}));

  // Overdue on 2027-08-02, most overdue first; equal due dates by award reference.
  const std::string kh_name = "member organisation KH", la_name = "member organisation LA";
  const auto overdue = [](const std::string& id, const nlohmann::json& award, const std::string& org,
                          const std::string& org_name, const std::string& start, const std::string& end,
                          const std::string& due, const std::string& status, int days) {
    return nlohmann::json{{"report_id", id},
                          {"award_id", award.at("id")},
                          {"award_reference", award.at("reference")},
                          {"organisation_id", org},
                          {"organisation_name", org_name},
                          {"period_start", start},
                          {"period_end", end},
                          {"due_on", due},
                          {"status", status},
                          {"days_overdue", days}};
  };
  EXPECT_EQ(p.at("overdue_reports"),
            (nlohmann::json{
                overdue(b1, award_b, la_org, la_name, "2027-01-01", "2027-03-31", "2027-04-30", "draft", 94),
                overdue(a1, award_a, member_org(), kh_name, "2027-04-01", "2027-06-30", "2027-07-30", "returned", 3),
                overdue(c1, award_c, member_org(), kh_name, "2027-04-01", "2027-06-30", "2027-07-30", "pending", 3)}));

  // Due by 2027-09-01 and not paid in full, by due date. A's and C's first
  // tranches are paid; A's third (10-15) and C's second (12-01) come later.
  const auto tranche = [](const nlohmann::json& award, std::size_t seq, const std::string& org,
                          const std::string& org_name, const std::string& condition, const nlohmann::json& amount,
                          const nlohmann::json& committed, const nlohmann::json& paid_amount) {
    const auto& t = award.at("tranches")[seq - 1];
    return nlohmann::json{{"tranche_id", t.at("id")},
                          {"award_id", award.at("id")},
                          {"award_reference", award.at("reference")},
                          {"organisation_id", org},
                          {"organisation_name", org_name},
                          {"seq", seq},
                          {"due_on", t.at("due_on")},
                          {"condition", condition},
                          {"amount", amount},
                          {"committed", committed},
                          {"paid", paid_amount}};
  };
  EXPECT_EQ(
      p.at("tranches_due"),
      (nlohmann::json{
          // 100,000.00 paid + 20,000.00 approved; the cancelled 20,000.00 left out.
          tranche(award_b, 1, la_org, la_name, "none", money("120000.00"), money("120000.00"), money("100000.00")),
          tranche(award_a, 2, member_org(), kh_name, "report_accepted", money("180000.00"), money("0.00"),
                  money("0.00")),
          tranche(award_b, 2, la_org, la_name, "none", money("120000.00"), money("0.00"), money("0.00"))}));
  EXPECT_EQ(p.at("tranches_due")[0].at("due_on"), "2027-04-20");
  EXPECT_EQ(p.at("tranches_due")[1].at("due_on"), "2027-07-15");
  EXPECT_EQ(p.at("tranches_due")[2].at("due_on"), "2027-08-20");

  // Finance and admin see the same.
  for (const auto* role : {"finance", "admin"}) {
    auto same = portfolio(std::string(role) == "admin" ? admin() : token_as(role));
    ASSERT_EQ(same.status, 200) << role << ": " << same.body;
    EXPECT_EQ(same.json(), p) << role;
  }
}

TEST_P(PortfolioHttp, OnlyStaffMaySeeIt) {
  for (const auto* role : {"programme", "finance"}) EXPECT_EQ(portfolio(token_as(role)).status, 200) << role;
  EXPECT_EQ(portfolio(admin()).status, 200);
  for (const auto* role : {"member", "reviewer", "donor"})
    EXPECT_TRUE(IsProblem(portfolio(token_as(role)), 403)) << role;
  const auto anonymous = http().request("GET", kApi + "/portfolio", std::nullopt, {});
  EXPECT_TRUE(IsProblem(anonymous, 401));
  EXPECT_EQ(anonymous.header("www-authenticate").rfind("Bearer", 0), 0u) << anonymous.header("www-authenticate");
  EXPECT_TRUE(IsProblem(portfolio("not-a-token"), 401));
  EXPECT_TRUE(IsProblem(http().request("POST", kApi + "/portfolio", std::string("{}"), bearer(admin())), 405));
}

MSWA_HTTP_ON_EVERY_BACKEND(PortfolioHttp);

}  // namespace mswa::test
