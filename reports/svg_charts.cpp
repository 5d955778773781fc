#include "reports/svg_charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/markup.hpp"

namespace mswa::reports {

namespace {

// What a layout draws on. The page's stylesheet sets the text size of each
// layout (svg.chart-narrow text is larger), in canvas units: 12 on the wide
// canvas reads as about 11 px on an A4 page, 13 on the narrow one as about
// 12 px on a phone 360 px wide.
struct Canvas {
  std::string id;
  ChartLayout layout = ChartLayout::wide;
  double width = 720;
  double font = 12;
  bool narrow() const { return layout == ChartLayout::narrow; }
};

Canvas canvas(std::string_view id, ChartLayout layout) {
  if (layout == ChartLayout::narrow) return {std::string(id) + "-narrow", layout, 340, 13};
  return {std::string(id), layout, 720, 12};
}

// The plotting area inside a chart's canvas.
struct Frame {
  double left = 0, top = 0, width = 0, height = 0;
  double right() const { return left + width; }
  double bottom() const { return top + height; }
};

// Coordinates with one decimal: precise enough for a page, short in the file.
std::string num(double v) { return fmt::format("{:.1f}", v); }

// Inserts thousands separators into the whole part of a plain decimal string.
std::string group_digits(const std::string& plain) {
  const std::size_t start = !plain.empty() && plain.front() == '-' ? 1 : 0;
  const std::size_t end = std::min(plain.find('.'), plain.size());
  std::string out = plain.substr(0, start);
  for (std::size_t i = start; i < end; ++i) {
    if (i > start && (end - i) % 3 == 0) out += ',';
    out += plain[i];
  }
  out += plain.substr(end);
  return out;
}

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

// Roughly how wide a line of text is drawn: Noto Sans and the usual system
// fonts average a little over half an em per character. Only used to keep
// labels apart, never to cut a figure.
double text_width(std::string_view text, double font) { return static_cast<double>(code_points(text)) * 0.6 * font; }

// How many characters of bold text fit across `width`.
std::size_t bold_chars(double width, double font) { return static_cast<std::size_t>(width / (0.68 * font)); }

// Cuts a UTF-8 string to at most `max_chars` code points, never inside one.
std::string shorten(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars == max_chars) return std::string(text.substr(0, i)) + "\u2026";
    ++chars;
  }
  return std::string(text);
}

// Up to `max_lines` lines of at most about `max_chars` characters, broken
// between words; what does not fit ends the last line with an ellipsis.
std::vector<std::string> wrap_words(std::string_view text, std::size_t max_chars, std::size_t max_lines) {
  std::vector<std::string> lines;
  for (std::size_t at = 0; at <= text.size();) {
    const std::size_t space = std::min(text.find(' ', at), text.size());
    const std::string word(text.substr(at, space - at));
    at = space + 1;
    if (word.empty()) continue;
    if (!lines.empty() && code_points(lines.back()) + 1 + code_points(word) <= max_chars)
      lines.back() += " " + word;
    else
      lines.push_back(word);
  }
  if (lines.size() > max_lines) {
    for (std::size_t i = max_lines; i < lines.size(); ++i) lines[max_lines - 1] += " " + lines[i];
    lines.resize(max_lines);
  }
  for (auto& line : lines)
    if (code_points(line) > max_chars) line = shorten(line, max_chars - 1);
  return lines;
}

// A value axis from min (zero or below, for net reversals) to max, with
// gridlines at whole multiples of 1, 2 or 5 times a power of ten, so the
// labels read cleanly.
struct Scale {
  std::int64_t min = 0, max = 1, step = 1;
  double span() const { return static_cast<double>(max - min); }
};

Scale nice_scale(std::int64_t lowest, std::int64_t largest, std::int64_t max_steps) {
  lowest = std::min<std::int64_t>(0, lowest);
  largest = std::max<std::int64_t>(0, largest);
  const std::int64_t range = largest - lowest;
  const std::int64_t rough = std::max<std::int64_t>(1, range / max_steps + (range % max_steps != 0));
  std::int64_t step = 1;
  for (std::int64_t p = 1;; p *= 10) {
    if (p >= rough || p > std::numeric_limits<std::int64_t>::max() / 10) {
      step = p;
      break;
    }
    if (2 * p >= rough) {
      step = 2 * p;
      break;
    }
    if (5 * p >= rough) {
      step = 5 * p;
      break;
    }
  }
  const std::int64_t above = largest / step + (largest % step != 0);
  const std::int64_t below = -lowest / step + (-lowest % step != 0);
  Scale s{-below * step, above * step, step};
  if (s.max == s.min) s.max = step;
  return s;
}

// Axis labels drop the minor digits when they are zero: "20,000" rather than "20,000.00".
std::string axis_amount(std::int64_t minor, const domain::Currency& currency) {
  std::int64_t unit = 1;
  for (int i = 0; i < currency.exponent; ++i) unit *= 10;
  if (minor % unit == 0) return group_digits(std::to_string(minor / unit));
  return grouped_amount(minor, currency);
}

