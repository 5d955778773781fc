#pragma once
// House-keeping (DESIGN §11): ended sessions, old login failures and spent
// idempotency keys are deleted, so that rows written without credentials
// (a login flood) or by routine use do not pile up. One process at a time
// does it, by a lease in the database.
#include <string>

#include "domain/clock.hpp"
#include "domain/login_throttle.hpp"
#include "domain/repositories.hpp"
#include "domain/session_policy.hpp"

namespace mswa::domain {

struct MaintenancePolicy {
  SessionPolicy sessions;
  LoginThrottlePolicy logins;
  EpochMs idempotency_key_lifetime_ms = hours_ms(24);
  // How long a run keeps others away: a process that died frees it after this.
  EpochMs lease_ms = minutes_ms(10);
};

struct MaintenanceRun {
  bool ran = false;  // false: another process holds the lease
  long long sessions = 0;
  long long login_failures = 0;
  long long idempotency_keys = 0;
};

class MaintenanceService {
 public:
  static constexpr const char* kLease = "maintenance";

  // `holder` names this process in the lease, e.g. host, pid and a random part.
  MaintenanceService(Store& store, const Clock& clock, MaintenancePolicy policy, std::string holder);

  // One run in one transaction, when the lease is this process's.
  MaintenanceRun run_once();

 private:
  Store& store_;
  const Clock& clock_;
  MaintenancePolicy policy_;
  std::string holder_;
};

}  // namespace mswa::domain
