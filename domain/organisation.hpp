#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/clock.hpp"
#include "domain/error.hpp"

namespace mswa::domain {

enum class OrgKind { member, donor, alliance };
enum class Publication { public_, pseudonymous, confidential };

std::string_view to_string(OrgKind k);
std::optional<OrgKind> parse_org_kind(std::string_view s);
std::string_view to_string(Publication p);
std::optional<Publication> parse_publication(std::string_view s);

struct OrganisationFields {
  std::string name;                  // in the organisation's own script, stored byte for byte
  std::optional<std::string> name_en;
  OrgKind kind = OrgKind::member;
  std::string country;               // ISO 3166-1 alpha-2
  bool sex_worker_led = false;
  Publication publication = Publication::confidential;
  std::optional<std::string> iati_ref;
};

struct Organisation {
  std::string id;
  OrganisationFields fields;
  long long version = 1;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
};

// A PATCH: only the fields present change. name_en and iati_ref may be set to null.
struct OrganisationPatch {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> name_en;
  std::optional<OrgKind> kind;
  std::optional<std::string> country;
  std::optional<bool> sex_worker_led;
  std::optional<Publication> publication;
  std::optional<std::optional<std::string>> iati_ref;
};

std::vector<FieldError> validate(const OrganisationFields& f);
OrganisationFields apply(OrganisationFields base, const OrganisationPatch& patch);

}  // namespace mswa::domain