std::string open_svg(const Canvas& c, double height, std::string_view title, std::string_view desc) {
  return fmt::format(
      "<svg class=\"chart {5}\" id=\"{0}\" role=\"img\" aria-labelledby=\"{0}-title {0}-desc\" viewBox=\"0 0 {1} {2}\" "
      "xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"{0}-title\">{3}</title>\n<desc id=\"{0}-desc\">{4}</desc>\n",
      c.id, num(c.width), num(height), escape_markup(title), escape_markup(desc),
      c.narrow() ? "chart-narrow" : "chart-wide");
}

// A chart with nothing to draw says so instead of scaling by zero; on the
// narrow canvas a long message takes two lines.
std::string empty_chart(const Canvas& c, std::string_view title, std::string_view message) {
  const double font = c.narrow() ? 15 : 16;  // svg.chart .empty in the stylesheet
  std::vector<std::string> lines{std::string(message)};
  if (text_width(message, font) > c.width - 16) {
    const std::size_t middle = message.size() / 2;
    std::size_t cut = message.rfind(' ', middle);
    if (const std::size_t after = message.find(' ', middle);
        cut == std::string_view::npos || (after != std::string_view::npos && after - middle < middle - cut))
      cut = after;
    if (cut != std::string_view::npos)
      lines = {std::string(message.substr(0, cut)), std::string(message.substr(cut + 1))};
  }
  const double line_height = font + 6;
  std::string out = open_svg(c, 56 + line_height * static_cast<double>(lines.size() - 1), title, message);
  for (std::size_t i = 0; i < lines.size(); ++i)
    out += fmt::format("<text class=\"empty\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", num(c.width / 2),
                       num(34 + line_height * static_cast<double>(i)), escape_markup(lines[i]));
  return out + "</svg>\n";
}

struct Series {
  std::string_view key, label, fill, stroke;
};

// Colours differ in lightness as well as hue, so the series stay apart when
// printed in grey.
constexpr std::array<Series, 3> kMoneySeries{{
    {"allocated", "Allocated", "#c6dbef", "#08306b"},
    {"disbursed", "Disbursed", "#4292c6", "#08306b"},
    {"spent", "Reported spent", "#08306b", "#08306b"},
}};

// The fill of a withheld slot: grey diagonal hatching on white, which says
// "nothing to show here" on screen and on paper alike.
std::string hatch_id(const Canvas& c) { return c.id + "-hatch"; }

std::string hatch_defs(const Canvas& c) {
  return fmt::format(
      "<defs><pattern id=\"{}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
      "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999\" stroke-width=\"2\"/></pattern></defs>\n",
      hatch_id(c));
}

struct LegendEntry {
  std::string label, fill, stroke;
};

LegendEntry legend_entry(const Series& s) { return {std::string(s.label), std::string(s.fill), std::string(s.stroke)}; }

LegendEntry withheld_entry(const Canvas& c) { return {"Withheld", "url(#" + hatch_id(c) + ")", "#666"}; }

// Filled squares with their labels, left to right, onto a new row when the
// next one would not fit; `bottom` is where the legend ends.
std::string legend(const Canvas& c, double left, double top, const std::vector<LegendEntry>& entries,
                   double& bottom) {
  std::string out;
  const double row_height = c.font + 8;
  double x = left, y = top;
  for (const auto& e : entries) {
    const double width = 18 + text_width(e.label, c.font);
    if (x > left && x + width > c.width - 4) {
      x = left;
      y += row_height;
    }
    out += fmt::format(
        "<rect class=\"swatch\" x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\" stroke=\"{}\"/>"
        "<text x=\"{}\" y=\"{}\">{}</text>\n",
        num(x), num(y), e.fill, e.stroke, num(x + 18), num(y + 10.5), escape_markup(e.label));
    x += width + (c.narrow() ? 16 : 28);
  }
  bottom = y + row_height;
  return out;
}

// Gridlines and labels of a money axis going up, with the currency above it
// and a solid line at zero.
std::string money_axis_up(const Frame& f, const Scale& scale, const domain::Currency& currency) {
  const auto y_at = [&](std::int64_t v) {
    return f.bottom() - static_cast<double>(v - scale.min) / scale.span() * f.height;
  };
  std::string out = "<g class=\"axis\">\n";
  for (std::int64_t v = scale.min; v <= scale.max; v += scale.step)
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#bbb\" stroke-width=\"0.5\"/>"
        "<text x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>\n",
        num(f.left), num(y_at(v)), num(f.right()), num(f.left - 6), num(y_at(v) + 4),
        escape_markup(axis_amount(v, currency)));
  out += fmt::format("<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", num(f.left - 6),
                     num(f.top - 12), escape_markup(currency.code));
  return out + "</g>\n";
}

