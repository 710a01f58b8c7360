// An evaluation as the contract's JSON object (SPEC.md: evaluate --json).
#pragma once
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <cstdint>
#include <cstring>
#include <string_view>

#include <rapidjson/rapidjson.h>
#include <rapidjson/writer.h>

#include "rolefit/model/fields.hpp"
#include "rolefit/model/profile.hpp"
#include "rolefit/scoring/evaluate.hpp"

namespace rolefit {

namespace detail {
// Printable ASCII other than a quote or a backslash: such a string is its
// own JSON text between quotes (anything else goes through RapidJSON's
// writer, which keeps bytes beyond ASCII as they are).
inline bool isPlainJsonText(const char* text, std::size_t length) {
  // Eight bytes at a time (the bit tricks are exact): a byte below 0x20,
  // above 0x7E, or equal to '"' or '\\'.
  constexpr std::uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
  const auto plainWord = [&](std::uint64_t w) {
    const std::uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
    const std::uint64_t below = (w - ones * 0x20) & ~w;
    const std::uint64_t above = (w + ones * (127 - 0x7E)) | w;
    const std::uint64_t isQuote = (quote - ones) & ~quote, isBackslash = (backslash - ones) & ~backslash;
    return ((below | above | isQuote | isBackslash) & highs) == 0;
  };
  std::uint64_t w;
  if (length < 8) {  // padded with a plain byte
    w = ones * 'a';
    if (length > 0) std::memcpy(&w, text, length);  // an empty view may have no data at all
    return plainWord(w);
  }
  for (std::size_t i = 0; i + 8 <= length; i += 8) {
    std::memcpy(&w, text + i, 8);
    if (!plainWord(w)) return false;
  }
  std::memcpy(&w, text + length - 8, 8);  // the last eight, overlapping the words before
  return plainWord(w);
}
}  // namespace detail

// Writes JSON straight into a RapidJSON string buffer, the same bytes as
// rapidjson::Writer (tests compare them) without its per-value bookkeeping
// (a state check, and a stack of levels, at every value: most of the cost of
// writing thousands of evaluations). Keys and strings with nothing to escape
// are copied whole, the rest go through RapidJSON's own writer. It offers the
// calls writeEvaluationJson makes and checks nothing: keys and values come in
// the order the caller gives them.
template <typename Stream>
class CompactJsonWriter {
 public:
  explicit CompactJsonWriter(Stream& os) : os_(&os) {}
  // Starts a new top-level value, written into `os`.
  void Reset(Stream& os) {
    os_ = &os;
    depth_ = 0;
    first_[0] = true;
    afterKey_ = false;
  }

  bool StartObject() { return open('{'); }
  bool EndObject(rapidjson::SizeType = 0) { return close('}'); }
  bool StartArray() { return open('['); }
  bool EndArray(rapidjson::SizeType = 0) { return close(']'); }

  bool Key(const char* key) { return Key(key, static_cast<rapidjson::SizeType>(std::strlen(key))); }
  bool Key(const char* key, rapidjson::SizeType length, bool = false) {
    separate();
    string(key, length);
    os_->Put(':');
    afterKey_ = true;
    return true;
  }
  // A key the code names, known to have nothing to escape (detail::key):
  // its length is known when compiled, so the copy is a few moves.
  template <std::size_t N>
  [[gnu::always_inline]] bool PlainKey(const char (&key)[N]) {
    separate();
    char* out = os_->Push(N + 2);
    out[0] = '"';
    std::memcpy(out + 1, key, N - 1);
    out[N] = '"';
    out[N + 1] = ':';
    afterKey_ = true;
    return true;
  }
  bool String(const char* text, rapidjson::SizeType length, bool = false) {
    beforeValue();
    string(text, length);
    return true;
  }
  bool Bool(bool value) { return literal(value ? std::string_view("true") : std::string_view("false")); }
  bool Null() { return literal("null"); }
  bool Int(int value) {
    char text[16];
    const auto end = std::to_chars(text, text + sizeof text, value).ptr;
    return literal(std::string_view(text, static_cast<std::size_t>(end - text)));
  }
  // Ready-made JSON of one value, copied in one block.
  void RawBlock(std::string_view json, rapidjson::Type) { literal(json); }

 private:
  static constexpr std::size_t kMaxDepth = 16;

  void separate() {
    if (!first_[depth_]) os_->Put(',');
    first_[depth_] = false;
  }
  // A value right after its key needs no separator; one in an array (or a
  // second one at the top) does.
  void beforeValue() {
    if (afterKey_) afterKey_ = false;
    else separate();
  }
  bool open(char bracket) {
    beforeValue();
    if (depth_ + 1 >= kMaxDepth) throw std::logic_error("CompactJsonWriter: nested too deep");
    os_->Put(bracket);
    first_[++depth_] = true;
    return true;
  }
  bool close(char bracket) {
    --depth_;
    os_->Put(bracket);
    return true;
  }
  bool literal(std::string_view json) {
    beforeValue();
    if (!json.empty()) std::memcpy(os_->Push(json.size()), json.data(), json.size());
    return true;
  }
  void string(const char* text, std::size_t length) {
    if (detail::isPlainJsonText(text, length)) {
      char* out = os_->Push(length + 2);
      out[0] = '"';
      if (length > 0) std::memcpy(out + 1, text, length);
      out[length + 1] = '"';
      return;
    }
    rapidjson::Writer<Stream> escaping(*os_);  // a top-level string: no separators of its own
    escaping.String(text, static_cast<rapidjson::SizeType>(length));
  }

