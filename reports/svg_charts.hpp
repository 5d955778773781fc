#pragma once
// The donor dashboard's charts, drawn on the server as inline SVG (DESIGN §6):
// no scripts, nothing fetched, readable when printed in black and white.
// Every chart is an <svg class="chart"> with an id, a <title> and a <desc>,
// and a message instead of marks when there is nothing to draw.
//
// Each chart comes in two layouts. A viewBox scales text with the drawing, so
// one drawing cannot be legible both on a phone and across a laptop or an A4
// page: the wide layout (id "chart-…", class chart-wide) is for those, the
// narrow one (id "chart-…-narrow", class chart-narrow) for phones, and the
// page's stylesheet shows one of the two.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reports/published_summary.hpp"

namespace mswa::reports {

enum class ChartLayout { wide, narrow };

// "125,000.00": the exact amount with thousands separators.
std::string grouped_amount(std::int64_t minor, const domain::Currency& currency);
// "125,000.00 USD"
std::string grouped_money(const domain::Money& money);
// "1,250.5": a value times 10^4 with thousands separators.
std::string grouped_e4(std::int64_t e4);

// "2026-10-21" or "2026-10-21T09:00:00Z" -> "21 October 2026"; "2026-10" ->
// "October 2026"; anything else comes back as it is.
std::string date_in_words(std::string_view iso);

// Allocated, disbursed and spent per country as grouped bars (id chart-budget);
// a message when the breakdown by country is withheld.
std::string budget_chart_svg(const std::vector<PublishedCountry>& countries, bool withheld,
                             const domain::Currency& currency, ChartLayout layout = ChartLayout::wide);

// Disbursed and spent in each month, side by side (id chart-disbursements).
// Nothing is added up across months, so no figure of a withheld month enters
// any mark: a withheld month is an empty hatched slot of fixed size, marked
// "withheld" on the chart and in its description.
std::string disbursement_chart_svg(const std::vector<PublishedMonth>& months, const domain::Currency& currency,
                                   ChartLayout layout = ChartLayout::wide);

// Achievement against target, one bar per quantitative indicator, with a 100%
// line; a withheld actual or target is a fixed-size placeholder (id chart-achievement).
std::string achievement_chart_svg(const std::vector<PublishedResult>& results,
                                  ChartLayout layout = ChartLayout::wide);

}  // namespace mswa::reports
