#pragma once
// SOCI implementations of the domain's repository ports. Each works inside the
// transaction of the UnitOfWork that made it.
#include "domain/repositories.hpp"
#include "persistence/edition_file_cache.hpp"
#include "persistence/sql_errors.hpp"

namespace mswa::persistence {

class SociOrganisationRepository final : public domain::OrganisationRepository {
 public:
  explicit SociOrganisationRepository(Context& ctx) : ctx_(ctx) {}
  domain::Organisation insert(const domain::OrganisationFields& fields, domain::EpochMs now) override;
  std::optional<domain::Organisation> find(const std::string& id) override;
  domain::Page<domain::Organisation> list(const domain::PageRequest& page,
                                          const std::optional<std::string>& only_id) override;
  bool update(const domain::Organisation& org, long long expected_version) override;

 private:
  Context& ctx_;
};

class SociUserRepository final : public domain::UserRepository {
 public:
  explicit SociUserRepository(Context& ctx) : ctx_(ctx) {}
  domain::User insert(const domain::NewUser& user, const std::string& password_hash, domain::EpochMs now) override;
  std::optional<domain::User> find(const std::string& id) override;
  std::optional<domain::User> find_by_email(const std::string& email_lower) override;
  std::optional<std::string> password_hash(const std::string& id) override;
  domain::Page<domain::User> list(const domain::PageRequest& page, const domain::UserFilter& filter) override;
  bool update(const domain::User& user, long long expected_version) override;
  void set_password_hash(const std::string& id, const std::string& hash, domain::EpochMs now) override;
  long long count() override;
  long long count_active_with_role(domain::Role role) override;

 private:
  std::optional<domain::User> find_where(const std::string& column, const std::string& value);
  Context& ctx_;
};

class SociSessionRepository final : public domain::SessionRepository {
 public:
  explicit SociSessionRepository(Context& ctx) : ctx_(ctx) {}
  void create(const domain::StoredSession& s) override;
  std::optional<domain::StoredSession> find(const std::string& token_hash) override;
  std::optional<domain::SessionWithUser> find_with_user(const std::string& token_hash) override;
  void touch(const std::string& token_hash, domain::EpochMs now) override;
  void revoke(const std::string& token_hash, domain::EpochMs now) override;
  void revoke_all_for_user(const std::string& user_id, domain::EpochMs now) override;
  void revoke_others_for_user(const std::string& user_id, const std::string& keep, domain::EpochMs now) override;
  long long purge_ended(domain::EpochMs now, domain::EpochMs idle_before) override;

 private:
  Context& ctx_;
};

class SociLoginFailureRepository final : public domain::LoginFailureRepository {
 public:
  explicit SociLoginFailureRepository(Context& ctx) : ctx_(ctx) {}
  long long record(const std::string& account_key, domain::EpochMs at) override;
  void remove(long long id) override;
  std::vector<domain::EpochMs> since(const std::string& account_key, domain::EpochMs from) override;
  void clear(const std::string& account_key) override;
  long long purge(domain::EpochMs before) override;

 private:
  Context& ctx_;
};

class SociLeaseRepository final : public domain::LeaseRepository {
 public:
  explicit SociLeaseRepository(Context& ctx) : ctx_(ctx) {}
  bool acquire(const std::string& name, const std::string& holder, domain::EpochMs now,
               domain::EpochMs until) override;

 private:
  Context& ctx_;
};

class SociAuditLog final : public domain::AuditLog {
 public:
  explicit SociAuditLog(Context& ctx) : ctx_(ctx) {}
  void append(const domain::AuditEvent& event) override;
  domain::Page<domain::AuditRecord> list(const domain::AuditFilter& filter, const domain::PageRequest& page) override;

 private:
  Context& ctx_;
};

class SociLogframeRepository final : public domain::LogframeRepository {
 public:
  explicit SociLogframeRepository(Context& ctx) : ctx_(ctx) {}
  std::vector<domain::LogframeResult> results() override;
  std::vector<domain::Indicator> indicators() override;
  std::optional<domain::Indicator> find_indicator(const std::string& code) override;
  domain::Indicator insert_indicator(const domain::IndicatorFields& fields, domain::EpochMs now) override;

 private:
  std::vector<domain::Indicator> select_indicators(const std::optional<std::string>& code);
  Context& ctx_;
};

class SociFundingRepository final : public domain::FundingRepository {
 public:
  explicit SociFundingRepository(Context& ctx) : ctx_(ctx) {}
  domain::FundingSource insert(const domain::FundingSourceFields& fields, domain::EpochMs now) override;
  std::optional<domain::FundingSource> find(const std::string& id) override;
  domain::Page<domain::FundingSource> list(const domain::PageRequest& page, const domain::FundingFilter& filter) override;
  domain::FundingBalances balances(const std::string& id) override;
  domain::Receipt add_receipt(const std::string& funding_source_id, const domain::Money& amount,
                              const std::string& received_on, domain::EpochMs now) override;
  std::vector<domain::Receipt> receipts(const std::string& funding_source_id) override;
  void lock(const std::string& id) override;

 private:
  Context& ctx_;
};

class SociFxRateRepository final : public domain::FxRateRepository {
 public:
  explicit SociFxRateRepository(Context& ctx) : ctx_(ctx) {}
  bool put(const domain::FxRate& rate) override;
  std::vector<domain::FxRate> list(const domain::FxFilter& filter) override;
  std::optional<domain::FxRate> on_or_before(const std::string& currency, const std::string& base,
                                             const std::string& date) override;

