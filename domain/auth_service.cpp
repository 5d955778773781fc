#include "domain/auth_service.hpp"

#include <algorithm>

#include "domain/text.hpp"

namespace mswa::domain {

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
    Error e{ErrorCode::too_many_requests, "Too many failed logins for this account; try again later.", {},
            (*locked - now + 999) / 1000, "too_many_attempts"};
    return e;
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
  return Principal{user.id, user.role, user.organisation_id, user.email, user.name};
}

void AuthService::logout(const std::string& token, const Principal& who, const std::string& request_id) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  uow->sessions().revoke(tokens_.digest(token), now);
  uow->audit().append({now, Actor::of(who, request_id), "auth.logout", "user", who.user_id, "success"});
  uow->commit();
}

}  // namespace mswa::domain
