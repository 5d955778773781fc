// Progress reports over HTTP: the schedule, reading a report with its ETag,
// saving drafts under If-Match and the content rules of each save (indicators,
// dimensions, values, expenditures), submitting, returning and accepting,
// who may do what, and what the audit trail keeps (never the narrative).
#include "tests/http/grant_fixture.hpp"

namespace mswa::test {

class ProgressReportsHttp : public GrantHttpTest {
 protected:
  static constexpr const char* kNarrative =
      "Twelve peer monitors documented incidents in three districts; police raids rose in May.";

  // The scenario award (decided 2027-03-10) and its first report, 2027-04-01 to 2027-06-30.
  void make_award() {
    award_ = scenario_award();
    award_id_ = award_.at("id").get<std::string>();
    for (const auto& line : award_.at("budget_lines")) lines_.push_back(line.at("id").get<std::string>());
    report_ = schedule(token_as("programme")).at(0).at("id").get<std::string>();
  }
  nlohmann::json schedule(const std::string& token) {
    auto r = http().get(kApi + "/awards/" + award_id_ + "/progress-reports", token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items");
  }

  std::string path(const std::string& id, const std::string& action = "") {
    return kApi + "/progress-reports/" + id + (action.empty() ? "" : "/" + action);
  }
  HttpResult read(const std::string& token, const std::string& id = {}) {
    return http().get(path(id.empty() ? report_ : id), token);
  }
  HttpResult put(const nlohmann::json& body, const std::optional<std::string>& if_match, const std::string& token = {},
                 const std::string& id = {}) {
    auto headers = bearer(token.empty() ? token_as("member") : token);
    if (if_match) headers["If-Match"] = *if_match;
    return http().request("PUT", path(id.empty() ? report_ : id), body.dump(), headers);
  }
  // A PUT as the member with the ETag the report has now.
  HttpResult save(const nlohmann::json& body, const std::string& id = {}) {
    const auto etag = read(token_as("programme"), id).header("etag");
    return put(body, etag, token_as("member"), id);
  }
  HttpResult command(const std::string& action, const std::string& token,
                     const std::optional<nlohmann::json>& body = {}, const std::string& id = {}) {
    return http().request("POST", path(id.empty() ? report_ : id, action),
                          body ? std::optional(body->dump()) : std::nullopt, bearer(token));
  }
  HttpResult submit(const std::string& id = {}) { return command("submit", token_as("member"), {}, id); }
  HttpResult accept(const std::string& id = {}) { return command("accept", token_as("programme"), {}, id); }
  HttpResult send_back(const std::string& reason, const std::string& id = {}) {
    return command("return", token_as("programme"), nlohmann::json{{"reason", reason}}, id);
  }
  std::string status(const std::string& id = {}) {
    return read(token_as("programme"), id).json().at("status").get<std::string>();
  }

  static nlohmann::json cell(const std::string& code, const nlohmann::json& dimensions, const std::string& value) {
    return {{"indicator_code", code}, {"dimensions", dimensions}, {"value", value}};
  }
  static nlohmann::json spend(const std::string& line, const std::string& amount, const std::string& currency = "THB") {
    return {{"budget_line_id", line}, {"amount", {{"currency", currency}, {"amount", amount}}}};
  }
  // A complete report for the scenario award: both targeted indicators by
  // gender and migrant status, and spending on each of the three lines.
  nlohmann::json content() {
    return {{"narrative", kNarrative},
            {"indicator_values",
             {cell("OP1.1", {{"gender", "woman"}, {"migrant_status", "migrant"}}, "9"),
              cell("OP1.1", {{"gender", "trans_woman"}, {"migrant_status", "non_migrant"}}, "14"),
              cell("OC1.1", {{"gender", "woman"}, {"migrant_status", "migrant"}}, "40"),
              cell("OC1.1", {{"gender", "non_binary"}, {"migrant_status", "non_migrant"}}, "12.5")}},
            {"expenditures",
             {spend(lines_.at(0), "95000.00"), spend(lines_.at(1), "40000.00"), spend(lines_.at(2), "12345.67")}}};
  }
  // The content with these indicator values and no spending.
  nlohmann::json with_values(const nlohmann::json& values) {
    return {{"narrative", kNarrative}, {"indicator_values", values}, {"expenditures", nlohmann::json::array()}};
  }

  // An award from a new call like the scenario's, for this proposal, decided on `decide_at`
  // with a THB to USD rate of `usd_rate` on `rate_date` (none when empty), funded
  // whole by `source_id`.
  nlohmann::json custom_award(const nlohmann::json& body, const std::string& source_id, const std::string& decide_at,
                              const std::string& rate_date, const std::string& usd_rate) {
    auto call = http().post(kApi + "/calls", call_body({source_id}), token_as("programme"));
    EXPECT_EQ(call.status, 201) << call.body;
    const auto call_id = call.json().at("id").get<std::string>();
    EXPECT_EQ(act(call_id, "open").status, 200);
    auto app = http().post(kApi + "/calls/" + call_id + "/applications", body, token_as("member"));
    EXPECT_EQ(app.status, 201) << app.body;
    const auto app_id = app.json().at("id").get<std::string>();
    auto sub =
        http().request("POST", kApi + "/applications/" + app_id + "/submit", std::nullopt, bearer(token_as("member")));
    EXPECT_EQ(sub.status, 200) << sub.body;
    travel_to(decide_at);
    if (!usd_rate.empty()) rate("THB", rate_date, "USD", usd_rate);
    auto r = decide(app_id, approval({{source_id, "540000.00"}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  nlohmann::json award_;
  std::string award_id_;
  std::string report_;
  std::vector<std::string> lines_;
};

TEST_P(ProgressReportsHttp, TheScheduleListsEachPeriodWithoutItsContent) {
  make_award();
  const auto items = schedule(token_as("member"));
  ASSERT_EQ(items.size(), 4u);
  const std::vector<std::pair<std::string, std::string>> periods = {{"2027-04-01", "2027-06-30"},
                                                                    {"2027-07-01", "2027-09-30"},
                                                                    {"2027-10-01", "2027-12-31"},
                                                                    {"2028-01-01", "2028-03-31"}};
  for (std::size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(items[i].at("seq"), static_cast<int>(i + 1));
    EXPECT_EQ(items[i].at("award_id"), award_id_);
    EXPECT_EQ(items[i].at("organisation_id"), member_org());
    EXPECT_EQ(items[i].at("period_start"), periods[i].first);
    EXPECT_EQ(items[i].at("period_end"), periods[i].second);
    EXPECT_EQ(items[i].at("status"), "pending");
    EXPECT_EQ(items[i].at("version"), 1);
    EXPECT_FALSE(items[i].contains("narrative"));
    EXPECT_FALSE(items[i].contains("indicator_values"));
    EXPECT_FALSE(items[i].contains("expenditures"));
  }
  EXPECT_EQ(items[0].at("due_on"), "2027-07-30");
  EXPECT_TRUE(items[0].at("return_reason").is_null());
  EXPECT_TRUE(items.at(0).at("submitted_at").is_null());
  for (const auto& role : {"admin", "programme", "finance"}) EXPECT_EQ(schedule(token_as(role)), items) << role;
}

TEST_P(ProgressReportsHttp, AReportIsReadWithItsContentStatusAndETag) {
  make_award();
  for (const auto& role : {"admin", "programme", "finance", "member"}) {
    auto r = read(token_as(role));
    ASSERT_EQ(r.status, 200) << role << ": " << r.body;
    EXPECT_EQ(r.header("etag"), "\"1\"") << role;
    const auto body = r.json();
    EXPECT_EQ(body.at("id"), report_);
    EXPECT_EQ(body.at("status"), "pending");
    EXPECT_EQ(body.at("narrative"), "");
    EXPECT_EQ(body.at("indicator_values"), nlohmann::json::array());
    EXPECT_EQ(body.at("expenditures"), nlohmann::json::array());
    EXPECT_TRUE(body.at("return_reason").is_null());
    EXPECT_EQ(body.at("version"), 1);
  }
}

TEST_P(ProgressReportsHttp, SavingNeedsIfMatchWithTheCurrentVersion) {
  make_award();
  EXPECT_TRUE(IsProblem(put(content(), std::nullopt), 428));
  EXPECT_TRUE(IsProblem(put(content(), "\"7\""), 412));
  auto saved = put(content(), "\"1\"");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.header("etag"), "\"2\"");
  auto body = saved.json();
  EXPECT_EQ(body.at("status"), "draft");
  EXPECT_EQ(body.at("version"), 2);
  EXPECT_EQ(body.at("narrative"), kNarrative);
  EXPECT_EQ(body.at("indicator_values"), content().at("indicator_values"));
  EXPECT_EQ(body.at("expenditures"), content().at("expenditures"));
  EXPECT_EQ(read(token_as("member")).json(), body);
  // The version read before the save is stale now; nothing changes.
  EXPECT_TRUE(IsProblem(put(with_values(nlohmann::json::array()), "\"1\""), 412));
  EXPECT_EQ(read(token_as("member")).json(), body);
}

TEST_P(ProgressReportsHttp, SavingReplacesTheWholeContent) {
  make_award();
  ASSERT_EQ(save(content()).status, 200);
  const nlohmann::json fewer = {
      {"narrative", "Shorter."},
      {"indicator_values", nlohmann::json::array({cell("OP1.1", nlohmann::json::object(), "23")})},
      {"expenditures", nlohmann::json::array({spend(lines_[1], "1000.00")})}};
  auto r = save(fewer);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = read(token_as("member")).json();
  EXPECT_EQ(body.at("version"), 3);
  EXPECT_EQ(body.at("status"), "draft");
  EXPECT_EQ(body.at("narrative"), "Shorter.");
  EXPECT_EQ(body.at("indicator_values"), fewer.at("indicator_values"));
  EXPECT_EQ(body.at("expenditures"), fewer.at("expenditures"));
}

TEST_P(ProgressReportsHttp, TheBodyNeedsAllThreeFieldsAndNothingElse) {
  make_award();
  EXPECT_TRUE(IsInvalid(put(nlohmann::json::object(), "\"1\""), {"/expenditures", "/indicator_values", "/narrative"}));
  auto body = content();
  body["colour"] = "red";
  EXPECT_TRUE(IsInvalid(put(body, "\"1\""), {"/colour"}));
  body = content();
  body["indicator_values"][0]["value"] = 9;
  body["indicator_values"][1]["comment"] = "x";
  body["expenditures"][0]["amount"]["amount"] = 95000;
  EXPECT_TRUE(IsInvalid(put(body, "\"1\""),
                        {"/expenditures/0/amount/amount", "/indicator_values/0/value", "/indicator_values/1/comment"}));
  body = content();
  body["indicator_values"][0]["dimensions"]["gender"] = 1;
  EXPECT_TRUE(IsInvalid(put(body, "\"1\""), {"/indicator_values/0/dimensions/gender"}));
  body = content();
  body["narrative"] = nullptr;
  EXPECT_TRUE(IsInvalid(put(body, "\"1\""), {"/narrative"}));
  EXPECT_EQ(read(token_as("member")).json().at("version"), 1);  // nothing saved
}

TEST_P(ProgressReportsHttp, ValuesOnlyForIndicatorsTheAwardTargets) {
  make_award();
  // OC1.2 exists (under OC1, a result of the call) but the award does not target it.
  EXPECT_TRUE(
      IsInvalid(save(with_values({cell("OP1.1", {{"gender", "woman"}}, "3"), cell("OC1.2", {{"gender", "woman"}}, "50"),
                                  cell("ZZ9.9", nlohmann::json::object(), "1")})),
                {"/indicator_values/1/indicator_code", "/indicator_values/2/indicator_code"}));
  EXPECT_EQ(status(), "pending");
}

TEST_P(ProgressReportsHttp, DimensionsAreTheIndicatorsOwnWithTheirListedValues) {
  make_award();
  const auto indicators = http().get(kApi + "/indicators", token_as("member")).json().at("items");
  std::map<std::string, nlohmann::json> dimensions;
  for (const auto& i : indicators) dimensions[i.at("code").get<std::string>()] = i.at("dimensions");
  EXPECT_EQ(dimensions["OP1.1"], (nlohmann::json{"gender", "migrant_status"}));
  EXPECT_EQ(dimensions["OC1.1"], (nlohmann::json{"gender", "migrant_status", "age_group"}));
  // A name that is no dimension at all is refused as it is read.
  EXPECT_TRUE(IsInvalid(save(with_values(nlohmann::json::array({cell("OC1.1", {{"caste", "any"}}, "3")}))),
                        {"/indicator_values/0/dimensions/caste"}));
  // age_group is a dimension, but not one of OP1.1's.
  EXPECT_TRUE(IsInvalid(save(with_values({cell("OP1.1", {{"age_group", "under_25"}}, "3"),
                                          cell("OC1.1", {{"age_group", "under_25"}}, "3")})),
                        {"/indicator_values/0/dimensions/age_group"}));
  EXPECT_TRUE(IsInvalid(save(with_values({cell("OP1.1", {{"gender", "female"}, {"migrant_status", "migrant"}}, "3"),
                                          cell("OP1.1", {{"gender", "woman"}, {"migrant_status", "refugee"}}, "3"),
                                          cell("OC1.1", {{"age_group", "18_to_24"}}, "3")})),
                        {"/indicator_values/0/dimensions/gender", "/indicator_values/1/dimensions/migrant_status",
                         "/indicator_values/2/dimensions/age_group"}));
  // Every listed value of every dimension passes.
  nlohmann::json all = nlohmann::json::array();
  for (const auto* g : {"woman", "trans_woman", "trans_man", "non_binary", "man"})
    for (const auto* m : {"migrant", "non_migrant"})
      for (const auto* a : {"under_25", "25_to_39", "40_plus"})
        all.push_back(cell("OC1.1", {{"gender", g}, {"migrant_status", m}, {"age_group", a}}, "1"));
  all.push_back(cell("OP1.1", nlohmann::json::object(), "30"));
  auto r = save(with_values(all));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("indicator_values").size(), 31u);
}

TEST_P(ProgressReportsHttp, NumbersAreNonNegativeDecimalsOfAtMostFourDecimals) {
  make_award();
  const std::vector<std::string> bad = {"-1", "1.23456", "abc", "", "1e3", " 14", "14.", ".5", "007", "+3"};
  const std::vector<std::string> genders = {"woman", "trans_woman", "trans_man", "non_binary", "man"};
  nlohmann::json values = nlohmann::json::array();
  std::vector<std::string> pointers;
  for (std::size_t i = 0; i < bad.size(); ++i) {
    // Ten distinct cells of OP1.1, so that only the values are wrong.
    values.push_back(
        cell("OP1.1", {{"gender", genders[i % 5]}, {"migrant_status", i < 5 ? "migrant" : "non_migrant"}}, bad[i]));
    pointers.push_back("/indicator_values/" + std::to_string(i) + "/value");
  }
  EXPECT_TRUE(IsInvalid(save(with_values(values)), pointers));
  EXPECT_EQ(status(), "pending");
  auto r = save(with_values(nlohmann::json::array(
      {cell("OP1.1", nlohmann::json::object(), "0"), cell("OC1.1", nlohmann::json::object(), "3.1416")})));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("indicator_values")[1].at("value"), "3.1416");
}

TEST_P(ProgressReportsHttp, PercentagesStopAtOneHundredAndQualitativeValuesNeedText) {
  // An award targeting a percentage (OC1.2) and a qualitative indicator of the call's results.
  ASSERT_EQ(http()
                .post(kApi + "/indicators",
                      {{"code", "OC1.9"},
                       {"result_code", "OC1"},
                       {"title", "Changes in police practice"},
                       {"measure", "qualitative"},
                       {"ascending", true},
                       {"dimensions", nlohmann::json::array()}},
                      token_as("programme"))
                .status,
            201);
  const auto thb = source("THB-1", "THB", "5000000.00", "5000000.00");
  auto body = proposal();
  body["targets"] = {{{"indicator_code", "OC1.2"}, {"baseline", "20"}, {"target", "60"}},
                     {{"indicator_code", "OC1.9"}, {"baseline", "0"}, {"target", "1"}}};
  const auto award = custom_award(body, thb, "2027-03-10T09:00:00Z", "", "");
  award_id_ = award.at("id").get<std::string>();
  report_ = schedule(token_as("programme")).at(0).at("id").get<std::string>();

  EXPECT_TRUE(IsInvalid(
      save(
          with_values({cell("OC1.2", {{"gender", "woman"}}, "100.0001"), cell("OC1.2", {{"gender", "man"}}, "250"),
                       cell("OC1.2", {{"gender", "trans_woman"}}, "-5"), cell("OC1.9", nlohmann::json::object(), "")})),
      {"/indicator_values/0/value", "/indicator_values/1/value", "/indicator_values/2/value",
       "/indicator_values/3/value"}));
  // A qualitative indicator has no dimensions to break it down by.
  EXPECT_TRUE(
      IsInvalid(save(with_values(nlohmann::json::array({cell("OC1.9", {{"gender", "woman"}}, "Raids stopped.")}))),
                {"/indicator_values/0/dimensions/gender"}));
  const auto good =
      with_values({cell("OC1.2", {{"gender", "woman"}}, "100"), cell("OC1.2", {{"gender", "man"}}, "37.25"),
                   cell("OC1.9", nlohmann::json::object(), "Provincial police stopped raids\non two venues.")});
  auto r = save(good);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("indicator_values"), good.at("indicator_values"));
}

TEST_P(ProgressReportsHttp, EachCellIsGivenOnce) {
  make_award();
  EXPECT_TRUE(IsInvalid(save(with_values({cell("OP1.1", {{"gender", "woman"}, {"migrant_status", "migrant"}}, "9"),
                                          cell("OP1.1", {{"gender", "man"}, {"migrant_status", "migrant"}}, "2"),
                                          cell("OP1.1", {{"migrant_status", "migrant"}, {"gender", "woman"}}, "4")})),
                        {"/indicator_values/2"}));
  EXPECT_TRUE(IsInvalid(
      save(with_values({cell("OC1.1", nlohmann::json::object(), "9"), cell("OC1.1", nlohmann::json::object(), "9")})),
      {"/indicator_values/1"}));
  // The same dimensions on two indicators are two cells.
  EXPECT_EQ(
      save(with_values({cell("OP1.1", {{"gender", "woman"}}, "9"), cell("OC1.1", {{"gender", "woman"}}, "9")})).status,
      200);
}

TEST_P(ProgressReportsHttp, OneIndicatorsCellsShareTheirDimensions) {
  make_award();
  EXPECT_TRUE(IsInvalid(save(with_values({cell("OP1.1", {{"gender", "woman"}}, "9"),
                                          cell("OP1.1", {{"gender", "man"}, {"migrant_status", "migrant"}}, "2"),
                                          cell("OP1.1", nlohmann::json::object(), "11")})),
                        {"/indicator_values/1/dimensions", "/indicator_values/2/dimensions"}));
  // Each indicator may be broken down its own way.
  auto r = save(with_values({cell("OP1.1", {{"gender", "woman"}}, "9"), cell("OP1.1", {{"gender", "man"}}, "2"),
                             cell("OC1.1", {{"age_group", "under_25"}, {"migrant_status", "migrant"}}, "5")}));
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_P(ProgressReportsHttp, ExpendituresAreOnTheAwardsLinesInItsCurrencyOnceAndNotNegative) {
  // The scenario award and a second award from the same call to another organisation.
  usd_ = source("RCF-2027-14", "USD", "250000.00", "125000.00");
  eur_ = source("EU-CSO-2027-3", "EUR", "200000.00", "100000.00");
  const auto app = submitted({usd_, eur_});
  const auto other_app =
      submitted({usd_, eur_}, server().token_for("member", server().create_organisation("member", "LA")));
  travel_to("2027-03-10T09:00:00Z");
  rate("THB", "2027-03-01", "USD", "0.0281");
  rate("THB", "2027-03-01", "EUR", "0.0260");
  auto mine = decide(app, approval({{usd_, "300000.00"}, {eur_, "240000.00"}}));
  auto other = decide(other_app, approval({{usd_, "300000.00"}, {eur_, "240000.00"}}));
  ASSERT_EQ(mine.status, 201) << mine.body;
  ASSERT_EQ(other.status, 201) << other.body;
  const auto award = mine.json();
  award_id_ = award.at("id").get<std::string>();
  for (const auto& line : award.at("budget_lines")) lines_.push_back(line.at("id").get<std::string>());
  report_ = schedule(token_as("programme")).at(0).at("id").get<std::string>();
  const auto foreign_line = other.json().at("budget_lines")[0].at("id").get<std::string>();

  auto body = content();
  body["expenditures"] = {spend(kUnknownId, "10.00"), spend(foreign_line, "10.00"), spend(lines_[0], "10.00", "USD"),
                          spend(lines_[2], "10.00"), spend(lines_[2], "20.00")};
  EXPECT_TRUE(IsInvalid(save(body), {"/expenditures/0/budget_line_id", "/expenditures/1/budget_line_id",
                                     "/expenditures/2/amount/currency", "/expenditures/4/budget_line_id"}));
  // Amounts that are no THB amount at all are refused as they are read.
  body["expenditures"] = {spend(lines_[0], "-10.00"), spend(lines_[1], "10.0"), spend(lines_[2], "10.00", "XYZ")};
  EXPECT_TRUE(IsInvalid(save(body), {"/expenditures/0/amount/amount", "/expenditures/1/amount/amount",
                                     "/expenditures/2/amount/currency"}));
  EXPECT_EQ(status(), "pending");
  body["expenditures"] = {spend(lines_[0], "0.00"), spend(lines_[2], "60000.00")};
  auto r = save(body);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("expenditures"), body.at("expenditures"));
}

TEST_P(ProgressReportsHttp, SubmittingNeedsADraftAndThePeriodsEnd) {
  make_award();
  travel_to("2027-07-01T09:00:00Z");
  EXPECT_TRUE(IsProblem(submit(), 409));  // pending: never saved
  travel_to("2027-06-29T23:59:59Z");
  ASSERT_EQ(save(content()).status, 200);
  EXPECT_TRUE(IsProblem(submit(), 409));  // the period runs until 2027-06-30
  EXPECT_EQ(status(), "draft");
  travel_to("2027-06-30T00:00:00Z");
  auto r = submit();
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("status"), "submitted");
  EXPECT_EQ(r.json().at("submitted_at"), "2027-06-30T00:00:00Z");
  EXPECT_EQ(r.json().at("version"), 3);
  EXPECT_EQ(r.header("etag"), "\"3\"");
  EXPECT_TRUE(IsProblem(submit(), 409));  // once
  // Submitted: the member can no longer change it.
  EXPECT_TRUE(IsProblem(save(content()), 409));
  EXPECT_EQ(read(token_as("member")).json().at("version"), 3);
}

TEST_P(ProgressReportsHttp, SubmittingNeedsANarrativeAndAValueForEachTargetedIndicator) {
  make_award();
  travel_to("2027-07-01T09:00:00Z");
  ASSERT_EQ(
      save(
          {{"narrative", ""}, {"indicator_values", nlohmann::json::array()}, {"expenditures", nlohmann::json::array()}})
          .status,
      200);
  EXPECT_TRUE(IsInvalid(submit(), {"/indicator_values", "/indicator_values", "/narrative"}));
  ASSERT_EQ(save(with_values(nlohmann::json::array({cell("OP1.1", {{"gender", "woman"}}, "9")}))).status, 200);
  EXPECT_TRUE(IsInvalid(submit(), {"/indicator_values"}));  // OC1.1 has no value
  EXPECT_EQ(status(), "draft");
  ASSERT_EQ(
      save(with_values({cell("OP1.1", {{"gender", "woman"}}, "9"), cell("OC1.1", {{"gender", "woman"}}, "0")})).status,
      200);
  EXPECT_EQ(submit().status, 200);  // spending is not required
}

TEST_P(ProgressReportsHttp, ReturnedReportsCarryTheReasonAndGoBackToTheMember) {
  make_award();
  ASSERT_EQ(save(content()).status, 200);
  EXPECT_TRUE(IsProblem(send_back("Too early."), 409));  // a draft
  travel_to("2027-07-01T09:00:00Z");
  ASSERT_EQ(submit().status, 200);
  EXPECT_TRUE(IsInvalid(command("return", token_as("programme"), nlohmann::json::object()), {"/reason"}));
  EXPECT_TRUE(IsInvalid(send_back(""), {"/reason"}));
  EXPECT_EQ(status(), "submitted");
  auto r = send_back("Split the stipends by district, please.");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("status"), "returned");
  EXPECT_EQ(r.json().at("return_reason"), "Split the stipends by district, please.");
  EXPECT_EQ(r.json().at("decided_at"), "2027-07-01T09:00:00Z");
  EXPECT_EQ(read(token_as("member")).json().at("return_reason"), "Split the stipends by district, please.");
  EXPECT_TRUE(IsProblem(send_back("Again."), 409));  // returned already
  EXPECT_TRUE(IsProblem(accept(), 409));             // only a submitted report is accepted
  // The member edits it (returned -> draft) and files it again.
  auto edited = save(content());
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json().at("status"), "draft");
  auto again = submit();
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json().at("status"), "submitted");
  // A returned report may also be submitted unchanged.
  ASSERT_EQ(send_back("One more look.").status, 200);
  EXPECT_EQ(submit().json().at("status"), "submitted");
  EXPECT_EQ(accept().json().at("status"), "accepted");
}

