#pragma once
// Route registration, one file per resource.
#include <functional>

#include "api/browser_session.hpp"
#include "api/metrics.hpp"
#include "api/router.hpp"
#include "domain/application_service.hpp"
#include "domain/audit_service.hpp"
#include "domain/auth_service.hpp"
#include "domain/award_service.hpp"
#include "domain/call_service.hpp"
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

namespace mswa::api {

struct Services {
  domain::AuthService& auth;
  domain::UserService& users;
  domain::OrganisationService& organisations;
  domain::LogframeService& logframe;
  domain::FundingService& funding;
  domain::CallService& calls;
  domain::ApplicationService& applications;
  domain::ReviewService& reviews;
  domain::DecisionService& decisions;
  domain::AwardService& awards;
  domain::DisbursementService& disbursements;
  domain::ProgressReportService& progress_reports;
  domain::ReportingService& donor_summaries;  // donor summaries and the staff portfolio
  domain::EditionService& editions;
  domain::AuditService& audit;
  Metrics& metrics;
  std::function<bool()> database_ready;
  BrowserSessionConfig browser;
};

inline constexpr const char* kBase = "/api/v1";

void add_ops_routes(Router& router, Services& s);
void add_auth_routes(Router& router, Services& s);
void add_user_routes(Router& router, Services& s);
void add_organisation_routes(Router& router, Services& s);
void add_audit_routes(Router& router, Services& s);
void add_logframe_routes(Router& router, Services& s);
void add_funding_routes(Router& router, Services& s);
void add_fx_rate_routes(Router& router, Services& s);
void add_call_routes(Router& router, Services& s);
void add_application_routes(Router& router, Services& s);
void add_review_routes(Router& router, Services& s);
void add_award_routes(Router& router, Services& s);
void add_disbursement_routes(Router& router, Services& s);
void add_progress_report_routes(Router& router, Services& s);
void add_report_routes(Router& router, Services& s);
void add_edition_routes(Router& router, Services& s);
void add_portfolio_routes(Router& router, Services& s);

}  // namespace mswa::api
