// The donor summary as a printable dashboard: one self-contained HTML5
// document with its charts drawn as inline SVG (DESIGN §6). No scripts and
// nothing fetched from anywhere, so it passes the server's Content-Security-
// Policy and reads the same saved to disk, printed, or opened years later.
#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/country.hpp"
#include "reports/markup.hpp"
#include "reports/renderers.hpp"
#include "reports/svg_charts.hpp"

namespace mswa::reports {

namespace {

std::string esc(std::string_view text) { return escape_markup(text); }

constexpr std::string_view kSuppressedCell = "<span class=\"suppressed\">suppressed</span>";

constexpr std::string_view kSmallCellNote =
    "Suppressed: to protect the people and organisations behind the figures, counts from 1 to 9, and any figure "
    "built from fewer than 3 organisations, are withheld; so are complementary figures that would let a withheld "
    "one be worked out from a total.";

// System fonts only, none downloaded: the Noto families and the platforms'
// own fonts cover Thai, Khmer, Lao and Myanmar names.
constexpr std::string_view kStyle = R"(<style>
:root { color-scheme: light; }
body { font-family: "Noto Sans", "Noto Sans Thai", "Noto Sans Khmer", "Noto Sans Lao", "Noto Sans Myanmar",
  "Leelawadee UI", "Khmer UI", "Lao UI", "Myanmar Text", "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue",
  Arial, sans-serif; color: #111; background: #fff; line-height: 1.45; max-width: 62rem; margin: 0 auto;
  padding: 1.5rem; overflow-wrap: break-word; }
.preview-banner { border: 3px solid #000; padding: .5rem .8rem; margin: 0 0 1rem; font-size: 1.15rem;
  font-weight: 700; text-align: center; text-transform: uppercase; letter-spacing: .06em; }
.edition { font-weight: 600; margin: .25rem 0 0; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #08306b; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .8rem; color: #444; margin: 0; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .75rem 0 0; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: .75rem; margin: 0; }
.figure { border: 1px solid #bbb; border-radius: 4px; padding: .6rem .8rem; }
.figure dt { font-size: .85rem; color: #333; }
.figure dd { margin: .2rem 0 0; font-size: 1.2rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.figure .detail { display: block; font-size: .8rem; font-weight: normal; color: #333; }
figure { margin: 1rem 0 1.5rem; }
figcaption { font-size: .85rem; color: #333; margin-top: .3rem; }
svg.chart { display: block; width: 100%; height: auto; font-family: inherit; }
svg.chart text { font-size: 12px; fill: #111; }
svg.chart-narrow text { font-size: 13px; }
svg.chart .axis-title, svg.chart .group-label { font-weight: 600; }
svg.chart .empty { font-size: 16px; fill: #444; }
svg.chart-narrow .empty { font-size: 15px; }
svg.chart text.suppressed, svg.chart .withheld-label { font-style: italic; fill: #333; }
svg.chart-narrow { display: none; }
/* Wide tables scroll sideways on their own, not the page; the shadows at an
   edge appear only while there is more to see that way. */
.table-wrap { overflow-x: auto; margin: .4rem 0 1rem;
  background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left / 2rem 100% no-repeat local,
    linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right / 2rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.3), rgba(0,0,0,0)) left / .8rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.3), rgba(0,0,0,0)) right / .8rem 100% no-repeat scroll; }
.table-wrap:focus-visible { outline: 3px solid #08306b; outline-offset: 2px; }
.table-wrap > table { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid #ccc; padding: .3rem .45rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #333; }
td time { white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.suppressed { font-style: italic; color: #444; }
tr.breakdown td { border-bottom: 1px dotted #ccc; font-size: .85rem; color: #222; padding-top: 0; }
.sub { display: block; font-size: .8rem; color: #444; }
.note { font-size: .85rem; color: #333; }
blockquote { margin: .3rem 0 1rem; padding: .4rem .9rem; border-left: 3px solid #08306b; white-space: pre-line; }
footer { margin-top: 2rem; border-top: 1px solid #bbb; padding-top: .5rem; font-size: .85rem; color: #333; }
/* Phones: key figures in one or two columns, and the charts' narrow layout,
   whose text stays legible where the wide one would shrink to a few pixels. */
@media screen and (max-width: 45rem) {
  body { padding: 1rem .75rem; }
  .figures { grid-template-columns: repeat(auto-fill, minmax(min(100%, 9.5rem), 1fr)); gap: .5rem; }
  .figure { padding: .5rem .55rem; }
  .figure dd { font-size: .95rem; }
  svg.chart-wide { display: none; }
  svg.chart-narrow { display: block; max-width: 32rem; }
  table { font-size: .85rem; }
  /* Wide enough that names and periods keep to a line or two: the region scrolls instead. */
  table.indicators { min-width: 36rem; }
  table.awards { min-width: 46rem; }
}
@page { size: A4; margin: 18mm 15mm 20mm 15mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; color: #000; background: #fff; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, tr, figure, svg.chart, .figures, blockquote, .narrative { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; background: none; }
  table { font-size: 9pt; }
  .figure, th, td { border-color: #000; }
  .kicker, .figure dt, .figure .detail, figcaption, .note, .sub, .suppressed, footer { color: #000; }
}
</style>
)";

// An indicator value as people read it: a percentage measure carries its sign.
std::string indicator_value(std::int64_t e4, domain::Measure measure) {
  return grouped_e4(e4) + (measure == domain::Measure::percentage ? "%" : "");
}

std::string indicator_cell(const Cell& c, domain::Measure measure) {
  return c.suppressed() ? std::string(kSuppressedCell) : esc(indicator_value(*c.e4, measure));
}

// "trans_woman" -> "trans woman", "40_plus" -> "40+": codes as words.
std::string category_label(std::string_view code) {
  if (code == "non_binary") return "non-binary";
  if (code == "non_migrant") return "non-migrant";
  if (code == "40_plus") return "40+";
  std::string out(code);
  for (char& c : out)
    if (c == '_') c = ' ';
  return out;
}

std::string_view dimension_label(domain::Dimension d) {
  switch (d) {
    case domain::Dimension::gender:
      return "Gender";
    case domain::Dimension::migrant_status:
      return "Migrant status";
    case domain::Dimension::age_group:
      return "Age group";
  }
  return "Breakdown";
}

// A date for people with the machine's value beside it: <time datetime="2026-10-21">21 October 2026</time>.
// The day stays with its month; on a narrow screen the year may go to the next line.
std::string date_element(std::string_view iso) {
  const std::string words = date_in_words(iso);
  std::string shown = esc(words);
  if (const auto space = words.find(' '); words != iso && space != std::string::npos && space <= 2)
    shown = words.substr(0, space) + "&nbsp;" + esc(words.substr(space + 1));
  return fmt::format("<time datetime=\"{}\">{}</time>", esc(iso), shown);
}

// An instant such as "2026-10-21T09:00:00Z" as "21 October 2026, 09:00 UTC".
std::string instant_element(std::string_view iso) {
  std::string out = date_element(iso);
  if (iso.size() >= 17 && iso[10] == 'T' && iso[13] == ':' && iso.back() == 'Z' && date_in_words(iso) != iso)
    out += fmt::format(", {}&nbsp;UTC", esc(iso.substr(11, 5)));
  return out;
}

// A date in a table, kept whole: ISO dates would otherwise break at their hyphens.
std::string iso_date(std::string_view iso) {
  return fmt::format("<time datetime=\"{0}\">{0}</time>", esc(iso));
}

std::string head(const PublishedSummary& s) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      // An empty icon, so browsers do not ask the API for /favicon.ico.
      "<link rel=\"icon\" href=\"data:,\">\n";
  out += fmt::format("<title>{} \u2014 donor summary as of {}</title>\n", esc(s.source_reference), esc(s.as_of));
  out += kStyle;
  out += "</head>\n";
  return out;
}

// A preview must not pass for what donors receive: it says so first, in
// words that survive printing in black and white.
std::string preview_banner(const PublishedSummary& s) {
  if (!s.preview) return {};
  return "<p class=\"preview-banner\" role=\"note\">Preview \u2014 not for circulation</p>\n";
}

std::string edition_line(const PublishedSummary& s) {
  if (!s.edition) return {};
  const EditionInfo& e = *s.edition;
  std::string line = fmt::format("Edition for the quarter ending {}, published {}", date_element(e.period_end),
                                 date_element(e.published_at));
  if (e.previous_period_end)
    line += fmt::format("; the previous edition was for the quarter ending {}", date_element(*e.previous_period_end));
  return "<p class=\"edition\">" + line + ".</p>\n";
}

std::string header(const PublishedSummary& s) {
  std::string out = "<header>\n" + preview_banner(s) + "<p class=\"kicker\">Donor summary</p>\n";
  out += fmt::format("<h1>{}</h1>\n", esc(s.source_title));
  out += edition_line(s);
  out += "<dl class=\"meta\">\n";
  const auto item = [&](std::string_view term, const std::string& markup) {
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", term, markup);
  };
  item("Reference", esc(s.source_reference));
  item("Donor", esc(s.donor_name));
  item("Agreed amount", esc(grouped_money(s.source_amount)));
  item("Period", date_element(s.source_start_date) + " to " + date_element(s.source_end_date));
  item("As of", date_element(s.as_of));
  item("Generated", instant_element(s.generated_at));
  item("Prepared by", esc(s.alliance_name));
  out += "</dl>\n</header>\n";
  return out;
}

std::string key_figures(const PublishedSummary& s) {
  std::string out = "<section id=\"key-figures\">\n<h2>Key figures</h2>\n<dl class=\"figures\">\n";
  const auto money = [&](std::string_view term, const domain::Money& m, std::string_view detail) {
    out += fmt::format("<div class=\"figure\"><dt>{}</dt><dd>{}<span class=\"detail\">{}</span></dd></div>\n", term,
                       esc(grouped_money(m)), detail);
  };
  money("Received", s.received, "from the donor");
  money("Allocated", s.allocated, "committed to awards");
  money("Disbursed", s.disbursed, "paid out to member organisations");
  money("Spent", s.spent, "reported spent in accepted reports");
  money("Available", s.available, "received, not yet committed");

  const BurnRate& b = s.burn_rate;
  const std::string rate = b.spent_of_disbursed_percent ? esc(*b.spent_of_disbursed_percent) + "%" : "not yet";
  std::string detail = b.spent_of_disbursed_percent ? "of disbursed money reported spent" : "nothing disbursed yet";
  if (b.disbursed_of_allocated_percent)
    detail += fmt::format("; {}% of allocated money disbursed", esc(*b.disbursed_of_allocated_percent));
  detail += fmt::format("; on average {} spent a month over {} month{}", esc(grouped_money(b.average_monthly_spent)),
                        b.months_elapsed, b.months_elapsed == 1 ? "" : "s");
  out += fmt::format("<div class=\"figure\"><dt>Burn rate</dt><dd>{}<span class=\"detail\">{}</span></dd></div>\n",
                     rate, detail);
  out += "</dl>\n</section>\n";
  return out;
}

// A table that may be wider than a phone scrolls inside a region of its own,
// which keyboard users can reach and scroll and screen readers can name.
std::string scrolling_table(std::string_view label, const std::string& table) {
  return fmt::format("<div class=\"table-wrap\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">\n{}</div>\n",
                     esc(label), table);
}

// Both layouts of a chart; the stylesheet shows the one that suits the screen.
template <typename Draw>
std::string both_layouts(Draw draw) {
  return draw(ChartLayout::wide) + draw(ChartLayout::narrow);
}

std::string months_caption(const PublishedSummary& s) {
  std::string caption = fmt::format(
      "Money disbursed and reported spent in each month, in {}. Months with no bars had no payments and no accepted "
      "spending.",
      esc(s.currency.code));
  std::vector<std::string> withheld;
  for (const auto& m : s.months)
    if (m.withheld) withheld.push_back(date_in_words(m.month));
  if (withheld.empty()) return caption;
  std::string names;
  for (std::size_t i = 0; i < withheld.size(); ++i) {
    if (i > 0) names += i + 1 == withheld.size() ? " and " : ", ";
    names += esc(withheld[i]);
  }
  // Nothing is said of a withheld month but that it is withheld: no sum of
  // the other months either, which would invite the subtraction.
  return caption + fmt::format(
                       " The figures of {} are withheld to protect the organisations behind them, and marked "
                       "\u201cwithheld\u201d. The key figures above include every month.",
                       names);
}

std::string charts(const PublishedSummary& s) {
  std::string out = "<section id=\"charts\">\n<h2>Charts</h2>\n";
  out += "<figure>\n<h3>Budget against actual, by country</h3>\n" +
         both_layouts([&](ChartLayout l) {
           return budget_chart_svg(s.countries, s.countries_withheld, s.currency, l);
         }) +
         "<figcaption>" +
         (s.countries_withheld ? "No breakdown by country is published: see below."
                               : "Allocated, disbursed and reported spent per country. Exact figures are in the table "
                                 "below.") +
         "</figcaption>\n</figure>\n";

  out += "<figure>\n<h3>Disbursed and spent, month by month</h3>\n" +
         both_layouts([&](ChartLayout l) { return disbursement_chart_svg(s.months, s.currency, l); }) +
         "<figcaption>" + months_caption(s) + "</figcaption>\n</figure>\n";

  out += "<figure>\n<h3>Indicator achievement</h3>\n" +
         both_layouts([&](ChartLayout l) { return achievement_chart_svg(s.results, l); }) +
         "<figcaption>Reported actual as a percentage of target, per quantitative indicator. Results withheld "
         "under the small-cell rule are marked suppressed.</figcaption>\n</figure>\n</section>\n";
  return out;
}

std::string countries_table(const PublishedSummary& s) {
  std::string out = "<section id=\"countries\">\n<h2>By country</h2>\n";
  if (s.countries_withheld)
    return out +
           "<p>No breakdown by country is published in this edition: even with the countries that cannot be named "
           "added up together, it would let the money of one or two organisations be worked out.</p>\n</section>\n";
  if (s.countries.empty()) return out + "<p>No money allocated to awards yet.</p>\n</section>\n";
  std::string table =
      "<table class=\"countries\">\n<thead><tr><th>Country</th><th class=\"num\">Allocated</th>"
      "<th class=\"num\">Disbursed</th><th class=\"num\">Spent</th></tr></thead>\n<tbody>\n";
  for (const auto& c : s.countries)
    table +=
        fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                    esc(country_label(c)), esc(grouped_money(c.allocated)), esc(grouped_money(c.disbursed)),
                    esc(grouped_money(c.spent)));
  table += "</tbody>\n</table>\n";
  out += scrolling_table("Money by country", table);
  if (!s.countries.empty() && s.countries.back().country.empty())
    out += "<p class=\"note\" id=\"note-other-countries\"><strong>Other countries</strong> adds up the countries "
           "that are not named. A country is not named when one or two of the organisations funded there asked not "
           "to be named, or when its money, less that of the awards listed there with their money shown, would be "
           "the money of one or two organisations.</p>\n";
  return out + "</section>\n";
}

// One line per breakdown under its indicator: "Gender: woman 120; man suppressed".
std::string breakdown_rows(const PublishedIndicator& ind) {
  std::string out;
  for (const auto& b : ind.breakdowns) {
    std::string parts;
    for (const auto& c : b.categories) {
      if (!parts.empty()) parts += "; ";
      parts += esc(category_label(c.category)) + " " + indicator_cell(c.value, ind.measure);
    }
    out += fmt::format("<tr class=\"breakdown\"><td></td><td colspan=\"5\">{}: {}</td></tr>\n",
                       dimension_label(b.dimension), parts);
  }
  return out;
}

std::string indicator_row(const PublishedIndicator& ind) {
  const bool qualitative = ind.measure == domain::Measure::qualitative;
  std::string measure = ind.measure == domain::Measure::unit ? "number" : std::string(domain::to_string(ind.measure));
  if (!ind.ascending) measure += ", lower is better";
  std::string baseline = "\u2014", target = "\u2014", actual = "\u2014", achievement = "\u2014";
  if (!qualitative) {
    baseline = indicator_cell(ind.baseline, ind.measure);
    target = indicator_cell(ind.target, ind.measure);
    actual = indicator_cell(ind.actual, ind.measure);
    // Without the actual or the target, the achievement would give it away: withheld with it.
    if (ind.achievement_percent)
      achievement = esc(*ind.achievement_percent) + "%";
    else if (ind.actual.suppressed() || ind.target.suppressed())
      achievement = kSuppressedCell;
  }
  return fmt::format(
      "<tr><td><strong>{}</strong> {}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
      "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
      esc(ind.code), esc(ind.title), esc(measure), baseline, target, actual, achievement);
}

std::string results_section(const PublishedSummary& s) {
  std::string out = "<section id=\"results\">\n<h2>Results and indicators</h2>\n";
  if (s.results.empty()) return out + "<p>No indicator results yet.</p>\n</section>\n";
  for (const auto& r : s.results) {
    out += fmt::format("<h3>{} {} <span class=\"sub\">{}</span></h3>\n", esc(r.code), esc(r.title),
                       esc(domain::to_string(r.kind)));
    std::string table =
        "<table class=\"indicators\">\n<thead><tr><th>Indicator</th><th>Measure</th><th class=\"num\">Baseline</th>"
        "<th class=\"num\">Target</th><th class=\"num\">Actual</th><th class=\"num\">Achievement</th></tr></thead>\n"
        "<tbody>\n";
    for (const auto& ind : r.indicators) table += indicator_row(ind) + breakdown_rows(ind);
    table += "</tbody>\n</table>\n";
    out += scrolling_table("Indicators of " + r.code, table);
  }
  out += fmt::format("<p class=\"note\" id=\"note-suppressed\">{}</p>\n</section>\n", kSmallCellNote);
  return out;
}

std::string unlisted_line(const PublishedSummary& s) {
  const UnlistedAwards& u = s.unlisted;
  if (!u.count.suppressed() && *u.count.e4 == 0)
    return "<p class=\"note\">Every award this source funds is listed.</p>\n";
  const std::string count = u.count.suppressed() ? std::string(kSuppressedCell) : esc(format_e4(*u.count.e4));
  if (u.money_withheld)
    return fmt::format(
        "<p class=\"unlisted\"><strong>Awards not listed:</strong> awards to organisations that asked not to be "
        "named (number of awards: {}), with their money (allocated, disbursed and reported spent) {}. They are counted "
        "in every total above.</p>\n",
        count, kSuppressedCell);
  return fmt::format(
      "<p class=\"unlisted\"><strong>Awards not listed:</strong> awards to organisations that asked not to be named "
      "(number of awards: {}), with {} allocated, {} disbursed and {} reported spent. They are counted in every total "
      "above.</p>\n",
      count, esc(grouped_money(u.allocated)), esc(grouped_money(u.disbursed)), esc(grouped_money(u.spent)));
}

std::string awards_section(const PublishedSummary& s) {
  std::string out = "<section id=\"awards\">\n<h2>Awards</h2>\n";
  std::string rows;
  bool any_withheld = false;
  for (const auto& a : s.awards) {
    if (!a.recipient.listed) continue;  // confidential organisations are listed nowhere
    any_withheld = any_withheld || a.money_withheld;
    // Withheld money: every figure of the award says so, none is a number.
    const auto money = [&](const domain::Money& m) {
      return a.money_withheld ? std::string(kSuppressedCell) : esc(grouped_money(m));
    };
    std::string recipient = esc(a.recipient.label);
    if (!a.recipient.label_en.empty() && a.recipient.label_en != a.recipient.label)
      recipient += fmt::format("<span class=\"sub\">{}</span>", esc(a.recipient.label_en));
    rows += fmt::format(
        "<tr><td><strong>{}</strong><span class=\"sub\">{}</span></td><td>{}</td><td>{}</td><td>{} to {}</td>"
        "<td class=\"num\">{}<span class=\"sub\">source share {}</span></td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        esc(a.reference), esc(a.title), recipient, esc(domain::country_name(a.recipient.country)),
        iso_date(a.start_date), iso_date(a.end_date), money(a.amount), money(a.share), money(a.allocated),
        money(a.disbursed), money(a.spent));
  }
  if (rows.empty()) {
    out += "<p>No awards to list.</p>\n";
  } else {
    out += scrolling_table(
        "Awards",
        "<table class=\"awards\">\n<thead><tr><th>Award</th><th>Recipient</th><th>Country</th><th>Period</th>"
        "<th class=\"num\">Award amount</th><th class=\"num\">Allocated</th><th class=\"num\">Disbursed</th>"
        "<th class=\"num\">Spent</th></tr></thead>\n<tbody>\n" +
            rows + "</tbody>\n</table>\n");
    out += fmt::format("<p class=\"note\">Allocated, disbursed and spent are this source's money, in {}.",
                       esc(s.currency.code));
    if (any_withheld)
      out += " Where an award's money reads suppressed, the award is listed with its money withheld: if every listed "
             "award's money were shown, the totals less the listed awards would give away the money of the awards "
             "that are not listed.";
    out += "</p>\n";
  }
  out += unlisted_line(s) + "</section>\n";
  return out;
}

std::string narratives_section(const PublishedSummary& s) {
  std::string out = "<section id=\"narratives\">\n<h2>Narrative excerpts</h2>\n";
  if (s.narratives.empty()) return out + "<p>No narrative excerpts yet.</p>\n</section>\n";
  for (const auto& n : s.narratives) {
    std::string heading = esc(n.award_reference);
    if (!n.recipient.empty()) heading += " \u2014 " + esc(n.recipient);
    out += fmt::format(
        "<article class=\"narrative\"><h3>{} <span class=\"sub\">{} to {}</span></h3>\n<blockquote>{}{}</blockquote>"
        "</article>\n",
        heading, esc(n.period_start), esc(n.period_end), esc(n.text), n.truncated ? "\u2026 <em>(excerpt)</em>" : "");
  }
  out += "</section>\n";
  return out;
}

std::string footer(const PublishedSummary& s) {
  return fmt::format(
      "<footer>\n<p>Prepared by {} ({}) on {}. Figures as of {}, in {} unless marked otherwise; money reported in "
      "other currencies is converted at the recorded exchange rates.</p>\n<p>Organisations are named only where they "
      "chose to be; others appear under a stable label or, if they asked, not at all. {}</p>\n</footer>\n",
      esc(s.alliance_name), esc(s.alliance_ref), instant_element(s.generated_at), date_element(s.as_of),
      esc(s.currency.code), kSmallCellNote);
}

}  // namespace

std::string summary_html(const PublishedSummary& s) {
  std::string out = head(s);
  out += "<body>\n";
  out += header(s);
  out += "<main>\n";
  out += key_figures(s);
  out += charts(s);
  out += countries_table(s);
  out += results_section(s);
  out += awards_section(s);
  out += narratives_section(s);
  out += "</main>\n";
  out += footer(s);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace mswa::reports
