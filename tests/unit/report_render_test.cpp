// The donor summary's CSV file, HTML dashboard and JSON, rendered from a
// published summary built by hand: structure, exact money, withheld cells and
// money, preview and edition markings, and the defences against formula and
// markup injection.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "domain/money.hpp"
#include "reports/renderers.hpp"
#include "reports/svg_charts.hpp"

using namespace mswa;
using reports::Cell;
using reports::PublishedSummary;

namespace {

const domain::Currency USD = *domain::find_currency("USD");
const domain::Currency THB = *domain::find_currency("THB");

const std::string kInjectedName = "=HYPERLINK(\"evil.example/x\",\"click\")<script>alert(1)</script>";
const std::string kThaiName = "มูลนิธิเอ็มพาวเวอร์";
const std::string kKhmerName = "សមាគមស្ត្រីខ្មែរ";

domain::Money usd(std::int64_t minor) { return {minor, USD}; }
Cell count(std::int64_t n) { return Cell{n * 10000}; }
const Cell kWithheld{};

reports::Recipient named(std::string label, std::string label_en, std::string country) {
  return {true, true, std::move(label), std::move(label_en), "", std::move(country)};
}

reports::PublishedAward award(std::string reference, std::string title, reports::Recipient recipient,
                              domain::Money amount, std::int64_t allocated, std::int64_t disbursed,
                              std::int64_t spent) {
  reports::PublishedAward a;
  a.id = reference + "-id";
  a.reference = std::move(reference);
  a.title = std::move(title);
  a.recipient = std::move(recipient);
  a.start_date = "2027-02-01";
  a.end_date = "2028-01-31";
  a.decided_on = "2027-01-20";
  a.amount = amount;
  a.share = amount;
  a.allocated = usd(allocated);
  a.disbursed = usd(disbursed);
  a.spent = usd(spent);
  return a;
}

PublishedSummary sample() {
  PublishedSummary s;
  s.as_of = "2027-06-30";
  s.generated_at = "2027-07-01T08:00:00Z";
  s.alliance_name = "Mekong Sex Workers Alliance";
  s.alliance_ref = "XI-MSWA";
  s.source_id = "src-1";
  s.source_reference = "ORF-2027-01";
  s.source_title = "Community-led rights, Mekong 2027";
  s.source_amount = usd(12500000);
  s.source_start_date = "2027-01-01";
  s.source_end_date = "2028-12-31";
  s.donor_name = "Open Rights Fund";
  s.donor_country = "NL";
  s.currency = USD;

  s.received = usd(10000000);
  s.allocated = usd(6000000);
  s.disbursed = usd(2025000);
  s.spent = usd(843000);
  s.available = usd(4000000);
  s.burn_rate = {"41.6", "33.8", 6, usd(140500)};
  s.receipts.push_back({"rcp-1", "src-1", usd(10000000), "2027-01-15", 0});

  s.countries = {{"TH", usd(4000000), usd(1500000), usd(643000)}, {"KH", usd(2000000), usd(525000), usd(200000)}};
  // June holds a reversal: a negative amount this file formats itself.
  s.months = {{"2027-02", false, usd(1000000), usd(0)},
              {"2027-04", false, usd(1050000), usd(300000)},
              {"2027-06", false, usd(-25000), usd(543000)}};

  reports::PublishedIndicator reached;
  reached.code = "OP1.1";
  reached.title = "Sex workers reached with rights information";
  reached.target = count(1200);
  reached.baseline = count(150);
  reached.actual = count(1000);
  reached.achievement_percent = "83.3";
  reached.breakdowns.push_back(
      {domain::Dimension::gender, {{"woman", count(900)}, {"trans_woman", kWithheld}, {"man", kWithheld}}});

  reports::PublishedIndicator paralegals;  // reported by two organisations only: withheld
  paralegals.code = "OP1.2";
  paralegals.title = "Paralegals trained <legal aid & rights>";
  paralegals.baseline = count(0);
  paralegals.target = count(40);
  paralegals.actual = kWithheld;

  reports::PublishedIndicator dialogue;
  dialogue.code = "OC2.1";
  dialogue.title = "Policy dialogue with ministries";
  dialogue.measure = domain::Measure::qualitative;

  s.results.push_back({"OP1", "Community outreach", domain::ResultKind::output, {reached, paralegals}});
  s.results.push_back({"OC2", "Safer laws", domain::ResultKind::outcome, {dialogue}});

  s.awards.push_back(award("G7K3M9Q2XA", "Rights & safety: \"know your rights\", 2027",
                           named(kThaiName, "Empower Foundation", "TH"), {140000000, THB}, 4000000, 1500000, 643000));
  s.awards.push_back(award("P4T8W2N6RB", "Community rights programme",
                           {true, false, "Member organisation KH-2", "Member organisation KH-2", "", "KH"},
                           usd(1000000), 1000000, 300000, 100000));
  s.awards.push_back(award("H9C5V3L7QE", "Outreach in \"Phnom Penh\"", named(kKhmerName, "", "KH"), usd(500000), 500000,
                           125000, 50000));
  s.awards.push_back(
      award("D2X6J8M4KF", "Peer support", named(kInjectedName, "", "KH"), usd(500000), 500000, 100000, 50000));
  // Should never reach a renderer; if it does, it must still not be listed.
  s.awards.push_back(award("Z3R7B5Y9NU", "Hidden", {false, false, "Secret Collective", "", "", "TH"}, usd(1), 0, 0, 0));

  s.unlisted = {kWithheld, false, usd(500000), usd(0), usd(0)};
  s.narratives.push_back({"G7K3M9Q2XA", kThaiName, "2027-01-01", "2027-03-31",
                          "+40 new members joined, \"safely\".\r\nOutreach continued.", true});
  return s;
}

// The sample as a donor edition: frozen for a quarter, no longer a preview.
PublishedSummary edition_sample(std::optional<std::string> previous_period_end = "2027-03-31") {
  PublishedSummary s = sample();
  s.preview = false;
  s.edition = reports::EditionInfo{"2027-06-30", "2027-07-05T09:30:00Z", std::move(previous_period_end)};
  return s;
}

// Figures of the withheld money below: none may appear in any output, in
// plain or grouped form.
const std::vector<std::string> kWithheldAmounts{
    "22222222.22", "22,222,222.22",  // the award's amount (THB)
    "11111111.11", "11,111,111.11",  // the source's share of it
    "777777.77",   "777,777.77",     // allocated
    "333333.33",   "333,333.33",     // disbursed
    "44444.44",    "44,444.44",      // spent
    "98765.43",    "98,765.43",      // a withheld month's disbursements
    "12345.67",    "12,345.67",      // and its spending
    "555555.55",   "555,555.55",     // the unlisted awards' money
    "119265.43",   "119,265.43",     // running totals that counted the withheld month
    "119015.43",   "119,015.43",
};

// The sample with what an edition may have to withhold: one listed award's
// money, a month, an indicator's baseline and target, the unlisted awards'
// money and the breakdown by country. The withheld money is left non-zero
// here, as if it had not been cleared, so only the flags keep it out.
PublishedSummary withheld_sample() {
  PublishedSummary s = sample();
  reports::PublishedAward& a = s.awards[1];  // P4T8W2N6RB, Member organisation KH-2
  a.money_withheld = true;
  a.amount = {2222222222, THB};
  a.share = {1111111111, THB};
  a.allocated = usd(77777777);
  a.disbursed = usd(33333333);
  a.spent = usd(4444444);

  s.months.insert(s.months.begin() + 2, {"2027-05", true, usd(9876543), usd(1234567)});

  reports::PublishedIndicator sessions;  // the actual is safe, the summed targets are not
  sessions.code = "OP1.3";
  sessions.title = "Safety sessions held";
  sessions.baseline = kWithheld;
  sessions.target = kWithheld;
  sessions.actual = count(420);
  s.results[0].indicators.push_back(sessions);

  s.unlisted = {count(12), true, usd(55555555), usd(55555555), usd(55555555)};
  s.countries.clear();
  s.countries_withheld = true;
  return s;
}

// An empty source: nothing received, allocated or reported yet.
PublishedSummary empty_sample() {
  PublishedSummary s;
  s.as_of = "2027-01-05";
  s.generated_at = "2027-01-05T00:00:00Z";
  s.alliance_name = "Mekong Sex Workers Alliance";
  s.source_reference = "ORF-2027-02";
  s.source_title = "New grant";
  s.currency = USD;
  s.source_amount = usd(0);
  s.burn_rate.months_elapsed = 1;
  s.unlisted.count = count(0);
  return s;
}

// ---- reading the CSV back ----

using CsvRow = std::vector<std::string>;

// RFC 4180 rows, CRLF-terminated; a lone LF outside quotes is an error.
std::vector<CsvRow> parse_csv(std::string_view text) {
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\r') {
      EXPECT_TRUE(i + 1 < text.size() && text[i + 1] == '\n') << "CR without LF at " << i;
      ++i;
      if (any || !field.empty()) row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      any = false;
    } else {
      EXPECT_NE(c, '\n') << "bare LF at " << i;
      field += c;
    }
  }
  EXPECT_TRUE(field.empty() && row.empty()) << "last row not CRLF-terminated";
  return rows;
}

