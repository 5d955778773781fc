#include "domain/application_service.hpp"

#include "domain/visibility.hpp"
#include "domain/visible_read.hpp"

namespace mswa::domain {

ApplicationService::ApplicationService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

namespace {
// The application, as `who` may see it; the assignment is read for reviewers only.
Sighting<Application> sight_application(UnitOfWork& uow, const Principal& who, const std::string& id) {
  return sight(uow.applications().find(id), [&](const Application& app) {
    const bool assigned = who.role == Role::reviewer && uow.reviews().assignment_for(app.id, who.user_id);
    return can_see(who, app, assigned);
  });
}
}  // namespace

std::optional<Application> ApplicationService::visible(UnitOfWork& uow, const Principal& who,
                                                       const std::string& request_id, const std::string& id,
                                                       const char* action) {
  return visible_in(uow, clock_, {who, request_id, action, "application", id}, sight_application(uow, who, id));
}

Result<Application> ApplicationService::create(const Principal& who, const std::string& request_id,
                                               const std::string& call_id, const ApplicationContent& content) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  const auto call = uow->calls().find(call_id);
  if (!call || !call->accepting(now) || !who.organisation_id) return not_found();
  if (auto errors = validate_draft(content, *call); !errors.empty()) return invalid(std::move(errors));
  Application app = uow->applications().insert(call_id, *who.organisation_id, content, now);
  uow->audit().append({now, Actor::of(who, request_id), "application.create", "application", app.id, "success",
                       {{"call_id", call_id}, {"status", "draft"}}});
  uow->commit();
  return app;
}

Result<Application> ApplicationService::get(const Principal& who, const std::string& request_id, const std::string& id) {
  return read_visible<Application>(store_, clock_, {who, request_id, "application.read", "application", id},
                                   [&](UnitOfWork& uow) { return sight_application(uow, who, id); });
}

Page<Application> ApplicationService::list(const Principal& who, const PageRequest& page,
                                           const ApplicationListFilter& filter) {
  ApplicationFilter f{filter.call_id, filter.status, std::nullopt, std::nullopt};
  if (who.role == Role::reviewer) f.assigned_to = who.user_id;
  else if (!is_staff(who.role)) {
    if (who.role != Role::member || !who.organisation_id) return {};
    f.organisation_id = who.organisation_id;
  }
  auto uow = store_.begin(Access::read);
  auto result = uow->applications().list(page, f);
  uow->commit();
  return result;
}

Result<Application> ApplicationService::patch(const Principal& who, const std::string& request_id,
                                              const std::string& id, const ApplicationPatch& patch,
                                              std::optional<long long> if_match) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto current = visible(*uow, who, request_id, id, "application.update");
  if (!current || who.role != Role::member) {
    uow->commit();
    return not_found();
  }
  if (if_match && *if_match != current->version)
    return stale("The application changed since you read it.");
  if (!current->editable())
    return wrong_state("The application is " + std::string(to_string(current->status)) + "; it cannot be edited.",
                       to_string(current->status));
  const auto call = uow->calls().find(current->call_id);
  Application next = *current;
  next.content = apply(current->content, patch);
  if (auto errors = validate_draft(next.content, *call); !errors.empty()) return invalid(std::move(errors));
  next.version = current->version + 1;
  next.updated_at = now;
  if (!uow->applications().update(next, current->version))
    return stale("The application changed since you read it.");
  uow->audit().append({now, Actor::of(who, request_id), "application.update", "application", id, "success"});
  uow->commit();
  return next;
}

Result<Application> ApplicationService::submit(const Principal& who, const std::string& request_id,
                                               const std::string& id) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto current = visible(*uow, who, request_id, id, "application.submit");
  if (!current || who.role != Role::member) {
    uow->commit();
    return not_found();
  }
  if (!current->editable())
    return wrong_state("The application is " + std::string(to_string(current->status)) + "; it cannot be submitted.",
                       to_string(current->status));
  const auto call = uow->calls().find(current->call_id);
  const auto org = uow->organisations().find(current->organisation_id);
  if (auto errors = validate_submission(current->content, *call, *org, uow->logframe().indicators(), now);
      !errors.empty())
    return invalid(std::move(errors), "The application cannot be submitted yet.");
  Application next = *current;
  next.status = ApplicationStatus::submitted;
  next.submitted_at = now;
  next.version = current->version + 1;
  next.updated_at = now;
  if (!uow->applications().update(next, current->version))
    return stale("The application changed meanwhile; try again.");
  uow->audit().append({now, Actor::of(who, request_id), "application.submit", "application", id, "success",
                       {{"status", change_text(to_string(current->status), to_string(next.status))}}});
  uow->commit();
  return next;
}

Result<Application> ApplicationService::withdraw(const Principal& who, const std::string& request_id,
                                                 const std::string& id) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto current = visible(*uow, who, request_id, id, "application.withdraw");
  if (!current || who.role != Role::member) {
    uow->commit();
    return not_found();
  }
  const auto s = current->status;
  if (s == ApplicationStatus::approved || s == ApplicationStatus::rejected || s == ApplicationStatus::withdrawn)
    return wrong_state("The application is " + std::string(to_string(s)) + "; it cannot be withdrawn.", to_string(s));
  Application next = *current;
  next.status = ApplicationStatus::withdrawn;
  next.version = current->version + 1;
  next.updated_at = now;
  if (!uow->applications().update(next, current->version))
    return stale("The application changed meanwhile; try again.");
  uow->audit().append({now, Actor::of(who, request_id), "application.withdraw", "application", id, "success",
                       {{"status", change_text(to_string(s), to_string(next.status))}}});
  uow->commit();
  return next;
}

}  // namespace mswa::domain
