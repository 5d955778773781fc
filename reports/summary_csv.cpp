// The donor summary as one CSV file for a donor's finance team: headed
// sections (a title row, a header row, data rows) separated by an empty line.
// UTF-8 with a byte order mark so spreadsheet programs read Thai, Khmer, Lao
// and Burmese names correctly; CRLF and quoting as RFC 4180 has them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reports/renderers.hpp"

namespace mswa::reports {

namespace {

using Row = std::vector<std::string>;

constexpr std::string_view kSuppressed = "suppressed";

// Text that came from people (names, titles, narratives). A spreadsheet runs
// a cell starting with = + - @ (or tab or CR, which some strip first) as a
// formula; a leading apostrophe makes it plain text. Numbers this file
// formats itself never pass through here.
std::string text(std::string_view value) {
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos)
    return "'" + std::string(value);
  return std::string(value);
}

std::string amount(const domain::Money& m) { return domain::format_amount(m.minor, m.currency); }

// A figure that may be withheld: the word, never a number, when it is.
std::string figure(const Cell& c) { return c.suppressed() ? std::string(kSuppressed) : format_e4(*c.e4); }

// Money that may be withheld, likewise.
std::string amount_unless(bool withheld, const domain::Money& m) {
  return withheld ? std::string(kSuppressed) : amount(m);
}

// RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled.
std::string field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

class CsvWriter {
 public:
  // A row that stands before every section, such as what kind of file this is.
  void lead(const Row& cells) {
    row(cells);
    first_ = false;
  }

  // An empty line, then the section's title row and header row.
  void section(std::string_view title, const Row& header) {
    if (!first_) out_ += "\r\n";
    first_ = false;
    row({std::string(title)});
    row(header);
  }

  void row(const Row& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out_ += ',';
      out_ += field(cells[i]);
    }
    out_ += "\r\n";
  }

  std::string take() { return std::move(out_); }

 private:
  std::string out_ = "\xEF\xBB\xBF";  // the UTF-8 byte order mark
  bool first_ = true;
};

// CSV has no comments: a preview says what it is in its first row, an
// edition which quarter it covers and when it was published.
void marking(CsvWriter& w, const PublishedSummary& s) {
  if (s.preview) w.lead({"Preview \u2014 not for circulation"});
  if (s.edition) w.lead({"Edition", text(s.edition->period_end), "published", text(s.edition->published_at)});
}

void funding_source(CsvWriter& w, const PublishedSummary& s) {
  w.section("Funding source", {"Reference", "Title", "Donor", "Donor country", "Currency", "Amount", "Start date",
                               "End date", "As of", "Generated at", "Prepared by"});
  w.row({text(s.source_reference), text(s.source_title), text(s.donor_name), text(s.donor_country),
         text(s.currency.code), amount(s.source_amount), text(s.source_start_date), text(s.source_end_date),
         text(s.as_of), text(s.generated_at), text(s.alliance_name)});
}

void totals(CsvWriter& w, const PublishedSummary& s) {
  w.section("Totals", {"Received", "Allocated", "Disbursed", "Spent", "Available", "Currency"});
  w.row({amount(s.received), amount(s.allocated), amount(s.disbursed), amount(s.spent), amount(s.available),
         text(s.currency.code)});
}

void burn_rate(CsvWriter& w, const PublishedSummary& s) {
  const BurnRate& b = s.burn_rate;
  // Percentages are empty, not zero, before there is anything to divide by.
  w.section("Burn rate", {"Spent of disbursed %", "Disbursed of allocated %", "Months elapsed", "Average monthly spent",
                          "Currency"});
  w.row({b.spent_of_disbursed_percent.value_or(""), b.disbursed_of_allocated_percent.value_or(""),
         std::to_string(b.months_elapsed), amount(b.average_monthly_spent), text(s.currency.code)});
}

void receipts(CsvWriter& w, const PublishedSummary& s) {
  w.section("Receipts", {"Received on", "Amount", "Currency"});
  for (const auto& r : s.receipts) w.row({text(r.received_on), amount(r.amount), text(r.amount.currency.code)});
}

void countries(CsvWriter& w, const PublishedSummary& s) {
  w.section("By country", {"Country", "Allocated", "Disbursed", "Spent", "Currency"});
  for (const auto& c : s.countries)
    w.row({text(country_label(c)), amount(c.allocated), amount(c.disbursed), amount(c.spent), text(s.currency.code)});
}

void months(CsvWriter& w, const PublishedSummary& s) {
  w.section("Disbursements and spending by month",
            {"Month", "Disbursed", "Spent", "Cumulative disbursed", "Cumulative spent", "Currency"});
  domain::Money disbursed{0, s.currency}, spent{0, s.currency};
  // From a withheld month on, a running total would give that month away
  // (it is the difference of two), so the running totals are withheld too.
  bool after_withheld = false;
  for (const auto& m : s.months) {
    after_withheld = after_withheld || m.withheld;
    disbursed.minor += m.disbursed.minor;
    spent.minor += m.spent.minor;
    w.row({text(m.month), amount_unless(m.withheld, m.disbursed), amount_unless(m.withheld, m.spent),
           amount_unless(after_withheld, disbursed), amount_unless(after_withheld, spent), text(s.currency.code)});
  }
}