TEST_P(ProgressReportsHttp, OnlyASubmittedReportIsAcceptedAndThenItIsFrozen) {
  make_award();
  EXPECT_TRUE(IsProblem(accept(), 409));  // pending
  ASSERT_EQ(save(content()).status, 200);
  EXPECT_TRUE(IsProblem(accept(), 409));  // draft
  travel_to("2027-07-01T09:00:00Z");
  ASSERT_EQ(submit().status, 200);
  auto r = accept();
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("status"), "accepted");
  EXPECT_EQ(r.json().at("version"), 4);
  EXPECT_EQ(r.json().at("decided_at"), "2027-07-01T09:00:00Z");
  const auto frozen = read(token_as("member"));
  EXPECT_TRUE(IsProblem(put(with_values(nlohmann::json::array()), frozen.header("etag")), 409));
  EXPECT_TRUE(IsProblem(submit(), 409));
  EXPECT_TRUE(IsProblem(send_back("Late second thoughts."), 409));
  EXPECT_TRUE(IsProblem(accept(), 409));
  EXPECT_EQ(read(token_as("member")).body, frozen.body);
  // Its spending is on the award's books: 95,000.00 + 40,000.00 + 12,345.67.
  const auto totals = http().get(kApi + "/awards/" + award_id_, token_as("member")).json().at("totals");
  EXPECT_EQ(totals.at("spent"), money("147345.67"));
}

