// POST/GET /organisations, GET/PATCH /organisations/{id}: admin and programme
// write; everybody reads within their scope.
#include "tests/http/http_fixture.hpp"

namespace mswa::test {

class OrganisationsHttp : public HttpTest {
 protected:
  static nlohmann::json new_org(const std::string& name = "Example Network", const std::string& kind = "member") {
    return {{"name", name},       {"name_en", "Example Network"}, {"kind", kind},          {"country", "KH"},
            {"sex_worker_led", true}, {"publication", "pseudonymous"}, {"iati_ref", nullptr}};
  }
  HttpResult create(const nlohmann::json& body, const std::string& token = {}) {
    return http().post(kApi + "/organisations", body, token.empty() ? admin() : token);
  }
  HttpResult get_org(const std::string& id, const std::string& token = {}) {
    return http().get(kApi + "/organisations/" + id, token.empty() ? admin() : token);
  }
  HttpResult patch_org(const std::string& id, const nlohmann::json& body, const std::string& token = {},
                       const std::map<std::string, std::string>& headers = {}) {
    return http().patch(kApi + "/organisations/" + id, body, token.empty() ? admin() : token, headers);
  }
  std::string created_id(const nlohmann::json& body) {
    auto r = create(body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("id").get<std::string>() : std::string();
  }
  std::vector<std::string> all_ids() {
    auto ids = ids_of(all_pages(kApi + "/organisations", admin()));
    std::sort(ids.begin(), ids.end());
    return ids;
  }
  std::vector<std::string> visible_ids(const std::string& token) {
    auto ids = ids_of(all_pages(kApi + "/organisations", token));
    std::sort(ids.begin(), ids.end());
    return ids;
  }
  void expect_unchanged(const std::string& id, const HttpResult& before) {
    auto now = get_org(id);
    EXPECT_EQ(now.body, before.body) << "the organisation changed";
    EXPECT_EQ(now.header("etag"), before.header("etag"));
  }
};

TEST_P(OrganisationsHttp, CreateAnswersEveryField) {
  auto body = new_org("ស្ថាប័នឧទាហរណ៍");
  body["iati_ref"] = "XM-DAC-41114";
  auto r = create(body);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("etag"), "\"1\"");
  auto got = r.json();
  EXPECT_FALSE(got.at("id").get<std::string>().empty());
  for (const auto& key : {"id", "created_at", "updated_at", "version"}) got.erase(key);
  EXPECT_EQ(got, body);
  EXPECT_EQ(r.json().at("version"), 1);
  EXPECT_EQ(r.json().at("created_at"), "2026-11-22T10:00:00Z");
}

TEST_P(OrganisationsHttp, GetAnswersWhatCreateAnswered) {
  auto created = create(new_org());
  ASSERT_EQ(created.status, 201);
  auto got = get_org(created.json().at("id").get<std::string>());
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, created.body);
  EXPECT_EQ(got.header("etag"), "\"1\"");
}

TEST_P(OrganisationsHttp, NamesInThaiKhmerLaoBurmeseAndVietnameseRoundTripByteForByte) {
  const std::vector<std::string> names = {
      "เครือข่ายพนักงานบริการ",                  // Thai
      "ស្ថាប័នឧទាហរណ៍",                          // Khmer
      "ເຄືອຂ່າຍພະນັກງານບໍລິການ",                 // Lao
      "မြန်မာ လိင်လုပ်သား ကွန်ရက်",                 // Burmese
      "Mạng lưới Người bán dâm Việt Nam",       // Vietnamese, precomposed
      "Vie\xcc\xa3\xcc\x82t Nam (decomposed)",  // Vietnamese, combining marks: no normalisation
  };
  for (const auto& name : names) {
    auto body = new_org(name);
    body["name_en"] = name;
    auto created = create(body);
    ASSERT_EQ(created.status, 201) << created.body;
    auto got = get_org(created.json().at("id").get<std::string>());
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.json().at("name").get<std::string>(), name);
    EXPECT_EQ(got.json().at("name_en").get<std::string>(), name);
    EXPECT_NE(got.body.find("\"name\":\"" + name + "\""), std::string::npos) << "not raw UTF-8: " << got.body;
  }
}

TEST_P(OrganisationsHttp, NameLengthIsCountedInCharacters) {
  std::string thai_200;
  for (int i = 0; i < 200; ++i) thai_200 += "ก";  // 600 bytes
  auto ok = create(new_org(thai_200));
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(get_org(ok.json().at("id").get<std::string>()).json().at("name").get<std::string>(), thai_200);
  EXPECT_TRUE(IsInvalid(create(new_org(thai_200 + "ก")), {"/name"}));
}

