#pragma once
#include <nlohmann/json_fwd.hpp>

#include "domain/donor_summary.hpp"

namespace mswa::api {

// GET /portfolio: applications by status, awards and payments per currency,
// overdue progress reports and tranches due.
nlohmann::json to_json(const domain::Portfolio& portfolio);

}  // namespace mswa::api
