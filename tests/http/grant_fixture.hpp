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

  std::string source_;
};

}  // namespace mswa::test