TEST_P(OrganisationsHttp, CreateNamesEveryMissingField) {
  const auto before = all_ids();
  EXPECT_TRUE(IsInvalid(create(nlohmann::json::object()), {"/country", "/kind", "/name", "/publication", "/sex_worker_led"}));
  EXPECT_EQ(all_ids(), before);
}

TEST_P(OrganisationsHttp, CreateNamesEveryWrongType) {
  const auto before = all_ids();
  auto r = create({{"name", 123},
                   {"name_en", false},
                   {"kind", "club"},
                   {"country", 66},
                   {"sex_worker_led", "yes"},
                   {"publication", nullptr},
                   {"iati_ref", 41114}});
  EXPECT_TRUE(IsInvalid(r, {"/country", "/iati_ref", "/kind", "/name", "/name_en", "/publication", "/sex_worker_led"}));
  EXPECT_EQ(all_ids(), before);
}

TEST_P(OrganisationsHttp, CreateRejectsUnknownFields) {
  const auto before = all_ids();
  auto body = new_org();
  body["website"] = "https://example.org";
  body["kind "] = "member";
  EXPECT_TRUE(IsInvalid(create(body), {"/kind ", "/website"}));
  EXPECT_EQ(all_ids(), before);
}

TEST_P(OrganisationsHttp, CreateValidatesValues) {
  const auto before = all_ids();
  auto body = new_org("");
  body["name_en"] = "line\nbreak";
  body["country"] = "XX";
  body["iati_ref"] = "not an iati ref";
  EXPECT_TRUE(IsInvalid(create(body), {"/country", "/iati_ref", "/name", "/name_en"}));
  body = new_org();
  body["country"] = "kh";
  EXPECT_TRUE(IsInvalid(create(body), {"/country"}));
  EXPECT_EQ(all_ids(), before);
}

TEST_P(OrganisationsHttp, CreateMalformedJsonIs400AndWritesNothing) {
  const auto before = all_ids();
  EXPECT_TRUE(IsProblem(send("POST", kApi + "/organisations", R"({"name": "X", "kind": "member",)", admin()), 400));
  EXPECT_TRUE(IsProblem(send("POST", kApi + "/organisations", "{'name': 'X'}", admin()), 400));
  EXPECT_TRUE(IsInvalid(send("POST", kApi + "/organisations", "\"just a string\"", admin()), {""}));
  EXPECT_EQ(all_ids(), before);
}

TEST_P(OrganisationsHttp, CreateWrongContentTypeIs415AndWritesNothing) {
  const auto before = all_ids();
  EXPECT_TRUE(IsProblem(send("POST", kApi + "/organisations", new_org().dump(), admin(), "text/json"), 415));
  EXPECT_TRUE(IsProblem(send("POST", kApi + "/organisations", new_org().dump(), admin(), "multipart/form-data"), 415));
  EXPECT_EQ(all_ids(), before);
}

TEST_P(OrganisationsHttp, DuplicateIatiRefIs409AndWritesNothing) {
  auto body = new_org("First");
  body["iati_ref"] = "XM-DAC-41114";
  ASSERT_EQ(create(body).status, 201);
  const auto before = all_ids();
  body["name"] = "Second";
  EXPECT_TRUE(IsProblem(create(body), 409));
  EXPECT_EQ(all_ids(), before);
}

TEST_P(OrganisationsHttp, ProgrammeMayWrite) {
  const auto& token = token_as("programme");
  auto created = create(new_org(), token);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.json().at("id").get<std::string>();
  auto patched = patch_org(id, {{"publication", "public"}}, token);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json().at("publication"), "public");
}

TEST_P(OrganisationsHttp, OnlyAdminAndProgrammeMayWrite) {
  const auto id = member_org();
  auto before = get_org(id);
  const auto ids_before = all_ids();
  for (const std::string role : {"finance", "reviewer", "member", "donor"}) {
    const auto& token = token_as(role);
    EXPECT_TRUE(IsProblem(create(new_org(), token), 403)) << role;
    EXPECT_TRUE(IsProblem(patch_org(id, {{"name", "Taken over"}}, token), 403)) << role;
    EXPECT_TRUE(IsProblem(patch_org(kUnknownId, {{"name", "Taken over"}}, token), 403)) << role;
  }
  // token_as made the donor organisation; nothing else was written.
  auto ids_after = all_ids();
  std::erase(ids_after, donor_org());
  EXPECT_EQ(ids_after, ids_before);
  expect_unchanged(id, before);
}

