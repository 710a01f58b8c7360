#include "rolefit/util/text.hpp"

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

namespace rolefit {

bool isValidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1Fu; }
    else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0Fu; }
    else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07u; }
    else return false;
    if (i + extra >= n) return false;  // truncated sequence
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000))
      return false;  // overlong
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

std::size_t utf8Length(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++count;
  return count;
}

std::string_view firstCharacters(std::string_view text, std::size_t maxChars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && chars++ == maxChars) return text.substr(0, i);
  return text;
}

std::string nameWithSuffix(std::string_view name, std::string_view suffix) {
  const std::string_view tail = firstCharacters(suffix, kMaxNameLength / 2);
  return std::string(firstCharacters(name, kMaxNameLength - utf8Length(tail))) + std::string(tail);
}

std::string countOf(std::size_t n, std::string_view noun) {
  std::string out = std::to_string(n);
  out += ' ';
  out += noun;
  if (n != 1) out += 's';
  return out;
}

bool hasControlCharacters(std::string_view text, bool allowNewlines) {
  for (unsigned char c : text) {
    if (c == 0x7F) return true;
    if (c >= 0x20) continue;
    if (c == '\t') continue;
    if (allowNewlines && (c == '\n' || c == '\r')) continue;
    return true;
  }
  return false;
}

std::optional<std::int64_t> parseWholeNumber(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

namespace {

// A decimal number as from_chars's general format reads one: a sign, digits
// with an optional fraction (".5" and "5." too), an optional exponent. No
// inf, nan or hex. Checked by hand so every build accepts the same text.
bool isDecimalNumber(std::string_view text) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - start;
  };
  if (i < text.size() && text[i] == '-') ++i;
  std::size_t mantissa = digits();
  if (i < text.size() && text[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == text.size();
}

}  // namespace

std::optional<double> parseFiniteNumber(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (!isDecimalNumber(text)) return std::nullopt;
  double value = 0;
#if defined(__GLIBCXX__)
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value, std::chars_format::general);
  if (ec != std::errc() || ptr != end) return std::nullopt;
#else
  // libc++ 13 (the browser build's) has no from_chars for doubles. strtod
  // rounds as correctly, and reads '.' as the decimal point: the app never
  // changes the "C" locale it starts in.
  const std::string copy(text);
  errno = 0;
  value = std::strtod(copy.c_str(), nullptr);
  if (errno == ERANGE) return std::nullopt;  // too large or too small, as from_chars says
#endif
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::string groupedThousands(std::int64_t value) {
  // Unsigned, so that the most negative value has a magnitude too.
  const std::uint64_t magnitude =
      value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  const std::string digits = std::to_string(magnitude);
  std::string out = value < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string formatNumber(double value) {
  if (std::isfinite(value) && value == std::round(value) && std::fabs(value) < 1e15)
    return fmt::format("{}", static_cast<std::int64_t>(value));
  return fmt::format("{}", value);  // fmt prints the shortest round-trip form
}

std::string quoteForMessage(std::string_view text) {
  constexpr std::size_t kMax = 40;
  std::string out = "\"";
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (shown >= kMax && (c & 0xC0) != 0x80) {
      out += "...";
      break;
    }
    if (c < 0x20 || c == 0x7F) out += fmt::format("\\x{:02x}", c);
    else if (c == '"') out += "\\\"";
    else out += static_cast<char>(c);
    if ((c & 0xC0) != 0x80) ++shown;
  }
  out += '"';
  return out;
}

std::string_view trimmed(std::string_view text) {
  const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::string trim(std::string_view text) { return std::string(trimmed(text)); }

std::string withNativeLineEnds(std::string text) {
#ifdef _WIN32
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
#else
  return text;
#endif
}

}  // namespace rolefit
