// Disbursements over HTTP, on both databases: requesting with an
// Idempotency-Key (replays, per-user keys, failures that keep nothing),
// the tranche and report-condition limits, four-eyes approval, payment split
// over the funding sources and converted to the minor unit, cancelling with a
// reversing ledger transaction, the trial balance, listing and scoping, the
// audit trail, and races: one key retried in parallel, approvals competing for
// one tranche, payments of one disbursement.
#include <thread>

#include "tests/http/grant_fixture.hpp"

namespace mswa::test {

class DisbursementsHttp : public GrantHttpTest {
 protected:
  void SetUp() override {
    GrantHttpTest::SetUp();
    award_ = scenario_award();  // clock at 2027-03-10T09:00:00Z
    award_id_ = award_.at("id").get<std::string>();
  }

  std::string tranche(std::size_t seq) const { return award_.at("tranches")[seq - 1].at("id").get<std::string>(); }
  static nlohmann::json body_for(const std::string& tranche_id, const std::string& amount, const std::string& note = "") {
    nlohmann::json b = {{"tranche_id", tranche_id}, {"amount", money(amount)}};
    if (!note.empty()) b["note"] = note;
    return b;
  }
  static nlohmann::json usd(const std::string& amount) { return {{"currency", "USD"}, {"amount", amount}}; }
  static nlohmann::json eur(const std::string& amount) { return {{"currency", "EUR"}, {"amount", amount}}; }
  const std::string& programme() { return token_as("programme"); }
  const std::string& finance() { return token_as("finance"); }
  std::string user_id(const std::string& token) { return me(token).json().at("id").get<std::string>(); }
  std::string fresh_key() { return "key-" + std::to_string(++keys_); }

  // POST /awards/{award}/disbursements with a raw body; no key header when `key` is nullopt.
  HttpResult ask_raw(const std::string& raw, const std::optional<std::string>& key, const std::string& token,
                     const std::string& award = {}) {
    auto headers = bearer(token);
    if (key) headers["Idempotency-Key"] = *key;
    return http().request("POST", kApi + "/awards/" + (award.empty() ? award_id_ : award) + "/disbursements", raw,
                          headers);
  }
  HttpResult ask(const nlohmann::json& body, const std::string& key, const std::string& token = {}) {
    return ask_raw(body.dump(), key, token.empty() ? programme() : token);
  }
  // A requested disbursement (by programme unless told); returns its id.
  std::string requested(std::size_t seq, const std::string& amount, const std::string& token = {}) {
    auto r = ask(body_for(tranche(seq), amount), fresh_key(), token);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("id").get<std::string>() : std::string();
  }
  HttpResult command(const std::string& id, const std::string& action, const std::optional<nlohmann::json>& body,
                     const std::string& token = {}) {
    return http().request("POST", kApi + "/disbursements/" + id + "/" + action,
                          body ? std::optional<std::string>(body->dump()) : std::nullopt,
                          bearer(token.empty() ? finance() : token));
  }
  HttpResult approve(const std::string& id, const std::string& token = {}) {
    return command(id, "approve", std::nullopt, token);
  }
  HttpResult pay(const std::string& id, const std::string& paid_on, const std::string& reference,
                 const std::string& token = {}) {
    return command(id, "pay", nlohmann::json{{"paid_on", paid_on}, {"payment_reference", reference}}, token);
  }
  HttpResult cancel(const std::string& id, const std::string& reason, const std::string& token = {}) {
    return command(id, "cancel", nlohmann::json{{"reason", reason}}, token);
  }
  // A second finance officer: reversals take two.
  const std::string& second_finance() {
    if (second_finance_.empty()) second_finance_ = server().token_for("finance", server().alliance_id());
    return second_finance_;
  }
  // Undoes a paid disbursement: finance asks, a second officer confirms.
  void reverse_paid(const std::string& id, const std::string& reason) {
    auto asked = cancel(id, reason);
    ASSERT_EQ(asked.status, 202) << asked.body;
    auto done = command(id, "reverse", std::nullopt, second_finance());
    ASSERT_EQ(done.status, 200) << done.body;
  }
  std::string approved(std::size_t seq, const std::string& amount) {
    const auto id = requested(seq, amount);
    EXPECT_EQ(approve(id).status, 200);
    return id;
  }
  HttpResult get(const std::string& id, const std::string& token = {}) {
    return http().get(kApi + "/disbursements/" + id, token.empty() ? finance() : token);
  }
  std::string status_of(const std::string& id) { return get(id).json().at("status").get<std::string>(); }
  nlohmann::json totals() {
    return http().get(kApi + "/awards/" + award_id_, finance()).json().at("totals");
  }
  std::vector<nlohmann::json> listed(const std::string& query = "", const std::string& token = {}) {
    return all_pages(kApi + "/disbursements" + (query.empty() ? "" : "?" + query),
                     token.empty() ? finance() : token);
  }
  nlohmann::json trial_balance() {
    auto r = http().get(kApi + "/ledger/trial-balance", finance());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  // A paid disbursement's portions by funding source.
  static std::map<std::string, nlohmann::json> portions_of(const nlohmann::json& d) {
    std::map<std::string, nlohmann::json> out;
    for (const auto& p : d.at("portions")) out[p.at("funding_source_id").get<std::string>()] = p;
    return out;
  }
  // The trial balance's lines, one per currency.
  std::vector<nlohmann::json> trial_lines() {
    const auto all = trial_balance();
    return {all.at("currencies").begin(), all.at("currencies").end()};
  }
  static nlohmann::json currency_line(const std::string& currency, const std::string& debits) {
    return {{"currency", currency}, {"debits", debits}, {"credits", debits}, {"net", "0.00"}, {"balanced", true}};
  }
  static nlohmann::json balance_set(const nlohmann::json& received, const nlohmann::json& allocated,
                                    const nlohmann::json& disbursed, const nlohmann::json& spent,
                                    const nlohmann::json& available) {
    return {{"received", received}, {"allocated", allocated}, {"disbursed", disbursed}, {"spent", spent},
            {"available", available}};
  }
  // Accepts the award's first progress report (2027-04-01 to 2027-06-30):
  // moves the clock to 2027-07-01, so every token is new.
  void accept_first_report() {
    travel_to("2027-07-01T09:00:00Z");
    const auto& member = token_as("member");
    const auto schedule =
        http().get(kApi + "/awards/" + award_id_ + "/progress-reports", member).json().at("items");
    const auto report = schedule[0].at("id").get<std::string>();
    const auto current = http().get(kApi + "/progress-reports/" + report, member);
    auto headers = bearer(member);
    headers["If-Match"] = current.header("etag");
    auto saved = http().request("PUT", kApi + "/progress-reports/" + report,
                                nlohmann::json{{"narrative", "Monitors documented 14 incidents."},
                                               {"indicator_values",
                                                {{{"indicator_code", "OP1.1"}, {"value", "14"}},
                                                 {{"indicator_code", "OC1.1"}, {"value", "60"}}}},
                                               {"expenditures", nlohmann::json::array()}}
                                    .dump(),
                                headers);
    ASSERT_EQ(saved.status, 200) << saved.body;
    auto submitted_report =
        http().request("POST", kApi + "/progress-reports/" + report + "/submit", std::nullopt, bearer(member));
    ASSERT_EQ(submitted_report.status, 200) << submitted_report.body;
    auto accepted = http().request("POST", kApi + "/progress-reports/" + report + "/accept", std::nullopt,
                                   bearer(programme()));
    ASSERT_EQ(accepted.status, 200) << accepted.body;
  }

  // Another member organisation's award from the same two sources, through a
  // call opened now (the scenario's call has closed).
  nlohmann::json rival_award() {
    auto call = call_body({usd_, eur_});
    call["opens_at"] = "2027-03-01T00:00:00Z";
    call["closes_at"] = "2027-05-31T17:00:00Z";
    auto created = create(call);
    EXPECT_EQ(created.status, 201) << created.body;
    const auto call_id = created.json().at("id").get<std::string>();
    EXPECT_EQ(act(call_id, "open").status, 200);
    const auto member = server().token_for("member", server().create_organisation("member", "LA"));
    auto drafted = http().post(kApi + "/calls/" + call_id + "/applications", proposal(), member);
    EXPECT_EQ(drafted.status, 201) << drafted.body;
    const auto app = drafted.json().at("id").get<std::string>();
    EXPECT_EQ(http().request("POST", kApi + "/applications/" + app + "/submit", std::nullopt, bearer(member)).status,
              200);
    auto decided = decide(app, approval({{usd_, "300000.00"}, {eur_, "240000.00"}}));
    EXPECT_EQ(decided.status, 201) << decided.body;
    return decided.json();
  }

  nlohmann::json award_;
  std::string award_id_;
  int keys_ = 0;
  std::string second_finance_;
};

TEST_P(DisbursementsHttp, RequestingMakesARequestedDisbursement) {
  const auto requester = user_id(programme());
  auto r = ask(body_for(tranche(1), "180000.00", "First tranche"), "a7f3c2d4-0b1e-4c5a-9d8e-112233445566");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.header("idempotent-replayed"), "");
  const auto d = r.json();
  const auto id = d.at("id").get<std::string>();
  EXPECT_EQ(d.at("award_id"), award_id_);
  EXPECT_EQ(d.at("organisation_id"), member_org());
  EXPECT_EQ(d.at("tranche_id"), tranche(1));
  EXPECT_EQ(d.at("amount"), money("180000.00"));
  EXPECT_EQ(d.at("note"), "First tranche");
  EXPECT_EQ(d.at("status"), "requested");
  EXPECT_EQ(d.at("requested_by"), requester);
  EXPECT_EQ(d.at("requested_at"), "2027-03-10T09:00:00Z");
  for (const auto* field : {"approved_by", "approved_at", "paid_by", "paid_at", "paid_on", "payment_reference",
                            "cancelled_by", "cancelled_at", "cancel_reason", "reversal_requested_by",
                            "reversal_requested_at", "reversal_reason", "reversed_by", "reversed_at"})
    EXPECT_TRUE(d.at(field).is_null()) << field;
  EXPECT_EQ(d.at("portions"), nlohmann::json::array());
  EXPECT_EQ(d.at("version"), 1);