// Gridlines and labels of a money axis going right, labelled along the
// bottom, with the currency under the labels.
std::string money_axis_across(const Canvas& c, const Frame& f, const Scale& scale, const domain::Currency& currency) {
  const auto x_at = [&](std::int64_t v) {
    return f.left + static_cast<double>(v - scale.min) / scale.span() * f.width;
  };
  std::string out = "<g class=\"axis\">\n";
  for (std::int64_t v = scale.min; v <= scale.max; v += scale.step)
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#bbb\" stroke-width=\"0.5\"/>"
        "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
        num(x_at(v)), num(f.top), num(f.bottom()), num(f.bottom() + c.font + 4),
        escape_markup(axis_amount(v, currency)));
  out += fmt::format("<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"end\">Amount in {}</text>\n",
                     num(f.right()), num(f.bottom() + 2 * c.font + 12), escape_markup(currency.code));
  return out + "</g>\n";
}

// Room the labels of an axis going right need beyond the plotting area, so
// the outermost ones are not cut at the canvas edge.
double half_label(std::int64_t v, const domain::Currency& currency, double font) {
  return text_width(axis_amount(v, currency), font) / 2 + 4;
}

// A bar of a money series from zero to its value (either way), with its exact
// figure as a tooltip; nothing when the value is zero.
std::string money_bar(const Series& s, double x, double y, double width, double height, std::string_view tip) {
  if (width <= 0 || height <= 0) return {};
  return fmt::format(
      "<rect class=\"mark {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\" "
      "stroke-width=\"0.5\"><title>{}</title></rect>\n",
      s.key, num(x), num(y), num(width), num(height), s.fill, s.stroke, escape_markup(tip));
}

constexpr std::string_view kHalo = "stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"";

constexpr std::array<std::string_view, 12> kMonthNames{"January", "February", "March",    "April",
                                                       "May",     "June",     "July",     "August",
                                                       "September", "October", "November", "December"};

std::optional<long> digits(std::string_view text, std::size_t from, std::size_t to) {
  long v = 0;
  for (std::size_t i = from; i < to; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

// "2027-04" -> 2027 * 12 + 3; nullopt for anything else.
std::optional<long> month_index(std::string_view yyyy_mm) {
  if (yyyy_mm.size() != 7 || yyyy_mm[4] != '-') return std::nullopt;
  const auto year = digits(yyyy_mm, 0, 4), month = digits(yyyy_mm, 5, 7);
  if (!year || !month || *month < 1 || *month > 12) return std::nullopt;
  return *year * 12 + *month - 1;
}

// "2027-04" -> {"Apr", "2027"}; anything else is shown as it is.
struct MonthLabel {
  std::string month, year;
};

MonthLabel month_label(std::string_view yyyy_mm) {
  const auto index = month_index(yyyy_mm);
  if (!index) return {std::string(yyyy_mm), ""};
  return {std::string(kMonthNames[static_cast<std::size_t>(*index % 12)].substr(0, 3)),
          std::string(yyyy_mm.substr(0, 4))};
}

// Months with no money in them are filled in as zero, so the time axis is
// even; months that do not read as YYYY-MM in order are drawn as they come.
std::vector<PublishedMonth> every_month(const std::vector<PublishedMonth>& months, const domain::Currency& currency) {
  std::vector<long> index;
  for (const auto& m : months) {
    const auto i = month_index(m.month);
    if (!i || (!index.empty() && *i <= index.back())) return months;
    index.push_back(*i);
  }
  if (index.empty() || index.back() - index.front() > 600) return months;  // fifty years: not a grant, leave it
  std::vector<PublishedMonth> out;
  std::size_t next = 0;
  for (long i = index.front(); i <= index.back(); ++i) {
    if (index[next] == i) {
      out.push_back(months[next++]);
    } else {
      out.push_back({fmt::format("{:04}-{:02}", i / 12, i % 12 + 1), false, {0, currency}, {0, currency}});
    }
  }
  return out;
}

// "June 2026, September 2026 and December 2026"
std::string month_list(const std::vector<std::string>& months) {
  std::string out;
  for (std::size_t i = 0; i < months.size(); ++i) {
    if (i > 0) out += i + 1 == months.size() ? " and " : ", ";
    out += date_in_words(months[i]);
  }
  return out;
}

// "83.3" -> 83.3, without the C library's locale-dependent parsing.
std::optional<double> parse_percent(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  double value = 0, place = 1;
  bool fraction = false, any_digit = false;
  for (const char c : text) {
    if (c == '.' && !fraction) {
      fraction = true;
    } else if (c >= '0' && c <= '9') {
      any_digit = true;
      if (fraction) {
        place /= 10;
        value += (c - '0') * place;
      } else {
        value = value * 10 + (c - '0');
      }
    } else {
      return std::nullopt;
    }
  }
  if (!any_digit) return std::nullopt;
  return negative ? -value : value;
}

// ---- budget against actual, by country

std::string budget_wide(const Canvas& c, const std::vector<PublishedCountry>& countries, const Scale& scale,
                        const domain::Currency& currency, std::string_view title, std::string_view desc) {
  double legend_bottom = 0;
  std::vector<LegendEntry> entries;
  for (const auto& s : kMoneySeries) entries.push_back(legend_entry(s));
  const std::string key = legend(c, 90, 8, entries, legend_bottom);
  const Frame f{90, legend_bottom + 28, c.width - 106, 220};
  std::string out = open_svg(c, f.bottom() + 36, title, desc) + key + money_axis_up(f, scale, currency);

  const double group_width = f.width / static_cast<double>(countries.size());
  const double bar_width = std::min(32.0, group_width * 0.75 / 3);
  const auto height_of = [&](std::int64_t v) { return static_cast<double>(v) / scale.span() * f.height; };
  for (std::size_t i = 0; i < countries.size(); ++i) {
    const auto& country = countries[i];
    const std::string name = country_label(country);
    const double group_left = f.left + static_cast<double>(i) * group_width;
    double x = group_left + (group_width - 3 * bar_width) / 2;
    const std::array<const domain::Money*, 3> values{&country.allocated, &country.disbursed, &country.spent};
    for (std::size_t k = 0; k < kMoneySeries.size(); ++k) {
      // Negative net amounts (reversals) draw as nothing rather than below the axis.
      const double h = height_of(std::max<std::int64_t>(0, values[k]->minor));
      out += money_bar(kMoneySeries[k], x, f.bottom() - h, bar_width, h,
                       fmt::format("{}, {}: {}", name, kMoneySeries[k].label, grouped_money(*values[k])));
      x += bar_width;
    }
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", num(group_left + group_width / 2),
                       num(f.bottom() + 18), escape_markup(shorten(name, 16)));
  }
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#000\"/>\n", num(f.left),
                     num(f.bottom()), num(f.right()));
  return out + "</svg>\n";
}