TEST_P(ProgressReportsHttp, AcceptingAReportWithoutSpendingBooksNothing) {
  make_award();
  auto body = content();
  body["expenditures"] = nlohmann::json::array();
  ASSERT_EQ(save(body).status, 200);
  travel_to("2027-07-01T09:00:00Z");
  ASSERT_EQ(submit().status, 200);
  const auto before = http().get(kApi + "/ledger/trial-balance", token_as("finance")).json();
  ASSERT_EQ(accept().status, 200);
  EXPECT_EQ(http().get(kApi + "/ledger/trial-balance", token_as("finance")).json(), before);
  EXPECT_EQ(http().get(kApi + "/awards/" + award_id_, token_as("member")).json().at("totals").at("spent"),
            money("0.00"));
  const auto trail = audit_trail("entity_type=progress_report&entity_id=" + report_);
  ASSERT_FALSE(trail.empty());
  EXPECT_EQ(trail[0].at("action"), "progress_report.accept");
  EXPECT_FALSE(trail[0].at("details").contains("spent"));
  // Tranche 2 waits for this report only: it may be requested now.
  auto headers = bearer(token_as("programme"));
  headers["Idempotency-Key"] = "tranche-2";
  const nlohmann::json request = {{"tranche_id", award_.at("tranches")[1].at("id")}, {"amount", money("180000.00")}};
  EXPECT_EQ(http().request("POST", kApi + "/awards/" + award_id_ + "/disbursements", request.dump(), headers).status,
            201);
}

