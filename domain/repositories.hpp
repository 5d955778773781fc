#pragma once
// Ports: what the domain needs from storage. persistence/ implements them with
// SOCI on SQLite and PostgreSQL; one contract test suite runs against both.
// Faults (lost database, uniqueness races) are thrown as domain::Failure.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/application.hpp"
#include "domain/audit.hpp"
#include "domain/award.hpp"
#include "domain/call.hpp"
#include "domain/disbursement.hpp"
#include "domain/donor_summary.hpp"
#include "domain/edition.hpp"
#include "domain/funding.hpp"
#include "domain/logframe.hpp"
#include "domain/organisation.hpp"
#include "domain/page.hpp"
#include "domain/progress_report.hpp"
#include "domain/review.hpp"
#include "domain/session_policy.hpp"
#include "domain/user.hpp"

namespace mswa::domain {

class OrganisationRepository {
 public:
  virtual ~OrganisationRepository() = default;
  virtual Organisation insert(const OrganisationFields& fields, EpochMs now) = 0;
  virtual std::optional<Organisation> find(const std::string& id) = 0;
  // only_id limits the listing to one organisation (callers scoped to their own).
  virtual Page<Organisation> list(const PageRequest& page, const std::optional<std::string>& only_id) = 0;
  // Writes org.fields when the stored version is expected_version; false when stale.
  virtual bool update(const Organisation& org, long long expected_version) = 0;
};

struct UserFilter {
  std::optional<std::string> organisation_id;
  std::optional<Role> role;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual User insert(const NewUser& user, const std::string& password_hash, EpochMs now) = 0;
  virtual std::optional<User> find(const std::string& id) = 0;
  virtual std::optional<User> find_by_email(const std::string& email_lower) = 0;
  virtual std::optional<std::string> password_hash(const std::string& id) = 0;
  virtual Page<User> list(const PageRequest& page, const UserFilter& filter) = 0;
  virtual bool update(const User& user, long long expected_version) = 0;
  virtual void set_password_hash(const std::string& id, const std::string& hash, EpochMs now) = 0;
  virtual long long count() = 0;
  // Also locks the counted rows until the transaction ends, so two
  // transactions cannot each see the other's row as the one that stays.
  virtual long long count_active_with_role(Role role) = 0;
};

struct StoredSession {
  std::string token_hash;
  std::string user_id;
  SessionTimes times;
};

struct SessionWithUser {
  StoredSession session;
  User user;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual void create(const StoredSession& s) = 0;
  virtual std::optional<StoredSession> find(const std::string& token_hash) = 0;
  // The session and its user in one read: every authenticated request needs both.
  virtual std::optional<SessionWithUser> find_with_user(const std::string& token_hash) = 0;
  virtual void touch(const std::string& token_hash, EpochMs now) = 0;
  virtual void revoke(const std::string& token_hash, EpochMs now) = 0;
  virtual void revoke_all_for_user(const std::string& user_id, EpochMs now) = 0;
  // Every session of the user but the one whose token hashes to `keep`.
  virtual void revoke_others_for_user(const std::string& user_id, const std::string& keep, EpochMs now) = 0;
  // Housekeeping: removes the sessions that can never be used again (past
  // their absolute end at `now`, revoked, or idle since before
  // `idle_before`); returns how many.
  virtual long long purge_ended(EpochMs now, EpochMs idle_before) = 0;
};

class LoginFailureRepository {
 public:
  virtual ~LoginFailureRepository() = default;
  // Returns the row's id, so an attempt reserved up front can be taken back.
  virtual long long record(const std::string& account_key, EpochMs at) = 0;
  virtual void remove(long long id) = 0;
  virtual std::vector<EpochMs> since(const std::string& account_key, EpochMs from) = 0;
  virtual void clear(const std::string& account_key) = 0;
  // Housekeeping: forgets failures older than `before`; returns how many.
  virtual long long purge(EpochMs before) = 0;
};

// Named leases, so that only one process at a time does a periodic job.
class LeaseRepository {
 public:
  virtual ~LeaseRepository() = default;
  // Takes or renews the lease until `until` when it is free, expired or
  // already the holder's; false when another holder has it.
  virtual bool acquire(const std::string& name, const std::string& holder, EpochMs now, EpochMs until) = 0;
};

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  virtual void append(const AuditEvent& event) = 0;
  virtual Page<AuditRecord> list(const AuditFilter& filter, const PageRequest& page) = 0;
};

class LogframeRepository {
 public:
  virtual ~LogframeRepository() = default;
  virtual std::vector<LogframeResult> results() = 0;  // in logframe order
  virtual std::vector<Indicator> indicators() = 0;    // by result, then code
  virtual std::optional<Indicator> find_indicator(const std::string& code) = 0;
  virtual Indicator insert_indicator(const IndicatorFields& fields, EpochMs now) = 0;
};

struct FundingFilter {
  std::optional<std::string> donor_organisation_id;
};

