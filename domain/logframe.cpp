#include "domain/logframe.hpp"

#include <algorithm>

#include "domain/text.hpp"

namespace mswa::domain {

bool is_logframe_result_code(std::string_view code) {
  static constexpr std::string_view kCodes[] = {"OC1", "OC2", "OC3", "OC4", "OC5", "OP1",
                                                "OP2", "OP3", "OP4", "OP5", "OP6"};
  return std::find(std::begin(kCodes), std::end(kCodes), code) != std::end(kCodes);
}

std::string_view to_string(ResultKind k) { return k == ResultKind::outcome ? "outcome" : "output"; }

std::string_view to_string(Measure m) {
  switch (m) {
    case Measure::unit: return "unit";
    case Measure::percentage: return "percentage";
    case Measure::qualitative: return "qualitative";
  }
  return "unit";
}

std::optional<Measure> parse_measure(std::string_view s) {
  for (Measure m : {Measure::unit, Measure::percentage, Measure::qualitative})
    if (to_string(m) == s) return m;
  return std::nullopt;
}

std::string_view to_string(Dimension d) {
  switch (d) {
    case Dimension::gender: return "gender";
    case Dimension::migrant_status: return "migrant_status";
    case Dimension::age_group: return "age_group";
  }
  return "gender";
}

std::optional<Dimension> parse_dimension(std::string_view s) {
  for (Dimension d : {Dimension::gender, Dimension::migrant_status, Dimension::age_group})
    if (to_string(d) == s) return d;
  return std::nullopt;
}

const std::vector<std::string_view>& dimension_values(Dimension d) {
  static const std::vector<std::string_view> gender{"woman", "trans_woman", "trans_man", "non_binary", "man"};
  static const std::vector<std::string_view> migrant{"migrant", "non_migrant"};
  static const std::vector<std::string_view> age{"under_25", "25_to_39", "40_plus"};
  switch (d) {
    case Dimension::gender: return gender;
    case Dimension::migrant_status: return migrant;
    case Dimension::age_group: return age;
  }
  return gender;
}

std::vector<FieldError> validate(const IndicatorFields& f) {
  std::vector<FieldError> errors;
  const auto dot = f.code.find('.');
  // The number after the dot: digits, no leading zero (OP1.01 would shadow OP1.1).
  const bool code_ok = dot != std::string::npos && dot + 1 < f.code.size() && f.code.size() <= 12 &&
                       f.code[dot + 1] != '0' &&
                       std::all_of(f.code.begin() + static_cast<std::ptrdiff_t>(dot) + 1, f.code.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
  if (!code_ok) errors.push_back({"/code", "must be the result's code, a dot and a number, e.g. OP1.2", "invalid_indicator_code"});
  else if (f.code.substr(0, dot) != f.result_code)
    errors.push_back({"/code", "must start with the result code " + f.result_code, "wrong_result_prefix",
                      {{"result", f.result_code}}});
  if (auto bad = check_text(f.title, "/title", 1, 300)) errors.push_back(*bad);
  for (std::size_t i = 0; i < f.dimensions.size(); ++i)
    if (std::find(f.dimensions.begin(), f.dimensions.begin() + static_cast<std::ptrdiff_t>(i), f.dimensions[i]) !=
        f.dimensions.begin() + static_cast<std::ptrdiff_t>(i))
      errors.push_back(listed_twice("/dimensions/" + std::to_string(i)));
  if (f.measure == Measure::qualitative && !f.dimensions.empty())
    errors.push_back({"/dimensions", "a qualitative indicator has no numeric breakdown", "qualitative_no_dimensions"});
  return errors;
}

}  // namespace mswa::domain