TEST_P(ProgressReportsHttp, AcceptingNeedsARateOnOrBeforeThePeriodsEnd) {
  // Decided on 2027-04-10 with a rate of 2027-04-05, for an award from
  // 2027-01-01: its first period ends on 2027-03-31, before any rate.
  usd_ = source("RCF-2027-14", "USD", "250000.00", "125000.00");
  auto body = proposal();
  body["start_date"] = "2027-01-01";
  const auto award = custom_award(body, usd_, "2027-04-10T09:00:00Z", "2027-04-05", "0.0281");
  award_id_ = award.at("id").get<std::string>();
  for (const auto& line : award.at("budget_lines")) lines_.push_back(line.at("id").get<std::string>());
  const auto first = schedule(token_as("programme")).at(0);
  ASSERT_EQ(first.at("period_end"), "2027-03-31");
  report_ = first.at("id").get<std::string>();
  ASSERT_EQ(save(content()).status, 200);
  ASSERT_EQ(submit().status, 200);
  const auto before = http().get(kApi + "/ledger/trial-balance", token_as("finance")).json();
  EXPECT_TRUE(IsProblem(accept(), 409));
  EXPECT_EQ(status(), "submitted");
  EXPECT_EQ(http().get(kApi + "/ledger/trial-balance", token_as("finance")).json(), before);  // nothing booked
  EXPECT_EQ(balances(usd_).at("spent").at("amount"), "0.00");
  // With a rate for 2027-03-31: 147,345.67 THB x 0.0290 = 4,273.02443 -> 4,273.02 USD.
  rate("THB", "2027-03-31", "USD", "0.0290");
  ASSERT_EQ(accept().status, 200);
  EXPECT_EQ(balances(usd_).at("spent"), (nlohmann::json{{"currency", "USD"}, {"amount", "4273.02"}}));
}