  auto read = get(id);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json(), d);
  EXPECT_EQ(read.header("etag"), "\"1\"");
  // Finance may request too; requests bind nothing, so both fit.
  auto by_finance = ask(body_for(tranche(1), "180000.00"), "finance-key", finance());
  ASSERT_EQ(by_finance.status, 201) << by_finance.body;
  EXPECT_EQ(by_finance.json().at("note"), "");
  const auto t = totals();
  EXPECT_EQ(t.at("requested"), money("360000.00"));
  EXPECT_EQ(t.at("approved"), money("0.00"));
  EXPECT_EQ(t.at("paid"), money("0.00"));
  EXPECT_EQ(t.at("remaining"), money("540000.00"));
}

TEST_P(DisbursementsHttp, TheIdempotencyKeyIsRequiredAndMustBeVisibleAscii) {
  const auto b = body_for(tranche(1), "1000.00").dump();
  EXPECT_TRUE(IsProblem(ask_raw(b, std::nullopt, programme()), 400));
  for (const std::string& bad : {std::string(""), std::string("two words"), std::string(256, 'k'),
                                std::string("cl\xc3\xa9"), std::string("tab\there")})
    EXPECT_TRUE(IsProblem(ask_raw(b, bad, programme()), 400)) << "'" << bad << "'";
  // Missing key wins over a malformed body.
  EXPECT_TRUE(IsProblem(ask_raw("{", std::nullopt, programme()), 400));
  EXPECT_TRUE(listed().empty());

  std::string longest;
  for (int i = 0; i < 255; ++i) longest += static_cast<char>('!' + i % 94);  // '!' to '~'
  EXPECT_EQ(ask_raw(b, longest, programme()).status, 201);
  EXPECT_EQ(ask_raw(b, "x", programme()).status, 201);
  EXPECT_EQ(listed().size(), 2u);
}

TEST_P(DisbursementsHttp, TheSameKeyAndBodyReplayTheFirstAnswer) {
  const std::string key = "retry-me-0415";
  auto first = ask(body_for(tranche(1), "18000.00", "April"), key);
  ASSERT_EQ(first.status, 201) << first.body;
  const auto id = first.json().at("id").get<std::string>();

  // The same JSON with other spacing and key order is the same request.
  auto again = ask_raw(R"({ "note" : "April", "amount": {"amount":"18000.00","currency":"THB"},
                           "tranche_id": ")" + tranche(1) + "\"}",
                       key, programme());
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("idempotent-replayed"), "true");
  EXPECT_EQ(again.header("content-type"), first.header("content-type"));

  // The replay is the first answer even after the disbursement moved on.
  ASSERT_EQ(approve(id).status, 200);
  auto later = ask(body_for(tranche(1), "18000.00", "April"), key);
  EXPECT_EQ(later.status, 201);
  EXPECT_EQ(later.body, first.body);
  EXPECT_EQ(later.header("idempotent-replayed"), "true");

  // Same key, another body: refused, nothing made.
  EXPECT_TRUE(IsInvalid(ask(body_for(tranche(1), "18000.01", "April"), key), {""}));
  EXPECT_TRUE(IsInvalid(ask(body_for(tranche(1), "18000.00"), key), {""}));

  // Keys are per user: another programme officer and a finance officer get their own.
  const auto colleague = server().token_for("programme", server().alliance_id());
  auto theirs = ask(body_for(tranche(1), "18000.00", "April"), key, colleague);
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  EXPECT_EQ(theirs.header("idempotent-replayed"), "");
  EXPECT_NE(theirs.json().at("id"), id);
  auto finance_one = ask(body_for(tranche(1), "18000.00", "April"), key, finance());
  ASSERT_EQ(finance_one.status, 201) << finance_one.body;
  EXPECT_NE(finance_one.json().at("id"), id);
  EXPECT_EQ(listed("award_id=" + award_id_).size(), 3u);
  EXPECT_EQ(totals().at("requested"), money("36000.00"));
  EXPECT_EQ(totals().at("approved"), money("18000.00"));
}

