#pragma once
// Progress reports: one per period of an award's schedule. The member saves
// drafts and submits; programme staff accept (frozen from then on; tranches
// waiting on it unlock) or return it with a reason.
// pending -> draft -> submitted -> accepted / returned (-> draft again).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/award.hpp"
#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "domain/logframe.hpp"
#include "domain/money.hpp"

namespace mswa::domain {

enum class ReportStatus { pending, draft, submitted, accepted, returned };

std::string_view to_string(ReportStatus s);
std::optional<ReportStatus> parse_report_status(std::string_view s);

// One cell of an indicator's result: a value for one combination of the
// indicator's dimensions (none at all for an undivided total).
struct IndicatorValue {
  std::string indicator_code;
  std::map<Dimension, std::string> dimensions;
  std::string value;  // a decimal for unit and percentage measures; text for qualitative
  friend bool operator==(const IndicatorValue&, const IndicatorValue&) = default;
};

struct Expenditure {
  std::string budget_line_id;
  Money amount;  // in the award's currency
  friend bool operator==(const Expenditure&, const Expenditure&) = default;
};

struct ReportContent {
  std::string narrative;
  std::vector<IndicatorValue> indicator_values;
  std::vector<Expenditure> expenditures;
};

struct ProgressReport {
  std::string id;
  std::string award_id;
  std::string organisation_id;  // the award's
  ReportPeriod period;
  ReportStatus status = ReportStatus::pending;
  ReportContent content;
  std::optional<EpochMs> submitted_at;
  std::optional<EpochMs> decided_at;
  std::optional<std::string> return_reason;
  long long version = 1;
  EpochMs updated_at = 0;

  bool editable() const {
    return status == ReportStatus::pending || status == ReportStatus::draft || status == ReportStatus::returned;
  }
};

// A number of at most four decimals as an integer times 10^4, for sums in the
// database; nullopt when it has more decimals or does not fit.
std::optional<std::int64_t> scaled_e4(const Decimal& d);

// Rules for every save: values only for indicators the award targets, with
// dimensions the indicator has and values those dimensions take, numbers where
// the measure is a number; each cell once, and one indicator's cells all
// broken down the same way; expenditures only on the award's budget lines, in
// its currency, each line once.
std::vector<FieldError> validate(const ReportContent& c, const Award& award, const std::vector<Indicator>& indicators);

// On submit as well: a narrative, and a value for every indicator the award targets.
std::vector<FieldError> validate_submission(const ReportContent& c, const Award& award);

}  // namespace mswa::domain
