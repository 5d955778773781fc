#pragma once
// The donor dashboard's charts, drawn on the server as inline SVG (DESIGN §6):
// no scripts, nothing fetched, readable when printed in black and white.
// Every chart is an <svg class="chart"> with an id, a <title> and a <desc>,
// and a message instead of marks when there is nothing to draw.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reports/published_summary.hpp"

namespace mswa::reports {

// "125,000.00": the exact amount with thousands separators.
std::string grouped_amount(std::int64_t minor, const domain::Currency& currency);
// "125,000.00 USD"
std::string grouped_money(const domain::Money& money);
// "1,250.5": a value times 10^4 with thousands separators.
std::string grouped_e4(std::int64_t e4);

// Allocated, disbursed and spent per country as grouped bars (id chart-budget);
// a message when the breakdown by country is withheld.
std::string budget_chart_svg(const std::vector<PublishedCountry>& countries, bool withheld,
                             const domain::Currency& currency);

// Cumulative disbursed and spent, month by month (id chart-disbursements).
// Withheld months add nothing and have no markers: the lines add up the
// published months only, and the chart's description says so.
std::string disbursement_chart_svg(const std::vector<PublishedMonth>& months, const domain::Currency& currency);

// Achievement against target, one bar per quantitative indicator, with a 100%
// line; a withheld actual or target is a fixed-size placeholder (id chart-achievement).
std::string achievement_chart_svg(const std::vector<PublishedResult>& results);

}  // namespace mswa::reports