TEST_P(DisbursementsHttp, AFailedRequestKeepsNothingNotEvenTheKey) {
  const auto full = approved(1, "180000.00");
  const auto before = audit_trail("entity_type=disbursement").size();

  // 409: the tranche is fully approved.
  EXPECT_TRUE(IsProblem(ask(body_for(tranche(1), "0.01"), "k-409"), 409));
  // 422: not the award's currency.
  auto wrong = body_for(tranche(1), "0.01");
  wrong["amount"]["currency"] = "USD";
  EXPECT_TRUE(IsInvalid(ask(wrong, "k-422"), {"/amount/currency"}));
  // 404: no such award.
  EXPECT_TRUE(IsProblem(ask_raw(body_for(tranche(1), "0.01").dump(), "k-404", programme(), kUnknownId), 404));
  EXPECT_EQ(listed().size(), 1u);
  EXPECT_EQ(audit_trail("entity_type=disbursement").size(), before);

  // Room again: each key is free, and a different body under it is a first request, not a 422.
  ASSERT_EQ(cancel(full, "Wrong bank account.").status, 200);
  for (const auto* key : {"k-409", "k-422", "k-404"}) {
    auto r = ask(body_for(tranche(1), "0.02"), key);
    EXPECT_EQ(r.status, 201) << key << ": " << r.body;
    EXPECT_EQ(r.header("idempotent-replayed"), "") << key;
  }
  EXPECT_EQ(listed("status=requested").size(), 3u);
}

TEST_P(DisbursementsHttp, RequestsAndApprovalsMustFitWhatIsApprovedOrPaid) {
  // More than the tranche, even with nothing else: 409.
  auto over = ask(body_for(tranche(1), "180000.01"), fresh_key());
  EXPECT_TRUE(IsProblem(over, 409));
  EXPECT_NE(over.json().at("detail").get<std::string>().find("Tranche 1"), std::string::npos) << over.body;

  // Requests do not bind: two full-tranche requests both fit...
  const auto a = requested(1, "180000.00");
  const auto b = requested(1, "180000.00");
  // ...but only one can be approved: the approval checks again.
  ASSERT_EQ(approve(a).status, 200);
  EXPECT_TRUE(IsProblem(approve(b), 409));
  EXPECT_EQ(status_of(b), "requested");
  // Now the tranche is full: a request for one satang does not fit.
  EXPECT_TRUE(IsProblem(ask(body_for(tranche(1), "0.01"), fresh_key()), 409));
  auto t = totals();
  EXPECT_EQ(t.at("requested"), money("180000.00"));
  EXPECT_EQ(t.at("approved"), money("180000.00"));

  // Paid money binds as approved money does.
  travel_to("2027-03-11T09:00:00Z");
  ASSERT_EQ(pay(a, "2027-03-11", "BKK-TT-0311").status, 200);
  EXPECT_TRUE(IsProblem(approve(b), 409));
  EXPECT_TRUE(IsProblem(ask(body_for(tranche(1), "0.01"), fresh_key()), 409));
  // Reversing frees the room.
  reverse_paid(a, "Paid to the wrong account; returned by the bank.");
  EXPECT_EQ(approve(b).status, 200);
  t = totals();
  EXPECT_EQ(t.at("requested"), money("0.00"));
  EXPECT_EQ(t.at("approved"), money("180000.00"));
  EXPECT_EQ(t.at("paid"), money("0.00"));
}

TEST_P(DisbursementsHttp, AReportConditionWaitsForTheReportOfThePeriodBeforeTheDueDate) {
  // Tranche 2 is due 2027-07-15: it waits for the report of 2027-04-01 to 2027-06-30.
  auto early = ask(body_for(tranche(2), "1000.00"), "t2-early");
  EXPECT_TRUE(IsProblem(early, 409));
  EXPECT_NE(early.json().at("detail").get<std::string>().find("2027-04-01 to 2027-06-30"), std::string::npos)
      << early.body;
  EXPECT_TRUE(IsProblem(ask(body_for(tranche(3), "1000.00"), "t3-early"), 409));

  accept_first_report();
  auto t2 = ask(body_for(tranche(2), "180000.00"), "t2");
  ASSERT_EQ(t2.status, 201) << t2.body;
  EXPECT_EQ(t2.json().at("tranche_id"), tranche(2));
  // Tranche 3 (due 2027-10-15) waits for the report of 2027-07-01 to 2027-09-30, not the first one.
  auto t3 = ask(body_for(tranche(3), "1000.00"), "t3");
  EXPECT_TRUE(IsProblem(t3, 409));
  EXPECT_NE(t3.json().at("detail").get<std::string>().find("2027-07-01 to 2027-09-30"), std::string::npos) << t3.body;
  EXPECT_EQ(listed().size(), 1u);
}

TEST_P(DisbursementsHttp, BadRequestBodiesNameTheirFields) {
  auto b = body_for(tranche(1), "1000.00");
  b["tranche_id"] = kUnknownId;
  EXPECT_TRUE(IsInvalid(ask(b, fresh_key()), {"/tranche_id"}));
  b = body_for(tranche(1), "0.00");
  EXPECT_TRUE(IsInvalid(ask(b, fresh_key()), {"/amount/amount"}));
  b = body_for(tranche(1), "-5.00");
  EXPECT_TRUE(IsInvalid(ask(b, fresh_key()), {"/amount/amount"}));
  b = body_for(tranche(1), "1000.0");  // THB has two digits
  EXPECT_TRUE(IsInvalid(ask(b, fresh_key()), {"/amount/amount"}));
  b = body_for(tranche(1), "1000.00");
  b["amount"]["amount"] = 1000;  // a JSON number
  EXPECT_TRUE(IsInvalid(ask(b, fresh_key()), {"/amount/amount"}));
  b = body_for(tranche(1), "1000.00");
  b["amount"]["currency"] = "EUR";
  EXPECT_TRUE(IsInvalid(ask(b, fresh_key()), {"/amount/currency"}));
  b = body_for(tranche(1), "1000.00", std::string(2001, 'n'));
  EXPECT_TRUE(IsInvalid(ask(b, fresh_key()), {"/note"}));
  b = body_for(tranche(1), "1000.00");
  b["status"] = "paid";
  EXPECT_TRUE(IsInvalid(ask(b, fresh_key()), {"/status"}));
  EXPECT_TRUE(IsInvalid(ask(nlohmann::json::object(), fresh_key()), {"/amount", "/tranche_id"}));
  // The other award's tranche is no tranche of this one.
  b = body_for(rival_award().at("tranches")[0].at("id").get<std::string>(), "1000.00");
  EXPECT_TRUE(IsInvalid(ask(b, fresh_key()), {"/tranche_id"}));

  EXPECT_TRUE(IsProblem(ask_raw("{\"tranche_id\":", fresh_key(), programme()), 400));
  auto headers = bearer(programme());
  headers["Idempotency-Key"] = fresh_key();
  headers["Content-Type"] = "text/plain";
  EXPECT_TRUE(IsProblem(http().request("POST", kApi + "/awards/" + award_id_ + "/disbursements",
                                       body_for(tranche(1), "1000.00").dump(), headers),
                        415));
  EXPECT_TRUE(IsProblem(ask_raw(body_for(tranche(1), "1000.00").dump(), fresh_key(), programme(), "not-an-id"), 404));
  EXPECT_TRUE(listed().empty());
  EXPECT_EQ(totals().at("requested"), money("0.00"));
}

