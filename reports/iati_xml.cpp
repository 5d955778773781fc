// IATI 2.03 activities for one funding source (DESIGN §6), valid against
// tests/standards/iati-2.03/iati-activities-schema.xsd.
//
// MSWA is the reporting organisation. The funding source is MSWA's programme
// funded by the donor (hierarchy 1); each listed award is a sub-activity
// (hierarchy 2) with its own transactions and targets. Only what the
// published summary holds is rendered: withheld figures are left out, as
// elements the schema lets go rather than empty values. A staff preview
// says so in a comment before the root element.
//
// Codes (IATI 2.03 codelists):
//   OrganisationType  23 Regional NGO (MSWA), 24 Partner Country based NGO (members)
//   OrganisationRole  1 Funding, 2 Accountable, 3 Extending, 4 Implementing
//   ActivityStatus    1 Pipeline/identification, 2 Implementation, 3 Finalisation
//   ActivityDateType  1 Planned start, 3 Planned end
//   TransactionType   1 Incoming Funds, 2 Outgoing Commitment, 3 Disbursement, 4 Expenditure
//   RelatedActivityType 1 Parent, 2 Child
//   ResultType        1 Output, 2 Outcome
//   IndicatorMeasure  1 Unit, 2 Percentage, 5 Qualitative
//   DescriptionType   1 General
//   IndicatorVocabulary / ResultVocabulary 99 Reporting Organisation (the MSWA logframe codes)
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/ledger.hpp"
#include "domain/money.hpp"
#include "domain/text.hpp"
#include "reports/markup.hpp"
#include "reports/renderers.hpp"

