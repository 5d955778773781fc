#pragma once
// How recipients are shown in everything that leaves the alliance (DESIGN §6
// rule 6). Every renderer works from a PublishedSummary, which only
// publish() makes, so no output can skip this or the disclosure rules
// (reports/disclosure.hpp).
#include <cstdint>
#include <string>
#include <vector>

#include "domain/donor_summary.hpp"

namespace mswa::reports {

// How a recipient is shown: its name only when it chose to be public.
struct Recipient {
  bool listed = false;  // false for confidential organisations: left out of every listing
  bool named = false;   // true only for public organisations
  std::string label;    // the name (own script), or "Member organisation KH-2"
  std::string label_en; // the English name when named and known, else the label
  std::string iati_ref; // only when named
  std::string country;
};

Recipient recipient_of(const domain::SummaryAward& award);
std::string pseudonym(const std::string& country, int number);

}  // namespace mswa::reports