struct CsvSection {
  CsvRow header;
  std::vector<CsvRow> rows;
};

// Sections: an empty row, a one-cell title row, a header row, data rows.
std::map<std::string, CsvSection> sections(const std::vector<CsvRow>& rows) {
  std::map<std::string, CsvSection> out;
  for (std::size_t i = 0; i < rows.size();) {
    EXPECT_EQ(rows[i].size(), 1u) << "title row expected at " << i;
    EXPECT_LT(i + 1, rows.size());
    if (i + 1 >= rows.size()) break;
    CsvSection& section = out[rows[i].front()];
    section.header = rows[i + 1];
    i += 2;
    while (i < rows.size() && !rows[i].empty()) {
      EXPECT_EQ(rows[i].size(), section.header.size()) << "row width in " << rows[i - 1].front();
      section.rows.push_back(rows[i++]);
    }
    ++i;  // the empty line between sections
  }
  return out;
}

// A CSV file: the rows before its first section (what kind of file it is),
// then the sections.
struct CsvFile {
  std::vector<CsvRow> lead;
  std::map<std::string, CsvSection> sections;
};

CsvFile read_csv(const PublishedSummary& s) {
  const std::string csv = reports::summary_csv(s);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  const std::vector<CsvRow> rows = parse_csv(std::string_view(csv).substr(3));
  CsvFile out;
  std::size_t i = 0;
  if (!rows.empty() && rows.front() != CsvRow{"Funding source"}) {
    while (i < rows.size() && !rows[i].empty()) out.lead.push_back(rows[i++]);
    ++i;  // the empty line after them
  }
  out.sections =
      sections(std::vector<CsvRow>(rows.begin() + static_cast<std::ptrdiff_t>(std::min(i, rows.size())), rows.end()));
  return out;
}

std::map<std::string, CsvSection> csv_sections(const PublishedSummary& s) { return read_csv(s).sections; }

// The value under `column` in a row of a section.
std::string cell(const CsvSection& section, const CsvRow& row, std::string_view column) {
  const auto it = std::find(section.header.begin(), section.header.end(), column);
  EXPECT_NE(it, section.header.end()) << column;
  if (it == section.header.end()) return {};
  return row.at(static_cast<std::size_t>(it - section.header.begin()));
}

const CsvRow* find_row(const CsvSection& section, std::string_view first) {
  for (const auto& r : section.rows)
    if (!r.empty() && r.front() == first) return &r;
  return nullptr;
}

// ---- reading the HTML back ----

std::size_t occurrences(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The whole <svg> element with the given id.
std::string chart(const std::string& html, const std::string& id) {
  const auto at = html.find("id=\"" + id + "\"");
  if (at == std::string::npos) return {};
  const auto start = html.rfind("<svg", at);
  const auto end = html.find("</svg>", at);
  if (start == std::string::npos || end == std::string::npos) return {};
  return html.substr(start, end + 6 - start);
}

std::optional<double> attribute(std::string_view element, std::string_view name) {
  const std::string key = " " + std::string(name) + "=\"";
  const auto at = element.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  return std::strtod(std::string(element.substr(at + key.size())).c_str(), nullptr);
}

// A data mark: its extent and its tooltip.
struct Mark {
  double x = 0, width = 0, height = 0;
  std::string title;
};

// Rects and paths whose class names them as data marks (legend swatches and
// placeholders are not); a path's extent is the bounding box of its points.
std::vector<Mark> marks(const std::string& svg) {
  std::vector<Mark> out;
  for (auto at = svg.find("class=\"mark "); at != std::string::npos; at = svg.find("class=\"mark ", at + 1)) {
    const auto start = svg.rfind('<', at);
    const auto end = svg.find('>', at);
    const std::string_view element = std::string_view(svg).substr(start, end - start);
    Mark m;
    if (element.substr(0, 5) == "<rect") {
      m.x = attribute(element, "x").value_or(-1);
      m.width = attribute(element, "width").value_or(-1);
      m.height = attribute(element, "height").value_or(-1);
      const auto t = svg.find("<title>", end);
      const auto close = svg.find("</rect>", end);
      if (t != std::string::npos && t < close) m.title = svg.substr(t + 7, svg.find("</title>", t) - t - 7);
    } else if (element.substr(0, 5) == "<path") {
      const auto d = element.find(" d=\"");
      std::vector<double> xs, ys;
      const std::string path(element.substr(d + 4, element.find('"', d + 4) - d - 4));
      const char* p = path.c_str();
      bool is_x = true;
      while (*p != '\0') {
        if (*p == 'M' || *p == 'L' || *p == ' ') {
          ++p;
          continue;
        }
        char* next = nullptr;
        const double v = std::strtod(p, &next);
        if (next == p) break;
        (is_x ? xs : ys).push_back(v);
        is_x = !is_x;
        p = next;
      }
      if (!xs.empty() && !ys.empty()) {
        m.width = *std::max_element(xs.begin(), xs.end()) - *std::min_element(xs.begin(), xs.end());
        m.height = *std::max_element(ys.begin(), ys.end()) - *std::min_element(ys.begin(), ys.end());
      }
    } else {
      continue;
    }
    out.push_back(m);
  }
  return out;
}

bool has_positive_mark(const std::string& svg) {
  const auto all = marks(svg);
  return std::any_of(all.begin(), all.end(), [](const Mark& m) { return m.width > 0 && m.height > 0; });
}

const Mark* mark_titled(const std::vector<Mark>& all, std::string_view prefix) {
  for (const auto& m : all)
    if (m.title.rfind(prefix, 0) == 0) return &m;
  return nullptr;
}

// The withheld amounts that appear in `text`: none, when all is well.
std::vector<std::string> leaked_amounts(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& amount : kWithheldAmounts)
    if (text.find(amount) != std::string::npos) out.push_back(amount);
  return out;
}

// The table row (<tr>...</tr>) holding `needle`.
std::string row_with(const std::string& html, const std::string& needle) {
  const auto at = html.find(needle);
  if (at == std::string::npos) return {};
  const auto start = html.rfind("<tr", at);
  return html.substr(start, html.find("</tr>", at) + 5 - start);
}

}  // namespace

// ---------------------------------------------------------------- CSV

