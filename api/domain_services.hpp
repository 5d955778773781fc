#pragma once
// The domain services, bound to one store and one clock: what the server's
// handlers call, and what a made-up history (demo/: the demo data, the
// benchmark portfolio) is told through on its own clock, so it meets every rule.
#include "domain/application_service.hpp"
#include "domain/audit_service.hpp"
#include "domain/award_service.hpp"
#include "domain/call_service.hpp"
#include "domain/credentials.hpp"
#include "domain/decision_service.hpp"
#include "domain/disbursement_service.hpp"
#include "domain/edition_service.hpp"
#include "domain/funding_service.hpp"
#include "domain/logframe_service.hpp"
#include "domain/organisation_service.hpp"
#include "domain/progress_report_service.hpp"
#include "domain/reporting_service.hpp"
#include "domain/review_service.hpp"
#include "domain/user_service.hpp"
#include "reports/edition_renderer.hpp"

namespace mswa::api {

struct DomainServices {
  DomainServices(domain::Store& store, const domain::Clock& clock, const domain::PasswordHasher& hasher)
      : organisations(store, clock),
        users(store, clock, hasher),
        logframe(store, clock),
        funding(store, clock),
        calls(store, clock),
        applications(store, clock),
        reviews(store, clock),
        decisions(store, clock),
        awards(store, clock),
        disbursements(store, clock),
        progress_reports(store, clock),
        donor_summaries(store, clock),
        editions(store, clock, edition_renderer),
        audit(store) {}
  reports::EditionFilesRenderer edition_renderer;
  domain::OrganisationService organisations;
  domain::UserService users;
  domain::LogframeService logframe;
  domain::FundingService funding;
  domain::CallService calls;
  domain::ApplicationService applications;
  domain::ReviewService reviews;
  domain::DecisionService decisions;
  domain::AwardService awards;
  domain::DisbursementService disbursements;
  domain::ProgressReportService progress_reports;
  domain::ReportingService donor_summaries;  // donor summaries and the staff portfolio
  domain::EditionService editions;
  domain::AuditService audit;
};

}  // namespace mswa::api