// Phones: one block per country, its name above three bars going right.
std::string budget_narrow(const Canvas& c, const std::vector<PublishedCountry>& countries, const Scale& scale,
                          const domain::Currency& currency, std::string_view title, std::string_view desc) {
  double legend_bottom = 0;
  std::vector<LegendEntry> entries;
  for (const auto& s : kMoneySeries) entries.push_back(legend_entry(s));
  const std::string key = legend(c, 8, 8, entries, legend_bottom);
  constexpr double bar_height = 11, bar_gap = 2;
  const double group_height = c.font + 8 + 3 * (bar_height + bar_gap) + 10;
  const double left = 8;
  const Frame f{left, legend_bottom + 6, c.width - left - half_label(scale.max, currency, c.font),
                group_height * static_cast<double>(countries.size())};
  std::string out = open_svg(c, f.bottom() + 2 * c.font + 18, title, desc) + key +
                    money_axis_across(c, f, scale, currency);
  const auto width_of = [&](std::int64_t v) { return static_cast<double>(v) / scale.span() * f.width; };
  const std::size_t max_chars = bold_chars(c.width - 2 * left, c.font);
  for (std::size_t i = 0; i < countries.size(); ++i) {
    const auto& country = countries[i];
    const std::string name = country_label(country);
    const double y = f.top + static_cast<double>(i) * group_height;
    out += fmt::format("<text class=\"group-label\" x=\"{}\" y=\"{}\" {}>{}</text>\n", num(left), num(y + c.font + 2),
                       kHalo, escape_markup(shorten(name, max_chars)));
    double bar_y = y + c.font + 8;
    const std::array<const domain::Money*, 3> values{&country.allocated, &country.disbursed, &country.spent};
    for (std::size_t k = 0; k < kMoneySeries.size(); ++k) {
      out += money_bar(kMoneySeries[k], f.left, bar_y, width_of(std::max<std::int64_t>(0, values[k]->minor)),
                       bar_height, fmt::format("{}, {}: {}", name, kMoneySeries[k].label, grouped_money(*values[k])));
      bar_y += bar_height + bar_gap;
    }
  }
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#000\"/>\n", num(f.left), num(f.top),
                     num(f.bottom()));
  return out + "</svg>\n";
}

// ---- disbursed and spent, month by month

const domain::Money& money_of(const PublishedMonth& m, std::size_t k) { return k == 0 ? m.disbursed : m.spent; }

const Series& month_series(std::size_t k) { return kMoneySeries[k + 1]; }  // disbursed, then spent

std::string month_tip(const PublishedMonth& m, std::size_t k) {
  return fmt::format("{}, {}: {}", date_in_words(m.month), month_series(k).label, grouped_money(money_of(m, k)));
}

// The one thing said about a withheld month, in its tooltip and its label.
std::string withheld_tip(const PublishedMonth& m) { return date_in_words(m.month) + ": withheld"; }

std::vector<LegendEntry> month_legend(const Canvas& c, bool any_withheld) {
  std::vector<LegendEntry> entries{legend_entry(month_series(0)), legend_entry(month_series(1))};
  if (any_withheld) entries.push_back(withheld_entry(c));
  return entries;
}