TEST_P(ProgressReportsHttp, DonorsAndReviewersAreRefusedOnEveryRoute) {
  make_award();
  for (const auto& role : {"donor", "reviewer"}) {
    const auto& t = token_as(role);
    EXPECT_TRUE(IsProblem(http().get(kApi + "/awards/" + award_id_ + "/progress-reports", t), 403)) << role;
    EXPECT_TRUE(IsProblem(read(t), 403)) << role;
    EXPECT_TRUE(IsProblem(put(content(), "\"1\"", t), 403)) << role;
    EXPECT_TRUE(IsProblem(command("submit", t), 403)) << role;
    EXPECT_TRUE(IsProblem(command("accept", t), 403)) << role;
    EXPECT_TRUE(IsProblem(command("return", t, nlohmann::json{{"reason", "No."}}), 403)) << role;
  }
  EXPECT_EQ(read(token_as("programme")).json().at("version"), 1);
}

TEST_P(ProgressReportsHttp, OnlyMembersWriteAndOnlyProgrammeStaffDecide) {
  make_award();
  for (const auto& role : {"admin", "programme", "finance"}) {
    EXPECT_TRUE(IsProblem(put(content(), "\"1\"", token_as(role)), 403)) << role;
    EXPECT_TRUE(IsProblem(command("submit", token_as(role)), 403)) << role;
  }
  ASSERT_EQ(save(content()).status, 200);
  travel_to("2027-07-01T09:00:00Z");
  ASSERT_EQ(submit().status, 200);
  for (const auto& role : {"admin", "finance", "member"}) {
    EXPECT_TRUE(IsProblem(command("accept", token_as(role)), 403)) << role;
    EXPECT_TRUE(IsProblem(command("return", token_as(role), nlohmann::json{{"reason", "No."}}), 403)) << role;
  }
  EXPECT_EQ(status(), "submitted");
  EXPECT_EQ(accept().status, 200);
}