void indicators(CsvWriter& w, const PublishedSummary& s) {
  w.section("Results and indicators", {"Result", "Result title", "Result kind", "Indicator", "Indicator title",
                                       "Measure", "Direction", "Baseline", "Target", "Actual", "Achievement %"});
  for (const auto& r : s.results)
    for (const auto& i : r.indicators) {
      // A qualitative indicator has no figures: its cells stay empty, which
      // is not the same as withheld.
      if (i.measure == domain::Measure::qualitative) {
        w.row({text(r.code), text(r.title), std::string(domain::to_string(r.kind)), text(i.code), text(i.title),
               std::string(domain::to_string(i.measure)), "", "", "", "", ""});
        continue;
      }
      // The achievement would give a withheld actual or target away, so it is withheld with it.
      const bool withheld = i.actual.suppressed() || i.target.suppressed();
      const std::string achievement =
          i.achievement_percent ? *i.achievement_percent : (withheld ? std::string(kSuppressed) : "");
      w.row({text(r.code), text(r.title), std::string(domain::to_string(r.kind)), text(i.code), text(i.title),
             std::string(domain::to_string(i.measure)), i.ascending ? "higher is better" : "lower is better",
             figure(i.baseline), figure(i.target), figure(i.actual), achievement});
    }
}

void breakdowns(CsvWriter& w, const PublishedSummary& s) {
  w.section("Indicator breakdowns", {"Indicator", "Dimension", "Category", "Value"});
  for (const auto& r : s.results)
    for (const auto& i : r.indicators)
      for (const auto& b : i.breakdowns)
        for (const auto& c : b.categories)
          w.row({text(i.code), std::string(domain::to_string(b.dimension)), text(c.category), figure(c.value)});
}

void awards(CsvWriter& w, const PublishedSummary& s) {
  w.section("Awards", {"Reference", "Title", "Recipient", "Recipient (English)", "Country", "Start date", "End date",
                       "Decided on", "Award amount", "Source share", "Award currency", "Allocated", "Disbursed",
                       "Spent", "Currency"});
  for (const auto& a : s.awards) {
    if (!a.recipient.listed) continue;  // confidential organisations are listed nowhere
    const bool withheld = a.money_withheld;
    w.row({text(a.reference), text(a.title), text(a.recipient.label), text(a.recipient.label_en),
           text(a.recipient.country), text(a.start_date), text(a.end_date), text(a.decided_on),
           amount_unless(withheld, a.amount), amount_unless(withheld, a.share), text(a.amount.currency.code),
           amount_unless(withheld, a.allocated), amount_unless(withheld, a.disbursed), amount_unless(withheld, a.spent),
           text(s.currency.code)});
  }
}

void unlisted(CsvWriter& w, const PublishedSummary& s) {
  w.section("Awards not listed", {"Awards", "Allocated", "Disbursed", "Spent", "Currency", "Note"});
  const UnlistedAwards& u = s.unlisted;
  w.row({figure(u.count), amount_unless(u.money_withheld, u.allocated), amount_unless(u.money_withheld, u.disbursed),
         amount_unless(u.money_withheld, u.spent), text(s.currency.code),
         "Awards to organisations that asked not to be named: counted in every total, listed nowhere."});
}

void narratives(CsvWriter& w, const PublishedSummary& s) {
  w.section("Narrative excerpts", {"Award", "Recipient", "Period start", "Period end", "Excerpt", "Truncated"});
  for (const auto& n : s.narratives)
    w.row({text(n.award_reference), text(n.recipient), text(n.period_start), text(n.period_end), text(n.text),
           n.truncated ? "yes" : "no"});
}

void notes(CsvWriter& w, const PublishedSummary& s) {
  w.section("Notes", {"Note"});
  w.row(
      {"Amounts are decimal numbers with the currency's digits; awards' own amounts are in the award currency, "
       "everything else in the funding source's currency."});
  w.row(
      {"\"suppressed\": a count from 1 to 9, or a figure built from fewer than 3 organisations, is withheld, "
       "and so is any figure that would let it be worked out from a total."});
  if (s.countries_withheld)
    w.row(
        {"By country: no breakdown by country is published, because it would let the money of organisations that "
         "asked not to be named be worked out."});
}

}  // namespace

std::string summary_csv(const PublishedSummary& s) {
  CsvWriter w;
  marking(w, s);
  funding_source(w, s);
  totals(w, s);
  burn_rate(w, s);
  receipts(w, s);
  countries(w, s);
  months(w, s);
  indicators(w, s);
  breakdowns(w, s);
  awards(w, s);
  unlisted(w, s);
  narratives(w, s);
  notes(w, s);
  return w.take();
}

}  // namespace mswa::reports
