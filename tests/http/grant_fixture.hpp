#pragma once
// What the grant lifecycle tests share: a donor's funding source and the
// call of the lifecycle scenario.
#include "tests/http/http_fixture.hpp"

namespace mswa::test {

class GrantHttpTest : public HttpTest {
 protected:
  std::string funding_source() {
    if (source_.empty()) {
      auto r = http().post(kApi + "/funding-sources",
                           {{"donor_organisation_id", donor_org()},
                            {"reference", "RCF-2027-14"},
                            {"title", "Core support 2027"},
                            {"amount", {{"currency", "USD"}, {"amount", "250000.00"}}},
                            {"start_date", "2027-01-01"},
                            {"end_date", "2028-12-31"},
                            {"result_codes", {"OP1", "OC1"}}},
                           token_as("finance"));
      EXPECT_EQ(r.status, 201) << r.body;
      source_ = r.json().at("id").get<std::string>();
    }
    return source_;
  }
  // The call of the lifecycle scenario; opens at the test clock's start.
  // Funded by `sources`, or by the fixture's own funding source.
  nlohmann::json call_body(std::vector<std::string> sources = {}) {
    if (sources.empty()) sources = {funding_source()};
    return {{"title", "Community human rights monitoring 2027"},
            {"description", "Community-led documentation of violence against sex workers."},
            {"currency", "THB"},
            {"envelope", {{"currency", "THB"}, {"amount", "3000000.00"}}},
            {"max_award", {{"currency", "THB"}, {"amount", "600000.00"}}},
            {"opens_at", "2026-11-22T10:00:00Z"},
            {"closes_at", "2027-02-28T17:00:00Z"},
            {"eligible_countries", {"KH", "LA", "MM", "TH", "VN"}},
            {"result_codes", {"OP1", "OC1"}},
            {"criteria",
             {{{"key", "relevance"}, {"label", "Relevance to the logframe"}, {"weight", 40}},
              {{"key", "leadership"}, {"label", "Sex worker leadership"}, {"weight", 35}},
              {{"key", "value"}, {"label", "Value for money"}, {"weight", 25}}}},
            {"questions",
             {{{"key", "need"}, {"label", "What need does this answer?"}, {"required", true}, {"max_length", 4000}},
              {{"key", "safety"}, {"label", "How will you keep monitors safe?"}, {"required", true}, {"max_length", 2000}}}},
            {"reporting_frequency", "quarterly"},
            {"funding_source_ids", sources}};
  }
  HttpResult create(const nlohmann::json& body, const std::string& token = {}) {
    return http().post(kApi + "/calls", body, token.empty() ? token_as("programme") : token);
  }
  std::string create_call() {
    auto r = create(call_body());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("id").get<std::string>();
  }
  HttpResult act(const std::string& id, const std::string& action, const std::string& token = {}) {
    return http().request("POST", kApi + "/calls/" + id + "/" + action, std::nullopt,
                          bearer(token.empty() ? token_as("programme") : token));
  }

  // A call opened for submissions.
  std::string open_call() {
    const auto id = create_call();
    EXPECT_EQ(act(id, "open").status, 200);
    return id;
  }

  // A complete proposal to the scenario's call: 540,000.00 THB in three budget lines.
  nlohmann::json proposal() {
    return {{"title", "Community monitoring of violence in Phnom Penh"},
            {"summary", "Peer monitors document incidents and accompany survivors."},
            {"requested", {{"currency", "THB"}, {"amount", "540000.00"}}},
            {"start_date", "2027-04-01"},
            {"duration_months", 12},
            {"answers", {{"need", "Violence goes unrecorded."}, {"safety", "Monitors work in pairs."}}},
            {"budget_lines",
             {{{"category", "personnel"}, {"description", "Monitor stipends"}, {"amount", {{"currency", "THB"}, {"amount", "300000.00"}}}},
              {{"category", "activities"}, {"description", "Workshops"}, {"amount", {{"currency", "THB"}, {"amount", "180000.00"}}}},
              {{"category", "administration"}, {"description", "Office"}, {"amount", {{"currency", "THB"}, {"amount", "60000.00"}}}}}},
            {"targets",
             {{{"indicator_code", "OP1.1"}, {"baseline", "0"}, {"target", "120"}},
              {{"indicator_code", "OC1.1"}, {"baseline", "40"}, {"target", "300"}}}}};
  }