 private:
  Context& ctx_;
};

class SociCallRepository final : public domain::CallRepository {
 public:
  explicit SociCallRepository(Context& ctx) : ctx_(ctx) {}
  domain::Call insert(const domain::CallFields& fields, domain::EpochMs now) override;
  std::optional<domain::Call> find(const std::string& id) override;
  domain::Page<domain::Call> list(const domain::PageRequest& page, const domain::CallFilter& filter) override;
  bool update(const domain::Call& call, long long expected_version) override;

 private:
  Context& ctx_;
};

class SociApplicationRepository final : public domain::ApplicationRepository {
 public:
  explicit SociApplicationRepository(Context& ctx) : ctx_(ctx) {}
  domain::Application insert(const std::string& call_id, const std::string& organisation_id,
                             const domain::ApplicationContent& content, domain::EpochMs now) override;
  std::optional<domain::Application> find(const std::string& id) override;
  domain::Page<domain::Application> list(const domain::PageRequest& page,
                                         const domain::ApplicationFilter& filter) override;
  bool update(domain::Application& application, long long expected_version) override;

 private:
  Context& ctx_;
};

class SociReviewRepository final : public domain::ReviewRepository {
 public:
  explicit SociReviewRepository(Context& ctx) : ctx_(ctx) {}
  domain::Assignment assign(const std::string& application_id, const std::string& reviewer_id,
                            domain::EpochMs now) override;
  std::optional<domain::Assignment> assignment_for(const std::string& application_id,
                                                   const std::string& reviewer_id) override;
  domain::Review add_review(const domain::Assignment& assignment, const domain::ReviewInput& input,
                            domain::EpochMs now) override;
  std::optional<domain::Review> review_for(const std::string& assignment_id) override;
  std::vector<domain::Review> reviews(const std::string& application_id) override;

 private:
  Context& ctx_;
};

class SociAwardRepository final : public domain::AwardRepository {
 public:
  explicit SociAwardRepository(Context& ctx) : ctx_(ctx) {}
  int next_number(int year) override;
  void insert(domain::Award& award, const std::vector<domain::ReportPeriod>& schedule) override;
  std::optional<domain::Award> find(const std::string& id) override;
  domain::Page<domain::Award> list(const domain::PageRequest& page, const domain::AwardFilter& filter) override;
  void lock(const std::string& id) override;

 private:
  Context& ctx_;
};

class SociDisbursementRepository final : public domain::DisbursementRepository {
 public:
  explicit SociDisbursementRepository(Context& ctx) : ctx_(ctx) {}
  void insert(domain::Disbursement& d) override;
  std::optional<domain::Disbursement> find(const std::string& id) override;
  domain::Page<domain::Disbursement> list(const domain::PageRequest& page,
                                          const domain::DisbursementFilter& filter) override;
  bool update(const domain::Disbursement& d, long long expected_version) override;
  domain::Committed committed_for_tranche(const std::string& tranche_id) override;
  domain::Committed committed_for_award(const std::string& award_id) override;
  std::map<std::string, std::int64_t> paid_by_source(const std::string& award_id) override;

 private:
  domain::Committed committed_where(const std::string& column, const std::string& value);
  Context& ctx_;
};

class SociIdempotencyRepository final : public domain::IdempotencyRepository {
 public:
  explicit SociIdempotencyRepository(Context& ctx) : ctx_(ctx) {}
  std::optional<domain::IdempotencyRecord> claim(const domain::IdempotencyKey& key, domain::EpochMs now,
                                                 domain::EpochMs expired_before) override;
  void complete(const domain::IdempotencyKey& key, const domain::StoredResponse& response) override;
  long long purge(domain::EpochMs before) override;

 private:
  Context& ctx_;
};

class SociLedgerRepository final : public domain::LedgerRepository {
 public:
  explicit SociLedgerRepository(Context& ctx) : ctx_(ctx) {}
  void post(domain::LedgerTransaction& t) override;
  std::optional<domain::LedgerTransaction> standing(const std::string& reference_id, domain::LedgerKind kind) override;
  std::vector<domain::CurrencyTotals> totals() override;
  domain::AwardTotals award_totals(const std::string& award_id, const domain::Currency& currency) override;

 private:
  Context& ctx_;
};

class SociProgressReportRepository final : public domain::ProgressReportRepository {
 public:
  explicit SociProgressReportRepository(Context& ctx) : ctx_(ctx) {}
  std::optional<domain::ProgressReport> find(const std::string& id) override;
  std::vector<domain::ProgressReport> schedule(const std::string& award_id) override;
  bool update(const domain::ProgressReport& r, long long expected_version) override;

 private:
  Context& ctx_;
};

// Donor summaries (summary_queries.cpp) and the staff portfolio (portfolio_queries.cpp).
class SociReportingRepository final : public domain::ReportingRepository {
 public:
  explicit SociReportingRepository(Context& ctx) : ctx_(ctx) {}
  void summarise(const domain::SummaryQuery& query, domain::SummaryFacts& facts) override;
  domain::Portfolio portfolio(const std::string& as_of, const std::string& due_by) override;

 private:
  Context& ctx_;
};

class SociEditionRepository final : public domain::EditionRepository {
 public:
  SociEditionRepository(Context& ctx, EditionFileCache& files) : ctx_(ctx), files_(files) {}
  void insert(domain::Edition& edition, const domain::RenderedEdition& files) override;
  std::optional<std::pair<domain::Edition, std::string>> latest(const std::string& funding_source_id) override;
  std::vector<domain::Edition> list(const std::string& funding_source_id) override;
  std::optional<domain::EditionFile> file(const std::string& funding_source_id, const std::string& period_end,
                                          domain::EditionFormat format) override;

 private:
  Context& ctx_;
  EditionFileCache& files_;
};

}  // namespace mswa::persistence
