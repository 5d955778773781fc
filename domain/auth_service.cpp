#include "domain/auth_service.hpp"

#include <algorithm>

#include "domain/text.hpp"

namespace mswa::domain {

namespace {
// 429 until the account's oldest counting failure ages out.
Error throttled(const char* detail, EpochMs locked_until, EpochMs now) {
  return Error{ErrorCode::too_many_requests, detail, {}, (locked_until - now + 999) / 1000, "too_many_attempts"};
}
}  // namespace

AuthService::AuthService(Store& store, const Clock& clock, const PasswordHasher& hasher, const TokenIssuer& tokens,
                         SessionPolicy sessions, LoginThrottlePolicy throttle)
    : store_(store),
      clock_(clock),
      hasher_(hasher),
      tokens_(tokens),
      sessions_(sessions),
      throttle_(throttle),
      dummy_hash_(hasher.hash("not-a-password-of-anybody")) {}

Result<LoginResult> AuthService::login(const std::string& email, const std::string& password,
                                       const std::string& request_id) {
  const std::string key = ascii_lower(email);
  const EpochMs now = clock_.now_ms();
  const Actor anonymous = Actor::anonymous(request_id);
  const Error bad_credentials{ErrorCode::unauthenticated, "The e-mail address or password is wrong.", {}, {},
                              "invalid_credentials"};

  // The attempt is recorded as a failure before anything is checked, so
  // guesses sent in parallel are counted before any of them is judged.
  long long attempt = 0;
  {
    auto uow = store_.begin(Access::write);
    attempt = uow->login_failures().record(key, now);
    uow->commit();
  }
  std::vector<EpochMs> earlier;
  std::optional<User> user;
  std::optional<std::string> stored_hash;
  {
    auto uow = store_.begin(Access::read);
    earlier = uow->login_failures().since(key, now - throttle_.window_ms);
    user = uow->users().find_by_email(key);
    if (user) stored_hash = uow->users().password_hash(user->id);
    uow->commit();
  }
  // Judge on the attempts before this one: drop this attempt's own instant once.
  if (auto self = std::find(earlier.begin(), earlier.end(), now); self != earlier.end()) earlier.erase(self);
  const std::optional<std::string> user_id = user ? std::optional(user->id) : std::nullopt;

  if (const auto locked = throttle_.locked_until(earlier, now)) {
    auto uow = store_.begin(Access::write);
    uow->login_failures().remove(attempt);  // refused unheard: it does not extend the lock
    uow->audit().append({now, anonymous, "auth.login", "user", user_id, "throttled"});
    uow->commit();
    return throttled("Too many failed logins for this account; try again later.", *locked, now);
  }

  // Argon2 runs outside any transaction: it is slow on purpose.
  const bool verified = hasher_.verify(stored_hash ? *stored_hash : dummy_hash_, password);
  const bool ok = verified && user && user->active && stored_hash;

  auto uow = store_.begin(Access::write);
  if (!ok) {
    uow->audit().append({now, anonymous, "auth.login", "user", user_id, "failure"});
    uow->commit();
    return bad_credentials;
  }
  uow->login_failures().clear(key);
  LoginResult result{tokens_.new_token(), sessions_.expiry_for(now), *user};
  uow->sessions().create({tokens_.digest(result.token), user->id, {now, now, result.expires_at, std::nullopt}});
  if (hasher_.needs_rehash(*stored_hash)) uow->users().set_password_hash(user->id, hasher_.hash(password), now);
  Actor actor{user->id, std::string(to_string(user->role)), user->organisation_id, request_id};
  uow->audit().append({now, actor, "auth.login", "user", user->id, "success"});
  uow->commit();
  return result;
}

Result<Principal> AuthService::authenticate(const std::string& token) {
  const Error dead{ErrorCode::unauthenticated, "The session is missing, expired or ended.", {}, {}, "unauthenticated"};
  if (token.empty()) return dead;
  const std::string digest = tokens_.digest(token);
  const EpochMs now = clock_.now_ms();
  std::optional<SessionWithUser> found;
  {
    auto uow = store_.begin(Access::read);
    found = uow->sessions().find_with_user(digest);
    uow->commit();
  }
  if (!found || !found->user.active || !sessions_.is_live(found->session.times, now)) return dead;
  if (sessions_.needs_touch(found->session.times, now)) {
    auto uow = store_.begin(Access::write);
    uow->sessions().touch(digest, now);
    uow->commit();
  }
  const User& user = found->user;
  return Principal{user.id,   user.role,   user.organisation_id, user.email, user.name, user.locale,
                   std::string(to_string(user.email_notifications)), user.password_change_required};
}

void AuthService::logout(const std::string& token, const Principal& who, const std::string& request_id) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  uow->sessions().revoke(tokens_.digest(token), now);
  uow->audit().append({now, Actor::of(who, request_id), "auth.logout", "user", who.user_id, "success"});
  uow->commit();
}

