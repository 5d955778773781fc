#pragma once
// The MSWA logframe: outcomes OC1-OC5 and outputs OP1-OP6 (seeded by a
// migration), each with indicators that staff may add to.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/clock.hpp"
#include "domain/error.hpp"

namespace mswa::domain {

enum class ResultKind { outcome, output };
enum class Measure { unit, percentage, qualitative };
enum class Dimension { gender, migrant_status, age_group };

std::string_view to_string(ResultKind k);
std::string_view to_string(Measure m);
std::optional<Measure> parse_measure(std::string_view s);
std::string_view to_string(Dimension d);
std::optional<Dimension> parse_dimension(std::string_view s);
// The values a dimension takes, e.g. gender: woman trans_woman trans_man non_binary man.
const std::vector<std::string_view>& dimension_values(Dimension d);

// OC1-OC5 and OP1-OP6: the results of the MSWA logframe (seeded by migration; fixed).
bool is_logframe_result_code(std::string_view code);

struct LogframeResult {
  std::string code;  // "OC1", "OP6"
  ResultKind kind = ResultKind::outcome;
  std::string title;
};

struct IndicatorFields {
  std::string code;         // "OP1.1": the result's code, a dot, a number
  std::string result_code;  // "OP1"
  std::string title;
  Measure measure = Measure::unit;
  bool ascending = true;    // whether more is better
  std::vector<Dimension> dimensions;
};

struct Indicator {
  IndicatorFields fields;
  EpochMs created_at = 0;
};

// Field rules that need no database: code shape and its result prefix,
// title length, dimensions listed once; qualitative indicators have none.
std::vector<FieldError> validate(const IndicatorFields& f);

}  // namespace mswa::domain
