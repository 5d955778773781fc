#pragma once
#include <nlohmann/json_fwd.hpp>
#include <variant>
#include <vector>

#include "domain/progress_report.hpp"

namespace mswa::api {

// The report with its content; a schedule entry leaves the content out.
nlohmann::json to_json(const domain::ProgressReport& report, bool with_content = true);
std::variant<domain::ReportContent, std::vector<domain::FieldError>> parse_report_content(const nlohmann::json& body);

}  // namespace mswa::api
