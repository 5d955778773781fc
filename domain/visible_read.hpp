#pragma once
// How a service answers a read of something the caller may not see: as if
// it did not exist (the same not_found() as a missing id, so probing ids
// learns nothing), with the refusal written to the audit trail.
#include <optional>
#include <string>
#include <utility>

#include "domain/audit.hpp"
#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "domain/principal.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

// What a read found: the view when the caller may see it; `denied` when the
// miss is a refusal to audit.
template <class T>
struct Sighting {
  std::optional<T> view;
  bool denied = false;
};

// The usual sighting: denied when the entity exists and `visible` says no.
template <class T, class Visible>
Sighting<T> sight(std::optional<T> found, Visible visible) {
  Sighting<T> s;
  if (!found) return s;
  if (visible(*found)) s.view = std::move(found);
  else s.denied = true;
  return s;
}

// Reads keyed by a funding source (the source, its summary, its editions)
// count every miss by a caller who is not staff as a refusal, whether or not
// the source exists.
template <class T>
Sighting<T> source_sighting(const Principal& who, std::optional<T> view) {
  const bool denied = !view && !is_staff(who.role);
  return {std::move(view), denied};
}

// The audit row of a refusal: `who` tried `action` on `entity_type` `id`.
struct Refusal {
  const Principal& who;
  const std::string& request_id;
  const char* action;       // e.g. "award.read", "application.submit"
  const char* entity_type;  // e.g. "award"
  const std::string& id;

  AuditEvent event(EpochMs now) const {
    return {now, Actor::of(who, request_id), action, entity_type, id, "denied"};
  }
};

// Runs `read(uow)` (returning a Sighting<T>) in a read unit of work, which
// takes no write lock; a denial is then written in a write unit of work of
// its own.
template <class T, class Read>
Result<T> read_visible(Store& store, const Clock& clock, const Refusal& refusal, Read read) {
  Sighting<T> seen;
  {
    auto uow = store.begin(Access::read);
    seen = read(*uow);
    uow->commit();
  }
  if (seen.view) return std::move(*seen.view);
  if (seen.denied) {
    auto uow = store.begin(Access::write);
    uow->audit().append(refusal.event(clock.now_ms()));
    uow->commit();
  }
  return not_found();
}

// The same inside the caller's write unit of work, which commits even on
// refusal so that the denial is kept.
template <class T>
std::optional<T> visible_in(UnitOfWork& uow, const Clock& clock, const Refusal& refusal, Sighting<T> seen) {
  if (seen.denied) uow.audit().append(refusal.event(clock.now_ms()));
  return std::move(seen.view);
}

}  // namespace mswa::domain