TEST_P(OrganisationsHttp, EveryRouteNeedsAToken) {
  const auto id = member_org();
  for (const auto& token : {std::string(), std::string("not-a-token")}) {
    EXPECT_TRUE(IsProblem(http().post(kApi + "/organisations", new_org(), token), 401));
    EXPECT_TRUE(IsProblem(http().get(kApi + "/organisations", token), 401));
    EXPECT_TRUE(IsProblem(http().get(kApi + "/organisations/" + id, token), 401));
    EXPECT_TRUE(IsProblem(http().patch(kApi + "/organisations/" + id, {{"name", "X"}}, token), 401));
  }
}

TEST_P(OrganisationsHttp, StaffReadEveryOrganisation) {
  const auto other = server().create_organisation("member", "LA");
  for (const std::string role : {"admin", "programme", "finance"}) {
    const std::string token = role == "admin" ? admin() : token_as(role);
    auto r = get_org(other, token);
    EXPECT_EQ(r.status, 200) << role << ": " << r.body;
    EXPECT_EQ(visible_ids(token), all_ids()) << role;
  }
}

TEST_P(OrganisationsHttp, MembersAndDonorsReadTheirOwnOrganisation) {
  auto member = get_org(member_org(), token_as("member"));
  ASSERT_EQ(member.status, 200) << member.body;
  EXPECT_EQ(member.json().at("id"), member_org());
  auto donor = get_org(donor_org(), token_as("donor"));
  ASSERT_EQ(donor.status, 200) << donor.body;
  EXPECT_EQ(donor.json().at("id"), donor_org());
}

TEST_P(OrganisationsHttp, AnotherOrganisationLooksExactlyLikeNoOrganisation) {
  const auto other = server().create_organisation("member", "LA");
  for (const std::string role : {"member", "donor", "reviewer"}) {
    const auto& token = token_as(role);
    auto out_of_scope = get_org(other, token);
    auto alliance = get_org(server().alliance_id(), token);
    auto missing = get_org(kUnknownId, token);
    EXPECT_TRUE(IsProblem(out_of_scope, 404)) << role;
    EXPECT_EQ(out_of_scope.body, missing.body) << role;
    EXPECT_EQ(alliance.body, missing.body) << role;
    EXPECT_EQ(out_of_scope.header("content-type"), missing.header("content-type")) << role;
    EXPECT_EQ(out_of_scope.header("etag"), missing.header("etag")) << role;
  }
  EXPECT_EQ(get_org(kUnknownId).body, get_org(kUnknownId, token_as("member")).body)
      << "staff and members see the same 404";
}

TEST_P(OrganisationsHttp, ListShowsMembersAndDonorsOnlyTheirOwn) {
  server().create_organisation("member", "LA");
  server().create_organisation("member", "VN");
  EXPECT_EQ(visible_ids(token_as("member")), std::vector<std::string>{member_org()});
  EXPECT_EQ(visible_ids(token_as("donor")), std::vector<std::string>{donor_org()});
  EXPECT_EQ(visible_ids(token_as("reviewer")), std::vector<std::string>{}) << "a reviewer without an organisation";
  EXPECT_EQ(all_ids().size(), 5u);
}

TEST_P(OrganisationsHttp, ListPagesThroughEveryOrganisationOnce) {
  std::vector<std::string> expected{server().alliance_id()};
  for (int i = 0; i < 6; ++i) expected.push_back(created_id(new_org("Org " + std::to_string(i))));
  server().clock().advance_ms(5);
  expected.push_back(created_id(new_org("Later")));
  std::sort(expected.begin(), expected.end());

  auto first = http().get(kApi + "/organisations?limit=3", admin());
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.json().at("items").size(), 3u);
  EXPECT_TRUE(first.json().at("next_cursor").is_string());

  for (int limit : {1, 2, 3, 8, 50}) {
    auto ids = ids_of(all_pages(kApi + "/organisations", admin(), limit));
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, expected) << "limit " << limit;
  }
}

TEST_P(OrganisationsHttp, LimitOverTwoHundredIsCapped) {
  for (int i = 0; i < 205; ++i) ASSERT_FALSE(created_id(new_org("Org " + std::to_string(i))).empty());
  for (const auto& limit : {"201", "1000", "99999999999999999999"}) {
    auto r = http().get(kApi + "/organisations?limit=" + std::string(limit), admin());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("items").size(), 200u) << "limit=" << limit;
    EXPECT_TRUE(r.json().at("next_cursor").is_string());
  }
  auto by_default = http().get(kApi + "/organisations", admin());
  EXPECT_EQ(by_default.json().at("items").size(), 50u) << "the default page size";
  EXPECT_EQ(all_ids().size(), 206u);
}

