#include <gtest/gtest.h>

#include "domain/country.hpp"
#include "domain/text.hpp"

using namespace mswa::domain;

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