  // A funding source of a new donor, with `received` already received.
  std::string source(const std::string& reference, const std::string& currency, const std::string& amount,
                     const std::string& received) {
    const auto donor = server().create_organisation("donor", currency == "EUR" ? "SE" : "GB");
    auto r = http().post(kApi + "/funding-sources",
                         {{"donor_organisation_id", donor},
                          {"reference", reference},
                          {"title", "Core support"},
                          {"amount", {{"currency", currency}, {"amount", amount}}},
                          {"start_date", "2027-01-01"},
                          {"end_date", "2028-12-31"},
                          {"result_codes", {"OP1", "OC1"}}},
                         token_as("finance"));
    EXPECT_EQ(r.status, 201) << r.body;
    const auto id = r.json().at("id").get<std::string>();
    EXPECT_EQ(http().post(kApi + "/funding-sources/" + id + "/receipts",
                          {{"amount", {{"currency", currency}, {"amount", received}}}, {"received_on", "2027-01-10"}},
                          token_as("finance"))
                  .status,
              201);
    return id;
  }
  void rate(const std::string& currency, const std::string& date, const std::string& base, const std::string& value) {
    auto r = http().request("PUT", kApi + "/fx-rates/" + currency + "/" + date,
                            nlohmann::json{{"base", base}, {"rate", value}}.dump(), bearer(token_as("finance")));
    EXPECT_LT(r.status, 300) << r.body;
  }
  // An open call funded by `sources`, and a submitted proposal to it.
  std::string submitted(const std::vector<std::string>& sources, const std::string& member_token = {}) {
    if (call_.empty()) {
      auto r = http().post(kApi + "/calls", call_body(sources), token_as("programme"));
      EXPECT_EQ(r.status, 201) << r.body;
      call_ = r.json().at("id").get<std::string>();
      EXPECT_EQ(act(call_, "open").status, 200);
    }
    const auto& token = member_token.empty() ? token_as("member") : member_token;
    auto r = http().post(kApi + "/calls/" + call_ + "/applications", proposal(), token);
    EXPECT_EQ(r.status, 201) << r.body;
    const auto id = r.json().at("id").get<std::string>();
    EXPECT_EQ(http().request("POST", kApi + "/applications/" + id + "/submit", std::nullopt, bearer(token)).status, 200);
    return id;
  }
  static nlohmann::json money(const std::string& amount) { return {{"currency", "THB"}, {"amount", amount}}; }
  static nlohmann::json approval(const std::vector<std::pair<std::string, std::string>>& funding,
                                 const std::string& amount = "540000.00") {
    nlohmann::json f = nlohmann::json::array();
    for (const auto& [id, part] : funding) f.push_back({{"funding_source_id", id}, {"amount", money(part)}});
    return {{"decision", "approve"},
            {"reason", "Strong, safe, community-led."},
            {"amount", money(amount)},
            {"tranches",
             {{{"due_on", "2027-04-15"}, {"amount", money("180000.00")}, {"condition", "none"}},
              {{"due_on", "2027-07-15"}, {"amount", money("180000.00")}, {"condition", "report_accepted"}},
              {{"due_on", "2027-10-15"}, {"amount", money("180000.00")}, {"condition", "report_accepted"}}}},
            {"funding", f}};
  }
  HttpResult decide(const std::string& app, const nlohmann::json& body, const std::string& token = {}) {
    return http().post(kApi + "/applications/" + app + "/decision", body, token.empty() ? token_as("programme") : token);
  }
  nlohmann::json balances(const std::string& source_id) {
    return http().get(kApi + "/funding-sources/" + source_id, token_as("finance")).json().at("balances");
  }

  // The award of the lifecycle scenario, decided on 2027-03-10: 540,000.00 THB
  // from a USD source (300,000.00 THB at 0.0281) and a EUR one (240,000.00 THB
  // at 0.0260), in three tranches of 180,000.00 (the second and third waiting
  // for reports), with quarterly reports from 2027-04-01.
  nlohmann::json scenario_award() {
    usd_ = source("RCF-2027-14", "USD", "250000.00", "125000.00");
    eur_ = source("EU-CSO-2027-3", "EUR", "200000.00", "100000.00");
    const auto app = submitted({usd_, eur_});
    travel_to("2027-03-10T09:00:00Z");
    rate("THB", "2027-03-01", "USD", "0.0281");
    rate("THB", "2027-03-01", "EUR", "0.0260");
    auto r = decide(app, approval({{usd_, "300000.00"}, {eur_, "240000.00"}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  std::string source_;
  std::string call_;
  std::string usd_, eur_;  // the scenario's funding sources
};

}  // namespace mswa::test
