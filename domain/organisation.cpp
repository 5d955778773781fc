#include "domain/organisation.hpp"

#include "domain/country.hpp"
#include "domain/text.hpp"

namespace mswa::domain {

std::string_view to_string(OrgKind k) {
  switch (k) {
    case OrgKind::member: return "member";
    case OrgKind::donor: return "donor";
    case OrgKind::alliance: return "alliance";
  }
  return "member";
}

std::optional<OrgKind> parse_org_kind(std::string_view s) {
  if (s == "member") return OrgKind::member;
  if (s == "donor") return OrgKind::donor;
  if (s == "alliance") return OrgKind::alliance;
  return std::nullopt;
}

std::string_view to_string(Publication p) {
  switch (p) {
    case Publication::public_: return "public";
    case Publication::pseudonymous: return "pseudonymous";
    case Publication::confidential: return "confidential";
  }
  return "confidential";
}

std::optional<Publication> parse_publication(std::string_view s) {
  if (s == "public") return Publication::public_;
  if (s == "pseudonymous") return Publication::pseudonymous;
  if (s == "confidential") return Publication::confidential;
  return std::nullopt;
}

namespace {

// IATI organisation identifiers: a registration-agency prefix, a hyphen, then
// letters, digits, '-', '_' or '.'; e.g. XM-DAC-41114 or GB-CHC-1234567.
bool is_iati_org_ref(const std::string& s) {
  if (s.size() < 4 || s.size() > 100 || s.find('-') == std::string::npos || s.front() == '-') return false;
  for (char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::vector<FieldError> validate(const OrganisationFields& f) {
  std::vector<FieldError> errors;
  if (auto bad = check_text(f.name, "/name", 1, 200)) errors.push_back(*bad);
  if (f.name_en)
    if (auto bad = check_text(*f.name_en, "/name_en", 1, 200)) errors.push_back(*bad);
  if (!is_iso_country(f.country)) errors.push_back({"/country", "must be an ISO 3166-1 alpha-2 code such as KH", "invalid_country"});
  if (f.iati_ref && !is_iati_org_ref(*f.iati_ref))
    errors.push_back({"/iati_ref", "must be an IATI organisation identifier such as XM-DAC-41114", "invalid_iati_ref"});
  return errors;
}

OrganisationFields apply(OrganisationFields base, const OrganisationPatch& p) {
  if (p.name) base.name = *p.name;
  if (p.name_en) base.name_en = *p.name_en;
  if (p.kind) base.kind = *p.kind;
  if (p.country) base.country = *p.country;
  if (p.sex_worker_led) base.sex_worker_led = *p.sex_worker_led;
  if (p.publication) base.publication = *p.publication;
  if (p.iati_ref) base.iati_ref = *p.iati_ref;
  return base;
}

}  // namespace mswa::domain
