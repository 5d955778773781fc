// Funding sources, receipts and FX rates.
#include "tests/http/http_fixture.hpp"

namespace mswa::test {

class FundingHttp : public HttpTest {
 protected:
  nlohmann::json source(const std::string& donor, const std::string& reference = "RCF-2027-14") {
    return {{"donor_organisation_id", donor},
            {"reference", reference},
            {"title", "Core support 2027"},
            {"amount", {{"currency", "USD"}, {"amount", "250000.00"}}},
            {"start_date", "2027-01-01"},
            {"end_date", "2028-12-31"},
            {"result_codes", {"OP1", "OC1"}}};
  }
  std::string create_source(const std::string& donor, const std::string& reference = "RCF-2027-14") {
    auto r = http().post(kApi + "/funding-sources", source(donor, reference), token_as("finance"));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("id").get<std::string>();
  }
  HttpResult receipt(const std::string& id, const std::string& amount, const std::string& currency = "USD",
                     const std::string& token = {}) {
    return http().post(kApi + "/funding-sources/" + id + "/receipts",
                       {{"amount", {{"currency", currency}, {"amount", amount}}}, {"received_on", "2027-01-10"}},
                       token.empty() ? token_as("finance") : token);
  }
  HttpResult put_rate(const std::string& path, const nlohmann::json& body, const std::string& token) {
    return http().request("PUT", kApi + "/fx-rates/" + path, body.dump(), bearer(token));
  }
};

TEST_P(FundingHttp, FinanceRecordsASourceAndItsReceipts) {
  const auto id = create_source(donor_org());
  ASSERT_EQ(receipt(id, "125000.00").status, 201);
  ASSERT_EQ(receipt(id, "0.01").status, 201);
  auto r = http().get(kApi + "/funding-sources/" + id, token_as("finance"));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = r.json();
  EXPECT_EQ(j.at("reference"), "RCF-2027-14");
  EXPECT_EQ(j.at("amount"), (nlohmann::json{{"currency", "USD"}, {"amount", "250000.00"}}));
  EXPECT_EQ(j.at("result_codes"), (nlohmann::json{"OC1", "OP1"}));
  EXPECT_EQ(j.at("balances").at("received"), (nlohmann::json{{"currency", "USD"}, {"amount", "125000.01"}}));
  EXPECT_EQ(j.at("balances").at("allocated").at("amount"), "0.00");
  EXPECT_EQ(j.at("balances").at("available").at("amount"), "125000.01");
  const auto trail = audit_trail("entity_type=funding_source&entity_id=" + id);
  ASSERT_EQ(trail.size(), 3u);
  EXPECT_EQ(trail[0].at("action"), "funding_source.receipt");
  EXPECT_EQ(trail[2].at("action"), "funding_source.create");
}

TEST_P(FundingHttp, ADonorSeesOnlyItsOwnSources) {
  const auto own = create_source(donor_org(), "OWN-1");
  const auto other_donor = server().create_organisation("donor", "SE");
  const auto other = create_source(other_donor, "OTHER-1");
  const auto& donor = token_as("donor");
  EXPECT_EQ(ids_of(all_pages(kApi + "/funding-sources", donor)), (std::vector<std::string>{own}));
  EXPECT_EQ(http().get(kApi + "/funding-sources/" + own, donor).status, 200);
  auto foreign = http().get(kApi + "/funding-sources/" + other, donor);
  auto missing = http().get(kApi + "/funding-sources/" + kUnknownId, donor);
  EXPECT_TRUE(IsProblem(foreign, 404));
  EXPECT_EQ(foreign.body, missing.body);
  EXPECT_EQ(ids_of(all_pages(kApi + "/funding-sources", token_as("programme"))).size(), 2u);
  const auto denied = audit_trail("entity_type=funding_source&entity_id=" + other);
  EXPECT_EQ(denied.front().at("outcome"), "denied");
}

TEST_P(FundingHttp, MembersAndReviewersReachNoFundingRoute) {
  const auto id = create_source(donor_org());
  for (const auto& role : {"member", "reviewer"}) {
    EXPECT_TRUE(IsProblem(http().get(kApi + "/funding-sources", token_as(role)), 403)) << role;
    EXPECT_TRUE(IsProblem(http().get(kApi + "/funding-sources/" + id, token_as(role)), 403)) << role;
  }
  for (const auto& role : {"programme", "member", "donor", "reviewer"}) {
    EXPECT_TRUE(IsProblem(http().post(kApi + "/funding-sources", source(donor_org(), "X"), token_as(role)), 403));
    EXPECT_TRUE(IsProblem(receipt(id, "1.00", "USD", token_as(role)), 403)) << role;
  }
  EXPECT_TRUE(IsProblem(receipt(id, "1.00", "USD", admin()), 403));  // receipts are finance's
}

TEST_P(FundingHttp, BadSourcesAreRefusedByField) {
  const auto& t = token_as("finance");
  auto body = source(donor_org());
  body["amount"]["amount"] = 250000;  // a JSON number is not money
  EXPECT_TRUE(IsInvalid(http().post(kApi + "/funding-sources", body, t), {"/amount/amount"}));
  body = source(donor_org());
  body["amount"] = {{"currency", "USD"}, {"amount", "250000.5"}};
  EXPECT_TRUE(IsInvalid(http().post(kApi + "/funding-sources", body, t), {"/amount/amount"}));
  body["amount"] = {{"currency", "XYZ"}, {"amount", "1.00"}, {"note", "x"}};
  EXPECT_TRUE(IsInvalid(http().post(kApi + "/funding-sources", body, t), {"/amount/currency", "/amount/note"}));
  body = source(donor_org());
  body["end_date"] = "2026-12-31";  // before the start
  body["result_codes"] = {"OP1", "OP7", "OP1"};
  EXPECT_TRUE(IsInvalid(http().post(kApi + "/funding-sources", body, t),
                        {"/end_date", "/result_codes/1", "/result_codes/2"}));
  body = source(donor_org());
  body["start_date"] = "2027-02-30";
  body["end_date"] = "31/12/2028";
  EXPECT_TRUE(IsInvalid(http().post(kApi + "/funding-sources", body, t), {"/end_date", "/start_date"}));
  body = source(member_org());  // not a donor
  EXPECT_TRUE(IsInvalid(http().post(kApi + "/funding-sources", body, t), {"/donor_organisation_id"}));
  body = source(donor_org());
  body["amount"]["amount"] = "0.00";
  EXPECT_TRUE(IsInvalid(http().post(kApi + "/funding-sources", body, t), {"/amount/amount"}));
  EXPECT_TRUE(IsInvalid(http().post(kApi + "/funding-sources", nlohmann::json::object(), t),
                        {"/amount", "/donor_organisation_id", "/end_date", "/reference", "/result_codes",
                         "/start_date", "/title"}));
  create_source(donor_org(), "DUP");
  EXPECT_TRUE(IsProblem(http().post(kApi + "/funding-sources", source(donor_org(), "DUP"), t), 409));
  EXPECT_EQ(all_pages(kApi + "/funding-sources", t).size(), 1u);
}

TEST_P(FundingHttp, ReceiptsMustBeInTheSourcesCurrency) {
  const auto id = create_source(donor_org());
  EXPECT_TRUE(IsInvalid(receipt(id, "100.00", "EUR"), {"/amount/currency"}));
  EXPECT_TRUE(IsInvalid(receipt(id, "0.00"), {"/amount/amount"}));
  EXPECT_TRUE(IsInvalid(receipt(id, "10"), {"/amount/amount"}));
  EXPECT_TRUE(IsProblem(receipt(kUnknownId, "10.00"), 404));
  const auto j = http().get(kApi + "/funding-sources/" + id, token_as("finance")).json();
  EXPECT_EQ(j.at("balances").at("received").at("amount"), "0.00");
}

TEST_P(FundingHttp, FxRatesArePutAsExactDecimals) {
  const auto& finance = token_as("finance");
  auto created = put_rate("THB/2027-01-15", {{"base", "USD"}, {"rate", "0.0281"}}, finance);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json().at("rate"), "0.0281");
  auto replaced = put_rate("THB/2027-01-15", {{"base", "USD"}, {"rate", "0.02815"}}, finance);
  EXPECT_EQ(replaced.status, 200);
  ASSERT_EQ(put_rate("THB/2027-01-15", {{"base", "EUR"}, {"rate", "0.0260"}}, finance).status, 201);
  const auto items = http().get(kApi + "/fx-rates?currency=THB&base=USD", token_as("programme")).json().at("items");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("rate"), "0.02815");
  EXPECT_EQ(items[0].at("date"), "2027-01-15");
  EXPECT_EQ(http().get(kApi + "/fx-rates", finance).json().at("items").size(), 2u);
}

