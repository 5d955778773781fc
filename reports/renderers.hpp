#pragma once
// The formats a funding source's summary comes in. Each takes the published
// summary only, never the facts behind it.
#include <string>

#include "reports/published_summary.hpp"

namespace mswa::reports {

std::string summary_json(const PublishedSummary& s);     // application/json
std::string summary_csv(const PublishedSummary& s);      // text/csv, UTF-8 with BOM, headed sections
std::string summary_html(const PublishedSummary& s);     // a printable dashboard with inline SVG charts
std::string iati_activities_xml(const PublishedSummary& s);  // IATI 2.03 iati-activities
std::string giving360_json(const PublishedSummary& s);   // a 360Giving 1.4 data package
// A 360Giving package holds at least one grant, and a grant needs its amount:
// false when no listed award's money may be shown.
bool giving360_has_grants(const PublishedSummary& s);

}  // namespace mswa::reports
