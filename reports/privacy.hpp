#pragma once
// The privacy rules of everything that leaves the alliance (DESIGN §6), in
// one place. Every renderer works from a PublishedSummary, which only
// publish() makes, so no output can skip them.
//
// Small cells: a count from 1 to 9, or any figure built from fewer than 3
// organisations, is withheld. Complementary suppression then makes sure no
// withheld part of a table can be worked out from its published total and
// the other published parts.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/donor_summary.hpp"

namespace mswa::reports {

inline constexpr long long kMinOrganisations = 3;
inline constexpr std::int64_t kSmallCountLimitE4 = 10 * 10000;  // counts below 10 (and above 0) are small

// A figure and how many organisations it was built from; value times 10^4.
struct CountFigure {
  std::int64_t e4 = 0;
  long long organisations = 0;
};

// Whether a figure is withheld on its own. `is_count` is false for figures
// that do not count people (percentages), which only the organisation rule binds.
bool is_small(const CountFigure& f, bool is_count = true);

// A total and parts that add up to it exactly.
struct AdditiveTable {
  CountFigure total;
  std::vector<CountFigure> parts;
};

struct Withheld {
  bool total = false;
  std::vector<bool> parts;
};

// The primary rule on every cell of a table of counts, then complementary
// suppression. Under a published total the withheld parts add up to the
// total minus the published ones, so a part could be worked out when it is
// withheld alone, or when the withheld parts add up to zero (counts are
// never negative). Either way the smallest published part above zero is
// withheld too, and when there is none, the total. A withheld total
// withholds all its parts, which would otherwise add up to it.
Withheld protect(const AdditiveTable& table);

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