std::string months_wide(const Canvas& c, const std::vector<PublishedMonth>& months, const Scale& scale,
                        const domain::Currency& currency, bool any_withheld, std::string_view title,
                        std::string_view desc) {
  double legend_bottom = 0;
  const std::string key = legend(c, 90, 8, month_legend(c, any_withheld), legend_bottom);
  const Frame f{90, legend_bottom + 28, c.width - 106, 220};
  std::string out = open_svg(c, f.bottom() + 56, title, desc);
  if (any_withheld) out += hatch_defs(c);
  out += key + money_axis_up(f, scale, currency);

  const auto n = months.size();
  const double slot = f.width / static_cast<double>(n);
  const double bar_width = std::min(26.0, slot * 0.8 / 2);
  const auto y_at = [&](std::int64_t v) {
    return f.bottom() - static_cast<double>(v - scale.min) / scale.span() * f.height;
  };
  const double zero = y_at(0);
  const double word_width = text_width("withheld", c.font);
  for (std::size_t i = 0; i < n; ++i) {
    const PublishedMonth& m = months[i];
    const double slot_left = f.left + static_cast<double>(i) * slot;
    const double centre = slot_left + slot / 2;
    if (m.withheld) {
      // The month's whole column, from above the axis's top down over its
      // label: the same for any month, and no bar, for it ends at no value.
      out += fmt::format(
          "<rect class=\"withheld\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#{})\" stroke=\"#777\" "
          "stroke-dasharray=\"4 3\"><title>{}</title></rect>\n",
          num(slot_left + 1), num(f.top - 18), num(slot - 2), num(f.height + 18 + 34), hatch_id(c),
          escape_markup(withheld_tip(m)));
      const double middle = f.top + f.height / 2;
      if (slot - 8 >= word_width)
        out += fmt::format(
            "<text class=\"withheld-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" {}>withheld</text>\n", num(centre),
            num(middle + 4), kHalo);
      else
        out += fmt::format(
            "<text class=\"withheld-label\" x=\"{0}\" y=\"{1}\" text-anchor=\"middle\" "
            "transform=\"rotate(-90 {0} {1})\" dy=\"4\" {2}>withheld</text>\n",
            num(centre), num(middle), kHalo);
      continue;
    }
    double x = centre - bar_width;
    for (std::size_t k = 0; k < 2; ++k) {
      const double y = y_at(money_of(m, k).minor);
      out += money_bar(month_series(k), x, std::min(y, zero), bar_width, std::abs(y - zero), month_tip(m, k));
      x += bar_width;
    }
  }
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#000\"/>\n", num(f.left), num(zero),
                     num(f.right()));

  // A dozen month labels at most, with the year under the first and at each change.
  const std::size_t every = (n + 11) / 12;
  std::string shown_year;
  for (std::size_t i = 0; i < n; i += every) {
    const MonthLabel label = month_label(months[i].month);
    const double x = f.left + (static_cast<double>(i) + 0.5) * slot;
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" {}>{}</text>\n", num(x),
                       num(f.bottom() + 16), kHalo, escape_markup(label.month));
    if (label.year != shown_year) {
      out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" {}>{}</text>\n", num(x),
                         num(f.bottom() + 30), kHalo, escape_markup(label.year));
      shown_year = label.year;
    }
  }
  out += fmt::format("<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"end\">Month</text>\n</svg>\n",
                     num(f.right()), num(f.bottom() + 50));
  return out;
}

// Phones: one row per month going down, its two bars going right.
std::string months_narrow(const Canvas& c, const std::vector<PublishedMonth>& months, const Scale& scale,
                          const domain::Currency& currency, bool any_withheld, std::string_view title,
                          std::string_view desc) {
  double legend_bottom = 0;
  const std::string key = legend(c, 8, 8, month_legend(c, any_withheld), legend_bottom);
  std::vector<std::string> labels;
  double label_width = 0;
  for (const auto& m : months) {
    const MonthLabel l = month_label(m.month);
    labels.push_back(l.year.empty() ? l.month : l.month + " " + l.year);
    label_width = std::max(label_width, text_width(labels.back(), c.font));
  }
  constexpr double row_height = 32, bar_height = 11, bar_gap = 2;
  const double left = std::max(8 + label_width + 8, half_label(scale.min, currency, c.font) + 4);
  const Frame f{left, legend_bottom + 6, c.width - left - half_label(scale.max, currency, c.font),
                row_height * static_cast<double>(months.size())};
  std::string out = open_svg(c, f.bottom() + 2 * c.font + 18, title, desc);
  if (any_withheld) out += hatch_defs(c);
  out += key + money_axis_across(c, f, scale, currency);

  const auto x_at = [&](std::int64_t v) {
    return f.left + static_cast<double>(v - scale.min) / scale.span() * f.width;
  };
  const double zero = x_at(0);
  for (std::size_t i = 0; i < months.size(); ++i) {
    const PublishedMonth& m = months[i];
    const double y = f.top + static_cast<double>(i) * row_height;
    const std::string label = fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" {}>{}</text>\n", num(left - 8),
                                          num(y + row_height / 2 + c.font * 0.35), kHalo, escape_markup(labels[i]));
    if (m.withheld) {
      // The month's whole row, its label included and past the axis's end:
      // the same for any month, and no bar, for it ends at no value.
      out += fmt::format(
          "<rect class=\"withheld\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#{})\" stroke=\"#777\" "
          "stroke-dasharray=\"4 3\"><title>{}</title></rect>\n"
          "<text class=\"withheld-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" {}>withheld</text>\n",
          num(4), num(y + 2), num(c.width - 8), num(row_height - 4), hatch_id(c), escape_markup(withheld_tip(m)),
          num(f.left + f.width / 2), num(y + row_height / 2 + c.font * 0.35), kHalo);
      out += label;
      continue;
    }
    out += label;
    double bar_y = y + (row_height - 2 * bar_height - bar_gap) / 2;
    for (std::size_t k = 0; k < 2; ++k) {
      const double x = x_at(money_of(m, k).minor);
      out += money_bar(month_series(k), std::min(x, zero), bar_y, std::abs(x - zero), bar_height, month_tip(m, k));
      bar_y += bar_height + bar_gap;
    }
  }
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#000\"/>\n", num(zero), num(f.top),
                     num(f.bottom()));
  return out + "</svg>\n";
}