TEST_P(ProgressReportsHttp, AnotherOrganisationsMemberFindsNothingAndIsAudited) {
  make_award();
  ASSERT_EQ(save(content()).status, 200);
  const auto other_org = server().create_organisation("member", "VN");
  const auto other = server().token_for("member", other_org);
  const auto missing = http().get(path(kUnknownId), other);
  const auto foreign = http().get(path(report_), other);
  EXPECT_TRUE(IsProblem(foreign, 404));
  EXPECT_EQ(foreign.body, missing.body);
  const auto put_missing = put(content(), "\"2\"", other, kUnknownId);
  const auto put_foreign = put(content(), "\"2\"", other);
  EXPECT_TRUE(IsProblem(put_foreign, 404));
  EXPECT_EQ(put_foreign.body, put_missing.body);
  const auto submit_missing = command("submit", other, {}, kUnknownId);
  const auto submit_foreign = command("submit", other);
  EXPECT_TRUE(IsProblem(submit_foreign, 404));
  EXPECT_EQ(submit_foreign.body, submit_missing.body);
  EXPECT_TRUE(IsProblem(http().get(kApi + "/awards/" + award_id_ + "/progress-reports", other), 404));
  // Nothing changed, and each attempt is on the trail as denied.
  const auto now = read(token_as("member")).json();
  EXPECT_EQ(now.at("version"), 2);
  EXPECT_EQ(now.at("narrative"), kNarrative);
  std::vector<std::string> denied;
  for (const auto& e : audit_trail("entity_type=progress_report&entity_id=" + report_))
    if (e.at("outcome") == "denied") {
      EXPECT_EQ(e.at("actor_organisation_id"), other_org);
      EXPECT_EQ(e.at("actor_role"), "member");
      denied.push_back(e.at("action").get<std::string>());
    }
  EXPECT_EQ(denied,
            (std::vector<std::string>{"progress_report.submit", "progress_report.update", "progress_report.read"}));
  // Unknown ids leave no trail of their own.
  EXPECT_TRUE(audit_trail("entity_type=progress_report&entity_id=" + kUnknownId).empty());
}

