#include "api/dto/organisation_json.hpp"

#include <nlohmann/json.hpp>

#include "api/json_body.hpp"
#include "api/responses.hpp"

namespace mswa::api {

using domain::OrganisationFields;
using domain::OrganisationPatch;

namespace {
const std::vector<std::string_view> kFields = {"name",           "name_en",     "kind",    "country",
                                                             "sex_worker_led", "publication", "iati_ref"};
const std::vector<std::string_view> kKinds = {"member", "donor", "alliance"};
const std::vector<std::string_view> kPublications = {"public", "pseudonymous", "confidential"};

}  // namespace

nlohmann::json to_json(const domain::Organisation& org) {
  const auto& f = org.fields;
  return {{"id", org.id},
          {"name", f.name},
          {"name_en", nullable_json(f.name_en)},
          {"kind", domain::to_string(f.kind)},
          {"country", f.country},
          {"sex_worker_led", f.sex_worker_led},
          {"publication", domain::to_string(f.publication)},
          {"iati_ref", nullable_json(f.iati_ref)},
          {"created_at", rfc3339(org.created_at)},
          {"updated_at", rfc3339(org.updated_at)},
          {"version", org.version}};
}

std::variant<OrganisationFields, std::vector<domain::FieldError>> parse_new_organisation(const nlohmann::json& body) {
  FieldReader r(body);
  r.reject_unknown(kFields);
  OrganisationFields f;
  auto name = r.string("name", Presence::required);
  auto name_en = r.nullable_string("name_en", Presence::optional);
  auto kind = r.one_of("kind", Presence::required, kKinds);
  auto country = r.string("country", Presence::required);
  auto swl = r.boolean("sex_worker_led", Presence::required);
  auto publication = r.one_of("publication", Presence::required, kPublications);
  auto iati_ref = r.nullable_string("iati_ref", Presence::optional);
  if (name) f.name = *name;
  if (name_en) f.name_en = *name_en;
  if (kind) f.kind = *domain::parse_org_kind(*kind);
  if (country) f.country = *country;
  if (swl) f.sex_worker_led = *swl;
  if (publication) f.publication = *domain::parse_publication(*publication);
  if (iati_ref) f.iati_ref = *iati_ref;
  if (!r.ok()) {
    auto errors = r.errors();
    merge_field_errors(errors, domain::validate(f));
    return errors;
  }
  return f;
}

std::variant<OrganisationPatch, std::vector<domain::FieldError>> parse_organisation_patch(const nlohmann::json& body) {
  FieldReader r(body);
  r.reject_unknown(kFields);
  OrganisationPatch p;
  p.name = r.string("name", Presence::optional);
  p.name_en = r.nullable_string("name_en", Presence::optional);
  if (auto kind = r.one_of("kind", Presence::optional, kKinds)) p.kind = domain::parse_org_kind(*kind);
  p.country = r.string("country", Presence::optional);
  p.sex_worker_led = r.boolean("sex_worker_led", Presence::optional);
  if (auto pub = r.one_of("publication", Presence::optional, kPublications)) p.publication = domain::parse_publication(*pub);
  p.iati_ref = r.nullable_string("iati_ref", Presence::optional);
  if (!r.ok()) return r.errors();
  return p;
}

}  // namespace mswa::api