// ---- indicator achievement

struct AchievementRow {
  const PublishedIndicator* indicator;
  std::optional<double> percent;
};

// What a row shows when it has no bar: the same words whatever is withheld.
std::string no_bar_words(const PublishedIndicator& ind, double x, double y, std::string_view anchor, bool withheld) {
  if (withheld)
    return fmt::format("<text class=\"suppressed\" x=\"{}\" y=\"{}\" text-anchor=\"{}\" {}>{}</text>\n", num(x), num(y),
                       anchor, kHalo, ind.actual.suppressed() ? "suppressed (small numbers)" : "target suppressed");
  return fmt::format("<text class=\"no-target\" x=\"{}\" y=\"{}\" {}>no target to compare with</text>\n", num(x),
                     num(y), kHalo);
}

// The same full-width outline for every withheld result or target, so its size says nothing.
std::string placeholder(const Frame& f, double y, double height) {
  return fmt::format(
      "<rect class=\"placeholder suppressed\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f3f3f3\" "
      "stroke=\"#777\" stroke-dasharray=\"4 3\"/>\n",
      num(f.left), num(y), num(f.width), num(height));
}

std::string achievement_bar(const PublishedIndicator& ind, double x, double y, double width, double height) {
  return fmt::format(
      "<rect class=\"mark achievement\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#4292c6\" "
      "stroke=\"#08306b\" stroke-width=\"0.5\"><title>{}: {}% of target</title></rect>\n",
      num(x), num(y), num(width), num(height), escape_markup(ind.code), escape_markup(*ind.achievement_percent));
}

// A row's bar and its percentage, or the words saying why it has none.
void add_row_marks(const AchievementRow& row, const Frame& f, double bar_width, double bar_y, double bar_height,
                   double text_y, std::string& bars, std::string& words) {
  const auto& ind = *row.indicator;
  if (row.percent) {
    bars += achievement_bar(ind, f.left, bar_y, bar_width, bar_height);
    words += fmt::format("<text x=\"{}\" y=\"{}\" {}>{}%</text>\n", num(f.left + bar_width + 4), num(text_y), kHalo,
                         escape_markup(*ind.achievement_percent));
  } else {
    const bool withheld = ind.actual.suppressed() || ind.target.suppressed();
    if (withheld) bars += placeholder(f, bar_y, bar_height);
    words += no_bar_words(ind, withheld ? f.left + f.width / 2 : f.left + 4, text_y, "middle", withheld);
  }
}

std::string reference_line(double x, double top, double bottom, double label_y, std::string_view anchor) {
  return fmt::format(
      "<line class=\"reference\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#000\" stroke-width=\"1.5\" "
      "stroke-dasharray=\"5 3\"/><text x=\"{0}\" y=\"{3}\" text-anchor=\"{4}\">100% of target</text>\n",
      num(x), num(top), num(bottom), num(label_y), anchor);
}

