#pragma once
#include <optional>
#include <string>

#include "domain/call.hpp"
#include "domain/error.hpp"
#include "domain/principal.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

// Staff write calls and see them all; members and reviewers see the calls
// open now, and nothing else (404, as for a missing id).
class CallService {
 public:
  CallService(Store& store, const Clock& clock);

  Result<Call> create(const Actor& actor, const CallFields& fields);
  Result<Call> get(const Principal& who, const std::string& request_id, const std::string& id);
  Page<Call> list(const Principal& who, const PageRequest& page, std::optional<CallStatus> status);
  // Only a draft may change.
  Result<Call> patch(const Actor& actor, const std::string& id, const CallPatch& patch, std::optional<long long> if_match);
  Result<Call> open(const Actor& actor, const std::string& id);
  Result<Call> close(const Actor& actor, const std::string& id);

 private:
  Result<Call> transition(const Actor& actor, const std::string& id, CallStatus from, CallStatus to);
  Store& store_;
  const Clock& clock_;
};

}  // namespace mswa::domain
