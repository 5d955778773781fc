// The money scenario end to end over HTTP: a tranche requested by programme
// staff, approved and paid by finance (never the requester), seen arriving by
// the member; the quarter's progress report drafted, submitted, returned,
// fixed and accepted, which books its spending and unlocks the next tranche.
// The trial balance nets to zero after every step, and the funding sources'
// balances are checked to the minor unit.
#include "tests/http/grant_fixture.hpp"

namespace mswa::test {

class MoneyScenarioHttp : public GrantHttpTest {
 protected:
  static nlohmann::json cash(const std::string& currency, const std::string& amount) {
    return {{"currency", currency}, {"amount", amount}};
  }
  std::string user_id(const std::string& token) { return me(token).json().at("id").get<std::string>(); }

  HttpResult request_tranche(const std::string& tranche_id, const std::string& key, const std::string& token) {
    auto headers = bearer(token);
    headers["Idempotency-Key"] = key;
    const nlohmann::json body = {
        {"tranche_id", tranche_id}, {"amount", money("180000.00")}, {"note", "Quarterly tranche"}};
    return http().request("POST", kApi + "/awards/" + award_id_ + "/disbursements", body.dump(), headers);
  }
  HttpResult approve(const std::string& id, const std::string& token) {
    return http().request("POST", kApi + "/disbursements/" + id + "/approve", std::nullopt, bearer(token));
  }
  HttpResult pay(const std::string& id, const std::string& paid_on, const std::string& reference,
                 const std::string& token) {
    return http().post(kApi + "/disbursements/" + id + "/pay", {{"paid_on", paid_on}, {"payment_reference", reference}},
                       token);
  }
  HttpResult report_command(const std::string& action, const std::string& token,
                            const std::optional<nlohmann::json>& body = {}) {
    return http().request("POST", kApi + "/progress-reports/" + report_ + "/" + action,
                          body ? std::optional(body->dump()) : std::nullopt, bearer(token));
  }
  HttpResult put_report(const nlohmann::json& body, const std::string& if_match) {
    auto headers = bearer(token_as("member"));
    headers["If-Match"] = if_match;
    return http().request("PUT", kApi + "/progress-reports/" + report_, body.dump(), headers);
  }
  nlohmann::json award_totals() {
    auto r = http().get(kApi + "/awards/" + award_id_, token_as("member"));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("totals");
  }

  // Every currency of the trial balance nets to zero.
  void expect_books_balance(const std::string& when) {
    auto r = http().get(kApi + "/ledger/trial-balance", token_as("finance"));
    ASSERT_EQ(r.status, 200) << when << ": " << r.body;
    const auto currencies = r.json().at("currencies");
    EXPECT_FALSE(currencies.empty()) << when;
    for (const auto& c : currencies) {
      EXPECT_EQ(c.at("net"), "0.00") << when << ": " << c.dump();
      EXPECT_EQ(c.at("debits"), c.at("credits")) << when << ": " << c.dump();
      EXPECT_EQ(c.at("balanced"), true) << when << ": " << c.dump();
    }
  }
  void expect_balances(const std::string& source_id, const std::string& currency, const std::string& received,
                       const std::string& allocated, const std::string& disbursed, const std::string& spent,
                       const std::string& available) {
    EXPECT_EQ(balances(source_id), (nlohmann::json{{"received", cash(currency, received)},
                                                   {"allocated", cash(currency, allocated)},
                                                   {"disbursed", cash(currency, disbursed)},
                                                   {"spent", cash(currency, spent)},
                                                   {"available", cash(currency, available)}}))
        << currency;
  }

  static nlohmann::json cell(const std::string& code, const std::string& gender, const std::string& migrant,
                             const std::string& value) {
    return {
        {"indicator_code", code}, {"dimensions", {{"gender", gender}, {"migrant_status", migrant}}}, {"value", value}};
  }
  nlohmann::json spend(std::size_t line, const std::string& amount) {
    return {{"budget_line_id", lines_.at(line)}, {"amount", money(amount)}};
  }