std::string achievement_wide(const Canvas& c, const std::vector<AchievementRow>& rows, double scale_max, double tick,
                             std::string_view title, std::string_view desc) {
  constexpr double row_height = 26, bar_height = 16;
  const Frame f{280, 30, c.width - 280 - 70, row_height * static_cast<double>(rows.size())};
  const auto x_at = [&](double percent) { return f.left + std::max(0.0, percent) / scale_max * f.width; };

  std::string out = open_svg(c, f.bottom() + 40, title, desc);
  for (double p = 0; p <= scale_max + 1e-9; p += tick)
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#ddd\" stroke-width=\"0.5\"/>"
        "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}%</text>\n",
        num(x_at(p)), num(f.top), num(f.bottom()), num(f.bottom() + 16), static_cast<long long>(p));
  out +=
      fmt::format("<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"end\">Achievement (% of target)</text>\n",
                  num(f.right()), num(f.bottom() + 34));

  // Bars first, then the 100% line over them, then the words over both; a
  // white halo keeps the words legible where they cross the line.
  std::string bars, words;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& ind = *rows[i].indicator;
    const double y = f.top + static_cast<double>(i) * row_height;
    const double bar_y = y + (row_height - bar_height) / 2;
    const double text_y = y + row_height / 2 + 4;
    const std::string full_name = ind.code + " " + ind.title;
    words += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\"><title>{}</title>{}</text>\n", num(f.left - 8),
                         num(text_y), escape_markup(full_name), escape_markup(shorten(full_name, 34)));
    add_row_marks(rows[i], f, rows[i].percent ? x_at(*rows[i].percent) - f.left : 0, bar_y, bar_height, text_y, bars,
                  words);
  }
  out += bars + reference_line(x_at(100), f.top - 4, f.bottom() + 2, f.top - 10, "middle") + words;
  return out + "</svg>\n";
}

// Phones: each indicator's name on a line or two of its own, its bar under it.
std::string achievement_narrow(const Canvas& c, const std::vector<AchievementRow>& rows, double scale_max, double tick,
                               std::string_view title, std::string_view desc) {
  constexpr double bar_height = 14;
  const double left = 8, line_height = c.font + 4;
  std::vector<std::vector<std::string>> names;
  double height = 0;
  for (const auto& row : rows) {
    names.push_back(
        wrap_words(row.indicator->code + " " + row.indicator->title, bold_chars(c.width - 2 * left, c.font), 2));
    height += line_height * static_cast<double>(names.back().size()) + 4 + bar_height + 12;
  }
  // Room right of the longest bar for its percentage.
  const Frame f{left, c.font + 14, c.width - left - text_width("100.0%", c.font) - 10, height};
  const auto x_at = [&](double percent) { return f.left + std::max(0.0, percent) / scale_max * f.width; };

  std::string out = open_svg(c, f.bottom() + 2 * c.font + 18, title, desc);
  for (double p = 0; p <= scale_max + 1e-9; p += tick)
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#ddd\" stroke-width=\"0.5\"/>"
        "<text x=\"{0}\" y=\"{3}\" text-anchor=\"{5}\">{4}%</text>\n",
        num(x_at(p)), num(f.top), num(f.bottom()), num(f.bottom() + c.font + 4), static_cast<long long>(p),
        p == 0 ? "start" : "middle");
  out += fmt::format(
      "<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"end\">Achievement (% of target)</text>\n",
      num(f.right()), num(f.bottom() + 2 * c.font + 12));

  std::string bars, words;
  double y = f.top;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& ind = *rows[i].indicator;
    words += fmt::format("<text class=\"group-label\" {}><title>{}</title>", kHalo,
                         escape_markup(ind.code + " " + ind.title));
    for (std::size_t k = 0; k < names[i].size(); ++k)
      words += fmt::format("<tspan x=\"{}\" y=\"{}\">{}</tspan>", num(left),
                           num(y + c.font + 1 + line_height * static_cast<double>(k)), escape_markup(names[i][k]));
    words += "</text>\n";
    const double bar_y = y + line_height * static_cast<double>(names[i].size()) + 4;
    const double text_y = bar_y + bar_height / 2 + c.font * 0.35;
    add_row_marks(rows[i], f, rows[i].percent ? x_at(*rows[i].percent) - f.left : 0, bar_y, bar_height, text_y, bars,
                  words);
    y = bar_y + bar_height + 12;
  }
  // The line's label sits above the first row, kept inside the canvas.
  const double x100 = x_at(100);
  const double half = text_width("100% of target", c.font) / 2;
  const std::string_view anchor = x100 + half > c.width - 2 ? "end" : x100 - half < 2 ? "start" : "middle";
  out += bars + reference_line(x100, f.top - 2, f.bottom() + 2, f.top - 6, anchor) + words;
  return out + "</svg>\n";
}

}  // namespace

std::string grouped_amount(std::int64_t minor, const domain::Currency& currency) {
  return group_digits(domain::format_amount(minor, currency));
}

std::string grouped_money(const domain::Money& money) {
  return grouped_amount(money.minor, money.currency) + " " + money.currency.code;
}

std::string grouped_e4(std::int64_t e4) { return group_digits(format_e4(e4)); }

std::string date_in_words(std::string_view iso) {
  if (iso.size() >= 10 && iso[4] == '-' && iso[7] == '-' && (iso.size() == 10 || iso[10] == 'T')) {
    const auto month = month_index(iso.substr(0, 7));
    const auto day = digits(iso, 8, 10);
    if (month && day && *day >= 1 && *day <= 31)
      return fmt::format("{} {} {}", *day, kMonthNames[static_cast<std::size_t>(*month % 12)], *month / 12);
  } else if (const auto month = month_index(iso)) {
    return fmt::format("{} {}", kMonthNames[static_cast<std::size_t>(*month % 12)], *month / 12);
  }
  return std::string(iso);
}