TEST(SummaryCsvRender, StartsWithBomAndUsesCrlfOnly) {
  const std::string csv = reports::summary_csv(sample());
  ASSERT_GE(csv.size(), 3u);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  // A preview's first row says so; an empty line, then the sections.
  EXPECT_TRUE(csv.substr(3).starts_with("Preview \u2014 not for circulation\r\n\r\nFunding source\r\n"));
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
  // Every LF ends a CRLF pair, including the one inside the quoted narrative.
  for (std::size_t i = 0; i < csv.size(); ++i)
    if (csv[i] == '\n') {
      EXPECT_EQ(csv[i - 1], '\r') << "bare LF at " << i;
    }
}

TEST(SummaryCsvRender, HasEveryHeadedSectionSeparatedByAnEmptyLine) {
  const std::string csv = reports::summary_csv(sample());
  for (const char* title :
       {"Totals", "Burn rate", "Receipts", "By country", "Disbursements and spending by month",
        "Results and indicators", "Indicator breakdowns", "Awards", "Awards not listed", "Narrative excerpts"})
    EXPECT_NE(csv.find(std::string("\r\n\r\n") + title + "\r\n"), std::string::npos) << title;
  const auto all = csv_sections(sample());
  EXPECT_EQ(all.count("Funding source"), 1u);
  EXPECT_EQ(all.at("Totals").header, (CsvRow{"Received", "Allocated", "Disbursed", "Spent", "Available", "Currency"}));
  EXPECT_EQ(all.at("By country").rows.size(), 2u);
  EXPECT_EQ(all.at("Disbursements and spending by month").rows.size(), 3u);
}

TEST(SummaryCsvRender, MoneyIsExactInTheCurrencysDigits) {
  const auto all = csv_sections(sample());
  ASSERT_EQ(all.at("Totals").rows.size(), 1u);
  EXPECT_EQ(all.at("Totals").rows[0], (CsvRow{"100000.00", "60000.00", "20250.00", "8430.00", "40000.00", "USD"}));
  const auto& source = all.at("Funding source");
  ASSERT_EQ(source.rows.size(), 1u);
  EXPECT_EQ(cell(source, source.rows[0], "Amount"), "125000.00");
  EXPECT_EQ(cell(source, source.rows[0], "Donor"), "Open Rights Fund");

  const auto& awards = all.at("Awards");
  const CsvRow* thai = find_row(awards, "G7K3M9Q2XA");
  ASSERT_NE(thai, nullptr);
  EXPECT_EQ(cell(awards, *thai, "Award amount"), "1400000.00");
  EXPECT_EQ(cell(awards, *thai, "Award currency"), "THB");
  EXPECT_EQ(cell(awards, *thai, "Spent"), "6430.00");
  EXPECT_EQ(cell(awards, *thai, "Currency"), "USD");

  const auto& months = all.at("Disbursements and spending by month");
  EXPECT_EQ(months.rows.back(), (CsvRow{"2027-06", "-250.00", "5430.00", "20250.00", "8430.00", "USD"}));
  EXPECT_EQ(all.at("Burn rate").rows.at(0), (CsvRow{"41.6", "33.8", "6", "1405.00", "USD"}));
}

TEST(SummaryCsvRender, QuotesFieldsAsRfc4180) {
  const std::string csv = reports::summary_csv(sample());
  EXPECT_NE(csv.find(",\"Rights & safety: \"\"know your rights\"\", 2027\","), std::string::npos);
  EXPECT_NE(csv.find(",\"Outreach in \"\"Phnom Penh\"\"\","), std::string::npos);  // a quote alone needs quoting too
  EXPECT_NE(csv.find("\"'+40 new members joined, \"\"safely\"\".\r\nOutreach continued.\""), std::string::npos);
  const auto all = csv_sections(sample());
  const auto& narratives = all.at("Narrative excerpts");
  ASSERT_EQ(narratives.rows.size(), 1u);
  EXPECT_EQ(cell(narratives, narratives.rows[0], "Recipient"), kThaiName);
  EXPECT_EQ(cell(narratives, narratives.rows[0], "Truncated"), "yes");
}

TEST(SummaryCsvRender, GuardsUserTextAgainstFormulasButNotNumbers) {
  const std::string csv = reports::summary_csv(sample());
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"evil.example/x\"\",\"\"click\"\")<script>alert(1)</script>\""),
            std::string::npos);
  EXPECT_EQ(csv.find(",=HYPERLINK"), std::string::npos);
  EXPECT_EQ(csv.find(",\"=HYPERLINK"), std::string::npos);
  // A negative amount formatted here is a number, not a formula: left alone.
  EXPECT_NE(csv.find(",-250.00,"), std::string::npos);
  EXPECT_EQ(csv.find("'-250.00"), std::string::npos);
  // Names in their own script pass through byte for byte.
  EXPECT_NE(csv.find(kThaiName), std::string::npos);
  EXPECT_NE(csv.find(kKhmerName), std::string::npos);
}

TEST(SummaryCsvRender, WithheldCellsSaySuppressedAndNeverAValue) {
  const auto all = csv_sections(sample());
  const auto& breakdowns = all.at("Indicator breakdowns");
  ASSERT_EQ(breakdowns.rows.size(), 3u);
  EXPECT_EQ(breakdowns.rows[0], (CsvRow{"OP1.1", "gender", "woman", "900"}));
  EXPECT_EQ(breakdowns.rows[1], (CsvRow{"OP1.1", "gender", "trans_woman", "suppressed"}));
  EXPECT_EQ(breakdowns.rows[2], (CsvRow{"OP1.1", "gender", "man", "suppressed"}));

  const auto& indicators = all.at("Results and indicators");
  const auto row_of = [&](std::string_view code) -> const CsvRow* {
    for (const auto& r : indicators.rows)
      if (cell(indicators, r, "Indicator") == code) return &r;
    return nullptr;
  };
  const CsvRow* reached = row_of("OP1.1");
  const CsvRow* paralegals = row_of("OP1.2");
  const CsvRow* dialogue = row_of("OC2.1");
  ASSERT_TRUE(reached && paralegals && dialogue);
  EXPECT_EQ(cell(indicators, *reached, "Actual"), "1000");
  EXPECT_EQ(cell(indicators, *reached, "Target"), "1200");
  EXPECT_EQ(cell(indicators, *reached, "Achievement %"), "83.3");
  EXPECT_EQ(cell(indicators, *paralegals, "Actual"), "suppressed");
  EXPECT_EQ(cell(indicators, *paralegals, "Achievement %"), "suppressed");
  // A qualitative indicator has no figure, which is not the same as a withheld one.
  EXPECT_EQ(cell(indicators, *dialogue, "Actual"), "");
  EXPECT_EQ(cell(indicators, *dialogue, "Target"), "");

  const auto& unlisted = all.at("Awards not listed");
  ASSERT_EQ(unlisted.rows.size(), 1u);
  EXPECT_EQ(cell(unlisted, unlisted.rows[0], "Awards"), "suppressed");
  EXPECT_EQ(cell(unlisted, unlisted.rows[0], "Allocated"), "5000.00");

  // Every cell that mentions suppression is exactly the word: no number beside it.
  for (const auto& [title, section] : all)
    for (const auto& r : section.rows)
      for (const auto& c : r)
        if (c.find("suppressed") != std::string::npos && title != "Notes" && title != "Awards not listed") {
          EXPECT_EQ(c, "suppressed") << title;
        }
}