  std::string award_id_;
  std::string report_;
  std::vector<std::string> tranches_;
  std::vector<std::string> lines_;
};

TEST_P(MoneyScenarioHttp, FromFirstTrancheToAcceptedReportTheBooksBalance) {
  // --- The award, decided on 2027-03-10 -----------------------------------
  const auto award = scenario_award();
  award_id_ = award.at("id").get<std::string>();
  for (const auto& t : award.at("tranches")) tranches_.push_back(t.at("id").get<std::string>());
  for (const auto& l : award.at("budget_lines")) lines_.push_back(l.at("id").get<std::string>());
  ASSERT_EQ(tranches_.size(), 3u);
  ASSERT_EQ(lines_.size(), 3u);  // personnel 300,000.00; activities 180,000.00; administration 60,000.00
  // USD: 125,000.00 received; 300,000.00 THB x 0.0281 = 8,430.00 allocated; 116,570.00 available.
  // EUR: 100,000.00 received; 240,000.00 THB x 0.0260 = 6,240.00 allocated; 93,760.00 available.
  expect_balances(usd_, "USD", "125000.00", "8430.00", "0.00", "0.00", "116570.00");
  expect_balances(eur_, "EUR", "100000.00", "6240.00", "0.00", "0.00", "93760.00");
  expect_books_balance("after the decision");

  // --- Tranche 1: requested by programme, approved by finance -------------
  travel_to("2027-04-15T09:00:00Z");
  rate("THB", "2027-04-01", "USD", "0.0285");
  rate("THB", "2027-04-01", "EUR", "0.0262");
  const auto programme = token_as("programme");
  auto requested = request_tranche(tranches_[0], "tranche-1", programme);
  ASSERT_EQ(requested.status, 201) << requested.body;
  const auto first = requested.json().at("id").get<std::string>();
  EXPECT_EQ(requested.json().at("status"), "requested");
  EXPECT_EQ(requested.json().at("requested_by"), user_id(programme));
  EXPECT_EQ(award_totals().at("requested"), money("180000.00"));
  const auto finance = token_as("finance");
  auto approved = approve(first, finance);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json().at("status"), "approved");
  EXPECT_EQ(approved.json().at("approved_by"), user_id(finance));
  EXPECT_NE(approved.json().at("approved_by"), approved.json().at("requested_by"));
  EXPECT_EQ(award_totals().at("approved"), money("180000.00"));
  expect_books_balance("after approving tranche 1");  // nothing is booked before the payment

  // --- Paid on 2027-04-16 -------------------------------------------------
  travel_to("2027-04-16T08:00:00Z");
  auto paid = pay(first, "2027-04-16", "BKK-TT-0416", token_as("finance"));
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(paid.json().at("status"), "paid");
  EXPECT_EQ(paid.json().at("paid_on"), "2027-04-16");
  EXPECT_EQ(paid.json().at("payment_reference"), "BKK-TT-0416");
  // Unpaid allocations 300,000.00 : 240,000.00 split 180,000.00 into 100,000.00 and
  // 80,000.00 THB, converted at the rates of 2027-04-01 (the newest on or before 2027-04-16):
  // 100,000.00 x 0.0285 = 2,850.00 USD; 80,000.00 x 0.0262 = 2,096.00 EUR.
  EXPECT_EQ(paid.json().at("portions"), (nlohmann::json{{{"funding_source_id", usd_},
                                                         {"amount", money("100000.00")},
                                                         {"source_amount", cash("USD", "2850.00")},
                                                         {"rate", "0.0285"},
                                                         {"rate_date", "2027-04-01"}},
                                                        {{"funding_source_id", eur_},
                                                         {"amount", money("80000.00")},
                                                         {"source_amount", cash("EUR", "2096.00")},
                                                         {"rate", "0.0262"},
                                                         {"rate_date", "2027-04-01"}}}));
  expect_books_balance("after paying tranche 1");
  expect_balances(usd_, "USD", "125000.00", "8430.00", "2850.00", "0.00", "116570.00");
  expect_balances(eur_, "EUR", "100000.00", "6240.00", "2096.00", "0.00", "93760.00");

