// GET /logframe, GET/POST /indicators.
#include "tests/http/http_fixture.hpp"

namespace mswa::test {

class LogframeHttp : public HttpTest {
 protected:
  nlohmann::json indicator(const std::string& code = "OP1.2") {
    return {{"code", code}, {"result_code", "OP1"}, {"title", "Community monitors trained"}, {"measure", "unit"},
            {"ascending", true}, {"dimensions", {"gender", "migrant_status"}}};
  }
  HttpResult create(const nlohmann::json& body, const std::string& token) {
    return http().post(kApi + "/indicators", body, token);
  }
};

TEST_P(LogframeHttp, EveryRoleReadsTheSeededLogframe) {
  for (const auto& role : {"admin", "programme", "finance", "reviewer", "member", "donor"}) {
    auto r = http().get(kApi + "/logframe", token_as(role));
    ASSERT_EQ(r.status, 200) << role << ": " << r.body;
    const auto results = r.json().at("results");
    ASSERT_EQ(results.size(), 11u);
    EXPECT_EQ(results[0].at("code"), "OC1");
    EXPECT_EQ(results[0].at("kind"), "outcome");
    EXPECT_EQ(results[10].at("code"), "OP6");
    EXPECT_EQ(results[10].at("kind"), "output");
    for (const auto& result : results) EXPECT_FALSE(result.at("indicators").empty()) << result.at("code");
  }
  EXPECT_TRUE(IsProblem(http().get(kApi + "/logframe"), 401));
}

TEST_P(LogframeHttp, SeedIndicatorsCarryTheirDimensions) {
  const auto items = http().get(kApi + "/indicators", token_as("member")).json().at("items");
  const auto op11 = std::find_if(items.begin(), items.end(), [](const auto& i) { return i.at("code") == "OP1.1"; });
  ASSERT_NE(op11, items.end());
  EXPECT_EQ(op11->at("title"), "VASW incidents documented by community monitors");
  EXPECT_EQ(op11->at("measure"), "unit");
  EXPECT_EQ(op11->at("dimensions"), (nlohmann::json{"gender", "migrant_status"}));
  const auto oc41 = std::find_if(items.begin(), items.end(), [](const auto& i) { return i.at("code") == "OC4.1"; });
  ASSERT_NE(oc41, items.end());
  EXPECT_EQ(oc41->at("dimensions"), (nlohmann::json{"gender", "migrant_status", "age_group"}));
}

TEST_P(LogframeHttp, ProgrammeStaffAddAnIndicator) {
  auto r = create(indicator(), token_as("programme"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("code"), "OP1.2");
  const auto logframe = http().get(kApi + "/logframe", token_as("donor")).json();
  const auto& op1 = logframe.at("results")[5];
  ASSERT_EQ(op1.at("code"), "OP1");
  EXPECT_EQ(op1.at("indicators").back().at("code"), "OP1.2");
  const auto trail = audit_trail("entity_type=indicator&entity_id=OP1.2");
  ASSERT_EQ(trail.size(), 1u);
  EXPECT_EQ(trail[0].at("action"), "indicator.create");
}

TEST_P(LogframeHttp, IndicatorsSortByNumberWithinTheirResult) {
  ASSERT_EQ(create(indicator("OP1.10"), admin()).status, 201);
  ASSERT_EQ(create(indicator("OP1.2"), admin()).status, 201);
  const auto op1 = http().get(kApi + "/logframe", admin()).json().at("results")[5].at("indicators");
  std::vector<std::string> codes;
  for (const auto& i : op1) codes.push_back(i.at("code"));
  EXPECT_EQ(codes, (std::vector<std::string>{"OP1.1", "OP1.2", "OP1.10"}));
}

TEST_P(LogframeHttp, OnlyProgrammeAndAdminWrite) {
  for (const auto& role : {"finance", "reviewer", "member", "donor"})
    EXPECT_TRUE(IsProblem(create(indicator(), token_as(role)), 403)) << role;
  EXPECT_TRUE(IsProblem(create(indicator(), ""), 401));
  EXPECT_EQ(create(indicator(), admin()).status, 201);
}

TEST_P(LogframeHttp, BadIndicatorsAreRefusedByField) {
  const auto& t = token_as("programme");
  auto body = indicator();
  body["code"] = "OC1.7";  // not under OP1
  EXPECT_TRUE(IsInvalid(create(body, t), {"/code"}));
  body = indicator();
  body["result_code"] = "OP9";
  body["code"] = "OP9.1";
  EXPECT_TRUE(IsInvalid(create(body, t), {"/result_code"}));
  body = indicator();
  body["measure"] = "ratio";
  body["dimensions"] = {"gender", "caste"};
  body["colour"] = "red";
  EXPECT_TRUE(IsInvalid(create(body, t), {"/colour", "/dimensions/1", "/measure"}));
  body = indicator();
  body["dimensions"] = {"gender", "gender"};
  EXPECT_TRUE(IsInvalid(create(body, t), {"/dimensions/1"}));
  body = indicator();
  body["measure"] = "qualitative";
  EXPECT_TRUE(IsInvalid(create(body, t), {"/dimensions"}));
  body = indicator("OP1.01");  // would shadow OP1.1
  EXPECT_TRUE(IsInvalid(create(body, t), {"/code"}));
  body = indicator();
  body["title"] = 5;
  EXPECT_TRUE(IsInvalid(create(body, t), {"/title"}));
  EXPECT_TRUE(IsInvalid(create(nlohmann::json::object(), t), {"/code", "/measure", "/result_code", "/title"}));
  EXPECT_TRUE(IsProblem(create(indicator("OP1.1"), t), 409));  // the seed indicator's code
  EXPECT_EQ(http().get(kApi + "/indicators", t).json().at("items").size(), 12u);  // nothing added
}

MSWA_HTTP_ON_EVERY_BACKEND(LogframeHttp);

}  // namespace mswa::test
