#pragma once
// `mswa-grants seed-demo`: a believable data set for a newcomer to explore,
// built through the same domain services the API uses.
#include <string>
#include <vector>

#include "domain/application_service.hpp"
#include "domain/call_service.hpp"
#include "domain/decision_service.hpp"
#include "domain/disbursement_service.hpp"
#include "domain/funding_service.hpp"
#include "domain/organisation_service.hpp"
#include "domain/review_service.hpp"
#include "domain/user_service.hpp"

namespace mswa::api {

struct DemoServices {
  domain::Store& store;
  const domain::Clock& clock;
  domain::OrganisationService& organisations;
  domain::UserService& users;
  domain::FundingService& funding;
  domain::CallService& calls;
  domain::ApplicationService& applications;
  domain::ReviewService& reviews;
  domain::DecisionService& decisions;
  domain::DisbursementService& disbursements;
};

struct DemoLogin {
  std::string email;
  std::string role;
  std::string organisation;
};

// Builds the data set; throws std::runtime_error when the database already
// holds more than the bootstrap (it never mixes demo data into real data).
// Every demo user gets `password`.
std::vector<DemoLogin> seed_demo(const DemoServices& s, const std::string& password);

}  // namespace mswa::api