TEST_P(OrganisationsHttp, BadLimitOrCursorIs422) {
  for (const auto& query : {"limit=0", "limit=-5", "limit=ten", "limit=2x", "cursor=***", "cursor=", "cursor=Zm9v"}) {
    EXPECT_TRUE(IsProblem(http().get(kApi + "/organisations?" + std::string(query), admin()), 422)) << query;
  }
}

TEST_P(OrganisationsHttp, PatchChangesFieldsAndBumpsTheETag) {
  const auto id = created_id(new_org());
  auto r = patch_org(id, {{"name", "ເຄືອຂ່າຍ"}, {"publication", "confidential"}, {"name_en", nullptr}}, {},
                     {{"If-Match", "\"1\""}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("etag"), "\"2\"");
  EXPECT_EQ(r.json().at("name"), "ເຄືອຂ່າຍ");
  EXPECT_EQ(r.json().at("publication"), "confidential");
  EXPECT_TRUE(r.json().at("name_en").is_null());
  EXPECT_EQ(r.json().at("country"), "KH") << "fields not sent stay";
  EXPECT_EQ(r.json().at("version"), 2);
  auto got = get_org(id);
  EXPECT_EQ(got.body, r.body);
  EXPECT_EQ(got.header("etag"), "\"2\"");
}

TEST_P(OrganisationsHttp, PatchWithAStaleETagIs412AndChangesNothing) {
  const auto id = created_id(new_org());
  ASSERT_EQ(patch_org(id, {{"name", "First"}}, {}, {{"If-Match", "\"1\""}}).status, 200);
  auto before = get_org(id);
  EXPECT_TRUE(IsProblem(patch_org(id, {{"name", "Second"}}, {}, {{"If-Match", "\"1\""}}), 412));
  EXPECT_TRUE(IsProblem(patch_org(id, {{"name", "Second"}}, {}, {{"If-Match", "\"3\""}}), 412));
  EXPECT_TRUE(IsProblem(patch_org(id, {{"name", "Second"}}, {}, {{"If-Match", "\"two\""}}), 412));
  expect_unchanged(id, before);
  EXPECT_EQ(patch_org(id, {{"name", "Second"}}, {}, {{"If-Match", before.header("etag")}}).status, 200);
}

TEST_P(OrganisationsHttp, PatchNamesEveryBadField) {
  const auto id = created_id(new_org());
  auto before = get_org(id);
  EXPECT_TRUE(IsInvalid(patch_org(id, {{"name", nullptr}, {"kind", "club"}, {"sex_worker_led", 1}, {"id", "x"}}),
                        {"/id", "/kind", "/name", "/sex_worker_led"}));
  EXPECT_TRUE(IsInvalid(patch_org(id, {{"country", "ZZ"}, {"iati_ref", "-"}}), {"/country", "/iati_ref"}));
  EXPECT_TRUE(IsInvalid(patch_org(id, {{"name", ""}}), {"/name"}));
  EXPECT_TRUE(IsProblem(send("PATCH", kApi + "/organisations/" + id, "{\"name\" \"X\"}", admin()), 400));
  EXPECT_TRUE(IsProblem(send("PATCH", kApi + "/organisations/" + id, R"({"name":"X"})", admin(), "text/plain"), 415));
  expect_unchanged(id, before);
}

TEST_P(OrganisationsHttp, KindOfAnOrganisationWithUsersCannotChange) {
  server().create_user("m@example.org", "member", member_org());
  auto before = get_org(member_org());
  EXPECT_TRUE(IsProblem(patch_org(member_org(), {{"kind", "donor"}}), 409));
  expect_unchanged(member_org(), before);
  const auto empty = created_id(new_org());
  EXPECT_EQ(patch_org(empty, {{"kind", "donor"}}).status, 200);
}

TEST_P(OrganisationsHttp, IdWithANulByteIsRefusedAndNamesNothing) {
  // A database driver would cut the id at the NUL and find the organisation.
  const auto id = created_id(new_org());
  auto before = get_org(id);
  EXPECT_TRUE(IsProblem(get_org(id + "%00x"), 400));
  EXPECT_TRUE(IsProblem(patch_org(id + "%00x", {{"name", "Changed through a NUL"}}), 400));
  expect_unchanged(id, before);
}

TEST_P(OrganisationsHttp, PatchUnknownIdIs404) {
  EXPECT_TRUE(IsProblem(patch_org(kUnknownId, {{"name", "X"}}), 404));
  EXPECT_TRUE(IsProblem(get_org(kUnknownId), 404));
}

MSWA_HTTP_ON_EVERY_BACKEND(OrganisationsHttp);

}  // namespace mswa::test