TEST_P(DisbursementsHttp, ApprovalNeedsFourEyesAndARequestedDisbursement) {
  // A finance officer who requested cannot approve it.
  const auto& officer = finance();
  const auto mine = requested(1, "50000.00", officer);
  auto own = approve(mine, officer);
  EXPECT_TRUE(IsProblem(own, 403));
  EXPECT_NE(own.json().at("detail").get<std::string>().find("Four eyes"), std::string::npos) << own.body;
  EXPECT_EQ(status_of(mine), "requested");
  const auto denied = audit_trail("entity_type=disbursement&entity_id=" + mine);
  ASSERT_FALSE(denied.empty());
  EXPECT_EQ(denied.front().at("action"), "disbursement.approve");
  EXPECT_EQ(denied.front().at("outcome"), "denied");

  // A second finance officer can.
  const auto second = server().token_for("finance", server().alliance_id());
  auto ok = approve(mine, second);
  ASSERT_EQ(ok.status, 200) << ok.body;
  const auto d = ok.json();
  EXPECT_EQ(d.at("status"), "approved");
  EXPECT_EQ(d.at("approved_by"), user_id(second));
  EXPECT_EQ(d.at("approved_at"), "2027-03-10T09:00:00Z");
  EXPECT_EQ(d.at("version"), 2);
  EXPECT_EQ(ok.header("etag"), "\"2\"");
  EXPECT_EQ(get(mine).json(), d);

  // Only a requested one.
  EXPECT_TRUE(IsProblem(approve(mine, second), 409));
  const auto dropped = requested(1, "1000.00");
  ASSERT_EQ(cancel(dropped, "Duplicate").status, 200);
  EXPECT_TRUE(IsProblem(approve(dropped), 409));
  EXPECT_TRUE(IsProblem(approve(kUnknownId), 404));
  // Only finance approves.
  const auto other = requested(1, "1000.00");
  for (const auto* role : {"admin", "programme", "member", "reviewer", "donor"})
    EXPECT_TRUE(IsProblem(approve(other, std::string(role) == "admin" ? admin() : token_as(role)), 403)) << role;
  EXPECT_EQ(status_of(other), "requested");
  EXPECT_EQ(totals().at("approved"), money("50000.00"));
}

TEST_P(DisbursementsHttp, PaymentSplitsOverTheSourcesToTheMinorUnit) {
  travel_to("2027-04-16T09:00:00Z");
  rate("THB", "2027-04-15", "USD", "0.0285");
  rate("THB", "2027-04-15", "EUR", "0.0262");
  const auto id = approved(1, "180000.00");
  const auto payer = user_id(finance());
  auto r = pay(id, "2027-04-16", "BKK-TT-0415");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto d = r.json();
  EXPECT_EQ(d.at("status"), "paid");
  EXPECT_EQ(d.at("paid_on"), "2027-04-16");
  EXPECT_EQ(d.at("payment_reference"), "BKK-TT-0415");
  EXPECT_EQ(d.at("paid_by"), payer);
  EXPECT_EQ(d.at("paid_at"), "2027-04-16T09:00:00Z");
  EXPECT_EQ(d.at("version"), 3);

  // Unpaid allocations 300,000.00 and 240,000.00 THB of 540,000.00:
  //   USD share 180,000.00 x 300000/540000 = 100,000.00 THB; x 0.0285 = 2,850.00 USD
  //   EUR share 180,000.00 x 240000/540000 =  80,000.00 THB; x 0.0262 = 2,096.00 EUR
  // at the newest rates on or before 2027-04-16, those of 2027-04-15.
  auto portions = portions_of(d);
  ASSERT_EQ(portions.size(), 2u) << d.dump();
  EXPECT_EQ(d.at("portions")[0].at("funding_source_id"), usd_);  // the award's funding order
  EXPECT_EQ(portions[usd_], (nlohmann::json{{"funding_source_id", usd_},
                                            {"amount", money("100000.00")},
                                            {"source_amount", usd("2850.00")},
                                            {"rate", "0.0285"},
                                            {"rate_date", "2027-04-15"}}));
  EXPECT_EQ(portions[eur_], (nlohmann::json{{"funding_source_id", eur_},
                                            {"amount", money("80000.00")},
                                            {"source_amount", eur("2096.00")},
                                            {"rate", "0.0262"},
                                            {"rate_date", "2027-04-15"}}));
  EXPECT_EQ(get(id).json(), d);

  // USD: received 125,000.00; allocated 8,430.00 at the decision's rate (paid money
  // stays counted as allocated); disbursed 2,850.00; available 125,000.00 - 8,430.00.
  EXPECT_EQ(balances(usd_), balance_set(usd("125000.00"), usd("8430.00"), usd("2850.00"), usd("0.00"),
                                        usd("116570.00")));
  // EUR: received 100,000.00; allocated 6,240.00; disbursed 2,096.00; available 93,760.00.
  EXPECT_EQ(balances(eur_), balance_set(eur("100000.00"), eur("6240.00"), eur("2096.00"), eur("0.00"),
                                        eur("93760.00")));
  EXPECT_EQ(totals(), (nlohmann::json{{"awarded", money("540000.00")},
                                      {"requested", money("0.00")},
                                      {"approved", money("0.00")},
                                      {"paid", money("180000.00")},
                                      {"spent", money("0.00")},
                                      {"remaining", money("360000.00")}}));

  // Debits per currency (credits the same, net zero):
  //   EUR: receipt 100,000.00 + allocation 6,240.00 + payment 2,096.00 = 108,336.00
  //   THB: allocation 300,000.00 + 240,000.00 + payment 180,000.00      = 720,000.00
  //   USD: receipt 125,000.00 + allocation 8,430.00 + payment 2,850.00 = 136,280.00
  EXPECT_EQ(trial_balance(), (nlohmann::json{{"currencies",
                                              {currency_line("EUR", "108336.00"), currency_line("THB", "720000.00"),
                                               currency_line("USD", "136280.00")}}}));
}