  // The member organisation sees the money arrive.
  const auto seen = all_pages(kApi + "/disbursements", token_as("member"));
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].at("id"), first);
  EXPECT_EQ(seen[0].at("status"), "paid");
  EXPECT_EQ(seen[0].at("amount"), money("180000.00"));
  EXPECT_EQ(seen[0].at("paid_on"), "2027-04-16");
  EXPECT_EQ(seen[0].at("payment_reference"), "BKK-TT-0416");
  auto totals = award_totals();
  EXPECT_EQ(totals.at("paid"), money("180000.00"));
  EXPECT_EQ(totals.at("remaining"), money("360000.00"));
  EXPECT_EQ(totals.at("requested"), money("0.00"));
  EXPECT_EQ(totals.at("approved"), money("0.00"));

  // Tranche 2 waits for the first quarter's report.
  EXPECT_TRUE(IsProblem(request_tranche(tranches_[1], "tranche-2-early", token_as("programme")), 409));

  // --- The member drafts its report during the quarter --------------------
  travel_to("2027-06-20T09:00:00Z");
  const auto schedule =
      http().get(kApi + "/awards/" + award_id_ + "/progress-reports", token_as("member")).json().at("items");
  ASSERT_EQ(schedule.size(), 4u);
  ASSERT_EQ(schedule[0].at("period_end"), "2027-06-30");
  report_ = schedule[0].at("id").get<std::string>();
  const auto pending = http().get(kApi + "/progress-reports/" + report_, token_as("member"));
  EXPECT_EQ(pending.json().at("status"), "pending");
  ASSERT_EQ(pending.header("etag"), "\"1\"");
  const nlohmann::json early = {
      {"narrative", "Draft: monitors trained, first incidents logged."},
      {"indicator_values", {cell("OP1.1", "woman", "migrant", "5"), cell("OP1.1", "trans_woman", "migrant", "8")}},
      {"expenditures", nlohmann::json::array({spend(0, "60000.00")})}};
  auto drafted = put_report(early, "\"1\"");
  ASSERT_EQ(drafted.status, 200) << drafted.body;
  EXPECT_EQ(drafted.json().at("status"), "draft");
  EXPECT_TRUE(IsProblem(report_command("submit", token_as("member")), 409));  // the quarter has not ended

  // --- At the end of the quarter: filed, returned, fixed, accepted ---------
  travel_to("2027-07-01T09:00:00Z");
  rate("THB", "2027-06-01", "USD", "0.0282");
  rate("THB", "2027-06-30", "USD", "0.0279");
  rate("THB", "2027-06-15", "EUR", "0.0265");
  rate("THB", "2027-07-01", "USD", "0.0293");  // after the period: not for its spending
  rate("THB", "2027-07-01", "EUR", "0.0268");
  nlohmann::json filed = {
      {"narrative",
       "Twelve peer monitors documented 46 incidents in three districts and accompanied 52 "
       "sex workers to legal clinics."},
      {"indicator_values",
       {cell("OP1.1", "woman", "migrant", "9"), cell("OP1.1", "woman", "non_migrant", "17"),
        cell("OP1.1", "trans_woman", "migrant", "14"), cell("OP1.1", "trans_woman", "non_migrant", "6"),
        cell("OC1.1", "woman", "migrant", "21"), cell("OC1.1", "woman", "non_migrant", "18"),
        cell("OC1.1", "trans_woman", "migrant", "13")}},
      {"expenditures", {spend(0, "95000.00"), spend(1, "52000.00")}}};
  auto saved = put_report(filed, "\"2\"");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.header("etag"), "\"3\"");
  auto submitted = report_command("submit", token_as("member"));
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.json().at("status"), "submitted");
  EXPECT_TRUE(IsProblem(request_tranche(tranches_[1], "tranche-2-submitted", token_as("programme")), 409));

  const std::string reason = "Workshops cost 40,000.00 THB by the receipts, and the office costs are missing.";
  auto returned = report_command("return", token_as("programme"), nlohmann::json{{"reason", reason}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json().at("status"), "returned");
  const auto seen_returned = http().get(kApi + "/progress-reports/" + report_, token_as("member"));
  EXPECT_EQ(seen_returned.json().at("return_reason"), reason);
  EXPECT_EQ(seen_returned.header("etag"), "\"5\"");
  EXPECT_TRUE(IsProblem(request_tranche(tranches_[1], "tranche-2-returned", token_as("programme")), 409));
  expect_books_balance("after the return");  // a returned report books nothing
  expect_balances(usd_, "USD", "125000.00", "8430.00", "2850.00", "0.00", "116570.00");

  filed["expenditures"] = {spend(0, "95000.00"), spend(1, "40000.00"), spend(2, "12345.67")};
  auto fixed = put_report(filed, "\"5\"");
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  EXPECT_EQ(fixed.json().at("status"), "draft");
  EXPECT_EQ(fixed.json().at("expenditures"), filed.at("expenditures"));
  ASSERT_EQ(report_command("submit", token_as("member")).status, 200);
  auto accepted = report_command("accept", token_as("programme"));
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json().at("status"), "accepted");
  EXPECT_EQ(accepted.json().at("version"), 8);
  EXPECT_EQ(accepted.json().at("indicator_values"), filed.at("indicator_values"));
  expect_books_balance("after accepting the report");

  // Spent 95,000.00 + 40,000.00 + 12,345.67 = 147,345.67 THB, split 300,000 : 240,000 (5 : 4):
  //   USD 147,345.67 x 5/9 = 81,858.705... -> 81,858.70 with the larger remainder (5/9 vs 4/9) -> 81,858.71
  //   EUR 147,345.67 x 4/9 = 65,486.964... -> 65,486.96
  // converted at the newest rates on or before 2027-06-30 (USD 2027-06-30, EUR 2027-06-15):
  //   81,858.71 x 0.0279 = 2,283.858009 -> 2,283.86 USD;  65,486.96 x 0.0265 = 1,735.40444 -> 1,735.40 EUR.
  expect_balances(usd_, "USD", "125000.00", "8430.00", "2850.00", "2283.86", "116570.00");
  expect_balances(eur_, "EUR", "100000.00", "6240.00", "2096.00", "1735.40", "93760.00");
  totals = award_totals();
  EXPECT_EQ(totals.at("paid"), money("180000.00"));
  EXPECT_EQ(totals.at("spent"), money("147345.67"));

  // --- Tranche 2, unlocked: four eyes again -------------------------------
  const auto clerk = token_as("finance");
  const auto second_officer = server().token_for("finance", server().alliance_id());
  auto second = request_tranche(tranches_[1], "tranche-2", clerk);
  ASSERT_EQ(second.status, 201) << second.body;
  const auto second_id = second.json().at("id").get<std::string>();
  EXPECT_TRUE(IsProblem(approve(second_id, clerk), 403));  // the requester cannot approve
  ASSERT_EQ(approve(second_id, second_officer).status, 200);
  EXPECT_TRUE(IsProblem(request_tranche(tranches_[2], "tranche-3-early", clerk), 409));  // waits for the next report
  auto second_paid = pay(second_id, "2027-07-01", "BKK-TT-0701", second_officer);
  ASSERT_EQ(second_paid.status, 200) << second_paid.body;
  // Unpaid allocations now 200,000.00 : 160,000.00 -> 100,000.00 and 80,000.00 THB at the
  // rates of 2027-07-01: 100,000.00 x 0.0293 = 2,930.00 USD; 80,000.00 x 0.0268 = 2,144.00 EUR.
  EXPECT_EQ(second_paid.json().at("portions"), (nlohmann::json{{{"funding_source_id", usd_},
                                                                {"amount", money("100000.00")},
                                                                {"source_amount", cash("USD", "2930.00")},
                                                                {"rate", "0.0293"},
                                                                {"rate_date", "2027-07-01"}},
                                                               {{"funding_source_id", eur_},
                                                                {"amount", money("80000.00")},
                                                                {"source_amount", cash("EUR", "2144.00")},
                                                                {"rate", "0.0268"},
                                                                {"rate_date", "2027-07-01"}}}));
  expect_books_balance("after paying tranche 2");

  const auto arrived = all_pages(kApi + "/disbursements", token_as("member"));
  ASSERT_EQ(arrived.size(), 2u);
  for (const auto& d : arrived) EXPECT_EQ(d.at("status"), "paid") << d.dump();
  totals = award_totals();
  EXPECT_EQ(totals.at("awarded"), money("540000.00"));
  EXPECT_EQ(totals.at("paid"), money("360000.00"));
  EXPECT_EQ(totals.at("spent"), money("147345.67"));
  EXPECT_EQ(totals.at("remaining"), money("180000.00"));

  // --- The books at the end -----------------------------------------------
  // USD: received 125,000.00; allocated 8,430.00; disbursed 2,850.00 + 2,930.00 = 5,780.00;
  //      spent 2,283.86; available 125,000.00 - 8,430.00 = 116,570.00.
  // EUR: received 100,000.00; allocated 6,240.00; disbursed 2,096.00 + 2,144.00 = 4,240.00;
  //      spent 1,735.40; available 100,000.00 - 6,240.00 = 93,760.00.
  expect_balances(usd_, "USD", "125000.00", "8430.00", "5780.00", "2283.86", "116570.00");
  expect_balances(eur_, "EUR", "100000.00", "6240.00", "4240.00", "1735.40", "93760.00");
  // Debits per currency, each matched by as many credits:
  //   EUR 100,000.00 receipt + 6,240.00 allocation + 2,096.00 + 2,144.00 payments + 1,735.40 spending = 112,215.40
  //   THB 540,000.00 allocation + 180,000.00 + 180,000.00 payments + 147,345.67 spending = 1,047,345.67
  //   USD 125,000.00 receipt + 8,430.00 allocation + 2,850.00 + 2,930.00 payments + 2,283.86 spending = 141,493.86
  auto trial = http().get(kApi + "/ledger/trial-balance", token_as("finance"));
  ASSERT_EQ(trial.status, 200) << trial.body;
  EXPECT_EQ(trial.json(), (nlohmann::json{{"currencies",
                                           {{{"currency", "EUR"},
                                             {"debits", "112215.40"},
                                             {"credits", "112215.40"},
                                             {"net", "0.00"},
                                             {"balanced", true}},
                                            {{"currency", "THB"},
                                             {"debits", "1047345.67"},
                                             {"credits", "1047345.67"},
                                             {"net", "0.00"},
                                             {"balanced", true}},
                                            {{"currency", "USD"},
                                             {"debits", "141493.86"},
                                             {"credits", "141493.86"},
                                             {"net", "0.00"},
                                             {"balanced", true}}}}}));
}

MSWA_HTTP_ON_EVERY_BACKEND(MoneyScenarioHttp);

}  // namespace mswa::test