TEST(SummaryCsvRender, ListsNamedAndPseudonymousAwardsOnly) {
  const std::string csv = reports::summary_csv(sample());
  const auto all = csv_sections(sample());
  const auto& awards = all.at("Awards");
  EXPECT_EQ(awards.rows.size(), 4u);
  ASSERT_NE(find_row(awards, "P4T8W2N6RB"), nullptr);
  EXPECT_EQ(cell(awards, *find_row(awards, "P4T8W2N6RB"), "Recipient"), "Member organisation KH-2");
  EXPECT_EQ(csv.find("Secret Collective"), std::string::npos);
  EXPECT_EQ(csv.find("Z3R7B5Y9NU"), std::string::npos);
}

TEST(SummaryCsvRender, EmptySummaryKeepsEverySection) {
  const auto all = csv_sections(empty_sample());
  EXPECT_EQ(all.size(), 12u);  // eleven data sections and the notes
  EXPECT_EQ(all.at("Totals").rows.at(0), (CsvRow{"0.00", "0.00", "0.00", "0.00", "0.00", "USD"}));
  EXPECT_TRUE(all.at("Awards").rows.empty());
  EXPECT_TRUE(all.at("Disbursements and spending by month").rows.empty());
  EXPECT_EQ(all.at("Burn rate").rows.at(0).at(0), "");  // nothing paid: no rate, not 0
  EXPECT_EQ(all.at("Awards not listed").rows.at(0).at(0), "0");
}

TEST(SummaryCsvRender, PreviewSaysSoInItsFirstRow) {
  const CsvFile file = read_csv(sample());
  EXPECT_EQ(file.lead, (std::vector<CsvRow>{{"Preview \u2014 not for circulation"}}));
  EXPECT_EQ(file.sections.size(), 12u);
}

TEST(SummaryCsvRender, EditionSaysWhichQuarterAndIsNoPreview) {
  const std::string csv = reports::summary_csv(edition_sample());
  EXPECT_TRUE(
      csv.starts_with("\xEF\xBB\xBF"
                      "Edition,2027-06-30,published,2027-07-05T09:30:00Z\r\n\r\nFunding source\r\n"));
  EXPECT_EQ(csv.find("Preview"), std::string::npos);
  EXPECT_EQ(csv.find("not for circulation"), std::string::npos);
  const CsvFile file = read_csv(edition_sample());
  EXPECT_EQ(file.lead, (std::vector<CsvRow>{{"Edition", "2027-06-30", "published", "2027-07-05T09:30:00Z"}}));
  EXPECT_EQ(file.sections.size(), 12u);
}

TEST(SummaryCsvRender, WithheldMoneyAndTargetsAreTheWordNeverANumber) {
  const std::string csv = reports::summary_csv(withheld_sample());
  EXPECT_EQ(leaked_amounts(csv), std::vector<std::string>{});
  const auto all = csv_sections(withheld_sample());

  // The award is listed, its money is not.
  const auto& awards = all.at("Awards");
  const CsvRow* closed = find_row(awards, "P4T8W2N6RB");
  ASSERT_NE(closed, nullptr);
  EXPECT_EQ(cell(awards, *closed, "Recipient"), "Member organisation KH-2");
  for (const char* column : {"Award amount", "Source share", "Allocated", "Disbursed", "Spent"})
    EXPECT_EQ(cell(awards, *closed, column), "suppressed") << column;
  EXPECT_EQ(cell(awards, *find_row(awards, "G7K3M9Q2XA"), "Allocated"), "40000.00");

  // A withheld month, and every running total from it on, which would give it away.
  const auto& months = all.at("Disbursements and spending by month");
  ASSERT_EQ(months.rows.size(), 4u);
  EXPECT_EQ(months.rows[1], (CsvRow{"2027-04", "10500.00", "3000.00", "20500.00", "3000.00", "USD"}));
  EXPECT_EQ(months.rows[2], (CsvRow{"2027-05", "suppressed", "suppressed", "suppressed", "suppressed", "USD"}));
  EXPECT_EQ(months.rows[3], (CsvRow{"2027-06", "-250.00", "5430.00", "suppressed", "suppressed", "USD"}));

  // A withheld target takes its baseline and the achievement with it; the actual stays.
  const auto& indicators = all.at("Results and indicators");
  const CsvRow* sessions = nullptr;
  for (const auto& r : indicators.rows)
    if (cell(indicators, r, "Indicator") == "OP1.3") sessions = &r;
  ASSERT_NE(sessions, nullptr);
  EXPECT_EQ(cell(indicators, *sessions, "Baseline"), "suppressed");
  EXPECT_EQ(cell(indicators, *sessions, "Target"), "suppressed");
  EXPECT_EQ(cell(indicators, *sessions, "Actual"), "420");
  EXPECT_EQ(cell(indicators, *sessions, "Achievement %"), "suppressed");

  const auto& unlisted = all.at("Awards not listed");
  ASSERT_EQ(unlisted.rows.size(), 1u);
  EXPECT_EQ(cell(unlisted, unlisted.rows[0], "Awards"), "12");
  for (const char* column : {"Allocated", "Disbursed", "Spent"})
    EXPECT_EQ(cell(unlisted, unlisted.rows[0], column), "suppressed") << column;

  // No breakdown by country, and a note that says why rather than an empty table alone.
  EXPECT_TRUE(all.at("By country").rows.empty());
  bool noted = false;
  for (const auto& r : all.at("Notes").rows) noted = noted || r.at(0).starts_with("By country: no breakdown");
  EXPECT_TRUE(noted);

  for (const auto& [title, section] : all)
    for (const auto& r : section.rows)
      for (const auto& c : r)
        if (c.find("suppressed") != std::string::npos && title != "Notes" && title != "Awards not listed") {
          EXPECT_EQ(c, "suppressed") << title;
        }
}

// ---------------------------------------------------------------- HTML

TEST(SummaryHtmlRender, IsACompleteSelfContainedDocument) {
  const std::string html = reports::summary_html(sample());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("<meta name=\"viewport\""), std::string::npos);
  EXPECT_NE(html.find("<title>ORF-2027-01 \u2014 donor summary as of 2027-06-30</title>"), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  EXPECT_EQ(occurrences(html, "<style>"), 1u);

  const std::string l = lower(html);
  EXPECT_EQ(l.find("<script"), std::string::npos);
  // The one link is the empty icon, which fetches nothing.
  EXPECT_EQ(occurrences(l, "<link"), 1u);
  EXPECT_NE(l.find("<link rel=\"icon\" href=\"data:,\">"), std::string::npos);
  EXPECT_EQ(l.find("<img"), std::string::npos);
  EXPECT_EQ(l.find("url("), std::string::npos);
  EXPECT_EQ(l.find("@import"), std::string::npos);
  EXPECT_EQ(l.find(" src="), std::string::npos);
  EXPECT_FALSE(std::regex_search(l, std::regex("\\son[a-z]+\\s*=")));  // no event handler attributes
  // The SVG namespace is the only URL, once per chart and layout.
  const std::string ns = "xmlns=\"http://www.w3.org/2000/svg\"";
  EXPECT_EQ(occurrences(l, ns), 6u);
  std::string rest = l;
  for (auto at = rest.find(ns); at != std::string::npos; at = rest.find(ns)) rest.erase(at, ns.size());
  EXPECT_EQ(rest.find("http"), std::string::npos);
  EXPECT_EQ(rest.find("//"), std::string::npos);
}

TEST(SummaryHtmlRender, EscapesEveryPieceOfText) {
  const std::string html = reports::summary_html(sample());
  EXPECT_NE(html.find("=HYPERLINK(&quot;evil.example/x&quot;,&quot;click&quot;)&lt;script&gt;alert(1)&lt;/script&gt;"),
            std::string::npos);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("Rights &amp; safety: &quot;know your rights&quot;, 2027"), std::string::npos);
  EXPECT_NE(html.find("&quot;safely&quot;"), std::string::npos);
  EXPECT_NE(html.find("<strong>OP1.2</strong> Paralegals trained &lt;legal aid &amp; rights&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<legal aid"), std::string::npos);  // nor in the chart's labels and tooltips
  EXPECT_NE(html.find(kThaiName), std::string::npos);
  EXPECT_NE(html.find(kKhmerName), std::string::npos);
}