TEST_P(DisbursementsHttp, PaymentSplitsByLargestRemainderAndRoundsHalfEven) {
  travel_to("2027-04-16T09:00:00Z");
  rate("THB", "2027-04-15", "USD", "0.0285");
  rate("THB", "2027-04-15", "EUR", "0.0262");
  const auto small = approved(1, "18.00");
  const auto odd = approved(1, "100.01");

  // 18.00 THB splits 5:4 exactly: 10.00 THB to USD, 8.00 THB to EUR.
  //   10.00 x 0.0285 = 0.285   -> 0.28 USD (half to even, not 0.29)
  //    8.00 x 0.0262 = 0.2096  -> 0.21 EUR
  auto r = pay(small, "2027-04-16", "TT-SMALL");
  ASSERT_EQ(r.status, 200) << r.body;
  auto p = portions_of(r.json());
  EXPECT_EQ(p[usd_].at("amount"), money("10.00"));
  EXPECT_EQ(p[usd_].at("source_amount"), usd("0.28"));
  EXPECT_EQ(p[eur_].at("amount"), money("8.00"));
  EXPECT_EQ(p[eur_].at("source_amount"), eur("0.21"));

  // Unpaid now 299,990.00 and 239,992.00 THB, still 5:4. 100.01 THB = 10001 satang:
  //   USD 10001 x 5/9 = 5556.11 -> 5556, EUR 10001 x 4/9 = 4444.89 -> 4444; the one
  //   satang left goes to the larger remainder, EUR: 55.56 and 44.45 THB.
  //   55.56 x 0.0285 = 1.58346 -> 1.58 USD;  44.45 x 0.0262 = 1.16459 -> 1.16 EUR
  r = pay(odd, "2027-04-16", "TT-ODD");
  ASSERT_EQ(r.status, 200) << r.body;
  p = portions_of(r.json());
  EXPECT_EQ(p[usd_].at("amount"), money("55.56"));
  EXPECT_EQ(p[usd_].at("source_amount"), usd("1.58"));
  EXPECT_EQ(p[eur_].at("amount"), money("44.45"));
  EXPECT_EQ(p[eur_].at("source_amount"), eur("1.16"));

  EXPECT_EQ(balances(usd_).at("disbursed"), usd("1.86"));  // 0.28 + 1.58
  EXPECT_EQ(balances(eur_).at("disbursed"), eur("1.37"));  // 0.21 + 1.16
  EXPECT_EQ(totals().at("paid"), money("118.01"));
  for (const auto& line : trial_lines()) {
    EXPECT_EQ(line.at("net"), "0.00") << line.dump();
    EXPECT_EQ(line.at("balanced"), true) << line.dump();
  }
}

TEST_P(DisbursementsHttp, PaymentInputIsChecked) {
  const auto id = requested(1, "180000.00");
  EXPECT_TRUE(IsProblem(pay(id, "2027-03-10", "TT-1"), 409));  // not approved yet
  ASSERT_EQ(approve(id).status, 200);

  EXPECT_TRUE(IsInvalid(pay(id, "2027-03-11", "TT-1"), {"/paid_on"}));  // tomorrow
  EXPECT_TRUE(IsInvalid(pay(id, "2027-02-30", "TT-1"), {"/paid_on"}));
  EXPECT_TRUE(IsInvalid(pay(id, "10/03/2027", "TT-1"), {"/paid_on"}));
  // No THB rate recorded on or before 2027-02-28 (the scenario's are of 2027-03-01).
  EXPECT_TRUE(IsInvalid(pay(id, "2027-02-28", "TT-1"), {"/paid_on"}));
  EXPECT_TRUE(IsInvalid(pay(id, "2027-03-10", ""), {"/payment_reference"}));
  EXPECT_TRUE(IsInvalid(pay(id, "2027-03-10", std::string(101, 'R')), {"/payment_reference"}));
  EXPECT_TRUE(IsInvalid(pay(id, "2027-03-10", "TT\n1"), {"/payment_reference"}));
  EXPECT_TRUE(IsInvalid(command(id, "pay", nlohmann::json{{"paid_on", "2027-03-10"}}), {"/payment_reference"}));
  EXPECT_TRUE(IsInvalid(command(id, "pay", nlohmann::json{{"paid_on", "2027-03-10"}, {"payment_reference", "TT-1"},
                                                          {"amount", money("1.00")}}),
                        {"/amount"}));
  EXPECT_TRUE(IsProblem(send("POST", kApi + "/disbursements/" + id + "/pay", "", finance()), 400));
  EXPECT_TRUE(IsProblem(pay(kUnknownId, "2027-03-10", "TT-1"), 404));
  // Nothing of that was written.
  EXPECT_EQ(status_of(id), "approved");
  EXPECT_EQ(balances(usd_).at("disbursed"), usd("0.00"));
  EXPECT_EQ(totals().at("paid"), money("0.00"));

  // Today, at the 2027-03-01 rates, with a 100-character reference.
  auto r = pay(id, "2027-03-10", std::string(100, 'R'));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("portions")[0].at("rate_date"), "2027-03-01");
  EXPECT_TRUE(IsProblem(pay(id, "2027-03-10", "TT-2"), 409));  // paying twice

  // A payment reference is recorded once.
  reverse_paid(id, "Bounced");
  const auto next = approved(1, "1000.00");
  EXPECT_TRUE(IsProblem(pay(next, "2027-03-10", std::string(100, 'R')), 409));
  EXPECT_EQ(status_of(next), "approved");
  EXPECT_EQ(pay(next, "2027-03-10", "TT-3").status, 200);
  const auto third = approved(1, "1000.00");
  EXPECT_TRUE(IsProblem(pay(third, "2027-03-10", "TT-3"), 409));
  EXPECT_EQ(status_of(third), "approved");
  EXPECT_EQ(totals().at("paid"), money("1000.00"));
  for (const auto& line : trial_lines()) EXPECT_EQ(line.at("net"), "0.00") << line.dump();
}