std::string budget_chart_svg(const std::vector<PublishedCountry>& countries, bool withheld,
                             const domain::Currency& currency, ChartLayout layout) {
  const Canvas c = canvas("chart-budget", layout);
  static constexpr std::string_view title = "Budget against actual, by country";
  if (withheld) return empty_chart(c, title, "No breakdown by country is published");
  std::int64_t largest = 0;
  for (const auto& country : countries)
    largest = std::max({largest, country.allocated.minor, country.disbursed.minor, country.spent.minor});
  if (largest <= 0) return empty_chart(c, title, "No money allocated to awards yet");

  const std::string desc =
      fmt::format("For each country, three bars: money allocated to awards, disbursed, and reported spent, in {}.",
                  currency.code);
  if (c.narrow()) return budget_narrow(c, countries, nice_scale(0, largest, 4), currency, title, desc);
  return budget_wide(c, countries, nice_scale(0, largest, 5), currency, title, desc);
}

std::string disbursement_chart_svg(const std::vector<PublishedMonth>& listed, const domain::Currency& currency,
                                   ChartLayout layout) {
  const Canvas c = canvas("chart-disbursements", layout);
  static constexpr std::string_view title = "Disbursed and reported spent in each month";
  const std::vector<PublishedMonth> months = every_month(listed, currency);
  // The scale comes from the published months alone: a withheld month moves nothing.
  std::int64_t largest = 0, lowest = 0;
  std::vector<std::string> withheld;
  for (const auto& m : months) {
    if (m.withheld) {
      withheld.push_back(m.month);
      continue;
    }
    largest = std::max({largest, m.disbursed.minor, m.spent.minor});
    lowest = std::min({lowest, m.disbursed.minor, m.spent.minor});
  }
  if (largest == 0 && lowest == 0) {
    if (withheld.empty()) return empty_chart(c, title, "No disbursements yet");
    // Months filled in as zero were never listed: they do not count as published.
    if (std::all_of(listed.begin(), listed.end(), [](const PublishedMonth& m) { return m.withheld; }))
      return empty_chart(c, title, "No monthly figures are published");
    return empty_chart(c, title, "Nothing disbursed or reported spent in the published months");
  }

  std::string desc = fmt::format(
      "Two bars for each month from {} to {}: money disbursed to awards in that month, and money reported spent in "
      "it, in {}. A month without bars had neither.",
      date_in_words(months.front().month), date_in_words(months.back().month), currency.code);
  if (!withheld.empty())
    desc += withheld.size() == 1
                ? fmt::format(" {} is withheld: no figures are shown for it, only a hatched, empty slot marked "
                              "withheld.",
                              month_list(withheld))
                : fmt::format(" {} are withheld: no figures are shown for them, only hatched, empty slots marked "
                              "withheld.",
                              month_list(withheld));
  if (c.narrow())
    return months_narrow(c, months, nice_scale(lowest, largest, 4), currency, !withheld.empty(), title, desc);
  return months_wide(c, months, nice_scale(lowest, largest, 5), currency, !withheld.empty(), title, desc);
}

std::string achievement_chart_svg(const std::vector<PublishedResult>& results, ChartLayout layout) {
  const Canvas c = canvas("chart-achievement", layout);
  static constexpr std::string_view title = "Indicator achievement against target";

  std::vector<AchievementRow> rows;
  double largest = 100;  // the 100% line always fits
  for (const auto& r : results)
    for (const auto& ind : r.indicators) {
      if (ind.measure == domain::Measure::qualitative) continue;  // no figure to draw
      AchievementRow row{&ind, std::nullopt};
      if (ind.achievement_percent) row.percent = parse_percent(*ind.achievement_percent);
      if (row.percent) largest = std::max(largest, *row.percent);
      rows.push_back(row);
    }
  if (rows.empty()) return empty_chart(c, title, "No indicator results yet");

  // Fewer gridlines on a phone, so their labels keep apart.
  const double tick = c.narrow() ? (largest <= 200 ? 50 : largest <= 400 ? 100 : 200)
                                 : (largest <= 150 ? 25 : largest <= 300 ? 50 : 100);
  const double scale_max = tick * static_cast<double>(static_cast<std::int64_t>((largest + tick - 1e-9) / tick));
  static constexpr std::string_view desc =
      "One bar per indicator: its reported actual as a percentage of its target, with a line at 100%. Withheld "
      "results and targets are shown as suppressed, without a bar.";
  if (c.narrow()) return achievement_narrow(c, rows, scale_max, tick, title, desc);
  return achievement_wide(c, rows, scale_max, tick, title, desc);
}

}  // namespace mswa::reports