class FundingRepository {
 public:
  virtual ~FundingRepository() = default;
  virtual FundingSource insert(const FundingSourceFields& fields, EpochMs now) = 0;
  virtual std::optional<FundingSource> find(const std::string& id) = 0;
  virtual Page<FundingSource> list(const PageRequest& page, const FundingFilter& filter) = 0;
  // Sums over receipts, allocations and payments, done by the database.
  virtual FundingBalances balances(const std::string& id) = 0;
  virtual Receipt add_receipt(const std::string& funding_source_id, const Money& amount,
                              const std::string& received_on, EpochMs now) = 0;
  virtual std::vector<Receipt> receipts(const std::string& funding_source_id) = 0;
  // Holds the source against other writers until the transaction ends
  // (PostgreSQL row lock; SQLite's write lock already does), so two decisions
  // cannot both spend its last money.
  virtual void lock(const std::string& id) = 0;
};

struct FxFilter {
  std::optional<std::string> currency;
  std::optional<std::string> base;
};

class FxRateRepository {
 public:
  virtual ~FxRateRepository() = default;
  // Inserts or replaces; true when the rate is new.
  virtual bool put(const FxRate& rate) = 0;
  virtual std::vector<FxRate> list(const FxFilter& filter) = 0;
  // The newest rate on or before `date`, for converting currency into base.
  virtual std::optional<FxRate> on_or_before(const std::string& currency, const std::string& base,
                                             const std::string& date) = 0;
};

struct CallFilter {
  std::optional<CallStatus> status;
  // Only calls open at that instant (status open, opens_at <= t < closes_at).
  std::optional<EpochMs> accepting_at;
};

class CallRepository {
 public:
  virtual ~CallRepository() = default;
  virtual Call insert(const CallFields& fields, EpochMs now) = 0;
  virtual std::optional<Call> find(const std::string& id) = 0;
  virtual Page<Call> list(const PageRequest& page, const CallFilter& filter) = 0;
  // Writes fields and status when the stored version is expected_version; false when stale.
  virtual bool update(const Call& call, long long expected_version) = 0;
};

struct ApplicationFilter {
  std::optional<std::string> call_id;
  std::optional<ApplicationStatus> status;
  std::optional<std::string> organisation_id;
  std::optional<std::string> assigned_to;  // a reviewer's user id
};

class ApplicationRepository {
 public:
  virtual ~ApplicationRepository() = default;
  // Budget lines get their ids here.
  virtual Application insert(const std::string& call_id, const std::string& organisation_id,
                             const ApplicationContent& content, EpochMs now) = 0;
  virtual std::optional<Application> find(const std::string& id) = 0;
  virtual Page<Application> list(const PageRequest& page, const ApplicationFilter& filter) = 0;
  // Writes content and status when the stored version is expected_version; false when stale.
  virtual bool update(Application& application, long long expected_version) = 0;
};

class ReviewRepository {
 public:
  virtual ~ReviewRepository() = default;
  virtual Assignment assign(const std::string& application_id, const std::string& reviewer_id, EpochMs now) = 0;
  virtual std::optional<Assignment> assignment_for(const std::string& application_id, const std::string& reviewer_id) = 0;
  virtual Review add_review(const Assignment& assignment, const ReviewInput& input, EpochMs now) = 0;
  virtual std::optional<Review> review_for(const std::string& assignment_id) = 0;
  virtual std::vector<Review> reviews(const std::string& application_id) = 0;
};

struct AwardFilter {
  std::optional<std::string> organisation_id;
};

class AwardRepository {
 public:
  virtual ~AwardRepository() = default;
  // The next number in a year's sequence: MSWA-<year>-<number>.
  virtual int next_number(int year) = 0;
  // Stores the award with its tranches, allocations, budget lines, targets
  // and report schedule; gives tranches, allocations and reports their ids.
  virtual void insert(Award& award, const std::vector<ReportPeriod>& schedule) = 0;
  virtual std::optional<Award> find(const std::string& id) = 0;
  virtual Page<Award> list(const PageRequest& page, const AwardFilter& filter) = 0;
  // Holds the award against other writers until the transaction ends
  // (PostgreSQL row lock; SQLite's write lock already does), so concurrent
  // approvals cannot together pass its tranches' limits.
  virtual void lock(const std::string& id) = 0;
};

struct DisbursementFilter {
  std::optional<std::string> award_id;
  std::optional<std::string> organisation_id;  // the award's organisation
  std::optional<DisbursementStatus> status;
};

