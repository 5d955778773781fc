#include <gtest/gtest.h>

#include "domain/organisation.hpp"
#include "domain/role.hpp"
#include "domain/user.hpp"

using namespace mswa::domain;

namespace {
OrganisationFields valid_org() {
  return {"ស្ថាប័នឧទាហរណ៍", "Example Network", OrgKind::member, "KH", true, Publication::pseudonymous, std::nullopt};
}
bool has_pointer(const std::vector<FieldError>& errors, const std::string& pointer) {
  for (const auto& e : errors)
    if (e.pointer == pointer) return true;
  return false;
}
}  // namespace

TEST(Organisation, ValidFieldsPass) { EXPECT_TRUE(validate(valid_org()).empty()); }

TEST(Organisation, EachBadFieldIsNamed) {
  auto f = valid_org();
  f.name = "";
  f.name_en = std::string(201, 'x');
  f.country = "XX";
  f.iati_ref = "not an id";
  const auto errors = validate(f);
  EXPECT_EQ(errors.size(), 4u);
  EXPECT_TRUE(has_pointer(errors, "/name"));
  EXPECT_TRUE(has_pointer(errors, "/name_en"));
  EXPECT_TRUE(has_pointer(errors, "/country"));
  EXPECT_TRUE(has_pointer(errors, "/iati_ref"));
}

TEST(Organisation, NameLengthCountsCharactersNotBytes) {
  auto f = valid_org();
  std::string khmer;
  for (int i = 0; i < 200; ++i) khmer += "ក";  // 3 bytes each
  f.name = khmer;
  EXPECT_TRUE(validate(f).empty());
  f.name += "ក";
  EXPECT_TRUE(has_pointer(validate(f), "/name"));
}

TEST(Organisation, IatiReferences) {
  auto f = valid_org();
  for (const char* ok : {"XM-DAC-41114", "GB-CHC-1234567", "TH-COA-0105561"}) {
    f.iati_ref = ok;
    EXPECT_TRUE(validate(f).empty()) << ok;
  }
  for (const char* bad : {"-XM", "XM", "XM DAC 1", "XM-DAC-4111/4"}) {
    f.iati_ref = bad;
    EXPECT_FALSE(validate(f).empty()) << bad;
  }
}

TEST(Organisation, PatchChangesOnlyWhatIsPresent) {
  OrganisationPatch p;
  p.publication = Publication::confidential;
  p.name_en = std::optional<std::string>{};  // explicit null
  const auto out = apply(valid_org(), p);
  EXPECT_EQ(out.publication, Publication::confidential);
  EXPECT_FALSE(out.name_en);
  EXPECT_EQ(out.name, valid_org().name);
  EXPECT_EQ(out.country, "KH");
}

TEST(Enumerations, RoundTrip) {
  for (Role r : {Role::admin, Role::programme, Role::finance, Role::reviewer, Role::member, Role::donor})
    EXPECT_EQ(parse_role(to_string(r)), r);
  EXPECT_FALSE(parse_role("Admin"));
  for (OrgKind k : {OrgKind::member, OrgKind::donor, OrgKind::alliance}) EXPECT_EQ(parse_org_kind(to_string(k)), k);
  for (Publication p : {Publication::public_, Publication::pseudonymous, Publication::confidential})
    EXPECT_EQ(parse_publication(to_string(p)), p);
  EXPECT_TRUE(is_staff(Role::finance));
  EXPECT_FALSE(is_staff(Role::reviewer));
}

TEST(RoleSet, DeniesWhatItDoesNotName) {
  const RoleSet staff{Role::admin, Role::programme};
  EXPECT_TRUE(staff.contains(Role::admin));
  EXPECT_FALSE(staff.contains(Role::donor));
  EXPECT_FALSE(RoleSet{}.contains(Role::admin));
  EXPECT_TRUE(RoleSet::all().contains(Role::reviewer));
}

TEST(User, PasswordLengthInCharacters) {
  EXPECT_FALSE(validate_password("short").empty());
  EXPECT_TRUE(validate_password("12345678").empty());
  EXPECT_TRUE(validate_password(std::string(128, 'x')).empty());
  EXPECT_FALSE(validate_password(std::string(129, 'x')).empty());
  std::string thai;
  for (int i = 0; i < 8; ++i) thai += "ก";  // 8 characters, 24 bytes
  EXPECT_TRUE(validate_password(thai).empty());
}

TEST(User, RoleMustFitTheOrganisation) {
  const auto org_of = [](OrgKind k) { return std::optional(Organisation{"id", {"n", {}, k, "TH", false, Publication::public_, {}}}); };
  EXPECT_FALSE(check_role_organisation(Role::member, org_of(OrgKind::member), true));
  EXPECT_TRUE(check_role_organisation(Role::member, org_of(OrgKind::donor), true));
  EXPECT_TRUE(check_role_organisation(Role::member, std::nullopt, false));
  EXPECT_FALSE(check_role_organisation(Role::donor, org_of(OrgKind::donor), true));
  EXPECT_TRUE(check_role_organisation(Role::donor, org_of(OrgKind::member), true));
  EXPECT_FALSE(check_role_organisation(Role::admin, std::nullopt, false));
  EXPECT_FALSE(check_role_organisation(Role::finance, org_of(OrgKind::alliance), true));
  EXPECT_TRUE(check_role_organisation(Role::programme, org_of(OrgKind::member), true));
  EXPECT_FALSE(check_role_organisation(Role::reviewer, org_of(OrgKind::member), true));
  EXPECT_TRUE(check_role_organisation(Role::reviewer, org_of(OrgKind::donor), true));
  // An id that names nothing.
  EXPECT_TRUE(check_role_organisation(Role::reviewer, std::nullopt, true));
}