TEST(SummaryHtmlRender, ShowsExactMoneyWithSeparators) {
  const std::string html = reports::summary_html(sample());
  EXPECT_NE(html.find("8,430.00 USD"), std::string::npos);
  EXPECT_NE(html.find("100,000.00 USD"), std::string::npos);
  EXPECT_NE(html.find("1,400,000.00 THB"), std::string::npos);
  EXPECT_NE(html.find("41.6%"), std::string::npos);
  EXPECT_NE(html.find("Prepared by"), std::string::npos);
  EXPECT_NE(html.find("Mekong Sex Workers Alliance"), std::string::npos);
}

TEST(SummaryHtmlRender, DrawsThreeAccessibleChartsScaledToTheData) {
  const std::string html = reports::summary_html(sample());
  for (const std::string id : {"chart-budget", "chart-disbursements", "chart-achievement"}) {
    for (const std::string& layout : {id, id + "-narrow"}) {
      const std::string svg = chart(html, layout);
      ASSERT_FALSE(svg.empty()) << layout;
      EXPECT_NE(svg.find(layout == id ? "class=\"chart chart-wide\"" : "class=\"chart chart-narrow\""),
                std::string::npos)
          << layout;
      EXPECT_NE(svg.find("role=\"img\""), std::string::npos) << layout;
      EXPECT_NE(svg.find("aria-labelledby=\"" + layout + "-title " + layout + "-desc\""), std::string::npos) << layout;
      EXPECT_NE(svg.find("<title id=\"" + layout + "-title\">"), std::string::npos) << layout;
      EXPECT_NE(svg.find("<desc id=\"" + layout + "-desc\">"), std::string::npos) << layout;
      EXPECT_NE(svg.find("viewBox=\"0 0 "), std::string::npos) << layout;
      EXPECT_TRUE(has_positive_mark(svg)) << layout;
    }
  }

  // Budget: the largest figure (Thailand's 40,000.00 allocated) fills the axis,
  // Cambodia's 20,000.00 is half as tall, and there is a legend.
  const std::string budget = chart(html, "chart-budget");
  const auto bars = marks(budget);
  EXPECT_EQ(bars.size(), 6u);  // two countries, three series
  const Mark* th = mark_titled(bars, "Thailand, Allocated: 40,000.00 USD");
  const Mark* kh = mark_titled(bars, "Cambodia, Allocated: 20,000.00 USD");
  ASSERT_TRUE(th && kh);
  for (const auto& b : bars) EXPECT_LE(b.height, th->height + 1e-9);
  EXPECT_NEAR(th->height, 2 * kh->height, 0.2);
  EXPECT_NE(budget.find("class=\"swatch\""), std::string::npos);
  EXPECT_NE(budget.find(">Reported spent</text>"), std::string::npos);

  // Achievement: a bar for OP1.1, a reference line at 100%, and OP1.2 as a
  // placeholder that is no bar at all.
  const std::string achievement = chart(html, "chart-achievement");
  const auto achieved = marks(achievement);
  ASSERT_EQ(achieved.size(), 1u);
  EXPECT_EQ(achieved[0].title, "OP1.1: 83.3% of target");
  EXPECT_GT(achieved[0].width, 0);
  const auto reference = achievement.find("<line class=\"reference\"");
  ASSERT_NE(reference, std::string::npos);
  const auto x100 = attribute(std::string_view(achievement).substr(reference), "x1");
  ASSERT_TRUE(x100.has_value());
  EXPECT_NEAR(*x100, achieved[0].x + achieved[0].width * 100 / 83.3, 0.5);  // the line is where 100% would end
  EXPECT_NE(achievement.find("100% of target"), std::string::npos);
  EXPECT_NE(achievement.find("class=\"placeholder suppressed\""), std::string::npos);
  EXPECT_NE(achievement.find("suppressed (small numbers)"), std::string::npos);
  EXPECT_EQ(achievement.find("OC2.1"), std::string::npos);  // qualitative: nothing to draw
}

TEST(SummaryHtmlRender, MonthChartDrawsEachMonthsOwnFiguresSideBySide) {
  const std::string html = reports::summary_html(sample());
  for (const std::string id : {"chart-disbursements", "chart-disbursements-narrow"}) {
    SCOPED_TRACE(id);
    const std::string svg = chart(html, id);
    // One bar per published figure that is not zero: February's disbursement,
    // April's two, June's reversal and June's spending. Nothing is added up.
    const auto bars = marks(svg);
    EXPECT_EQ(bars.size(), 5u);
    const Mark* feb = mark_titled(bars, "February 2027, Disbursed: 10,000.00 USD");
    const Mark* apr = mark_titled(bars, "April 2027, Disbursed: 10,500.00 USD");
    const Mark* apr_spent = mark_titled(bars, "April 2027, Reported spent: 3,000.00 USD");
    const Mark* reversal = mark_titled(bars, "June 2027, Disbursed: -250.00 USD");
    const Mark* jun_spent = mark_titled(bars, "June 2027, Reported spent: 5,430.00 USD");
    ASSERT_TRUE(feb && apr && apr_spent && reversal && jun_spent);
    EXPECT_EQ(svg.find("so far"), std::string::npos);
    EXPECT_EQ(svg.find("<path"), std::string::npos);  // bars only: no line runs from month to month
    EXPECT_EQ(svg.find("class=\"withheld\""), std::string::npos);
    EXPECT_EQ(svg.find(">Withheld</text>"), std::string::npos);  // no legend entry for what is not there
    // Lengths in proportion to each month's own figure, whichever way the bars run.
    const bool across = id.ends_with("-narrow");
    const auto length = [&](const Mark* m) { return across ? m->width : m->height; };
    EXPECT_NEAR(length(apr) / length(feb), 1.05, 0.01);
    EXPECT_NEAR(length(jun_spent) / length(feb), 0.543, 0.01);
    EXPECT_NEAR(length(reversal) / length(feb), 0.025, 0.01);
  }
  const std::string wide = chart(html, "chart-disbursements");
  // March and May had no money but still take their place on the time axis.
  EXPECT_NE(wide.find(">Mar</text>"), std::string::npos);
  EXPECT_NE(wide.find(">May</text>"), std::string::npos);
  EXPECT_NE(wide.find(">2027</text>"), std::string::npos);
  EXPECT_NE(chart(html, "chart-disbursements-narrow").find(">Mar 2027</text>"), std::string::npos);
  // The reversal goes below the zero line; the other bars stand on it.
  const Mark* reversal = mark_titled(marks(wide), "June 2027, Disbursed");
  const Mark* feb = mark_titled(marks(wide), "February 2027, Disbursed");
  ASSERT_TRUE(reversal && feb);
  const auto feb_at = wide.find("<title>February 2027, Disbursed");
  const auto rev_at = wide.find("<title>June 2027, Disbursed");
  const auto y_of = [&](std::size_t title_at) {
    return attribute(std::string_view(wide).substr(wide.rfind("<rect", title_at)), "y").value_or(-1);
  };
  EXPECT_NEAR(y_of(feb_at) + feb->height, y_of(rev_at), 0.11);
  EXPECT_NE(wide.find(">-5,000</text>"), std::string::npos);  // the axis reaches below zero

  EXPECT_NE(html.find("Money disbursed and reported spent in each month, in USD."), std::string::npos);
  EXPECT_EQ(html.find("withheld to protect"), std::string::npos);
}

