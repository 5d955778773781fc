#include "persistence/soci_store.hpp"

#include <soci/soci.h>

#include "persistence/repositories.hpp"

namespace mswa::persistence {
namespace {

class SociUnitOfWork final : public domain::UnitOfWork {
 public:
  SociUnitOfWork(Lease lease, Dialect dialect, domain::Access access, EditionFileCache& edition_files)
      : lease_(std::move(lease)),
        ctx_{lease_.session(), dialect, lease_},
        organisations_(ctx_),
        users_(ctx_),
        sessions_(ctx_),
        login_failures_(ctx_),
        audit_(ctx_),
        logframe_(ctx_),
        funding_(ctx_),
        fx_rates_(ctx_),
        calls_(ctx_),
        applications_(ctx_),
        reviews_(ctx_),
        awards_(ctx_),
        disbursements_(ctx_),
        idempotency_(ctx_),
        ledger_(ctx_),
        progress_reports_(ctx_),
        reporting_(ctx_),
        editions_(ctx_, edition_files),
        leases_(ctx_) {
    // SQLite: reads share one snapshot, writes take the write lock up front.
    // PostgreSQL: writes are one READ COMMITTED transaction; reads run each
    // statement on its own, which under READ COMMITTED sees the same and
    // saves two round trips.
    if (dialect == Dialect::postgresql && access == domain::Access::read) {
      open_ = ctx_.in_transaction = false;
      return;
    }
    guarded(ctx_, [&] {
      ctx_.sql << (dialect == Dialect::sqlite && access == domain::Access::write ? "BEGIN IMMEDIATE" : "BEGIN");
    });
  }

  ~SociUnitOfWork() override {
    if (open_) {
      try {
        ctx_.sql << "ROLLBACK";
      } catch (...) {
        lease_.mark_broken();  // a connection that cannot roll back is not reused as is
      }
    }
  }

  domain::OrganisationRepository& organisations() override { return organisations_; }
  domain::UserRepository& users() override { return users_; }
  domain::SessionRepository& sessions() override { return sessions_; }
  domain::LoginFailureRepository& login_failures() override { return login_failures_; }
  domain::AuditLog& audit() override { return audit_; }
  domain::LogframeRepository& logframe() override { return logframe_; }
  domain::FundingRepository& funding() override { return funding_; }
  domain::FxRateRepository& fx_rates() override { return fx_rates_; }
  domain::CallRepository& calls() override { return calls_; }
  domain::ApplicationRepository& applications() override { return applications_; }
  domain::ReviewRepository& reviews() override { return reviews_; }
  domain::AwardRepository& awards() override { return awards_; }
  domain::DisbursementRepository& disbursements() override { return disbursements_; }
  domain::IdempotencyRepository& idempotency() override { return idempotency_; }
  domain::LedgerRepository& ledger() override { return ledger_; }
  domain::ProgressReportRepository& progress_reports() override { return progress_reports_; }
  domain::ReportingRepository& reporting() override { return reporting_; }
  domain::EditionRepository& editions() override { return editions_; }
  domain::LeaseRepository& leases() override { return leases_; }

  void commit() override {
    if (open_) guarded(ctx_, [&] { ctx_.sql << "COMMIT"; });
    open_ = false;
  }

 private:
  Lease lease_;
  Context ctx_;
  SociOrganisationRepository organisations_;
  SociUserRepository users_;
  SociSessionRepository sessions_;
  SociLoginFailureRepository login_failures_;
  SociAuditLog audit_;
  SociLogframeRepository logframe_;
  SociFundingRepository funding_;
  SociFxRateRepository fx_rates_;
  SociCallRepository calls_;
  SociApplicationRepository applications_;
  SociReviewRepository reviews_;
  SociAwardRepository awards_;
  SociDisbursementRepository disbursements_;
  SociIdempotencyRepository idempotency_;
  SociLedgerRepository ledger_;
  SociProgressReportRepository progress_reports_;
  SociReportingRepository reporting_;
  SociEditionRepository editions_;
  SociLeaseRepository leases_;
  bool open_ = true;
};

}  // namespace

std::unique_ptr<domain::UnitOfWork> SociStore::begin(domain::Access access) {
  return std::make_unique<SociUnitOfWork>(db_.lease(), db_.dialect(), access, edition_files_);
}

}  // namespace mswa::persistence