TEST_P(DisbursementsHttp, ReversingAPaymentTakesTwoFinanceOfficers) {
  const auto usd_before = balances(usd_);
  const auto eur_before = balances(eur_);
  const auto trial_before = trial_balance();
  const auto id = approved(1, "180000.00");
  ASSERT_EQ(pay(id, "2027-03-10", "BKK-TT-0310").status, 200);
  const auto trial_paid = trial_balance();
  // At the 2027-03-01 rates: 100,000.00 x 0.0281 = 2,810.00 USD; 80,000.00 x 0.0260 = 2,080.00 EUR.
  EXPECT_EQ(balances(usd_).at("disbursed"), usd("2810.00"));
  EXPECT_EQ(balances(eur_).at("disbursed"), eur("2080.00"));

  EXPECT_TRUE(IsInvalid(command(id, "cancel", nlohmann::json::object()), {"/reason"}));
  EXPECT_TRUE(IsInvalid(cancel(id, ""), {"/reason"}));
  EXPECT_TRUE(IsProblem(cancel(id, "No", programme()), 403));
  EXPECT_TRUE(IsProblem(command(id, "reverse", std::nullopt), 409));  // nobody asked yet
  EXPECT_EQ(status_of(id), "paid");

  // One officer asks: 202, and nothing moves in the ledger.
  const auto asker = user_id(finance());
  auto r = cancel(id, "Returned by the bank: closed account.");
  ASSERT_EQ(r.status, 202) << r.body;
  auto d = r.json();
  EXPECT_EQ(d.at("status"), "reversal_requested");
  EXPECT_EQ(d.at("reversal_reason"), "Returned by the bank: closed account.");
  EXPECT_EQ(d.at("reversal_requested_by"), asker);
  EXPECT_EQ(d.at("reversal_requested_at"), "2027-03-10T09:00:00Z");
  EXPECT_EQ(d.at("reversed_by"), nullptr);
  EXPECT_EQ(d.at("cancelled_by"), nullptr);
  EXPECT_EQ(get(id).json(), d);
  EXPECT_EQ(trial_balance(), trial_paid);
  EXPECT_EQ(totals().at("paid"), money("180000.00"));
  EXPECT_EQ(ids_of(listed("status=reversal_requested")), (std::vector<std::string>{id}));
  EXPECT_TRUE(listed("status=paid").empty());
  EXPECT_TRUE(IsProblem(cancel(id, "Again"), 409));

  // The asker cannot confirm (403 same_person, and audited); nor can programme.
  auto own = command(id, "reverse", std::nullopt);
  EXPECT_TRUE(IsProblem(own, 403)) << own.body;
  EXPECT_EQ(own.json().value("code", ""), "same_person");
  EXPECT_TRUE(IsProblem(command(id, "reverse", std::nullopt, programme()), 403));
  EXPECT_EQ(status_of(id), "reversal_requested");

  // Withdrawn: the payment stands, and a new request starts afresh.
  auto kept = command(id, "withdraw-reversal", std::nullopt, second_finance());
  ASSERT_EQ(kept.status, 200) << kept.body;
  EXPECT_EQ(kept.json().at("status"), "paid");
  EXPECT_EQ(kept.json().at("reversal_requested_by"), nullptr);
  EXPECT_TRUE(IsProblem(command(id, "withdraw-reversal", std::nullopt), 409));
  EXPECT_EQ(trial_balance(), trial_paid);

  // Asked again, and confirmed by a second officer: reversed in the ledger.
  ASSERT_EQ(cancel(id, "Returned by the bank: closed account.").status, 202);
  const auto confirmer = user_id(second_finance());
  r = command(id, "reverse", std::nullopt, second_finance());
  ASSERT_EQ(r.status, 200) << r.body;
  d = r.json();
  EXPECT_EQ(d.at("status"), "reversed");
  EXPECT_EQ(d.at("reversal_requested_by"), asker);
  EXPECT_EQ(d.at("reversed_by"), confirmer);
  EXPECT_EQ(d.at("reversed_at"), "2027-03-10T09:00:00Z");
  EXPECT_EQ(d.at("payment_reference"), "BKK-TT-0310");  // the history stays
  EXPECT_EQ(d.at("version"), 7);
  EXPECT_EQ(get(id).json(), d);
  EXPECT_EQ(balances(usd_), usd_before);
  EXPECT_EQ(balances(eur_), eur_before);
  EXPECT_EQ(totals().at("paid"), money("0.00"));
  EXPECT_EQ(totals().at("remaining"), money("540000.00"));
  // The reversal adds as many debits as the payment did: 2 x 2,810.00 USD more than the receipt and allocation.
  EXPECT_EQ(trial_balance(), (nlohmann::json{{"currencies",
                                              {currency_line("EUR", "110400.00"), currency_line("THB", "900000.00"),
                                               currency_line("USD", "139050.00")}}}));
  EXPECT_NE(trial_balance(), trial_before);
  for (const auto* action : {"cancel", "reverse", "withdraw-reversal"}) {
    const auto body = std::string(action) == "cancel" ? std::optional<nlohmann::json>(nlohmann::json{{"reason", "x"}})
                                                      : std::nullopt;
    EXPECT_TRUE(IsProblem(command(id, action, body, second_finance()), 409)) << action;
  }
  EXPECT_EQ(ids_of(listed("status=reversed")), (std::vector<std::string>{id}));

  // Requested and approved ones cancel in one step, without touching the ledger.
  const auto asked = requested(1, "1000.00");
  const auto agreed = approved(1, "2000.00");
  auto one_step = cancel(asked, "Duplicate");
  EXPECT_EQ(one_step.status, 200);
  EXPECT_EQ(one_step.json().at("status"), "cancelled");
  EXPECT_EQ(cancel(agreed, "Member asked to wait").json().at("status"), "cancelled");
  EXPECT_TRUE(IsProblem(pay(agreed, "2027-03-10", "TT-LATE"), 409));
  for (const auto* action : {"reverse", "withdraw-reversal"})
    EXPECT_TRUE(IsProblem(command(agreed, action, std::nullopt, second_finance()), 409)) << action;
  EXPECT_TRUE(IsProblem(cancel(kUnknownId, "x"), 404));
  EXPECT_TRUE(IsProblem(command(kUnknownId, "reverse", std::nullopt, second_finance()), 404));
  EXPECT_TRUE(IsProblem(command(kUnknownId, "withdraw-reversal", std::nullopt, second_finance()), 404));
  EXPECT_EQ(trial_balance().at("currencies")[2], currency_line("USD", "139050.00"));
  EXPECT_EQ(listed("status=cancelled").size(), 2u);
}