  Stream* os_;
  std::size_t depth_ = 0;
  std::array<bool, kMaxDepth> first_{true};
  bool afterKey_ = false;
};

namespace detail {
template <typename Writer>
void writeRaw(Writer& w, std::string_view json, rapidjson::Type type) {
  if constexpr (requires { w.RawBlock(json, type); }) w.RawBlock(json, type);
  else w.RawValue(json.data(), json.size(), type);
}

// A key the code names ("recommendation"): plain text known when compiled,
// so a CompactJsonWriter copies it without looking for characters to escape.
template <typename Writer, std::size_t N>
void key(Writer& w, const char (&name)[N]) {
  if constexpr (requires { w.PlainKey(name); }) w.PlainKey(name);
  else w.Key(name, static_cast<rapidjson::SizeType>(N - 1));
}
}  // namespace detail

// Scores are shown to one decimal: enough to rank, stable to read and diff.
inline double roundedScore(double v) { return std::round(v * 10.0) / 10.0; }

// Writes a score with one decimal ("42.5"). Scores are finite and small, so
// this is exact and much cheaper than a general shortest-double conversion,
// which dominated writing thousands of evaluations.
template <typename Writer>
void writeScore(Writer& w, double v) {
  // Half away from zero, as std::llround, without its library call: below
  // 2^52 a number less its truncation is exact.
  const double scaled = v * 10.0, size = std::fabs(scaled);
  long long tenths;
  if (size < 0x1p52) {
    const auto whole = static_cast<long long>(size);
    tenths = whole + (size - static_cast<double>(whole) >= 0.5 ? 1 : 0);
    if (scaled < 0) tenths = -tenths;
  } else {
    tenths = std::llround(scaled);
  }
  const long long whole = tenths / 10, digit = tenths % 10;
  char text[32];
  char* end = text;
  if (tenths < 0 && whole == 0) *end++ = '-';
  end = std::to_chars(end, text + sizeof text - 2, whole).ptr;
  *end++ = '.';
  *end++ = static_cast<char>('0' + (digit < 0 ? -digit : digit));
  detail::writeRaw(w, std::string_view(text, static_cast<std::size_t>(end - text)), rapidjson::kNumberType);
}

template <typename Writer>
void writeString(Writer& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

template <typename Writer>
void writeResponsibilities(Writer& w, const std::vector<ResponsibilityAssignment>& list) {
  w.StartArray();
  for (const auto& r : list) {
    w.StartObject();
    // By id: the wording and sources are in the role models (and in reports),
    // not repeated in every profile's result.
    detail::key(w, "responsibility");
    writeString(w, r.item->id);
    detail::key(w, "owner");
    writeString(w, toString(r.owner));
    detail::key(w, "covered");
    w.Bool(r.covered);
    w.EndObject();
  }
  w.EndArray();
}

// The role fits as an object: role model id -> 0-100.
template <typename Writer>
void writeFit(Writer& w, const std::array<double, 3>& fit, const RoleModelSet& set) {
  w.StartObject();
  for (std::size_t r = 0; r < fit.size(); ++r) {
    w.Key(set.roleModels[r].id.c_str());
    writeScore(w, fit[r]);
  }
  w.EndObject();
}

// Today's leaders against the advice: null when they match.
template <typename Writer>
void writeDifference(Writer& w, const std::optional<LeadershipGap>& gap, Leaders today,
                     const std::vector<ResponsibilityAssignment>& assignments) {
  if (!gap) {
    w.Null();
    return;
  }
  w.StartObject();
  detail::key(w, "today");
  writeString(w, toString(today));
  detail::key(w, "text");
  writeString(w, gap->text);
  detail::key(w, "source");
  writeString(w, gap->sources);
  detail::key(w, "responsibilities");
  w.StartArray();
  for (const Responsibility* r : gapResponsibilities(*gap, assignments)) writeString(w, r->id);
  w.EndArray();
  w.EndObject();
}

// The parts of an evaluation's JSON that depend on the role models alone,
// escaped once and copied into every evaluation: the responsibility list
// (one per recommendation and set of leaders today), rule texts, sources and
// reference names. They are most of an evaluation's bytes.
class EvaluationJsonParts {
 public:
  explicit EvaluationJsonParts(const RoleModelSet& set);
  const std::string& responsibilities(Structure recommendation, Leaders leaders) const {
    return responsibilities_[static_cast<std::size_t>(recommendation)][static_cast<std::size_t>(leaders)];
  }
  const std::string& difference(Structure recommendation, Leaders leaders) const {
    return difference_[static_cast<std::size_t>(recommendation)][static_cast<std::size_t>(leaders)];
  }
  // The text as a quoted JSON string, when it is one of the set's texts
  // itself (a view of the set's own string, as a result's rule or source is).
  const std::string* quoted(std::string_view text) const {
    const auto it = quoted_.find(text.data());
    return it != quoted_.end() && it->second.first == text.size() ? &it->second.second : nullptr;
  }

 private:
  std::array<std::array<std::string, 5>, kStructureCount> responsibilities_;
  std::array<std::array<std::string, 5>, kStructureCount> difference_;
  // By where the set's text lies: the text's length and its "escaped" form.
  std::unordered_map<const char*, std::pair<std::size_t, std::string>> quoted_;
};

namespace detail {
template <typename Writer>
void writeText(Writer& w, std::string_view text, const EvaluationJsonParts* parts) {
  if (parts)
    if (const std::string* q = parts->quoted(text)) {
      writeRaw(w, *q, rapidjson::kStringType);
      return;
    }
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}
}  // namespace detail

// `parts` (optional) must come from the same set; the output is the same
// byte for byte with or without it.
template <typename Writer>
void writeEvaluationJson(Writer& w, const Profile& p, const Evaluation& e, const RoleModelSet& set,
                         const EvaluationJsonParts* parts = nullptr) {
  w.StartObject();
  detail::key(w, "id");
  writeString(w, p.id);
  detail::key(w, "name");
  writeString(w, p.name);
  detail::key(w, "recommendation");
  writeString(w, toString(e.scores.recommendation));
  detail::key(w, "runner_up");
  writeString(w, toString(e.scores.runnerUp));
  detail::key(w, "margin");
  writeScore(w, (e.margin));
  detail::key(w, "confidence");
  writeString(w, toString(e.confidence));
  detail::key(w, "uncertain_inputs");
  w.StartArray();
  for (const auto& key : e.uncertainInputs) writeString(w, key);
  w.EndArray();
  detail::key(w, "fit");
  writeFit(w, e.scores.fit, set);
  detail::key(w, "needs");
  w.StartObject();
  for (std::size_t d = 0; d < kDimensionCount; ++d) {
    w.Key(set.dimensions[d].id.c_str());
    writeScore(w, (e.scores.needs[d]));
  }
  w.EndObject();
  detail::key(w, "reasons");
  w.StartArray();
  for (const auto& r : e.reasons) {
    w.StartObject();
    detail::key(w, "factor");
    writeString(w, r.factor);
    detail::key(w, "rule");
    detail::writeText(w, r.rule, parts);
    detail::key(w, "source");
    detail::writeText(w, r.source, parts);
    detail::key(w, "field");
    writeString(w, r.field);
    detail::key(w, "weight");
    writeScore(w, (r.weight));
    w.EndObject();
  }
  w.EndArray();
  detail::key(w, "what_if");
  if (e.whatIf) {
    w.StartObject();
    detail::key(w, "field");
    writeString(w, e.whatIf->field);
    detail::key(w, "from");
    writeString(w, e.whatIf->from);
    detail::key(w, "to");
    writeString(w, e.whatIf->to);
    detail::key(w, "recommendation");
    writeString(w, toString(e.whatIf->result));
    detail::key(w, "text");
    writeString(w, e.whatIf->text);
    w.EndObject();
  } else {
    w.Null();
  }
  detail::key(w, "responsibilities");
  if (parts) {
    detail::writeRaw(w, parts->responsibilities(e.scores.recommendation, p.leaders), rapidjson::kArrayType);
  } else {
    writeResponsibilities(w, e.responsibilities);
  }
  detail::key(w, "difference");
  if (parts) {
    detail::writeRaw(w, parts->difference(e.scores.recommendation, p.leaders),
                     e.gap ? rapidjson::kObjectType : rapidjson::kNullType);
  } else {
    writeDifference(w, e.gap, p.leaders, e.responsibilities);
  }
  detail::key(w, "nearest_references");
  w.StartArray();
  for (const auto& n : e.nearest) {
    const ReferenceCompany& c = *n.company;
    w.StartObject();
    detail::key(w, "id");
    writeString(w, c.id);
    detail::key(w, "name");
    detail::writeText(w, c.name, parts);
    detail::key(w, "kind");
    writeString(w, toString(c.kind));
    detail::key(w, "year");
    if (c.kind == ReferenceKind::real) w.Int(c.year);
    else w.Null();
    detail::key(w, "structure");
    writeString(w, toString(c.structure));
    detail::key(w, "similarity");
    writeScore(w, (n.similarity));
    detail::key(w, "source");
    detail::writeText(w, referenceSource(c), parts);
    w.EndObject();
  }
  w.EndArray();
  if (!e.tension.empty()) {
    detail::key(w, "tension");
    detail::writeText(w, e.tension, parts);
  }
  detail::key(w, "role_model_version");
  writeString(w, e.roleModelVersion);
  w.EndObject();
}

}  // namespace rolefit
