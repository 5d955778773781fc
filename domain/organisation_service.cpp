#include "domain/organisation_service.hpp"

namespace mswa::domain {

OrganisationService::OrganisationService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

Result<Organisation> OrganisationService::create(const Actor& actor, const OrganisationFields& fields) {
  if (auto errors = validate(fields); !errors.empty()) return invalid(std::move(errors));
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  Organisation org = uow->organisations().insert(fields, now);
  uow->audit().append({now, actor, "organisation.create", "organisation", org.id, "success",
                       {{"kind", std::string(to_string(fields.kind))}}});
  uow->commit();
  return org;
}

Result<Organisation> OrganisationService::get(const Principal& who, const std::string& request_id,
                                              const std::string& id) {
  if (!can_see_organisation(who, id)) {
    // Checked before any read, so a missing id and another's id take the same path.
    auto uow = store_.begin(Access::write);
    uow->audit().append({clock_.now_ms(), Actor::of(who, request_id), "organisation.read", "organisation", id, "denied"});
    uow->commit();
    return not_found();
  }
  auto uow = store_.begin(Access::read);
  auto org = uow->organisations().find(id);
  uow->commit();
  if (!org) return not_found();
  return *org;
}

Page<Organisation> OrganisationService::list(const Principal& who, const PageRequest& page) {
  auto uow = store_.begin(Access::read);
  Page<Organisation> result;
  if (is_staff(who.role)) result = uow->organisations().list(page, std::nullopt);
  else if (who.organisation_id) result = uow->organisations().list(page, who.organisation_id);
  uow->commit();
  return result;
}

Result<Organisation> OrganisationService::patch(const Actor& actor, const std::string& id,
                                                const OrganisationPatch& patch, std::optional<long long> if_match) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto current = uow->organisations().find(id);
  if (!current) return not_found();
  if (if_match && *if_match != current->version)
    return stale("The organisation changed since you read it.");
  Organisation next = *current;
  next.fields = apply(current->fields, patch);
  if (auto errors = validate(next.fields); !errors.empty()) return invalid(std::move(errors));
  if (next.fields.kind != current->fields.kind && !uow->users().list({1, std::nullopt}, {id, std::nullopt}).items.empty())
    return conflict("The organisation has users; its kind cannot change.", "organisation_has_users");
  next.version = current->version + 1;
  next.updated_at = now;
  if (!uow->organisations().update(next, current->version))
    return stale("The organisation changed since you read it.");
  std::vector<std::pair<std::string, std::string>> details;
  if (next.fields.publication != current->fields.publication)
    details.emplace_back("publication", change_text(to_string(current->fields.publication), to_string(next.fields.publication)));
  if (next.fields.kind != current->fields.kind)
    details.emplace_back("kind", change_text(to_string(current->fields.kind), to_string(next.fields.kind)));
  uow->audit().append({now, actor, "organisation.update", "organisation", id, "success", std::move(details)});
  uow->commit();
  return next;
}

}  // namespace mswa::domain
