#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "domain/country.hpp"
#include "domain/text.hpp"

using namespace mswa::domain;

namespace {

// The text in NFC or NFD, by ICU's normaliser.
std::string normalised(const std::string& s, bool decomposed) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n =
      decomposed ? icu::Normalizer2::getNFDInstance(status) : icu::Normalizer2::getNFCInstance(status);
  EXPECT_TRUE(U_SUCCESS(status));
  std::string out;
  n->normalize(icu::UnicodeString::fromUTF8(s), status).toUTF8String(out);
  EXPECT_TRUE(U_SUCCESS(status));
  return out;
}

}  // namespace

TEST(Text, CountsCodePointsInEveryMekongScript) {
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("ស្ថាប័ន"), 7u);         // Khmer
  EXPECT_EQ(utf8_length("มูลนิธิ"), 7u);          // Thai
  EXPECT_EQ(utf8_length("ສະມາຄົມ"), 7u);         // Lao
  EXPECT_EQ(utf8_length("အဖွဲ့"), 5u);            // Burmese
  EXPECT_EQ(utf8_length("Mạng lưới"), 9u);       // Vietnamese
  EXPECT_EQ(utf8_length("😀"), 1u);
}

TEST(Text, RejectsInvalidUtf8) {
  EXPECT_FALSE(utf8_length("\xC3"));              // truncated
  EXPECT_FALSE(utf8_length("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(utf8_length("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(utf8_length("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(utf8_length("\xFF"));
}

TEST(Text, CheckTextCountsCharactersAndRefusesControls) {
  EXPECT_FALSE(check_text("ស្ថាប័ន ok", "/name", 1, 10));
  EXPECT_TRUE(check_text("", "/name", 1, 10));
  EXPECT_FALSE(check_text("", "/note", 0, 10));
  EXPECT_TRUE(check_text("a\nb", "/name", 1, 10));
  EXPECT_FALSE(check_text("a\nb\tc", "/note", 1, 10, Lines::multi));
  EXPECT_TRUE(check_text(std::string("a\0b", 3), "/note", 1, 10, Lines::multi));
  EXPECT_TRUE(check_text("\x7F", "/note", 0, 10, Lines::multi));
  EXPECT_TRUE(check_text("\xC3", "/name", 0, 10));  // not UTF-8
  const auto too_long = check_text("กกกกก", "/name", 1, 4);
  ASSERT_TRUE(too_long);
  EXPECT_EQ(too_long->pointer, "/name");
  EXPECT_NE(too_long->detail.find("1 to 4 characters"), std::string::npos);
}

// DESIGN §4.1: the test vectors the web client shares, each in NFC and NFD.
TEST(Text, CountsLettersNotMarksJoinersOrSelectors) {
  const std::pair<const char*, std::size_t> vectors[] = {
      {"\u1780\u17B6\u17C6", 1},          // កាំ: a vowel sign (Mc) and a nasal sign (Mn) on one consonant
      {"\u1780\u17D2\u179F\u17B6", 2},    // ក្សា: a subscript consonant counts, the coeng and vowel do not
      {"\u179F\u17D2\u179A\u17B8", 2},    // ស្រី
      {"\u1019\u103C\u1014\u103A", 2},    // မြန်: Burmese medial (Mc) and asat (Mn)
      {"\u0E19\u0E49\u0E33", 2},          // น้ำ: the tone mark does not count, sara am does
      {"\u0E81\u0ECD\u0EC8", 1},          // ກໍ່
      {"Vi\u1EC7t", 4},                     // Việt
  };
  for (const auto& [text, letters] : vectors) {
    for (bool decomposed : {false, true}) {
      const auto form = normalised(text, decomposed);
      EXPECT_EQ(letter_count(form), letters) << text << (decomposed ? " NFD" : " NFC");
    }
  }
  // Written out, so the test does not rest on the normaliser alone.
  EXPECT_EQ(utf8_length("Vie\u0323\u0302t"), 6u);
  EXPECT_EQ(letter_count("Vie\u0323\u0302t"), 4u);
  EXPECT_EQ(normalised("Vi\u1EC7t", true), "Vie\u0323\u0302t");
  EXPECT_EQ(letter_count("\u0915\u094D\u200D\u0937"), 2u);  // a zero-width joiner is not a letter
  EXPECT_EQ(letter_count("a\u200Cb"), 2u);                     // nor a non-joiner
  EXPECT_EQ(letter_count("\u2764\uFE0F"), 1u);                // nor a variation selector
  EXPECT_EQ(letter_count("\u20DD"), 0u);                       // an enclosing mark (Me) alone
  EXPECT_EQ(letter_count("\U0001F600"), 1u);
  EXPECT_FALSE(letter_count("\xC3"));
}

TEST(Text, CheckTextLimitsLettersAndSaysWhichRuleFailed) {
  // 4 letters in 6 code points fit a limit of 4.
  EXPECT_FALSE(check_text("Vie\u0323\u0302t", "/title", 1, 4));
  // 3 Khmer letters in 9 code points: room for 3, not for 2.
  const std::string khmer = "\u1780\u17B6\u17C6\u1780\u17D2\u179F\u17B6";
  EXPECT_FALSE(check_text(khmer, "/answers/need", 0, 3, Lines::multi));
  const auto too_long = check_text(khmer, "/answers/need", 0, 2, Lines::multi);
  ASSERT_TRUE(too_long);
  EXPECT_EQ(too_long->code, "too_long");
  EXPECT_EQ(too_long->params, (Params{{"max", "2"}}));
  const auto too_short = check_text("\u17C6", "/name", 1, 10);  // a mark alone is no letter
  ASSERT_TRUE(too_short);
  EXPECT_EQ(too_short->code, "too_short");
  EXPECT_EQ(too_short->params, (Params{{"min", "1"}}));
  for (const auto& bad : {std::string("\xC3"), std::string("a\x01"), std::string("a\nb")}) {
    const auto e = check_text(bad, "/name", 0, 10);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->code, "invalid_text");
    EXPECT_TRUE(e->params.empty());
  }
}

TEST(Text, EmailShape) {
  EXPECT_TRUE(is_plausible_email("a@example.org"));
  EXPECT_TRUE(is_plausible_email("first.last+tag@sub.example.org"));
  EXPECT_FALSE(is_plausible_email("a@b"));
  EXPECT_FALSE(is_plausible_email("@example.org"));
  EXPECT_FALSE(is_plausible_email("a@@example.org"));
  EXPECT_FALSE(is_plausible_email("a b@example.org"));
  EXPECT_FALSE(is_plausible_email("a@example."));
  EXPECT_EQ(ascii_lower("A@Example.ORG"), "a@example.org");
}

TEST(Country, Iso3166Alpha2) {
  for (const char* c : {"KH", "LA", "MM", "TH", "VN", "GB", "US", "ZW", "AD"}) EXPECT_TRUE(is_iso_country(c)) << c;
  for (const char* c : {"kh", "XX", "K", "KHM", "", "UK"}) EXPECT_FALSE(is_iso_country(c)) << c;
}
