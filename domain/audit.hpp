#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/clock.hpp"
#include "domain/principal.hpp"

namespace mswa::domain {

// One line of the append-only, hash-chained audit trail. `details` holds
// non-secret facts (from -> to, a reason); never passwords, tokens or report text.
struct AuditEvent {
  EpochMs at = 0;
  Actor actor;
  std::string action;       // e.g. "organisation.create", "auth.login", "request.denied"
  std::string entity_type;  // e.g. "organisation"
  std::optional<std::string> entity_id;
  std::string outcome;      // "success", "failure", "denied", "throttled"
  std::vector<std::pair<std::string, std::string>> details{};
};

// How the trail writes a change of value: "draft -> open".
inline std::string change_text(std::string_view from, std::string_view to) {
  return std::string(from) + " -> " + std::string(to);
}

struct AuditRecord {
  long long seq = 0;
  AuditEvent event;
  std::string hash;  // SHA-256 over the previous hash and this event
};

struct AuditFilter {
  std::optional<std::string> entity_type;
  std::optional<std::string> entity_id;
};

}  // namespace mswa::domain
