#pragma once
// Donor editions (DESIGN §9): a funding source's donor report for a quarter,
// rendered once in every format when published and never changed after.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/donor_summary.hpp"

namespace mswa::domain {

enum class EditionFormat { summary_json, summary_csv, summary_html, iati_xml, giving360_json };

inline constexpr EditionFormat kEditionFormats[] = {EditionFormat::summary_json, EditionFormat::summary_csv,
                                                    EditionFormat::summary_html, EditionFormat::iati_xml,
                                                    EditionFormat::giving360_json};

struct Edition {
  std::string id;
  std::string funding_source_id;
  std::string period_end;  // a quarter end, YYYY-MM-DD
  EpochMs published_at = 0;
  std::string published_by;  // user id
  std::optional<std::string> previous_period_end;
  std::map<EditionFormat, std::string> sha256;  // of each stored file; 360Giving absent when it has no grant
};

// What the renderer makes of an edition's facts.
struct RenderedEdition {
  std::map<EditionFormat, std::string> files;  // 360Giving absent when no grant may be published
  std::string disclosure_state;                // what was withheld: internal, for the next edition's checks
};

// One stored file of an edition, read in one row with what decides who may see it.
struct EditionFile {
  std::string body;
  std::string sha256;
  std::string period_end;
  std::string source_reference;
  std::string donor_organisation_id;
};

// The previous edition of a source: its facts added up again as they stood
// when it was published, and what it withheld.
struct PriorEditionFacts {
  SummaryFacts facts;
  std::string disclosure_state;
};

// Applies the disclosure rules and renders every format (reports/). The
// domain knows nothing of formats; this port keeps it that way.
class EditionRenderer {
 public:
  virtual ~EditionRenderer() = default;
  virtual RenderedEdition render(const SummaryFacts& facts, const std::optional<PriorEditionFacts>& prior,
                                 const Edition& edition) const = 0;
};

class EditionRepository {
 public:
  virtual ~EditionRepository() = default;
  // Stores the files with their sha256, filled into edition.sha256.
  virtual void insert(Edition& edition, const RenderedEdition& files) = 0;
  // The newest edition of a source, with its disclosure state.
  virtual std::optional<std::pair<Edition, std::string>> latest(const std::string& funding_source_id) = 0;
  virtual std::vector<Edition> list(const std::string& funding_source_id) = 0;  // newest first
  // period_end "latest" reads the newest. nullopt when there is no such edition.
  virtual std::optional<EditionFile> file(const std::string& funding_source_id, const std::string& period_end,
                                          EditionFormat format) = 0;
};

}  // namespace mswa::domain
