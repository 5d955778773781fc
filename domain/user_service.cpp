#include "domain/user_service.hpp"

#include "domain/text.hpp"

namespace mswa::domain {
namespace {

void append_all(std::vector<FieldError>& to, std::vector<FieldError> from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

std::optional<Organisation> find_org(UnitOfWork& uow, const std::optional<std::string>& id) {
  return id ? uow.organisations().find(*id) : std::nullopt;
}

std::string bool_text(bool b) { return b ? "true" : "false"; }

}  // namespace

UserService::UserService(Store& store, const Clock& clock, const PasswordHasher& hasher)
    : store_(store), clock_(clock), hasher_(hasher) {}

Result<User> UserService::create(const Actor& actor, NewUser user) {
  user.email = ascii_lower(user.email);
  std::vector<FieldError> errors;
  append_all(errors, validate_email(user.email));
  append_all(errors, validate_user_name(user.name));
  append_all(errors, validate_password(user.password));
  if (!errors.empty()) return invalid(std::move(errors));

  // Hash before the transaction: argon2 is slow on purpose.
  const std::string hash = hasher_.hash(user.password);
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  if (auto e = check_role_organisation(user.role, find_org(*uow, user.organisation_id), user.organisation_id.has_value()))
    return invalid({*e});
  if (uow->users().find_by_email(user.email)) return conflict("A user with this e-mail address exists.", "email_taken");
  User created = uow->users().insert(user, hash, now);
  uow->audit().append({now, actor, "user.create", "user", created.id, "success",
                       {{"role", std::string(to_string(created.role))}}});
  uow->commit();
  return created;
}

Result<User> UserService::get(const std::string& id) {
  auto uow = store_.begin(Access::read);
  auto user = uow->users().find(id);
  uow->commit();
  if (!user) return not_found();
  return *user;
}

Page<User> UserService::list(const PageRequest& page, const UserFilter& filter) {
  auto uow = store_.begin(Access::read);
  auto result = uow->users().list(page, filter);
  uow->commit();
  return result;
}

Result<User> UserService::patch(const Actor& actor, const std::string& id, const UserPatch& patch,
                                std::optional<long long> if_match) {
  std::vector<FieldError> errors;
  if (patch.name) append_all(errors, validate_user_name(*patch.name));
  if (patch.password) append_all(errors, validate_password(*patch.password));
  if (!errors.empty()) return invalid(std::move(errors));
  const std::optional<std::string> new_hash =
      patch.password ? std::optional(hasher_.hash(*patch.password)) : std::nullopt;

  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto current = uow->users().find(id);
  if (!current) return not_found();
  if (if_match && *if_match != current->version)
    return stale("The user changed since you read it.");

  User next = *current;
  if (patch.name) next.name = *patch.name;
  if (patch.role) next.role = *patch.role;
  if (patch.organisation_id) next.organisation_id = *patch.organisation_id;
  if (patch.active) next.active = *patch.active;
  if (patch.role || patch.organisation_id) {
    if (auto e = check_role_organisation(next.role, find_org(*uow, next.organisation_id),
                                         next.organisation_id.has_value()))
      return invalid({*e});
  }
  const bool was_admin = current->active && current->role == Role::admin;
  const bool stays_admin = next.active && next.role == Role::admin;
  if (was_admin && !stays_admin && uow->users().count_active_with_role(Role::admin) <= 1)
    return conflict("This is the last active admin; make another admin first.", "last_admin");

  next.version = current->version + 1;
  next.updated_at = now;
  if (!uow->users().update(next, current->version))
    return stale("The user changed since you read it.");
  if (new_hash) uow->users().set_password_hash(id, *new_hash, now);
  // Deactivation and a new password end every session at once.
  if (!next.active || new_hash) uow->sessions().revoke_all_for_user(id, now);

  std::vector<std::pair<std::string, std::string>> details;
  if (next.role != current->role)
    details.emplace_back("role", change_text(to_string(current->role), to_string(next.role)));
  if (next.active != current->active) details.emplace_back("active", change_text(bool_text(current->active), bool_text(next.active)));
  if (next.organisation_id != current->organisation_id) details.emplace_back("organisation_id", next.organisation_id.value_or("none"));
  if (next.name != current->name) details.emplace_back("name", "changed");
  if (new_hash) details.emplace_back("password", "changed");
  uow->audit().append({now, actor, "user.update", "user", id, "success", std::move(details)});
  uow->commit();
  return next;
}

Result<User> UserService::update_me(const Actor& actor, const std::string& id, const MePatch& patch) {
  std::vector<FieldError> errors;
  if (patch.name) append_all(errors, validate_user_name(*patch.name));
  if (patch.locale && !is_locale(*patch.locale))
    errors.push_back({"/locale", "must be one of en, th, km, lo, my, vi", "not_one_of", {{"allowed", "en th km lo my vi"}}});
  if (!errors.empty()) return invalid(std::move(errors));
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto current = uow->users().find(id);
  if (!current) return not_found();
  User next = *current;
  if (patch.name) next.name = *patch.name;
  if (patch.locale) next.locale = *patch.locale;
  if (patch.email_notifications) next.email_notifications = *patch.email_notifications;
  next.version = current->version + 1;
  next.updated_at = now;
  if (!uow->users().update(next, current->version))
    return stale("Your account changed meanwhile; try again.");
  std::vector<std::pair<std::string, std::string>> details;
  if (next.name != current->name) details.emplace_back("name", "changed");
  if (next.locale != current->locale) details.emplace_back("locale", change_text(current->locale, next.locale));
  if (next.email_notifications != current->email_notifications)
    details.emplace_back("email_notifications",
                         change_text(to_string(current->email_notifications), to_string(next.email_notifications)));
  uow->audit().append({now, actor, "user.update_self", "user", id, "success", std::move(details)});
  uow->commit();
  return next;
}

std::optional<User> UserService::bootstrap_admin(const std::string& email, const std::string& password) {
  const std::string hash = hasher_.hash(password);
  const EpochMs now = clock_.now_ms();
  const Actor system = Actor::system("bootstrap");
  auto uow = store_.begin(Access::write);
  if (uow->users().count() > 0) return std::nullopt;
  OrganisationFields mswa{"Mekong Sex Workers Alliance", "Mekong Sex Workers Alliance", OrgKind::alliance, "TH",
                          true, Publication::public_, std::nullopt};
  Organisation alliance = uow->organisations().insert(mswa, now);
  uow->audit().append({now, system, "organisation.create", "organisation", alliance.id, "success"});
  User admin = uow->users().insert({ascii_lower(email), "Administrator", Role::admin, alliance.id, password}, hash, now);
  uow->audit().append({now, system, "user.create", "user", admin.id, "success", {{"role", "admin"}}});
  uow->commit();
  return admin;
}

}  // namespace mswa::domain
