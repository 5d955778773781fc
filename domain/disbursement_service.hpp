#pragma once
#include <functional>
#include <optional>
#include <string>

#include "domain/disbursement.hpp"
#include "domain/error.hpp"
#include "domain/principal.hpp"
#include "domain/repositories.hpp"

namespace mswa::domain {

// The answer to a request made with an Idempotency-Key, and whether it is
// the recorded answer of an earlier request.
struct IdempotentOutcome {
  StoredResponse response;
  bool replayed = false;
};

// Turns a new disbursement into the answer to store and send (the api layer's JSON).
using RenderDisbursement = std::function<StoredResponse(const Disbursement&)>;

struct DisbursementListFilter {
  std::optional<std::string> award_id;
  std::optional<DisbursementStatus> status;
};

// Disbursements of award tranches. Every step runs in one transaction with
// the award locked, so concurrent requests cannot together pass a limit.
class DisbursementService {
 public:
  // Keys are kept this long; after it a key may be used afresh.
  static constexpr EpochMs kKeyLifetimeMs = 24LL * 60 * 60 * 1000;

  DisbursementService(Store& store, const Clock& clock);

  // Programme or finance staff. The same key with the same request replays
  // the first answer; with a different request it is refused. A request that
  // fails keeps nothing, the key included, so it may be retried.
  Result<IdempotentOutcome> request(const Actor& actor, const std::string& award_id, const DisbursementInput& input,
                                    const IdempotencyKey& key, const RenderDisbursement& render);
  // Finance, and never the person who requested it.
  Result<Disbursement> approve(const Actor& actor, const std::string& id);
  // Splits the payment over the award's funding sources, converts each share
  // at the rate of paid_on and books it in the ledger.
  Result<Disbursement> pay(const Actor& actor, const std::string& id, const PaymentInput& input);
  // Before payment a cancellation only changes the status. On a paid one it
  // is the first half of a reversal: it asks, and nothing moves in the ledger
  // until another finance officer confirms with reverse().
  Result<Disbursement> cancel(const Actor& actor, const std::string& id, const std::string& reason);
  // Finance, and never the person who asked: posts the reversing ledger
  // transaction, so the tranche may be requested and paid again.
  Result<Disbursement> reverse(const Actor& actor, const std::string& id);
  // Finance (the asker or another): the payment stands after all.
  Result<Disbursement> withdraw_reversal(const Actor& actor, const std::string& id);

  // Staff see all; a member its own organisation's.
  Result<Disbursement> get(const Principal& who, const std::string& request_id, const std::string& id);
  Page<Disbursement> list(const Principal& who, const PageRequest& page, const DisbursementListFilter& filter);

  // Debits, credits and net per currency over the whole ledger.
  std::vector<CurrencyTotals> trial_balance();

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace mswa::domain