TEST_P(ProgressReportsHttp, TheAuditTrailRecordsEachStepButNeverTheNarrative) {
  make_award();
  ASSERT_EQ(save(content()).status, 200);
  travel_to("2027-07-01T09:00:00Z");
  ASSERT_EQ(submit().status, 200);
  ASSERT_EQ(send_back("Add the district breakdown.").status, 200);
  ASSERT_EQ(save(content()).status, 200);
  ASSERT_EQ(submit().status, 200);
  ASSERT_EQ(accept().status, 200);
  const auto trail = audit_trail("entity_type=progress_report&entity_id=" + report_);
  std::vector<std::string> steps;
  for (const auto& e : trail) {
    EXPECT_EQ(e.at("outcome"), "success");
    steps.push_back(e.at("action").get<std::string>() + " " + e.at("details").at("status").get<std::string>());
  }
  EXPECT_EQ(steps, (std::vector<std::string>{
                       "progress_report.accept submitted -> accepted", "progress_report.submit draft -> submitted",
                       "progress_report.update returned -> draft", "progress_report.return submitted -> returned",
                       "progress_report.submit draft -> submitted", "progress_report.update pending -> draft"}));
  EXPECT_EQ(trail[0].at("details").at("spent"), "147345.67 THB");
  EXPECT_EQ(trail[0].at("details").at("award_id"), award_id_);
  EXPECT_EQ(trail[3].at("details").at("reason"), "Add the district breakdown.");
  for (const auto& e : audit_trail()) {
    const auto text = e.dump();
    EXPECT_EQ(text.find("Twelve peer monitors"), std::string::npos) << text;
    EXPECT_EQ(text.find("police raids"), std::string::npos) << text;
  }
}

MSWA_HTTP_ON_EVERY_BACKEND(ProgressReportsHttp);

}  // namespace mswa::test