namespace mswa::reports {
namespace {

constexpr std::string_view kAllianceOrgType = "23";  // Regional NGO
constexpr std::string_view kMemberOrgType = "24";    // Partner Country based NGO
constexpr std::string_view kReportingOrgVocabulary = "99";

// ---------------------------------------------------------------- UTF-8 and escaping

// The language of free text written mostly in one of the alliance's own
// scripts, for xml:lang; nullopt otherwise (the activity's default, English).
std::optional<std::string_view> script_language(std::string_view s) {
  struct Script {
    char32_t first, last;
    std::string_view lang;
    long count = 0;
  };
  Script scripts[] = {{0x0E00, 0x0E7F, "th"}, {0x0E80, 0x0EFF, "lo"}, {0x1780, 0x17FF, "km"}, {0x1000, 0x109F, "my"}};
  long latin = 0;
  bool vietnamese = false;
  for (std::size_t i = 0; i < s.size();) {
    const auto cp = domain::next_code_point(s, i);
    if (!cp) continue;
    if ((*cp >= 'a' && *cp <= 'z') || (*cp >= 'A' && *cp <= 'Z')) ++latin;
    for (auto& script : scripts)
      if (*cp >= script.first && *cp <= script.last) ++script.count;
    // Letters only Vietnamese uses among the alliance's languages: ơ ư đ and
    // the stacked tone marks of Latin Extended Additional.
    if (*cp == 0x01A0 || *cp == 0x01A1 || *cp == 0x01AF || *cp == 0x01B0 || *cp == 0x0110 || *cp == 0x0111 ||
        (*cp >= 0x1EA0 && *cp <= 0x1EF9))
      vietnamese = true;
  }
  const Script* most = &scripts[0];
  for (const auto& script : scripts)
    if (script.count > most->count) most = &script;
  if (most->count > 0 && most->count >= latin) return most->lang;
  if (most->count == 0 && vietnamese) return "vi";
  return std::nullopt;
}

// ---------------------------------------------------------------- writer

using Attributes = std::vector<std::pair<std::string_view, std::string>>;

// Writes indented XML; elements close in the order they were opened.
class XmlWriter {
 public:
  XmlWriter() { out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"; }

  void open(std::string_view name, const Attributes& attributes = {}) {
    start_tag(name, attributes);
    out_ += ">\n";
    open_.emplace_back(name);
  }
  void close() {
    const std::string name = std::move(open_.back());
    open_.pop_back();
    indent();
    out_ += "</" + name + ">\n";
  }
  void empty(std::string_view name, const Attributes& attributes = {}) {
    start_tag(name, attributes);
    out_ += "/>\n";
  }
  void text(std::string_view name, std::string_view content, const Attributes& attributes = {}) {
    start_tag(name, attributes);
    out_ += '>';
    append_escaped(out_, content, MarkupContext::text);
    out_ += "</";
    out_ += name;
    out_ += ">\n";
  }
  // Text that cannot end the comment early: "--" is not allowed inside one.
  void comment(std::string_view content) {
    indent();
    out_ += "<!-- ";
    for (const char c : content) {
      if (c == '-' && !out_.empty() && out_.back() == '-') out_ += ' ';
      out_ += c;
    }
    if (out_.back() == '-') out_ += ' ';
    out_ += " -->\n";
  }
  std::string finish() && { return std::move(out_); }

 private:
  void indent() { out_.append(open_.size() * 2, ' '); }
  void start_tag(std::string_view name, const Attributes& attributes) {
    indent();
    out_ += '<';
    out_ += name;
    for (const auto& [key, value] : attributes) {
      out_ += ' ';
      out_ += key;
      out_ += "=\"";
      append_escaped(out_, value, MarkupContext::attribute);
      out_ += '"';
    }
  }

  std::string out_;
  std::vector<std::string> open_;
};

void narrative(XmlWriter& w, std::string_view text) {
  Attributes attributes;
  if (const auto lang = script_language(text)) attributes.emplace_back("xml:lang", std::string(*lang));
  w.text("narrative", text, attributes);
}

// An element whose only content is one narrative: title, description, organisations.
void with_narrative(XmlWriter& w, std::string_view name, std::string_view text, const Attributes& attributes = {}) {
  w.open(name, attributes);
  narrative(w, text);
  w.close();
}

// ---------------------------------------------------------------- mapping helpers

std::string activity_status(const std::string& start, const std::string& end, const std::string& as_of) {
  // Dates are YYYY-MM-DD, so they compare as strings.
  if (as_of < start) return "1";
  if (as_of > end) return "3";  // ended; closing depends on sign-off the summary does not know
  return "2";
}

std::string measure_code(domain::Measure m) {
  switch (m) {
    case domain::Measure::unit:
      return "1";
    case domain::Measure::percentage:
      return "2";
    case domain::Measure::qualitative:
      return "5";
  }
  return "1";
}

std::string result_type(domain::ResultKind k) { return k == domain::ResultKind::output ? "1" : "2"; }

// Sums of counts add up across activities; averaged percentages and
// qualitative findings do not.
bool aggregatable(domain::Measure m) { return m == domain::Measure::unit; }

std::string_view year_of(const std::string& date) { return std::string_view(date).substr(0, 4); }

std::string bool_text(bool b) { return b ? "true" : "false"; }

std::optional<std::string> transaction_type(domain::LedgerKind kind) {
  switch (kind) {
    case domain::LedgerKind::allocation:
      return "2";
    case domain::LedgerKind::payment:
      return "3";
    case domain::LedgerKind::expenditure:
      return "4";
    default:
      return std::nullopt;  // receipts belong to the source, reversals carry their original kind
  }
}

// Activity identifiers start with the reporting organisation's reference.
std::string programme_id(const PublishedSummary& s) { return s.alliance_ref + "-" + s.source_reference; }
std::string award_id(const PublishedSummary& s, const PublishedAward& a) { return s.alliance_ref + "-" + a.reference; }

// ---------------------------------------------------------------- shared elements

void reporting_org(XmlWriter& w, const PublishedSummary& s) {
  with_narrative(w, "reporting-org", s.alliance_name,
                 {{"ref", s.alliance_ref}, {"type", std::string(kAllianceOrgType)}});
}

void donor_org(XmlWriter& w, const PublishedSummary& s, std::string_view element, Attributes attributes) {
  if (!s.donor_iati_ref.empty()) attributes.insert(attributes.begin(), Attributes::value_type{"ref", s.donor_iati_ref});
  with_narrative(w, element, s.donor_name, attributes);
}

void alliance_org(XmlWriter& w, const PublishedSummary& s, std::string_view element, Attributes attributes) {
  attributes.insert(attributes.begin(), {{"ref", s.alliance_ref}, {"type", std::string(kAllianceOrgType)}});
  with_narrative(w, element, s.alliance_name, attributes);
}

std::string english_name(const Recipient& r) { return r.label_en.empty() ? r.label : r.label_en; }

// The recipient as published: a reference only for an organisation that chose
// to be named, else its neutral label.
void recipient_org(XmlWriter& w, const Recipient& r, std::string_view element, Attributes attributes) {
  if (r.named && !r.iati_ref.empty()) attributes.insert(attributes.begin(), Attributes::value_type{"ref", r.iati_ref});
  attributes.emplace_back("type", std::string(kMemberOrgType));
  w.open(element, attributes);
  const std::string english = english_name(r);
  narrative(w, english);
  if (r.named && r.label != english) narrative(w, r.label);  // the name in its own script too
  w.close();
}

void planned_dates(XmlWriter& w, const std::string& start, const std::string& end) {
  w.empty("activity-date", {{"type", "1"}, {"iso-date", start}});
  w.empty("activity-date", {{"type", "3"}, {"iso-date", end}});
}

// One transaction: type, date, value in minor units of `currency` (the
// activity's default unless it says otherwise).
struct TransactionLine {
  std::string type;
  std::string date;
  std::int64_t amount = 0;
  domain::Currency currency;
  std::string description;  // empty for none
};

void transaction_head(XmlWriter& w, const TransactionLine& t, const domain::Currency& default_currency) {
  w.empty("transaction-type", {{"code", t.type}});
  w.empty("transaction-date", {{"iso-date", t.date}});
  Attributes value_attributes;
  if (t.currency.code != default_currency.code) value_attributes.emplace_back("currency", t.currency.code);
  value_attributes.emplace_back("value-date", t.date);
  w.text("value", domain::format_amount(t.amount, t.currency), value_attributes);
  if (!t.description.empty()) with_narrative(w, "description", t.description);
}

// ---------------------------------------------------------------- results

struct IndicatorLine {
  std::string code, title;
  domain::Measure measure = domain::Measure::unit;
  bool ascending = true;
  std::optional<std::string> baseline, target;  // decimal text; none for qualitative indicators
  bool baseline_withheld = false;               // then no baseline element at all, not one without a value
  std::optional<std::string> actual;            // none when withheld
  const std::vector<PublishedBreakdown>* breakdowns = nullptr;
};

struct ResultLine {
  std::string code, title;
  domain::ResultKind kind = domain::ResultKind::output;
  std::vector<IndicatorLine> indicators;
};

void write_result(XmlWriter& w, const ResultLine& r, const std::string& period_start, const std::string& period_end) {
  if (r.indicators.empty()) return;  // the schema needs at least one indicator
  bool all_aggregatable = true;
  for (const auto& i : r.indicators) all_aggregatable = all_aggregatable && aggregatable(i.measure);

  w.open("result", {{"type", result_type(r.kind)}, {"aggregation-status", bool_text(all_aggregatable)}});
  with_narrative(w, "title", r.title.empty() ? r.code : r.code + ": " + r.title);
  w.empty("reference", {{"code", r.code}, {"vocabulary", std::string(kReportingOrgVocabulary)}});
  for (const auto& i : r.indicators) {
    w.open("indicator", {{"measure", measure_code(i.measure)},
                         {"ascending", bool_text(i.ascending)},
                         {"aggregation-status", bool_text(aggregatable(i.measure))}});
    with_narrative(w, "title", i.title.empty() ? i.code : i.code + ": " + i.title);
    w.empty("reference", {{"vocabulary", std::string(kReportingOrgVocabulary)}, {"code", i.code}});

    // The schema wants the baseline's year; its value only for measured indicators.
    if (!i.baseline_withheld) {
      Attributes baseline{{"year", std::string(year_of(period_start))}, {"iso-date", period_start}};
      if (i.baseline) baseline.emplace_back("value", *i.baseline);
      w.empty("baseline", baseline);
    }

    w.open("period");
    w.empty("period-start", {{"iso-date", period_start}});
    w.empty("period-end", {{"iso-date", period_end}});
    if (i.target) w.empty("target", {{"value", *i.target}});
    if (i.actual) w.empty("actual", {{"value", *i.actual}});
    // Each published category of a breakdown is an actual of its own,
    // qualified by its dimension; withheld categories are left out.
    if (i.breakdowns && i.measure != domain::Measure::qualitative) {
      for (const auto& b : *i.breakdowns) {
        for (const auto& c : b.categories) {
          if (c.value.suppressed()) continue;
          w.open("actual", {{"value", format_e4(*c.value.e4)}});
          w.empty("dimension", {{"name", std::string(domain::to_string(b.dimension))}, {"value", c.category}});
          w.close();
        }
      }
    }
    w.close();  // period
    w.close();  // indicator
  }
  w.close();  // result
}

ResultLine aggregate_result(const PublishedResult& r) {
  ResultLine line{r.code, r.title, r.kind, {}};
  for (const auto& i : r.indicators) {
    IndicatorLine il;
    il.code = i.code;
    il.title = i.title;
    il.measure = i.measure;
    il.ascending = i.ascending;
    il.breakdowns = &i.breakdowns;
    if (i.measure != domain::Measure::qualitative) {
      if (i.baseline.suppressed())
        il.baseline_withheld = true;
      else
        il.baseline = format_e4(*i.baseline.e4);
      if (!i.target.suppressed()) il.target = format_e4(*i.target.e4);
      if (!i.actual.suppressed()) il.actual = format_e4(*i.actual.e4);
    }
    line.indicators.push_back(std::move(il));
  }
  return line;
}

// An award's own targets, grouped by logframe result in logframe order.
// Targets of indicators the summary does not describe still count, under
// the result their code names ("OP1.3" -> OP1).
std::vector<ResultLine> award_results(const PublishedSummary& s, const PublishedAward& a) {
  std::vector<ResultLine> lines;
  std::vector<bool> used(a.targets.size(), false);
  const auto target_line = [](const domain::SummaryTarget& t, domain::Measure measure, bool ascending,
                              const std::string& title) {
    IndicatorLine il;
    il.code = t.indicator_code;
    il.title = title;
    il.measure = measure;
    il.ascending = ascending;
    // An empty figure is none: no value="" stands in for it.
    if (measure != domain::Measure::qualitative) {
      if (!t.baseline.empty()) il.baseline = t.baseline;
      if (!t.target.empty()) il.target = t.target;
    }
    return il;
  };

  for (const auto& r : s.results) {
    ResultLine line{r.code, r.title, r.kind, {}};
    for (const auto& i : r.indicators) {
      for (std::size_t k = 0; k < a.targets.size(); ++k) {
        if (used[k] || a.targets[k].indicator_code != i.code) continue;
        used[k] = true;
        line.indicators.push_back(target_line(a.targets[k], i.measure, i.ascending, i.title));
      }
    }
    if (!line.indicators.empty()) lines.push_back(std::move(line));
  }

  std::map<std::string, ResultLine> others;
  for (std::size_t k = 0; k < a.targets.size(); ++k) {
    if (used[k]) continue;
    const auto& t = a.targets[k];
    const std::string code = t.indicator_code.substr(0, t.indicator_code.find('.'));
    auto& line = others[code];
    line.code = code;
    line.kind = code.rfind("OC", 0) == 0 ? domain::ResultKind::outcome : domain::ResultKind::output;
    line.indicators.push_back(target_line(t, domain::Measure::unit, true, ""));
  }
  for (auto& [code, line] : others) lines.push_back(std::move(line));
  return lines;
}

// ---------------------------------------------------------------- activities

// Shares of the source's allocations by country, in hundredths of a percent
// summing to exactly 100.00; countries with nothing allocated are left out.
// The countries that may not be named (code "") go under the region.
std::vector<std::pair<std::string, std::string>> country_percentages(const PublishedSummary& s) {
  std::vector<const PublishedCountry*> countries;
  std::vector<std::int64_t> weights;
  for (const auto& c : s.countries) {
    if (c.allocated.minor <= 0) continue;
    countries.push_back(&c);
    weights.push_back(c.allocated.minor);
  }
  std::vector<std::pair<std::string, std::string>> out;
  if (countries.empty()) return out;
  const auto parts = domain::split_pro_rata(10000, weights);
  for (std::size_t k = 0; k < countries.size(); ++k) {
    if (parts[k] == 0) continue;
    out.emplace_back(countries[k]->country, domain::format_amount(parts[k], domain::Currency{"", 2}));
  }
  return out;
}

Attributes activity_attributes(const PublishedSummary& s, std::string_view hierarchy) {
  Attributes a;
  if (!s.generated_at.empty()) a.emplace_back("last-updated-datetime", s.generated_at);
  a.emplace_back("xml:lang", "en");
  a.emplace_back("default-currency", s.currency.code);
  a.emplace_back("hierarchy", std::string(hierarchy));
  return a;
}

void programme_activity(XmlWriter& w, const PublishedSummary& s) {
  const std::string id = programme_id(s);
  w.open("iati-activity", activity_attributes(s, "1"));
  w.text("iati-identifier", id);
  reporting_org(w, s);
  with_narrative(w, "title", s.source_title.empty() ? s.source_reference : s.source_title);
  std::string description = s.alliance_name + " programme funded by " + s.donor_name + " (" + s.source_reference +
                            ", " + s.source_start_date + " to " + s.source_end_date +
                            "): sub-grants to sex-worker-led member organisations. Figures as of " + s.as_of + ".";
  if (s.edition)
    description +=
        " Edition for the quarter ending " + s.edition->period_end + ", published " + s.edition->published_at + ".";
  with_narrative(w, "description", description, {{"type", "1"}});

  donor_org(w, s, "participating-org", {{"role", "1"}});
  alliance_org(w, s, "participating-org", {{"role", "2"}});
  alliance_org(w, s, "participating-org", {{"role", "3"}});
  w.empty("activity-status", {{"code", activity_status(s.source_start_date, s.source_end_date, s.as_of)}});
  planned_dates(w, s.source_start_date, s.source_end_date);
  const auto shares = country_percentages(s);
  for (const auto& [country, percentage] : shares)
    if (!country.empty()) w.empty("recipient-country", {{"code", country}, {"percentage", percentage}});
  // OECD DAC region 789, Far East Asia, regional: the Mekong countries not named.
  for (const auto& [country, percentage] : shares)
    if (country.empty()) w.empty("recipient-region", {{"code", "789"}, {"vocabulary", "1"}, {"percentage", percentage}});
  // Without a breakdown by country, the whole programme goes under the region.
  if (s.countries_withheld) w.empty("recipient-region", {{"code", "789"}, {"vocabulary", "1"}, {"percentage", "100"}});

  for (const auto& r : s.receipts) {
    w.open("transaction");
    transaction_head(w, {"1", r.received_on, r.amount.minor, r.amount.currency, ""}, s.currency);
    donor_org(w, s, "provider-org", {});
    alliance_org(w, s, "receiver-org", {{"receiver-activity-id", id}});
    w.close();
  }
  for (const auto& a : s.awards) w.empty("related-activity", {{"ref", award_id(s, a)}, {"type", "2"}});

  // One period from the start of the source to the summary's date (or its end).
  const std::string& start = s.source_start_date;
  std::string end = std::min(s.as_of, s.source_end_date);
  if (end < start) end = start;
  for (const auto& r : s.results) write_result(w, aggregate_result(r), start, end);
  w.close();
}

void award_activity(XmlWriter& w, const PublishedSummary& s, const PublishedAward& a) {
  const std::string id = award_id(s, a);
  const std::string parent = programme_id(s);
  w.open("iati-activity", activity_attributes(s, "2"));
  w.text("iati-identifier", id);
  reporting_org(w, s);
  with_narrative(w, "title", a.title.empty() ? a.reference : a.title);
  with_narrative(w, "description",
                 "Sub-grant " + a.reference + " from " + s.alliance_name + " to " + english_name(a.recipient) +
                     ", funded by " + s.donor_name + " through " + s.source_reference + ". " +
                     (a.money_withheld ? "Its amounts are withheld, so that the awards not listed cannot be worked "
                                         "out from the totals."
                                       : "Amounts are " + s.donor_name + "'s share, in " + s.currency.code + "."),
                 {{"type", "1"}});

  donor_org(w, s, "participating-org", {{"role", "1"}});
  alliance_org(w, s, "participating-org", {{"role", "3"}, {"activity-id", parent}});
  recipient_org(w, a.recipient, "participating-org", {{"role", "4"}});
  w.empty("activity-status", {{"code", activity_status(a.start_date, a.end_date, s.as_of)}});
  planned_dates(w, a.start_date, a.end_date);
  if (!a.recipient.country.empty()) w.empty("recipient-country", {{"code", a.recipient.country}});

  // Withheld money has no transactions at all, not even the decision's
  // commitment, whatever the summary holds.
  std::vector<TransactionLine> lines;
  if (!a.money_withheld) {
    for (const auto& t : a.transactions) {
      const auto type = transaction_type(t.kind);
      if (!type) continue;
      // A reversal keeps its original kind with a negative amount.
      lines.push_back({*type, t.booked_on, t.amount, s.currency,
                       t.amount < 0 ? "Reversal of an earlier " + std::string(domain::to_string(t.kind)) : ""});
    }
    // Without the ledger lines, the decision's commitment still belongs here.
    if (a.transactions.empty()) lines.push_back({"2", a.decided_on, a.allocated.minor, a.allocated.currency, ""});
  }

  for (const auto& t : lines) {
    w.open("transaction");
    transaction_head(w, t, s.currency);
    if (t.type == "2" || t.type == "3") {
      alliance_org(w, s, "provider-org", {{"provider-activity-id", parent}});
      recipient_org(w, a.recipient, "receiver-org", {});
    }
    w.close();
  }
  w.empty("related-activity", {{"ref", parent}, {"type", "1"}});

  // Targets only: one organisation's actuals are never published.
  for (const auto& r : award_results(s, a)) write_result(w, r, a.start_date, a.end_date);
  w.close();
}

}  // namespace

std::string iati_activities_xml(const PublishedSummary& s) {
  XmlWriter w;
  if (s.preview) w.comment("Preview \u2014 not for circulation");
  Attributes root{{"version", "2.03"}};
  if (!s.generated_at.empty()) root.emplace_back("generated-datetime", s.generated_at);
  w.open("iati-activities", root);
  programme_activity(w, s);
  for (const auto& a : s.awards) award_activity(w, s, a);
  w.close();
  return std::move(w).finish();
}

}  // namespace mswa::reports
