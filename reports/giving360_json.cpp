// A 360Giving 1.4 data package for one funding source (DESIGN §6), valid
// against tests/standards/360giving-1.4.3/360-giving-package-schema.json:
// one grant per listed award, MSWA as the funder, this source's money only.
// An award whose money is withheld is left out: a grant without its
// amountAwarded is no grant. The schema takes no fields of our own, so a
// staff preview says what it is at the start of the package's description.
//
// regrantType FRG010 "Common Regrant": the donor's grant to MSWA, a single
// grant-making organisation, for onward distribution as grants to end
// recipients, the member organisations. (FRG020 "Transfer to intermediary"
// is for an intermediary that passes money on to further grant-makers.)
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "domain/calendar_date.hpp"
#include "domain/country.hpp"
#include "domain/money.hpp"
#include "reports/renderers.hpp"

namespace mswa::reports {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kRegrantType = "FRG010";
constexpr std::string_view kPackageVersion = "1.4";
constexpr std::string_view kLogframeVocabulary = "MSWA logframe";

// An amount as a JSON number equal to minor / 10^digits: an integer when
// whole, else the double nearest the exact decimal, which prints back as
// that decimal (nlohmann writes the shortest text that round-trips).
Json amount(const domain::Money& m) {
  std::int64_t scale = 1;
  for (int k = 0; k < m.currency.exponent; ++k) scale *= 10;
  if (m.minor % scale == 0) return m.minor / scale;
  const std::string text = domain::format_amount(m.minor, m.currency);
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// Lower-case ASCII letters and digits, runs of anything else as one '-'.
std::string slug(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9'))
      out += c;
    else if (u >= 'A' && u <= 'Z')
      out += static_cast<char>(u - 'A' + 'a');
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// A stable token for a name with no ASCII letters or digits (FNV-1a, 64 bits).
std::string hashed(std::string_view s) {
  std::uint64_t h = 14695981039346656037ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
  return buffer;
}

std::string english_name(const Recipient& r) { return r.label_en.empty() ? r.label : r.label_en; }

// A public organisation's own IATI identifier when it has one; otherwise an
// identifier under MSWA's prefix built from the published label, so an
// unnamed recipient stays as anonymous as its label.
std::string recipient_id(const PublishedSummary& s, const Recipient& r) {
  if (r.named && !r.iati_ref.empty()) return r.iati_ref;
  const std::string name = r.named ? english_name(r) : r.label;
  std::string token = slug(name);
  if (token.empty()) token = "x" + hashed(name);
  return "360G-" + s.alliance_ref + "-recipient-" + token;
}

// The planned duration in months when the dates span whole months
// (2027-04-01 to 2028-03-31 is 12); none otherwise, the dates say it then.
std::optional<int> whole_months(const std::string& start, const std::string& end) {
  const auto from = domain::parse_date(start);
  const auto to = domain::parse_date(end);
  if (!from || !to) return std::nullopt;
  const std::chrono::year_month_day after{std::chrono::sys_days{*to} + std::chrono::days{1}};
  if (after.day() != from->day()) return std::nullopt;
  const int months = (static_cast<int>(after.year()) - static_cast<int>(from->year())) * 12 +
                     static_cast<int>(static_cast<unsigned>(after.month())) -
                     static_cast<int>(static_cast<unsigned>(from->month()));
  if (months <= 0) return std::nullopt;
  return months;
}

Json location(const std::string& country) { return Json{{"countryCode", country}, {"name", domain::country_name(country)}}; }

Json recipient_organization(const PublishedSummary& s, const Recipient& r) {
  Json org{{"id", recipient_id(s, r)}, {"name", r.named ? english_name(r) : r.label}};
  if (r.named && r.label != english_name(r)) org["alternateName"] = r.label;  // the name in its own script
  if (!r.country.empty()) org["location"] = Json::array({location(r.country)});
  return org;
}

// The logframe results an award's targets serve, in logframe order.
Json classifications(const PublishedSummary& s, const PublishedAward& a) {
  std::set<std::string> targeted;
  for (const auto& t : a.targets) targeted.insert(t.indicator_code.substr(0, t.indicator_code.find('.')));
  Json out = Json::array();
  for (const auto& r : s.results) {
    if (targeted.erase(r.code) == 0) continue;
    out.push_back({{"vocabulary", kLogframeVocabulary}, {"code", r.code}, {"title", r.title}});
  }
  for (const auto& code : targeted) out.push_back({{"vocabulary", kLogframeVocabulary}, {"code", code}});
  return out;
}

Json grant(const PublishedSummary& s, const PublishedAward& a) {
  const std::string name = english_name(a.recipient);
  const std::string recipient = a.recipient.country.empty() ? name : name + " (" + a.recipient.country + ")";
  Json g{
      {"id", "360G-" + s.alliance_ref + "-" + a.reference},
      {"title", a.title.empty() ? a.reference : a.title},
      {"description", "Sub-grant " + a.reference + " from " + s.alliance_name + " to " + recipient + ", funded by " +
                          s.donor_name + " through " + s.source_reference + ". Amounts are " + s.donor_name +
                          "'s share, in " + s.currency.code + "."},
      {"currency", s.currency.code},
      {"amountAwarded", amount(a.allocated)},
      {"amountDisbursed", amount(a.disbursed)},
      {"awardDate", a.decided_on},
  };
  Json planned{{"startDate", a.start_date}, {"endDate", a.end_date}};
  if (const auto months = whole_months(a.start_date, a.end_date)) planned["duration"] = *months;
  g["plannedDates"] = Json::array({planned});
  g["recipientOrganization"] = Json::array({recipient_organization(s, a.recipient)});
  g["fundingOrganization"] = Json::array({{{"id", s.alliance_ref}, {"name", s.alliance_name}}});
  g["grantProgramme"] = Json::array({{{"code", s.source_reference}, {"title", s.source_title}}});
  g["regrantType"] = kRegrantType;
  if (!a.recipient.country.empty()) g["beneficiaryLocation"] = Json::array({location(a.recipient.country)});
  if (auto c = classifications(s, a); !c.empty()) g["classifications"] = std::move(c);
  return g;
}

}  // namespace

std::string giving360_json(const PublishedSummary& s) {
  Json grants = Json::array();
  for (const auto& a : s.awards)
    if (!a.money_withheld) grants.push_back(grant(s, a));

  Json package{{"grants", std::move(grants)}, {"version", kPackageVersion}};
  package["title"] = s.alliance_name + ": grants funded by " + s.donor_name + " through " + s.source_reference;
  std::string description = "Sub-grants of " + s.alliance_name + " funded through " + s.donor_name + "'s " +
                            s.source_title + " (" + s.source_reference + "), each with that source's share, as of " +
                            s.as_of + ".";
  if (s.preview) description = "Preview \u2014 not for circulation. " + description;
  if (s.edition)
    description +=
        " Edition for the quarter ending " + s.edition->period_end + ", published " + s.edition->published_at + ".";
  package["description"] = std::move(description);
  if (!s.generated_at.empty()) package["issued"] = s.generated_at;
  package["identifier"] = s.alliance_ref + "-" + s.source_reference + "-" + s.as_of;
  package["publisher"] = {{"identifier", s.alliance_ref}, {"name", s.alliance_name}};
  // Text that is not UTF-8 becomes U+FFFD rather than an exception.
  return package.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

bool giving360_has_grants(const PublishedSummary& s) {
  return std::any_of(s.awards.begin(), s.awards.end(), [](const PublishedAward& a) { return !a.money_withheld; });
}

}  // namespace mswa::reports