TEST_P(FundingHttp, BadFxRatesAreRefused) {
  const auto& finance = token_as("finance");
  EXPECT_TRUE(IsInvalid(put_rate("THB/2027-01-15", {{"base", "USD"}, {"rate", 0.0281}}, finance), {"/rate"}));
  EXPECT_TRUE(IsInvalid(put_rate("THB/2027-01-15", {{"base", "THB"}, {"rate", "1"}}, finance), {"/base"}));
  EXPECT_TRUE(IsInvalid(put_rate("THB/2027-01-15", {{"base", "XYZ"}, {"rate", "0"}}, finance), {"/base", "/rate"}));
  EXPECT_TRUE(IsInvalid(put_rate("THB/2027-01-15", {{"base", "USD"}, {"rate", "1e-2"}}, finance), {"/rate"}));
  EXPECT_TRUE(IsProblem(put_rate("XYZ/2027-01-15", {{"base", "USD"}, {"rate", "1"}}, finance), 404));
  EXPECT_TRUE(IsProblem(put_rate("THB/2027-02-30", {{"base", "USD"}, {"rate", "1"}}, finance), 404));
  for (const auto& role : {"admin", "programme", "member", "donor", "reviewer"})
    EXPECT_TRUE(IsProblem(put_rate("THB/2027-01-15", {{"base", "USD"}, {"rate", "0.03"}}, token_as(role)), 403));
  for (const auto& role : {"member", "donor", "reviewer"})
    EXPECT_TRUE(IsProblem(http().get(kApi + "/fx-rates", token_as(role)), 403)) << role;
  EXPECT_TRUE(http().get(kApi + "/fx-rates", finance).json().at("items").empty());
}

MSWA_HTTP_ON_EVERY_BACKEND(FundingHttp);

}  // namespace mswa::test