TEST_P(DisbursementsHttp, ListsFilterByAwardAndStatusAndPage) {
  const auto a = requested(1, "1000.00");
  const auto b = approved(1, "2000.00");
  const auto c = approved(1, "3000.00");
  ASSERT_EQ(pay(c, "2027-03-10", "TT-C").status, 200);
  const auto d = requested(1, "4000.00");
  ASSERT_EQ(cancel(d, "Not needed").status, 200);
  const auto e = requested(1, "5000.00");
  // Another member's award, with one disbursement.
  const auto other_award = rival_award();
  auto foreign = ask_raw(body_for(other_award.at("tranches")[0].at("id").get<std::string>(), "7000.00").dump(),
                         fresh_key(), programme(), other_award.at("id").get<std::string>());
  ASSERT_EQ(foreign.status, 201) << foreign.body;
  const auto f = foreign.json().at("id").get<std::string>();

  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted(ids_of(listed())), sorted({a, b, c, d, e, f}));
  EXPECT_EQ(sorted(ids_of(listed("award_id=" + award_id_))), sorted({a, b, c, d, e}));
  EXPECT_EQ(sorted(ids_of(listed("status=requested"))), sorted({a, e, f}));
  EXPECT_EQ(ids_of(listed("status=approved")), (std::vector<std::string>{b}));
  EXPECT_EQ(ids_of(listed("status=paid&award_id=" + award_id_)), (std::vector<std::string>{c}));
  EXPECT_EQ(ids_of(listed("status=cancelled")), (std::vector<std::string>{d}));
  EXPECT_TRUE(listed("award_id=" + std::string(kUnknownId)).empty());
  // Pages of two give every one exactly once.
  const auto paged = ids_of(all_pages(kApi + "/disbursements", finance(), 2));
  EXPECT_EQ(sorted(paged), sorted({a, b, c, d, e, f}));
  auto first = http().get(kApi + "/disbursements?limit=2", finance());
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.json().at("items").size(), 2u);
  EXPECT_TRUE(first.json().at("next_cursor").is_string());
  // A listed item is the same as the one read alone.
  for (const auto& item : listed("status=paid")) EXPECT_EQ(item, get(item.at("id").get<std::string>()).json());

  EXPECT_TRUE(IsProblem(http().get(kApi + "/disbursements?status=sent", finance()), 422));
  EXPECT_TRUE(IsProblem(http().get(kApi + "/disbursements?status=", finance()), 422));
  EXPECT_TRUE(IsProblem(http().get(kApi + "/disbursements?limit=0", finance()), 422));
  EXPECT_TRUE(IsProblem(http().get(kApi + "/disbursements?cursor=***", finance()), 422));
  for (const auto* role : {"admin", "programme"})
    EXPECT_EQ(listed("", std::string(role) == "admin" ? admin() : token_as(role)).size(), 6u) << role;
}

TEST_P(DisbursementsHttp, MembersSeeOnlyTheirOwnAndDonorsAndReviewersNothing) {
  const auto id = requested(1, "1000.00");
  const auto& member = token_as("member");  // of the award's organisation
  auto own = get(id, member);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json(), get(id).json());
  EXPECT_EQ(ids_of(listed("", member)), (std::vector<std::string>{id}));

  const auto stranger = server().token_for("member", server().create_organisation("member", "VN"));
  const auto foreign = get(id, stranger);
  const auto missing = get(kUnknownId, stranger);
  EXPECT_TRUE(IsProblem(foreign, 404));
  EXPECT_EQ(foreign.body, missing.body);
  EXPECT_TRUE(listed("", stranger).empty());
  EXPECT_TRUE(listed("award_id=" + award_id_, stranger).empty());
  const auto trail = audit_trail("entity_type=disbursement&entity_id=" + id);
  ASSERT_FALSE(trail.empty());
  EXPECT_EQ(trail.front().at("action"), "disbursement.read");
  EXPECT_EQ(trail.front().at("outcome"), "denied");
  EXPECT_EQ(trail.front().at("actor_id"), user_id(stranger));

  const auto b = body_for(tranche(1), "1000.00");
  const auto pay_body = nlohmann::json{{"paid_on", "2027-03-10"}, {"payment_reference", "TT-X"}};
  for (const auto* role : {"donor", "reviewer"}) {
    const auto& t = token_as(role);
    EXPECT_TRUE(IsProblem(ask(b, fresh_key(), t), 403)) << role;
    EXPECT_TRUE(IsProblem(approve(id, t), 403)) << role;
    EXPECT_TRUE(IsProblem(command(id, "pay", pay_body, t), 403)) << role;
    EXPECT_TRUE(IsProblem(cancel(id, "x", t), 403)) << role;
    for (const auto* action : {"reverse", "withdraw-reversal"})
      EXPECT_TRUE(IsProblem(command(id, action, std::nullopt, t), 403)) << role << " " << action;
    EXPECT_TRUE(IsProblem(http().get(kApi + "/disbursements", t), 403)) << role;
    EXPECT_TRUE(IsProblem(get(id, t), 403)) << role;
    EXPECT_TRUE(IsProblem(http().get(kApi + "/ledger/trial-balance", t), 403)) << role;
  }
  // Members and admins may read but not move money; programme may request but not approve, pay or cancel.
  for (const auto& t : {member, admin()}) {
    EXPECT_TRUE(IsProblem(ask(b, fresh_key(), t), 403));
    EXPECT_TRUE(IsProblem(command(id, "pay", pay_body, t), 403));
    EXPECT_TRUE(IsProblem(cancel(id, "x", t), 403));
    for (const auto* action : {"reverse", "withdraw-reversal"})
      EXPECT_TRUE(IsProblem(command(id, action, std::nullopt, t), 403)) << action;
  }
  EXPECT_TRUE(IsProblem(command(id, "pay", pay_body, programme()), 403));
  EXPECT_TRUE(IsProblem(command(id, "reverse", std::nullopt, programme()), 403));
  EXPECT_TRUE(IsProblem(http().get(kApi + "/ledger/trial-balance", member), 403));
  EXPECT_TRUE(IsProblem(http().get(kApi + "/ledger/trial-balance", programme()), 403));
  EXPECT_EQ(http().get(kApi + "/ledger/trial-balance", admin()).status, 200);
  EXPECT_EQ(http().get(kApi + "/disbursements/" + id, admin()).status, 200);
  EXPECT_EQ(http().get(kApi + "/disbursements/" + id, programme()).status, 200);
  EXPECT_EQ(status_of(id), "requested");
  EXPECT_EQ(listed().size(), 1u);
  const auto denials = audit_trail("entity_type=route");
  EXPECT_EQ(std::count_if(denials.begin(), denials.end(),
                          [](const nlohmann::json& e) {
                            return e.at("entity_id") == "POST /api/v1/disbursements/{id}/pay" &&
                                   e.at("outcome") == "denied";
                          }),
            5);  // donor, reviewer, member, admin, programme
}