class DisbursementRepository {
 public:
  virtual ~DisbursementRepository() = default;
  virtual void insert(Disbursement& d) = 0;  // gives it its id
  virtual std::optional<Disbursement> find(const std::string& id) = 0;
  virtual Page<Disbursement> list(const PageRequest& page, const DisbursementFilter& filter) = 0;
  // Writes status, who and when, payment and portions when the stored
  // version is expected_version; false when stale. A payment reference used
  // before is a conflict (Failure).
  virtual bool update(const Disbursement& d, long long expected_version) = 0;
  // Sums of the disbursements not cancelled, by status.
  virtual Committed committed_for_tranche(const std::string& tranche_id) = 0;
  virtual Committed committed_for_award(const std::string& award_id) = 0;
  // What paid disbursements took from each funding source, in the award currency.
  virtual std::map<std::string, std::int64_t> paid_by_source(const std::string& award_id) = 0;
};

// The first answer given to a request with an Idempotency-Key.
struct StoredResponse {
  int status = 0;
  std::string body;
};

struct IdempotencyKey {
  std::string user_id;
  std::string key;
  std::string fingerprint;  // of the request the key was first used with
};

struct IdempotencyRecord {
  std::string fingerprint;
  StoredResponse response;
};

class IdempotencyRepository {
 public:
  virtual ~IdempotencyRepository() = default;
  // Claims the key for this transaction and returns nullopt, or returns what
  // an earlier request with it recorded. A key recorded before expired_before
  // is claimed afresh. On PostgreSQL a concurrent claim waits for the first
  // transaction to end, so one key never runs two requests.
  virtual std::optional<IdempotencyRecord> claim(const IdempotencyKey& key, EpochMs now, EpochMs expired_before) = 0;
  virtual void complete(const IdempotencyKey& key, const StoredResponse& response) = 0;
  virtual long long purge(EpochMs before) = 0;  // returns how many keys it forgot
};

class LedgerRepository {
 public:
  virtual ~LedgerRepository() = default;
  // Writes the transaction and its entries; gives it its id. An unbalanced
  // transaction is refused (std::logic_error): that is a bug, not bad input.
  virtual void post(LedgerTransaction& t) = 0;
  // The transaction of `kind` booked for reference_id that no reversal has undone.
  virtual std::optional<LedgerTransaction> standing(const std::string& reference_id, LedgerKind kind) = 0;
  virtual std::vector<CurrencyTotals> totals() = 0;
  // paid and spent of an award, from its accounts.
  virtual AwardTotals award_totals(const std::string& award_id, const Currency& currency) = 0;
};

class ProgressReportRepository {
 public:
  virtual ~ProgressReportRepository() = default;
  virtual std::optional<ProgressReport> find(const std::string& id) = 0;
  // An award's schedule in period order, without content.
  virtual std::vector<ProgressReport> schedule(const std::string& award_id) = 0;
  // Writes status, narrative, values and expenditures when the stored version
  // is expected_version; false when stale.
  virtual bool update(const ProgressReport& r, long long expected_version) = 0;
};

struct SummaryQuery {
  std::string funding_source_id;
  std::string as_of;  // YYYY-MM-DD
  // An edition's cut: only rows recorded by this instant count, and only
  // reports of periods ending on or before as_of. Without it (a staff
  // preview) everything booked by as_of and reports accepted by its end count.
  std::optional<EpochMs> known_at;
};

// Read-only aggregates for donor reports and the staff portfolio. The sums
// are done by the database, whatever the number of awards and reports.
class ReportingRepository {
 public:
  virtual ~ReportingRepository() = default;
  // Everything of SummaryFacts but the source, its donor and generated_at, which the caller knows.
  virtual void summarise(const SummaryQuery& query, SummaryFacts& facts) = 0;
  // as_of: today (YYYY-MM-DD); tranches due on or before due_by are listed.
  virtual Portfolio portfolio(const std::string& as_of, const std::string& due_by) = 0;
};

// One database transaction. Nothing is kept unless commit() is called.
class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  virtual OrganisationRepository& organisations() = 0;
  virtual UserRepository& users() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual LoginFailureRepository& login_failures() = 0;
  virtual AuditLog& audit() = 0;
  virtual LogframeRepository& logframe() = 0;
  virtual FundingRepository& funding() = 0;
  virtual FxRateRepository& fx_rates() = 0;
  virtual CallRepository& calls() = 0;
  virtual ApplicationRepository& applications() = 0;
  virtual ReviewRepository& reviews() = 0;
  virtual AwardRepository& awards() = 0;
  virtual DisbursementRepository& disbursements() = 0;
  virtual IdempotencyRepository& idempotency() = 0;
  virtual LedgerRepository& ledger() = 0;
  virtual ProgressReportRepository& progress_reports() = 0;
  virtual ReportingRepository& reporting() = 0;
  virtual EditionRepository& editions() = 0;
  virtual LeaseRepository& leases() = 0;
  virtual void commit() = 0;
};

enum class Access { read, write };

class Store {
 public:
  virtual ~Store() = default;
  // write takes the write lock up front (SQLite's BEGIN IMMEDIATE), so a
  // read-then-write transaction cannot fail half-way on a lock upgrade.
  virtual std::unique_ptr<UnitOfWork> begin(Access access) = 0;
};

}  // namespace mswa::domain