TEST(SummaryHtmlRender, WithheldFiguresAreSuppressedWithTheirFootnote) {
  const std::string html = reports::summary_html(sample());
  EXPECT_NE(html.find("trans woman <span class=\"suppressed\">suppressed</span>"), std::string::npos);
  EXPECT_NE(html.find("woman 900"), std::string::npos);
  EXPECT_NE(html.find("counts from 1 to 9"), std::string::npos);
  EXPECT_NE(html.find("fewer than 3 organisations"), std::string::npos);
  EXPECT_NE(html.find("complementary"), std::string::npos);
  // Paralegals' row: both actual and achievement withheld.
  const auto row = html.find("<strong>OP1.2</strong>");
  ASSERT_NE(row, std::string::npos);
  const std::string tr = html.substr(row, html.find("</tr>", row) - row);
  EXPECT_EQ(occurrences(tr, "suppressed"), 4u);  // two cells, class and word each
  EXPECT_NE(html.find("(number of awards: <span class=\"suppressed\">suppressed</span>), with 5,000.00 USD allocated"),
            std::string::npos);
}

TEST(SummaryHtmlRender, ListsNoConfidentialOrganisation) {
  const std::string html = reports::summary_html(sample());
  EXPECT_NE(html.find("Member organisation KH-2"), std::string::npos);
  EXPECT_NE(html.find("Empower Foundation"), std::string::npos);
  EXPECT_EQ(html.find("Secret Collective"), std::string::npos);
  EXPECT_EQ(html.find("Z3R7B5Y9NU"), std::string::npos);
}