TEST_P(DisbursementsHttp, TheAuditTrailRecordsEveryStep) {
  const auto requester = user_id(programme());
  const auto officer = user_id(finance());
  const auto id = requested(1, "180000.00");
  ASSERT_EQ(approve(id).status, 200);
  auto paid = pay(id, "2027-03-10", "BKK-TT-0310");
  ASSERT_EQ(paid.status, 200);
  reverse_paid(id, "Returned by the bank.");
  const auto confirmer = user_id(second_finance());

  const auto trail_all = audit_trail("entity_type=disbursement&entity_id=" + id);  // newest first
  ASSERT_EQ(trail_all.size(), 5u);
  // The reversal's two steps: asked by the officer who paid, confirmed by another.
  EXPECT_EQ(trail_all[1].at("action"), "disbursement.reversal_request");
  EXPECT_EQ(trail_all[1].at("actor_id"), officer);
  EXPECT_EQ(trail_all[1].at("details").at("status"), "paid -> reversal_requested");
  EXPECT_EQ(trail_all[1].at("details").at("reason"), "Returned by the bank.");
  EXPECT_EQ(trail_all[0].at("actor_id"), confirmer);
  const std::vector<nlohmann::json> trail{trail_all[0], trail_all[2], trail_all[3], trail_all[4]};
  std::vector<std::string> actions;
  for (const auto& e : trail) {
    actions.push_back(e.at("action").get<std::string>());
    EXPECT_EQ(e.at("outcome"), "success") << e.dump();
    EXPECT_EQ(e.at("entity_type"), "disbursement");
    EXPECT_EQ(e.at("entity_id"), id);
    EXPECT_EQ(e.at("details").at("award_id"), award_id_);
    EXPECT_EQ(e.at("details").at("amount"), "180000.00 THB");
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"disbursement.reverse", "disbursement.pay", "disbursement.approve",
                                                "disbursement.request"}));
  const auto& request = trail[3];
  EXPECT_EQ(request.at("actor_id"), requester);
  EXPECT_EQ(request.at("actor_role"), "programme");
  EXPECT_EQ(request.at("details").at("tranche"), "1");
  EXPECT_EQ(request.at("details").at("status"), "requested");
  EXPECT_EQ(trail[2].at("actor_id"), officer);
  EXPECT_EQ(trail[2].at("actor_role"), "finance");
  EXPECT_EQ(trail[2].at("details").at("status"), "requested -> approved");
  EXPECT_EQ(trail[1].at("details").at("status"), "approved -> paid");
  EXPECT_EQ(trail[1].at("details").at("paid_on"), "2027-03-10");
  EXPECT_EQ(trail[1].at("details").at("payment_reference"), "BKK-TT-0310");
  EXPECT_TRUE(trail[1].at("details").contains("ledger_transaction_id"));
  EXPECT_EQ(trail[0].at("details").at("status"), "reversal_requested -> reversed");
  EXPECT_EQ(trail[0].at("details").at("reason"), "Returned by the bank.");
  EXPECT_TRUE(trail[0].at("details").contains("ledger_transaction_id"));
  EXPECT_NE(trail[0].at("details").at("ledger_transaction_id"), trail[1].at("details").at("ledger_transaction_id"));
  // A replayed request writes nothing more.
  const auto before = audit_trail("entity_type=disbursement").size();
  auto first = ask(body_for(tranche(1), "1.00"), "audit-key");
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(ask(body_for(tranche(1), "1.00"), "audit-key").status, 201);
  EXPECT_EQ(audit_trail("entity_type=disbursement").size(), before + 1);
}

TEST_P(DisbursementsHttp, FiftyParallelRetriesWithOneKeyMakeOneDisbursement) {
  const auto b = body_for(tranche(1), "18000.00", "Retried by a flaky client").dump();
  const auto& token = programme();
  const auto port = server().port();
  std::vector<HttpResult> answers(50);
  {
    std::vector<std::jthread> clients;
    for (std::size_t i = 0; i < answers.size(); ++i)
      clients.emplace_back([&, i] {
        HttpClient client(port);
        auto headers = bearer(token);
        headers["Idempotency-Key"] = "one-key-for-all";
        answers[i] = client.request("POST", kApi + "/awards/" + award_id_ + "/disbursements", b, headers);
      });
  }
  int fresh = 0;
  for (const auto& a : answers) {
    EXPECT_EQ(a.status, 201) << a.body;
    EXPECT_EQ(a.body, answers[0].body);
    if (a.header("idempotent-replayed").empty()) ++fresh;
    else EXPECT_EQ(a.header("idempotent-replayed"), "true");
  }
  EXPECT_EQ(fresh, 1);
  const auto all = listed("award_id=" + award_id_);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0], nlohmann::json::parse(answers[0].body));
  EXPECT_EQ(audit_trail("entity_type=disbursement").size(), 1u);
  EXPECT_EQ(totals().at("requested"), money("18000.00"));
}

TEST_P(DisbursementsHttp, HundredParallelApprovalsForOneTrancheApproveExactlyTen) {
  // 100 requests of 18,000.00 THB each against tranche 1's 180,000.00: room for 10.
  std::vector<std::string> ids;
  for (int i = 0; i < 100; ++i) ids.push_back(requested(1, "18000.00"));
  ASSERT_EQ(listed("status=requested").size(), 100u);
  const auto& token = finance();
  const auto port = server().port();
  std::vector<int> statuses(ids.size());
  {
    std::vector<std::jthread> clients;
    for (std::size_t i = 0; i < ids.size(); ++i)
      clients.emplace_back([&, i] {
        HttpClient client(port);
        statuses[i] =
            client.request("POST", kApi + "/disbursements/" + ids[i] + "/approve", std::nullopt, bearer(token)).status;
      });
  }
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 10);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), 90);
  const auto t = totals();
  EXPECT_EQ(t.at("approved"), money("180000.00"));
  EXPECT_EQ(t.at("requested"), money("1620000.00"));
  std::vector<std::string> winners;
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (statuses[i] == 200) winners.push_back(ids[i]);
  std::sort(winners.begin(), winners.end());
  auto approved_ids = ids_of(listed("status=approved"));
  std::sort(approved_ids.begin(), approved_ids.end());
  EXPECT_EQ(approved_ids, winners);
}

TEST_P(DisbursementsHttp, ParallelPaymentsOfOneDisbursementPayItOnce) {
  const auto id = approved(1, "180000.00");
  const auto& token = finance();
  const auto port = server().port();
  std::vector<int> statuses(10);
  {
    std::vector<std::jthread> clients;
    for (std::size_t i = 0; i < statuses.size(); ++i)
      clients.emplace_back([&, i] {
        HttpClient client(port);
        const auto body = nlohmann::json{{"paid_on", "2027-03-10"}, {"payment_reference", "TT-" + std::to_string(i)}};
        statuses[i] =
            client.request("POST", kApi + "/disbursements/" + id + "/pay", body.dump(), bearer(token)).status;
      });
  }
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), 9);
  const auto winner = static_cast<std::size_t>(std::find(statuses.begin(), statuses.end(), 200) - statuses.begin());
  EXPECT_EQ(get(id).json().at("payment_reference"), "TT-" + std::to_string(winner));
  // Paid once: 2,810.00 USD and 2,080.00 EUR at the 2027-03-01 rates.
  EXPECT_EQ(balances(usd_).at("disbursed"), usd("2810.00"));
  EXPECT_EQ(balances(eur_).at("disbursed"), eur("2080.00"));
  EXPECT_EQ(totals().at("paid"), money("180000.00"));
  EXPECT_EQ(trial_balance().at("currencies")[1], currency_line("THB", "720000.00"));
}

MSWA_HTTP_ON_EVERY_BACKEND(DisbursementsHttp);

}  // namespace mswa::test
