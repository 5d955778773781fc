// The grant lifecycle of the user guide (docs/guide/lifecycle.md), end to
// end: a call, a Cambodian member's proposal saved several times and
// submitted, peer review with one recusal, and an approval in three tranches
// funded by two donors in USD and EUR, with balances checked to the minor unit.
#include "tests/http/grant_fixture.hpp"

namespace mswa::test {

class LifecycleHttp : public GrantHttpTest {
 protected:
  std::string post_id(const std::string& path, const nlohmann::json& body, const std::string& token) {
    auto r = http().post(kApi + path, body, token);
    EXPECT_EQ(r.status, 201) << path << ": " << r.body;
    return r.json().at("id").get<std::string>();
  }
  HttpResult post(const std::string& path, const std::string& token) {
    return http().request("POST", kApi + path, std::nullopt, bearer(token));
  }
  std::string donor_source(const std::string& country, const std::string& reference, const std::string& currency,
                           const std::string& amount, const std::string& received) {
    const auto donor = server().create_organisation("donor", country);
    const auto id = post_id("/funding-sources",
                            {{"donor_organisation_id", donor}, {"reference", reference}, {"title", "Core support 2027"},
                             {"amount", {{"currency", currency}, {"amount", amount}}}, {"start_date", "2027-01-01"},
                             {"end_date", "2028-12-31"}, {"result_codes", {"OP1", "OC1"}}},
                            token_as("finance"));
    post_id("/funding-sources/" + id + "/receipts",
            {{"amount", {{"currency", currency}, {"amount", received}}}, {"received_on", "2027-01-10"}}, token_as("finance"));
    return id;
  }
  nlohmann::json balances(const std::string& id) {
    return http().get(kApi + "/funding-sources/" + id, token_as("finance")).json().at("balances");
  }
};

TEST_P(LifecycleHttp, FromCallToAwardWithBalancesToTheMinorUnit) {
  const auto& programme = token_as("programme");
  const auto& member = token_as("member");  // of a Cambodian member organisation
  const auto usd = donor_source("GB", "RCF-2027-14", "USD", "250000.00", "125000.00");
  const auto eur = donor_source("SE", "SIDA-2027-7", "EUR", "180000.00", "90000.00");

  // Programme staff open the call, funded by both sources.
  const auto call = post_id("/calls", call_body({usd, eur}), programme);
  ASSERT_EQ(post("/calls/" + call + "/open", programme).status, 200);

  // The member drafts, saves twice more, and submits.
  const auto app = post_id("/calls/" + call + "/applications", {{"title", "Community monitoring"}}, member);
  auto full = proposal();
  auto saved = http().patch(kApi + "/applications/" + app, {{"summary", full.at("summary")}, {"answers", full.at("answers")}},
                            member, {{"If-Match", "\"1\""}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  full.erase("summary");
  full.erase("answers");
  saved = http().patch(kApi + "/applications/" + app, full, member, {{"If-Match", saved.header("etag")}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  ASSERT_EQ(post("/applications/" + app + "/submit", member).status, 200);

  // Two peer reviewers: one declares a conflict of interest, the other scores.
  const auto peer_org = server().create_organisation("member", "TH");
  const auto recused_id = server().create_user("peer@example.org", "reviewer", peer_org);
  const auto scorer_id = server().create_user("scorer@example.org", "reviewer", std::nullopt);
  post_id("/applications/" + app + "/assignments", {{"reviewer_id", recused_id}}, programme);
  post_id("/applications/" + app + "/assignments", {{"reviewer_id", scorer_id}}, programme);
  post_id("/applications/" + app + "/reviews", {{"conflict_of_interest", true}}, server().login("peer@example.org"));
  post_id("/applications/" + app + "/reviews",
          {{"conflict_of_interest", false}, {"scores", {{"relevance", 5}, {"leadership", 4}, {"value", 4}}},
           {"comment", "Well planned."}, {"recommendation", "fund"}},
          server().login("scorer@example.org"));
  const auto summary = http().get(kApi + "/applications/" + app + "/reviews", programme).json().at("summary");
  EXPECT_EQ(summary, (nlohmann::json{{"weighted_score", "4.40"}, {"reviews_count", 1}, {"recused_count", 1}}));

  // Staff approve 540,000.00 THB in three tranches, from both donors.
  travel_to("2027-03-10T09:00:00Z");
  for (const auto& [base, value] : {std::pair{"USD", "0.0281"}, std::pair{"EUR", "0.0259"}})
    ASSERT_LT(http().request("PUT", kApi + "/fx-rates/THB/2027-03-01", nlohmann::json{{"base", base}, {"rate", value}}.dump(),
                             bearer(token_as("finance"))).status, 300);
  const auto thb = [](const char* amount) { return nlohmann::json{{"currency", "THB"}, {"amount", amount}}; };
  auto decided = http().post(
      kApi + "/applications/" + app + "/decision",
      {{"decision", "approve"},
       {"reason", "Strong community leadership; monitors' safety is planned."},
       {"amount", thb("540000.00")},
       {"tranches",
        {{{"due_on", "2027-04-15"}, {"amount", thb("180000.00")}, {"condition", "none"}},
         {{"due_on", "2027-07-15"}, {"amount", thb("180000.00")}, {"condition", "report_accepted"}},
         {{"due_on", "2027-10-15"}, {"amount", thb("180000.00")}, {"condition", "report_accepted"}}}},
       {"funding",
        {{{"funding_source_id", usd}, {"amount", thb("333333.33")}},
         {{"funding_source_id", eur}, {"amount", thb("206666.67")}}}}},
      token_as("programme"));
  ASSERT_EQ(decided.status, 201) << decided.body;
  const auto award = decided.json();
  EXPECT_EQ(award.at("reference"), "MSWA-2027-001");
  EXPECT_EQ(http().get(kApi + "/awards/" + award.at("id").get<std::string>() + "/progress-reports", token_as("member"))
                .json().at("items").size(),
            4u);

  // 333,333.33 THB x 0.0281 = 9,366.666573 -> 9,366.67 USD (half-even, once).
  // 206,666.67 THB x 0.0259 = 5,352.666753 -> 5,352.67 EUR.
  EXPECT_EQ(award.at("funding")[0].at("source_amount"), (nlohmann::json{{"currency", "USD"}, {"amount", "9366.67"}}));
  EXPECT_EQ(award.at("funding")[1].at("source_amount"), (nlohmann::json{{"currency", "EUR"}, {"amount", "5352.67"}}));
  EXPECT_EQ(balances(usd).at("available").at("amount"), "115633.33");  // 125,000.00 - 9,366.67
  EXPECT_EQ(balances(eur).at("available").at("amount"), "84647.33");   // 90,000.00 - 5,352.67
  EXPECT_EQ(http().get(kApi + "/applications/" + app, token_as("member")).json().at("status"), "approved");
}

MSWA_HTTP_ON_EVERY_BACKEND(LifecycleHttp);

}  // namespace mswa::test
