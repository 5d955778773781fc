#include "domain/call_service.hpp"

#include <algorithm>

namespace mswa::domain {

namespace {

// Each funding source named must exist.
std::vector<FieldError> check_funding_sources(UnitOfWork& uow, const CallFields& f) {
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < f.funding_source_ids.size(); ++i)
    if (!uow.funding().find(f.funding_source_ids[i]))
      errors.push_back({"/funding_source_ids/" + std::to_string(i), "names no funding source", "unknown_funding_source"});
  return errors;
}

}  // namespace

CallService::CallService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

Result<Call> CallService::create(const Actor& actor, const CallFields& fields) {
  if (auto errors = validate(fields); !errors.empty()) return invalid(std::move(errors));
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  if (auto errors = check_funding_sources(*uow, fields); !errors.empty()) return invalid(std::move(errors));
  Call call = uow->calls().insert(fields, now);
  uow->audit().append({now, actor, "call.create", "call", call.id, "success", {{"status", "draft"}}});
  uow->commit();
  return call;
}

Result<Call> CallService::get(const Principal& who, const std::string& request_id, const std::string& id) {
  const EpochMs now = clock_.now_ms();
  std::optional<Call> call;
  {
    auto uow = store_.begin(Access::read);
    call = uow->calls().find(id);
    uow->commit();
  }
  if (call && (is_staff(who.role) || call->accepting(now))) return *call;
  if (call) {
    auto uow = store_.begin(Access::write);
    uow->audit().append({now, Actor::of(who, request_id), "call.read", "call", id, "denied"});
    uow->commit();
  }
  return not_found();
}

Page<Call> CallService::list(const Principal& who, const PageRequest& page, std::optional<CallStatus> status) {
  CallFilter filter;
  if (is_staff(who.role)) filter.status = status;
  else filter.accepting_at = clock_.now_ms();
  auto uow = store_.begin(Access::read);
  auto result = uow->calls().list(page, filter);
  uow->commit();
  return result;
}

Result<Call> CallService::patch(const Actor& actor, const std::string& id, const CallPatch& patch,
                                std::optional<long long> if_match) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto current = uow->calls().find(id);
  if (!current) return not_found();
  if (if_match && *if_match != current->version)
    return stale("The call changed since you read it.");
  if (current->status != CallStatus::draft) return wrong_state("Only a draft call can be edited.", to_string(current->status));
  Call next = *current;
  next.fields = apply(current->fields, patch);
  std::sort(next.fields.funding_source_ids.begin(), next.fields.funding_source_ids.end());  // as stored and read
  if (auto errors = validate(next.fields); !errors.empty()) return invalid(std::move(errors));
  if (auto errors = check_funding_sources(*uow, next.fields); !errors.empty()) return invalid(std::move(errors));
  next.version = current->version + 1;
  next.updated_at = now;
  if (!uow->calls().update(next, current->version))
    return stale("The call changed since you read it.");
  uow->audit().append({now, actor, "call.update", "call", id, "success"});
  uow->commit();
  return next;
}

Result<Call> CallService::transition(const Actor& actor, const std::string& id, CallStatus from, CallStatus to) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto current = uow->calls().find(id);
  if (!current) return not_found();
  if (current->status != from)
    return wrong_state("The call is " + std::string(to_string(current->status)) + ", not " + std::string(to_string(from)) + ".",
                       to_string(current->status));
  if (to == CallStatus::open && current->fields.closes_at <= now)
    return conflict("The call's closes_at has passed; move it before opening.", "call_closed");
  Call next = *current;
  next.status = to;
  next.version = current->version + 1;
  next.updated_at = now;
  if (!uow->calls().update(next, current->version))
    return stale("The call changed meanwhile; try again.");
  uow->audit().append({now, actor, "call." + std::string(to == CallStatus::open ? "open" : "close"), "call", id,
                       "success", {{"status", change_text(to_string(from), to_string(to))}}});
  uow->commit();
  return next;
}

Result<Call> CallService::open(const Actor& actor, const std::string& id) {
  return transition(actor, id, CallStatus::draft, CallStatus::open);
}

Result<Call> CallService::close(const Actor& actor, const std::string& id) {
  return transition(actor, id, CallStatus::open, CallStatus::closed);
}

}  // namespace mswa::domain