Result<Done> AuthService::change_password(const Principal& who, const std::string& token,
                                         const std::string& request_id, const std::string& current_password,
                                         const std::string& new_password) {
  auto errors = validate_password(new_password, "/new_password");
  if (errors.empty() && new_password == current_password)
    errors.push_back({"/new_password", "must differ from the current password", "same_password"});
  if (!errors.empty()) return invalid(std::move(errors));
  const EpochMs now = clock_.now_ms();
  const Actor actor = Actor::of(who, request_id);
  const std::string key = ascii_lower(who.email);
  std::optional<std::string> stored_hash;
  std::vector<EpochMs> earlier;
  {
    auto uow = store_.begin(Access::read);
    stored_hash = uow->users().password_hash(who.user_id);
    earlier = uow->login_failures().since(key, now - throttle_.window_ms);
    uow->commit();
  }
  if (const auto locked = throttle_.locked_until(earlier, now)) {
    return throttled("Too many wrong passwords for this account; try again later.", *locked, now);
  }
  // Both argon2 runs happen outside any transaction: they are slow on purpose.
  if (!stored_hash || !hasher_.verify(*stored_hash, current_password)) {
    auto uow = store_.begin(Access::write);
    uow->login_failures().record(key, now);
    uow->audit().append({now, actor, "user.password_change", "user", who.user_id, "failure"});
    uow->commit();
    return invalid({{"/current_password", "is not the current password", "wrong_password"}});
  }
  const std::string hash = hasher_.hash(new_password);
  auto uow = store_.begin(Access::write);
  auto user = uow->users().find(who.user_id);
  if (!user) return not_found();
  uow->users().set_password_hash(user->id, hash, now);
  if (user->password_change_required) {
    user->password_change_required = false;
    user->version += 1;
    user->updated_at = now;
    uow->users().update(*user, user->version - 1);
  }
  uow->sessions().revoke_others_for_user(user->id, tokens_.digest(token), now);
  uow->login_failures().clear(key);
  uow->audit().append({now, actor, "user.password_change", "user", user->id, "success"});
  uow->commit();
  return Done{};
}

Result<std::string> AuthService::reset_password(const Actor& admin, const std::string& user_id) {
  const std::string temporary = tokens_.new_temporary_password();
  const std::string hash = hasher_.hash(temporary);
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto user = uow->users().find(user_id);
  if (!user) return not_found();
  user->password_change_required = true;
  user->version += 1;
  user->updated_at = now;
  if (!uow->users().update(*user, user->version - 1))
    return stale("The user changed meanwhile; try again.");
  uow->users().set_password_hash(user->id, hash, now);
  uow->sessions().revoke_all_for_user(user->id, now);
  uow->login_failures().clear(ascii_lower(user->email));
  uow->audit().append({now, admin, "user.password_reset", "user", user->id, "success"});
  uow->commit();
  return temporary;
}

}  // namespace mswa::domain
