#pragma once
// A member organisation's proposal to a call. draft -> submitted ->
// under_review -> approved / rejected / changes_requested; withdrawn.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/call.hpp"
#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "domain/logframe.hpp"
#include "domain/money.hpp"
#include "domain/organisation.hpp"

namespace mswa::domain {

enum class ApplicationStatus { draft, submitted, under_review, approved, rejected, changes_requested, withdrawn };
enum class BudgetCategory { personnel, activities, travel, equipment, administration, other };

std::string_view to_string(ApplicationStatus s);
std::optional<ApplicationStatus> parse_application_status(std::string_view s);
std::string_view to_string(BudgetCategory c);
std::optional<BudgetCategory> parse_budget_category(std::string_view s);

struct BudgetLine {
  std::string id;  // given by the server
  BudgetCategory category = BudgetCategory::other;
  std::string description;
  Money amount;
  friend bool operator==(const BudgetLine&, const BudgetLine&) = default;
};

struct Target {
  std::string indicator_code;
  Decimal baseline;
  Decimal target;
  friend bool operator==(const Target&, const Target&) = default;
};

// What a member writes. Everything may be incomplete while it is a draft.
struct ApplicationContent {
  std::string title;
  std::string summary;
  std::optional<Money> requested;
  std::optional<std::string> start_date;
  std::optional<int> duration_months;
  std::map<std::string, std::string> answers;
  std::vector<BudgetLine> budget_lines;
  std::vector<Target> targets;
};

struct ApplicationPatch {
  std::optional<std::string> title;
  std::optional<std::string> summary;
  std::optional<Money> requested;
  std::optional<std::string> start_date;
  std::optional<int> duration_months;
  std::optional<std::map<std::string, std::string>> answers;
  std::optional<std::vector<BudgetLine>> budget_lines;
  std::optional<std::vector<Target>> targets;
};

struct Application {
  std::string id;
  std::string call_id;
  std::string organisation_id;
  ApplicationContent content;
  ApplicationStatus status = ApplicationStatus::draft;
  std::optional<EpochMs> submitted_at;
  long long version = 1;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;

  // Only a draft, or one returned for changes, may be edited or submitted.
  bool editable() const { return status == ApplicationStatus::draft || status == ApplicationStatus::changes_requested; }
};

ApplicationContent apply(ApplicationContent base, const ApplicationPatch& patch);

// Shape rules that hold for every save, draft or not: lengths, dates,
// budget amounts in the call's currency, answers only to the call's questions.
std::vector<FieldError> validate_draft(const ApplicationContent& c, const Call& call);

// DESIGN §7, checked on submit: the call takes submissions now, the request
// fits the call, the budget adds up, required answers are there, the
// organisation's country is eligible, targets name indicators of the call's results.
std::vector<FieldError> validate_submission(const ApplicationContent& c, const Call& call, const Organisation& org,
                                            const std::vector<Indicator>& indicators, EpochMs now);

}  // namespace mswa::domain
