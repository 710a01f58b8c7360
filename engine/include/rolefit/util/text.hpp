#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rolefit {

// Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(std::string_view text);
// Code points in valid UTF-8 text.
std::size_t utf8Length(std::string_view text);
// The first `maxChars` code points of UTF-8 text, never cut inside one.
std::string_view firstCharacters(std::string_view text, std::size_t maxChars);
// Names people give (profiles, sessions, role-model copies): 1 to this many
// characters (code points), as the contract says of a profile's name.
inline constexpr std::size_t kMaxNameLength = 200;
// "Acme (copy)": the suffix kept whole up to half the limit, the name cut so
// that both stay within kMaxNameLength.
std::string nameWithSuffix(std::string_view name, std::string_view suffix);
// "1 profile", "3 profiles": a count and its noun, plural by "s".
std::string countOf(std::size_t n, std::string_view noun);

// True when the text holds a C0 control character other than tab/newline/CR, or DEL.
bool hasControlCharacters(std::string_view text, bool allowNewlines);

std::optional<std::int64_t> parseWholeNumber(std::string_view text);
// Finite decimal numbers only: no NaN, no infinity, no hex.
std::optional<double> parseFiniteNumber(std::string_view text);
// Shortest text that reads back as the same double ("12", "0.5").
std::string formatNumber(double value);
// Whole numbers for people: "28,000".
std::string groupedThousands(std::int64_t value);

// Text quoted for a one-line message: at most 40 characters, control
// characters escaped, so hostile input cannot forge extra lines.
std::string quoteForMessage(std::string_view text);

// Text for a file people open in an editor or a spreadsheet (reports, CSV):
// on Windows every line ends in CR LF, as its programs expect; elsewhere as is.
std::string withNativeLineEnds(std::string text);

std::string trim(std::string_view text);
std::string_view trimmed(std::string_view text);  // a view into `text`

}  // namespace rolefit