TEST(SummaryHtmlRender, HasAPrintStylesheetAndSystemFontsOnly) {
  const std::string html = reports::summary_html(sample());
  EXPECT_NE(html.find("@page { size: A4;"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("break-inside: avoid"), std::string::npos);
  EXPECT_NE(html.find("\"Noto Sans\""), std::string::npos);
  EXPECT_NE(html.find("\"Noto Sans Khmer\""), std::string::npos);
  EXPECT_NE(html.find("sans-serif"), std::string::npos);
  EXPECT_EQ(html.find("@font-face"), std::string::npos);
}

TEST(SummaryHtmlRender, EmptySummarySaysThereIsNoDataYet) {
  const std::string html = reports::summary_html(empty_sample());
  for (const std::string id : {"chart-budget", "chart-disbursements", "chart-achievement"}) {
    const std::string svg = chart(html, id);
    ASSERT_FALSE(svg.empty()) << id;
    EXPECT_TRUE(marks(svg).empty()) << id;
  }
  EXPECT_NE(chart(html, "chart-disbursements").find("No disbursements yet"), std::string::npos);
  EXPECT_NE(chart(html, "chart-budget").find("No money allocated to awards yet"), std::string::npos);
  EXPECT_NE(chart(html, "chart-achievement").find("No indicator results yet"), std::string::npos);
  EXPECT_NE(html.find("No awards to list."), std::string::npos);
  EXPECT_NE(html.find("No narrative excerpts yet."), std::string::npos);
  EXPECT_NE(html.find("Every award this source funds is listed."), std::string::npos);
  for (const char* bad : {"=\"nan\"", "=\"-nan\"", "=\"inf\"", "=\"-inf\""})
    EXPECT_EQ(html.find(bad), std::string::npos);
}

TEST(SummaryHtmlRender, MonthsWithoutMoneyDrawNoBars) {
  PublishedSummary s = empty_sample();
  s.months = {{"2027-01", false, usd(0), usd(0)}, {"2027-02", false, usd(0), usd(0)}};
  const std::string html = reports::summary_html(s);
  for (const std::string id : {"chart-disbursements", "chart-disbursements-narrow"}) {
    const std::string svg = chart(html, id);
    EXPECT_NE(svg.find("No disbursements yet"), std::string::npos) << id;
    EXPECT_TRUE(marks(svg).empty()) << id;
  }
}

TEST(SummaryHtmlRender, PreviewOpensWithABanner) {
  const std::string html = reports::summary_html(sample());
  const std::string banner = "<p class=\"preview-banner\" role=\"note\">Preview \u2014 not for circulation</p>";
  EXPECT_EQ(occurrences(html, banner), 1u);
  // Before anything else on the page.
  EXPECT_NE(html.find("<body>\n<header>\n" + banner), std::string::npos);
  EXPECT_NE(html.find(".preview-banner {"), std::string::npos);  // styled to stand out, in print too
  EXPECT_EQ(html.find("Edition for the quarter"), std::string::npos);
}

TEST(SummaryHtmlRender, EditionSaysWhichQuarterAndIsNoPreview) {
  const std::string html = reports::summary_html(edition_sample());
  // Dates in words for people, the exact values for machines.
  EXPECT_NE(html.find("<p class=\"edition\">Edition for the quarter ending <time datetime=\"2027-06-30\">30&nbsp;June "
                      "2027</time>, published <time datetime=\"2027-07-05T09:30:00Z\">5&nbsp;July 2027</time>; the "
                      "previous edition was for the quarter ending <time datetime=\"2027-03-31\">31&nbsp;March "
                      "2027</time>.</p>"),
            std::string::npos);
  EXPECT_EQ(html.find(">2027-07-05T09:30:00Z<"), std::string::npos);
  EXPECT_EQ(html.find("class=\"preview-banner\""), std::string::npos);
  EXPECT_EQ(html.find("not for circulation"), std::string::npos);

  const std::string first = reports::summary_html(edition_sample(std::nullopt));
  EXPECT_NE(first.find("published <time datetime=\"2027-07-05T09:30:00Z\">5&nbsp;July 2027</time>.</p>"),
            std::string::npos);
  EXPECT_EQ(first.find("previous edition"), std::string::npos);
}

TEST(SummaryHtmlRender, HeaderDatesReadAsWords) {
  const std::string html = reports::summary_html(sample());
  EXPECT_NE(html.find("<dt>Period</dt><dd><time datetime=\"2027-01-01\">1&nbsp;January 2027</time> to "
                      "<time datetime=\"2028-12-31\">31&nbsp;December 2028</time></dd>"),
            std::string::npos);
  EXPECT_NE(html.find("<dt>As of</dt><dd><time datetime=\"2027-06-30\">30&nbsp;June 2027</time></dd>"),
            std::string::npos);
  EXPECT_NE(html.find("<dt>Generated</dt><dd><time datetime=\"2027-07-01T08:00:00Z\">1&nbsp;July 2027</time>, "
                      "08:00&nbsp;UTC</dd>"),
            std::string::npos);
}

TEST(DateInWords, ReadsIsoDatesMonthsAndInstants) {
  EXPECT_EQ(reports::date_in_words("2026-10-21"), "21 October 2026");
  EXPECT_EQ(reports::date_in_words("2026-10-21T09:00:00Z"), "21 October 2026");
  EXPECT_EQ(reports::date_in_words("2027-01-05"), "5 January 2027");
  EXPECT_EQ(reports::date_in_words("2027-12"), "December 2027");
  // Anything else comes back unchanged rather than as a wrong date.
  for (const std::string odd : {"", "2027-13", "2027-02-3x", "27-02-03", "2027-00-10", "2027-02-00", "soon"})
    EXPECT_EQ(reports::date_in_words(odd), odd) << odd;
}

TEST(SummaryHtmlRender, WithheldMoneyAndTargetsShowNoNumbers) {
  const std::string html = reports::summary_html(withheld_sample());
  EXPECT_EQ(leaked_amounts(html), std::vector<std::string>{});

  // The award is listed with every figure of its money suppressed: amount,
  // source share, allocated, disbursed and spent.
  const std::string closed = row_with(html, "<strong>P4T8W2N6RB</strong>");
  ASSERT_FALSE(closed.empty());
  EXPECT_EQ(occurrences(closed, "<span class=\"suppressed\">suppressed</span>"), 5u);
  EXPECT_EQ(closed.find(" USD"), std::string::npos);
  EXPECT_EQ(closed.find(" THB"), std::string::npos);
  EXPECT_NE(row_with(html, "<strong>G7K3M9Q2XA</strong>").find("40,000.00 USD"), std::string::npos);

  // Baseline, target and achievement withheld; the actual shown.
  const std::string sessions = row_with(html, "<strong>OP1.3</strong>");
  EXPECT_EQ(occurrences(sessions, "<span class=\"suppressed\">suppressed</span>"), 3u);
  EXPECT_NE(sessions.find(">420<"), std::string::npos);

  EXPECT_NE(html.find("with their money (allocated, disbursed and reported spent) <span class=\"suppressed\">"
                      "suppressed</span>"),
            std::string::npos);
  EXPECT_NE(html.find("No breakdown by country is published"), std::string::npos);
  EXPECT_EQ(html.find("No money allocated to awards yet"), std::string::npos);
  // Why a listed award's money reads suppressed.
  EXPECT_NE(html.find("Where an award's money reads suppressed, the award is listed with its money withheld"),
            std::string::npos);
  EXPECT_EQ(reports::summary_html(sample()).find("Where an award's money reads suppressed"), std::string::npos);
}

TEST(SummaryHtmlRender, OtherCountriesSayWhyTheyAreNotNamed) {
  PublishedSummary s = sample();
  s.countries.push_back({"", usd(100000), usd(50000), usd(10000)});
  const std::string html = reports::summary_html(s);
  EXPECT_NE(html.find("<td>Other countries</td>"), std::string::npos);
  const auto note = html.find("<p class=\"note\" id=\"note-other-countries\">");
  ASSERT_NE(note, std::string::npos);
  const std::string text = html.substr(note, html.find("</p>", note) - note);
  EXPECT_NE(text.find("one or two of the organisations funded there asked not to be named"), std::string::npos);
  EXPECT_NE(text.find("less that of the awards listed there with their money shown"), std::string::npos);
  EXPECT_EQ(text.find("fewer than 3 organisations were funded"), std::string::npos);
  // No row of unnamed countries, no note.
  EXPECT_EQ(reports::summary_html(sample()).find("note-other-countries"), std::string::npos);
}

TEST(SummaryHtmlRender, ChartsLeaveWithheldFiguresOut) {
  const std::string html = reports::summary_html(withheld_sample());

  const std::string budget = chart(html, "chart-budget");
  EXPECT_TRUE(marks(budget).empty());
  EXPECT_NE(budget.find("No breakdown by country is published"), std::string::npos);

  // The published months keep their bars; May, withheld, is an empty hatched
  // slot saying so, in its tooltip, on the chart, in the legend, the
  // description and the caption.
  for (const std::string id : {"chart-disbursements", "chart-disbursements-narrow"}) {
    SCOPED_TRACE(id);
    const std::string svg = chart(html, id);
    EXPECT_EQ(marks(svg).size(), 5u);
    EXPECT_EQ(svg.find("<title>May 2027,"), std::string::npos);
    EXPECT_NE(svg.find("<title>April 2027, Disbursed: 10,500.00 USD</title>"), std::string::npos);
    EXPECT_EQ(occurrences(svg, "<rect class=\"withheld\""), 1u);
    EXPECT_NE(svg.find("<title>May 2027: withheld</title>"), std::string::npos);
    EXPECT_EQ(occurrences(svg, ">withheld</text>"), 1u);
    EXPECT_NE(svg.find(">Withheld</text>"), std::string::npos);
    EXPECT_NE(svg.find("fill=\"url(#" + id + "-hatch)\""), std::string::npos);
    EXPECT_NE(svg.find("<pattern id=\"" + id + "-hatch\""), std::string::npos);
    EXPECT_NE(svg.find("May 2027 is withheld: no figures are shown for it"), std::string::npos);
    EXPECT_EQ(svg.find("so far"), std::string::npos);
  }
  EXPECT_NE(html.find("The figures of May 2027 are withheld"), std::string::npos);
  EXPECT_EQ(html.find("add up the published months"), std::string::npos);

  // A withheld target: a placeholder, no bar.
  const std::string achievement = chart(html, "chart-achievement");
  EXPECT_EQ(mark_titled(marks(achievement), "OP1.3"), nullptr);
  EXPECT_EQ(occurrences(achievement, "class=\"placeholder suppressed\""), 2u);  // OP1.2 and OP1.3
  EXPECT_NE(achievement.find(">target suppressed</text>"), std::string::npos);
}

// Whatever a withheld month held, not one byte of the page changes: no
// figure of it, its size or the scale it would set can show anywhere.
TEST(SummaryHtmlRender, AWithheldMonthShowsNoNumberAnywhere) {
  PublishedSummary small = sample(), large = sample();
  small.months.insert(small.months.begin() + 2, {"2027-05", true, usd(1), usd(2)});
  large.months.insert(large.months.begin() + 2, {"2027-05", true, usd(987654321), usd(123456789)});
  const std::string html = reports::summary_html(small);
  EXPECT_EQ(html, reports::summary_html(large));

  // And within the chart, the slot of the month carries no digit but its year.
  for (const std::string id : {"chart-disbursements", "chart-disbursements-narrow"}) {
    const std::string svg = chart(html, id);
    const auto at = svg.find("<rect class=\"withheld\"");
    ASSERT_NE(at, std::string::npos) << id;
    const auto label_end = svg.find(">withheld</text>", at);
    ASSERT_NE(label_end, std::string::npos) << id;
    std::string slot = svg.substr(at, label_end - at);
    for (const std::string& known : {std::string("2027"), id})
      for (auto k = slot.find(known); k != std::string::npos; k = slot.find(known)) slot.erase(k, known.size());
    // What is left may hold the slot's coordinates, which are the same for any month; no text node has digits.
    const std::regex digits_in_text(">[^<]*[0-9][^<]*<");
    EXPECT_FALSE(std::regex_search(slot, digits_in_text)) << slot;
  }
}

TEST(SummaryHtmlRender, EveryMonthWithheldIsNotNoDisbursements) {
  PublishedSummary s = sample();
  for (auto& m : s.months) m.withheld = true;
  const std::string html = reports::summary_html(s);
  for (const std::string id : {"chart-disbursements", "chart-disbursements-narrow"}) {
    const std::string svg = chart(html, id);
    EXPECT_TRUE(marks(svg).empty()) << id;
    EXPECT_NE(svg.find("No monthly figures are published"), std::string::npos) << id;
    EXPECT_EQ(svg.find("No disbursements yet"), std::string::npos) << id;
  }
}

TEST(SummaryHtmlRender, PublishedMonthsOfZeroBesideWithheldOnesSaySo) {
  PublishedSummary s = sample();
  s.months = {{"2027-01", true, usd(0), usd(0)}, {"2027-02", false, usd(0), usd(0)}};
  const std::string svg = chart(reports::summary_html(s), "chart-disbursements");
  EXPECT_TRUE(marks(svg).empty());
  EXPECT_NE(svg.find("Nothing disbursed or reported spent in the published months"), std::string::npos);
}

// At 320 to 360 px the page scrolls only downwards: the charts switch to their
// narrow layout, whose text stays at 11 px or more, and every table scrolls
// sideways inside a region a keyboard can reach.
TEST(SummaryHtmlRender, FitsAPhoneScreen) {
  const std::string html = reports::summary_html(withheld_sample());
  EXPECT_NE(html.find("svg.chart-narrow { display: none; }"), std::string::npos);
  const auto phone = html.find("@media screen and (max-width: 45rem)");
  ASSERT_NE(phone, std::string::npos);  // screen only: paper always gets the wide layout
  const std::string rules = html.substr(phone, html.find("\n}\n", phone) - phone);
  EXPECT_NE(rules.find("svg.chart-wide { display: none; }"), std::string::npos);
  EXPECT_NE(rules.find("svg.chart-narrow { display: block;"), std::string::npos);
  EXPECT_NE(rules.find("padding: 1rem .75rem"), std::string::npos);
  EXPECT_NE(html.find("svg.chart-narrow text { font-size: 13px; }"), std::string::npos);
  for (const std::string id : {"chart-budget-narrow", "chart-disbursements-narrow", "chart-achievement-narrow"}) {
    const std::string svg = chart(html, id);
    const auto at = svg.find("viewBox=\"0 0 ");
    ASSERT_NE(at, std::string::npos) << id;
    const double canvas = std::strtod(svg.c_str() + at + 13, nullptr);
    // 13 canvas units drawn across 360 px less .75rem of padding each side.
    EXPECT_GE(13 * (360 - 24) / canvas, 11.0) << id << " " << canvas;
  }
  EXPECT_NE(html.find(".table-wrap { overflow-x: auto;"), std::string::npos);
  EXPECT_GT(occurrences(html, "<table"), 0u);
  EXPECT_EQ(occurrences(html, "<table"),
            occurrences(html, "<div class=\"table-wrap\" role=\"region\" aria-label=\""));
  for (auto at = html.find("<table"); at != std::string::npos; at = html.find("<table", at + 1)) {
    const auto wrap = html.rfind("<div class=\"table-wrap\"", at);
    ASSERT_NE(wrap, std::string::npos);
    const std::string opening = html.substr(wrap, html.find('>', wrap) - wrap);
    EXPECT_NE(opening.find("tabindex=\"0\""), std::string::npos) << opening;
    EXPECT_EQ(opening.find("aria-label=\"\""), std::string::npos) << opening;
    EXPECT_EQ(html.find("</div>", wrap), html.find("</table>", at) + 9) << "the table is not the region's content";
  }
  EXPECT_NE(html.find("aria-label=\"Awards\""), std::string::npos);
  EXPECT_NE(html.find("aria-label=\"Indicators of OP1\""), std::string::npos);
}

TEST(SummaryHtmlRender, DefaultSummaryRendersWithoutCrashing) {
  const PublishedSummary nothing;
  EXPECT_NE(reports::summary_html(nothing).find("</html>"), std::string::npos);
  EXPECT_EQ(reports::summary_csv(nothing).substr(0, 3), "\xEF\xBB\xBF");
}

// ---------------------------------------------------------------- JSON

TEST(SummaryJsonRender, PreviewIsFlaggedAndHasNoEdition) {
  const auto j = nlohmann::json::parse(reports::summary_json(sample()));
  EXPECT_EQ(j.at("preview"), true);
  EXPECT_FALSE(j.contains("edition"));
}

TEST(SummaryJsonRender, EditionCarriesItsQuarterAndIsNoPreview) {
  const auto j = nlohmann::json::parse(reports::summary_json(edition_sample()));
  EXPECT_EQ(j.at("preview"), false);
  EXPECT_EQ(j.at("edition"), nlohmann::json::parse(R"({"period_end": "2027-06-30",
      "published_at": "2027-07-05T09:30:00Z", "previous_period_end": "2027-03-31"})"));
  const auto first = nlohmann::json::parse(reports::summary_json(edition_sample(std::nullopt)));
  EXPECT_TRUE(first.at("edition").at("previous_period_end").is_null());
}

TEST(SummaryJsonRender, PublishedFiguresKeepTheirShapes) {
  const auto j = nlohmann::json::parse(reports::summary_json(sample()));
  const auto& award = j.at("awards").at(0);
  EXPECT_EQ(award.at("money_suppressed"), false);
  EXPECT_EQ(award.at("allocated"), nlohmann::json::parse(R"({"currency": "USD", "amount": "40000.00"})"));
  EXPECT_EQ(award.at("amount"), nlohmann::json::parse(R"({"currency": "THB", "amount": "1400000.00"})"));
  EXPECT_EQ(j.at("by_month").at(0), nlohmann::json::parse(R"({"month": "2027-02", "suppressed": false,
      "disbursed": {"currency": "USD", "amount": "10000.00"}, "spent": {"currency": "USD", "amount": "0.00"}})"));
  const auto& reached = j.at("by_result").at(0).at("indicators").at(0);
  EXPECT_EQ(reached.at("baseline"), nlohmann::json::parse(R"({"value": "150", "suppressed": false})"));
  EXPECT_EQ(reached.at("target"), nlohmann::json::parse(R"({"value": "1200", "suppressed": false})"));
  EXPECT_EQ(reached.at("actual"), nlohmann::json::parse(R"({"value": "1000", "suppressed": false})"));
  const auto& dialogue = j.at("by_result").at(1).at("indicators").at(0);  // qualitative: no figures at all
  EXPECT_TRUE(dialogue.at("baseline").is_null());
  EXPECT_TRUE(dialogue.at("target").is_null());
  EXPECT_EQ(j.at("by_country").size(), 2u);
  EXPECT_EQ(j.at("by_country_suppressed"), false);
  EXPECT_EQ(j.at("unlisted_awards").at("money_suppressed"), false);
  EXPECT_EQ(j.at("unlisted_awards").at("allocated"),
            nlohmann::json::parse(R"({"currency": "USD", "amount": "5000.00"})"));
}

TEST(SummaryJsonRender, WithheldFiguresAreSuppressedWithNoAmount) {
  const std::string text = reports::summary_json(withheld_sample());
  EXPECT_EQ(leaked_amounts(text), std::vector<std::string>{});
  const auto j = nlohmann::json::parse(text);

  const auto withheld_in = [](const char* currency) {
    return nlohmann::json{{"currency", currency}, {"suppressed", true}};
  };
  const auto& award = j.at("awards").at(1);
  EXPECT_EQ(award.at("reference"), "P4T8W2N6RB");
  EXPECT_EQ(award.at("money_suppressed"), true);
  EXPECT_EQ(award.at("amount"), withheld_in("THB"));
  EXPECT_EQ(award.at("funded_by_source"), withheld_in("THB"));
  for (const char* field : {"allocated", "disbursed", "spent"}) EXPECT_EQ(award.at(field), withheld_in("USD")) << field;

  EXPECT_EQ(j.at("by_month").at(2), nlohmann::json::parse(R"({"month": "2027-05", "suppressed": true})"));
  EXPECT_EQ(j.at("by_month").at(3).at("suppressed"), false);

  const auto& sessions = j.at("by_result").at(0).at("indicators").at(2);
  EXPECT_EQ(sessions.at("code"), "OP1.3");
  EXPECT_EQ(sessions.at("baseline"), nlohmann::json::parse(R"({"suppressed": true})"));
  EXPECT_EQ(sessions.at("target"), nlohmann::json::parse(R"({"suppressed": true})"));
  EXPECT_EQ(sessions.at("actual"), nlohmann::json::parse(R"({"value": "420", "suppressed": false})"));
  EXPECT_TRUE(sessions.at("achievement_percent").is_null());

  EXPECT_TRUE(j.at("by_country").empty());
  EXPECT_EQ(j.at("by_country_suppressed"), true);

  const auto& unlisted = j.at("unlisted_awards");
  EXPECT_EQ(unlisted.at("value"), "12");
  EXPECT_EQ(unlisted.at("money_suppressed"), true);
  for (const char* field : {"allocated", "disbursed", "spent"})
    EXPECT_EQ(unlisted.at(field), withheld_in("USD")) << field;
}
