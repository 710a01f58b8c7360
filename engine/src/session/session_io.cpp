// Session files through cereal. One serialize function per type serves both
// formats; the few places where they differ are spelled out with
// `if constexpr`: choices are names in JSON and indexes in binary, an absent
// revenue is null in JSON and a presence byte in binary, and every size read
// from a binary file is checked against the bytes left before anything is
// allocated.
//
// RapidJSON's checks throw (the project-wide RAPIDJSON_ASSERT, force-included
// before anything), so the include order below is free.
#include <istream>

#include <rapidjson/istreamwrapper.h>

// cereal's JSON archive reads through RapidJSON's IStreamWrapper, which calls
// std::istream::peek() and get() per character: each builds a sentry, and
// that was a fifth of importing a large session. The stream here is always a
// MemoryBuffer, so the wrapper reads its buffer directly instead; declared
// before cereal's archive so that it is the only version instantiated.
template <>
inline char rapidjson::BasicIStreamWrapper<std::istream>::Peek() const {
  const auto c = stream_.rdbuf()->sgetc();
  return c != std::istream::traits_type::eof() ? static_cast<char>(c) : '\0';
}
template <>
inline char rapidjson::BasicIStreamWrapper<std::istream>::Take() {
  const auto c = stream_.rdbuf()->sbumpc();
  if (c == std::istream::traits_type::eof()) return '\0';
  ++count_;
  return static_cast<char>(c);
}

#include <cereal/archives/json.hpp>
#include <cereal/archives/portable_binary.hpp>
#include <cereal/cereal.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include "rolefit/session/session.hpp"

#include <algorithm>
#include <cmath>
#include <istream>
#include <limits>
#include <memory>
#include <new>
#include <set>
#include <sstream>
#include <streambuf>
#include <system_error>
#include <type_traits>
#include <unordered_set>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <zlib.h>

#include "rolefit/model/fields.hpp"
#include "rolefit/util/files.hpp"
#include "rolefit/util/ids.hpp"
#include "rolefit/util/parallel.hpp"
#include "rolefit/util/text.hpp"

namespace rolefit {

// The file's header: what it is and who wrote it. In the binary form it also
// carries the payload's size and CRC-32, which catches every change of up to
// four consecutive bytes (any single changed byte among them).
struct SessionHeader {
  std::string format;
  std::uint32_t major = 0;
  std::uint32_t minor = 0;
  std::string appVersion;
  std::uint64_t payloadSize = 0;  // binary only
  std::uint32_t payloadCrc32 = 0; // binary only
};

// Named numbers written as one JSON object ({"cio": 71.2, ...}).
template <std::size_t N>
struct NamedNumbers {
  std::array<double, N>* values;
  const std::array<const char*, N>* names;
};

}  // namespace rolefit

CEREAL_CLASS_VERSION(rolefit::SessionHeader, 0)
CEREAL_CLASS_VERSION(rolefit::Session, 0)
CEREAL_CLASS_VERSION(rolefit::SessionProfile, 0)
CEREAL_CLASS_VERSION(rolefit::SeenEvaluation, 0)
CEREAL_CLASS_VERSION(rolefit::SeenReason, 0)
CEREAL_CLASS_VERSION(rolefit::RoleModel, 0)
CEREAL_CLASS_VERSION(rolefit::NamedNumbers<3>, 0)
CEREAL_CLASS_VERSION(rolefit::NamedNumbers<4>, 0)
CEREAL_CLASS_VERSION(rolefit::NamedNumbers<8>, 0)

namespace rolefit {
namespace {

using JsonIn = cereal::JSONInputArchive;
using JsonOut = cereal::JSONOutputArchive;
using BinIn = cereal::PortableBinaryInputArchive;
using BinOut = cereal::PortableBinaryOutputArchive;

template <class A>
constexpr bool kBinIn = std::is_same_v<A, BinIn>;
template <class A>
constexpr bool kInput = std::is_same_v<A, JsonIn> || kBinIn<A>;
template <class A>
constexpr bool kBinary = std::is_same_v<A, BinOut> || kBinIn<A>;

// A read-only view of bytes as a stream that knows how many bytes are left.
class MemoryBuffer : public std::streambuf {
 public:
  explicit MemoryBuffer(std::string_view bytes) {
    char* begin = const_cast<char*>(bytes.data());  // never written: no put area
    setg(begin, begin, begin + bytes.size());
  }
  std::size_t remaining() const { return static_cast<std::size_t>(egptr() - gptr()); }
  std::size_t consumed() const { return static_cast<std::size_t>(gptr() - eback()); }

 protected:
  pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode) override {
    if (dir == std::ios_base::cur && off == 0) return pos_type(static_cast<off_type>(consumed()));
    return pos_type(off_type(-1));
  }
};

// Where reading is, for messages; and the bytes left, for binary bounds.
// Set for the duration of one decode on this thread.
struct ReadContext {
  const MemoryBuffer* buffer = nullptr;
  std::size_t profile = std::numeric_limits<std::size_t>::max();
  const char* item = "header";
};
thread_local ReadContext* tContext = nullptr;

std::string where() {
  if (!tContext) return {};
  if (tContext->profile != std::numeric_limits<std::size_t>::max())
    return fmt::format("profile {}, {}", tContext->profile + 1, tContext->item);
  return tContext->item;
}

// For a wrong-typed JSON value: what the field should have been.
std::string expectedKind() {
  if (!tContext) return {};
  const FieldInfo* f = findField(tContext->item);
  if (!f) return {};
  switch (f->kind) {
    case FieldKind::Text:
    case FieldKind::Choice: return " (expected text)";
    case FieldKind::Integer: return " (expected a whole number)";
    case FieldKind::Number: return " (expected a number)";
  }
  return {};
}

[[noreturn]] void fail(const std::string& problem) { throw SessionFileError(fmt::format("{}: {}", where(), problem)); }

template <class A>
void at(const char* item) {
  if constexpr (kInput<A>) tContext->item = item;
}

// A size read from a binary file may be anything: refuse one that asks for
// more than the file still holds before allocating for it.
void needBytes(std::uint64_t count, std::uint64_t bytesEach) {
  const std::uint64_t left = tContext->buffer->remaining();
  if (bytesEach != 0 && count > left / bytesEach)
    fail(bytesEach == 1
             ? fmt::format("claims {} bytes of text, more than the {} bytes left in the file", count, left)
             : fmt::format("claims {} items of at least {} bytes each, more than the {} bytes left in the file",
                           count, bytesEach, left));
}

template <class A>
void text(A& ar, const char* name, std::string& value) {
  at<A>(name);
  if constexpr (kBinIn<A>) {
    cereal::size_type size = 0;
    ar(cereal::make_size_tag(size));
    needBytes(size, 1);
    value.resize(static_cast<std::size_t>(size));
    if (size != 0) ar(cereal::binary_data(value.data(), static_cast<std::size_t>(size)));
  } else {
    ar(cereal::make_nvp(name, value));
  }
}

template <class A, class T>
void number(A& ar, const char* name, T& value) {
  at<A>(name);
  ar(cereal::make_nvp(name, value));
}

// A vector whose elements each take at least `minBytes` in the binary form.
template <class A, class T, class Item>
void list(A& ar, const char* name, std::vector<T>& items, std::size_t limit, std::uint64_t minBytes, Item&& item) {
  at<A>(name);
  if constexpr (!kBinary<A>) {
    ar.setNextName(name);
    ar.startNode();
  }
  cereal::size_type size = items.size();
  ar(cereal::make_size_tag(size));
  if constexpr (kInput<A>) {
    if (size > limit) fail(fmt::format("{} items; at most {} are allowed", size, limit));
    if constexpr (kBinIn<A>) needBytes(size, minBytes);
    items.resize(static_cast<std::size_t>(size));
  }
  for (auto& element : items) item(element);
  if constexpr (!kBinary<A>) ar.finishNode();
}

template <class A>
void textList(A& ar, const char* name, std::vector<std::string>& items) {
  list(ar, name, items, 1000, sizeof(cereal::size_type), [&](std::string& s) {
    if constexpr (kBinIn<A>) {
      text(ar, name, s);
    } else {
      ar(s);
    }
  });
}

template <class A, class T>
void object(A& ar, const char* name, T& value) {
  at<A>(name);
  ar(cereal::make_nvp(name, value));
}

// A choice: its contract name in JSON, its index in binary.
template <class A, class E>
void choice(A& ar, const char* name, E& value, std::span<const std::string_view> names) {
  at<A>(name);
  if constexpr (kBinary<A>) {
    auto index = static_cast<std::uint32_t>(value);
    ar(index);
    if constexpr (kInput<A>) {
      if (index >= names.size())
        fail(fmt::format("{} is not one of the {} known values (0 to {})", index, names.size(), names.size() - 1));
      value = static_cast<E>(index);
    }
  } else if constexpr (kInput<A>) {
    std::string given;
    ar(cereal::make_nvp(name, given));
    const auto found = std::find(names.begin(), names.end(), given);
    if (found == names.end()) {
      std::string allowed;
      for (auto n : names) allowed += (allowed.empty() ? "" : ", ") + std::string(n);
      fail(fmt::format("{} is not one of: {}", quoteForMessage(given), allowed));
    }
    value = static_cast<E>(found - names.begin());
  } else {
    std::string spelled(names[static_cast<std::size_t>(value)]);
    ar(cereal::make_nvp(name, spelled));
  }
}

template <class A>
void presence(A& ar, const char* name, bool& present) {
  // A bool read as a byte: any value but 0 or 1 is refused, never cast.
  at<A>(name);
  std::uint8_t byte = present ? 1 : 0;
  ar(byte);
  if constexpr (kInput<A>) {
    if (byte > 1) fail(fmt::format("presence flag is {}; only 0 or 1 are allowed", byte));
    present = byte == 1;
  }
}

constexpr std::array<const char*, 4> kStageIds{"startup", "scaleup", "established", "enterprise"};
const std::array<const char*, kDimensionCount>& dimensionIds() {
  static const auto ids = [] {
    std::array<const char*, kDimensionCount> out{};
    for (std::size_t d = 0; d < kDimensionCount; ++d) out[d] = builtinRoleModels().dimensions[d].id.c_str();
    return out;
  }();
  return ids;
}

std::span<const std::string_view> choicesOf(std::string_view key) { return findField(key)->choices; }

}  // namespace

template <class A, std::size_t N>
void serialize(A& ar, NamedNumbers<N>& n, const std::uint32_t /*version*/) {
  for (std::size_t i = 0; i < N; ++i) number(ar, (*n.names)[i], (*n.values)[i]);
}

template <class A>
void serialize(A& ar, SessionHeader& h, const std::uint32_t /*version*/) {
  text(ar, "format", h.format);
  number(ar, "major", h.major);
  number(ar, "minor", h.minor);
  text(ar, "app_version", h.appVersion);
  if constexpr (kBinary<A>) {
    number(ar, "payload_size", h.payloadSize);
    number(ar, "payload_crc32", h.payloadCrc32);
  }
}

template <class A>
void serialize(A& ar, RoleModel& m, const std::uint32_t /*version*/) {
  text(ar, "id", m.id);
  text(ar, "name", m.name);
  text(ar, "focus", m.focus);
  text(ar, "summary", m.summary);
  textList(ar, "sources", m.sources);
  textList(ar, "skills", m.skills);
  NamedNumbers<kDimensionCount> weights{&m.weights, &dimensionIds()};
  object(ar, "weights", weights);
  NamedNumbers<4> stages{&m.stageFactor, &kStageIds};
  object(ar, "stage_factor", stages);
}

template <class A>
void serialize(A& ar, SeenReason& r, const std::uint32_t /*version*/) {
  text(ar, "field", r.field);
  text(ar, "factor", r.factor);
  text(ar, "rule", r.rule);
  text(ar, "source", r.source);
  number(ar, "weight", r.weight);
}

template <class A>
void serialize(A& ar, SeenEvaluation& e, const std::uint32_t /*version*/) {
  choice(ar, "recommendation", e.recommendation, structureNames());
  choice(ar, "runner_up", e.runnerUp, structureNames());
  number(ar, "margin", e.margin);
  NamedNumbers<3> fit{&e.fit, &kRoleIds};
  object(ar, "fit", fit);
  NamedNumbers<kDimensionCount> needs{&e.needs, &dimensionIds()};
  object(ar, "needs", needs);
  list(ar, "reasons", e.reasons, 100, 5 * sizeof(cereal::size_type), [&](SeenReason& r) { ar(r); });
  text(ar, "what_if", e.whatIf);
}

template <class A>
void serialize(A& ar, SessionProfile& sp, const std::uint32_t /*version*/) {
  Profile& p = sp.profile;
  text(ar, "id", p.id);
  number(ar, "revision", p.revision);
  text(ar, "created_at", p.created_at);
  text(ar, "updated_at", p.updated_at);
  text(ar, "name", p.name);
  choice(ar, "industry", p.industry, choicesOf("industry"));
  choice(ar, "business_model", p.business_model, choicesOf("business_model"));
  choice(ar, "stage", p.stage, choicesOf("stage"));
  number(ar, "employees", p.employees);
  at<A>("revenue_musd");
  if constexpr (kBinary<A>) {
    bool present = p.revenue_musd.has_value();
    presence(ar, "revenue_musd", present);
    double value = p.revenue_musd.value_or(0.0);
    if (present) number(ar, "revenue_musd", value);
    if constexpr (kInput<A>) p.revenue_musd = present ? std::optional<double>(value) : std::nullopt;
  } else if constexpr (kInput<A>) {
    // null or a number; cereal has no "peek", so a null is what is left when
    // reading a number fails. Nothing was consumed by the failed read.
    double value = 0;
    try {
      ar(cereal::make_nvp("revenue_musd", value));
      p.revenue_musd = value;
    } catch (const JsonStructureError&) {
      std::nullptr_t null;
      try {
        ar(cereal::make_nvp("revenue_musd", null));
      } catch (const JsonStructureError&) {
        fail("must be a number or null");
      }
      p.revenue_musd.reset();
    }
  } else {
    if (p.revenue_musd) {
      ar(cereal::make_nvp("revenue_musd", *p.revenue_musd));
    } else {
      std::nullptr_t null = nullptr;
      ar(cereal::make_nvp("revenue_musd", null));
    }
  }
  number(ar, "product_lines", p.product_lines);
  number(ar, "tech_revenue_pct", p.tech_revenue_pct);
  number(ar, "regulatory_burden", p.regulatory_burden);
  number(ar, "it_complexity", p.it_complexity);
  choice(ar, "leadership_budget", p.leadership_budget, choicesOf("leadership_budget"));
  for (std::size_t g = 0; g < kGoalCount; ++g) number(ar, goalKeys()[g].data(), p.goals[g]);
  for (std::size_t c = 0; c < kCapabilityCount; ++c) number(ar, capabilityKeys()[c].data(), p.capabilities[c]);
  choice(ar, "leaders", p.leaders, choicesOf("leaders"));
  text(ar, "notes", p.notes);
  object(ar, "seen", sp.seen);
}

template <class A>
void serialize(A& ar, Session& s, const std::uint32_t /*version*/) {
  text(ar, "id", s.id);
  text(ar, "name", s.name);
  text(ar, "notes", s.notes);
  text(ar, "exported_by", s.exportedBy);
  text(ar, "exported_at", s.exportedAt);
  text(ar, "role_model_version", s.roleModelVersion);
  list(ar, "role_models", s.roleModels, 3, 8 * sizeof(cereal::size_type), [&](RoleModel& m) { ar(m); });
  // The smallest binary profile: five empty texts, the numbers, the choices.
  constexpr std::uint64_t kMinProfileBytes = 5 * 8 + 20 * 8 + 5 * 4;
  list(ar, "profiles", s.profiles, kSessionProfileLimit, kMinProfileBytes, [&](SessionProfile& p) {
    if constexpr (kInput<A>) {
      if (tContext->profile == std::numeric_limits<std::size_t>::max()) tContext->profile = 0;
      else ++tContext->profile;
    }
    ar(p);
  });
  if constexpr (kInput<A>) {
    tContext->profile = std::numeric_limits<std::size_t>::max();
    tContext->item = "end of session";
  }
}

namespace {

// ---------------------------------------------------------------- checks

void checkText(std::string_view what, const std::string& value, std::size_t maxChars, bool required,
               bool allowNewlines = false) {
  if (!isValidUtf8(value)) fail(fmt::format("{} is not valid UTF-8 text", what));
  const auto length = utf8Length(value);
  if (required && length == 0) fail(fmt::format("{} must not be empty", what));
  if (length > maxChars) fail(fmt::format("{} has {} characters; at most {} are allowed", what, length, maxChars));
  if (hasControlCharacters(value, allowNewlines)) fail(fmt::format("{} contains control characters", what));
}

void checkScore(std::string_view what, double v, double low, double high) {
  if (!std::isfinite(v)) fail(fmt::format("{} is not a finite number", what));
  if (v < low || v > high) fail(fmt::format("{} is {}; it must be from {} to {}", what, formatNumber(v), low, high));
}

void checkSeen(const SeenEvaluation& e) {
  tContext->item = "seen";
  checkScore("seen margin", e.margin, -1000, 1000);
  for (std::size_t r = 0; r < 3; ++r) checkScore(fmt::format("seen fit {}", kRoleIds[r]), e.fit[r], 0, 100);
  for (std::size_t d = 0; d < kDimensionCount; ++d)
    checkScore(fmt::format("seen need {}", dimensionIds()[d]), e.needs[d], 0, 100);
  for (const auto& r : e.reasons) {
    checkText("seen reason field", r.field, 100, false);
    checkText("seen reason factor", r.factor, 2000, false);
    checkText("seen reason rule", r.rule, 2000, false);
    checkText("seen reason source", r.source, 200, false);
    checkScore("seen reason weight", r.weight, -1000, 1000);
  }
  checkText("seen what_if", e.whatIf, 2000, false);
}

void checkSession(Session& s) {
  tContext->profile = std::numeric_limits<std::size_t>::max();
  tContext->item = "session";
  if (!isUuid(s.id)) fail(fmt::format("session id {} is not a UUID", quoteForMessage(s.id)));
  checkText("session name", s.name, 200, true);
  checkText("session notes", s.notes, 20'000, false, true);
  checkText("exported_by", s.exportedBy, 200, false);
  checkText("exported_at", s.exportedAt, 64, false);
  checkText("role_model_version", s.roleModelVersion, 200, true);

  tContext->item = "role_models";
  if (s.roleModels.size() != 3) fail(fmt::format("{} role models; a session holds exactly 3 (cio, cto, hybrid)", s.roleModels.size()));
  for (std::size_t r = 0; r < 3; ++r) {
    auto& m = s.roleModels[r];
    if (m.id != kRoleIds[r]) fail(fmt::format("role model {} is {}; expected {}", r + 1, quoteForMessage(m.id), kRoleIds[r]));
    for (const auto* t : {&m.name, &m.focus, &m.summary}) checkText("role model " + m.id + " text", *t, 2000, false);
    for (const auto& t : m.skills) checkText("role model " + m.id + " skill", t, 500, false);
    for (const auto& t : m.sources) checkText("role model " + m.id + " source", t, 20, false);
    try {
      m = roleModelFromJson(roleModelToJson(m), builtinRoleModels());
    } catch (const RoleModelError& e) {
      throw SessionFileError(e.what());  // names the role model and its item
    }
  }

  std::unordered_set<std::string_view> ids;
  ids.reserve(s.profiles.size());
  for (std::size_t i = 0; i < s.profiles.size(); ++i) {
    tContext->profile = i;
    tContext->item = "id";
    auto& p = s.profiles[i].profile;
    if (!isUuid(p.id)) fail(fmt::format("{} is not a UUID", quoteForMessage(p.id)));
    for (auto& c : p.id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!ids.insert(p.id).second) fail(fmt::format("{} appears twice in the file", p.id));
    tContext->item = "revision";
    if (p.revision < 0 || p.revision > 1'000'000'000) fail(fmt::format("{} is out of range", p.revision));
    checkText("created_at", p.created_at, 64, false);
    checkText("updated_at", p.updated_at, 64, false);
    const auto problems = validate(p);
    if (!problems.empty()) {
      // "profile 3 ("Acme"), employees: ..." - every problem of the profile.
      std::string joined;
      for (const auto& problem : problems)
        joined += fmt::format("{}{}: {}", joined.empty() ? "" : "; ", problem.field, problem.message);
      const bool nameShown = isValidUtf8(p.name) && !p.name.empty() && utf8Length(p.name) <= 200;
      throw SessionFileError(fmt::format("profile {}{}, {}", i + 1, nameShown ? " (" + quoteForMessage(p.name) + ")" : "", joined));
    }
    checkSeen(s.profiles[i].seen);
  }
  tContext->profile = std::numeric_limits<std::size_t>::max();
}

void checkHeader(const SessionHeader& h, SessionFileInfo& info) {
  tContext->item = "header";
  if (h.format != kSessionFormatName)
    fail(fmt::format("not a RoleFit session file (format {})", quoteForMessage(h.format)));
  checkText("app_version", h.appVersion, 100, false);
  info.major = h.major;
  info.minor = h.minor;
  info.appVersion = h.appVersion;
  if (h.major != kSessionFormatMajor)
    fail(fmt::format("the file is session format {}.{} (written by RoleFit {}); this RoleFit reads format {}.x{}",
                     h.major, h.minor, h.appVersion, kSessionFormatMajor,
                     h.major > kSessionFormatMajor ? ": update RoleFit to open it" : ""));
}

// ---------------------------------------------------------------- JSON

// Keys a newer minor version added, found by walking the document once more
// (only for such files): the import says what it could not read.
void listUnknownJsonKeys(std::string_view bytes, std::vector<std::string>& notices) {
  rapidjson::Document doc;
  doc.Parse(bytes.data(), bytes.size());
  if (doc.HasParseError() || !doc.IsObject()) return;
  const std::set<std::string_view> top{"rolefit_session", "session"};
  const std::set<std::string_view> header{"cereal_class_version", "format", "major", "minor", "app_version"};
  const std::set<std::string_view> session{"cereal_class_version", "id", "name", "notes", "exported_by",
                                           "exported_at", "role_model_version", "role_models", "profiles"};
  std::set<std::string_view> profile{"cereal_class_version", "id", "revision", "created_at", "updated_at", "seen"};
  for (const auto& f : profileFields()) profile.insert(f.key);
  std::set<std::string> unknown;
  auto scan = [&](const rapidjson::Value& object, const std::set<std::string_view>& known, std::string_view prefix) {
    if (!object.IsObject()) return;
    for (const auto& m : object.GetObject()) {
      const std::string_view key(m.name.GetString(), m.name.GetStringLength());
      if (!known.contains(key)) unknown.insert(fmt::format("{}{}", prefix, key));
    }
  };
  scan(doc, top, "");
  if (doc.HasMember("rolefit_session")) scan(doc["rolefit_session"], header, "rolefit_session.");
  if (doc.HasMember("session") && doc["session"].IsObject()) {
    const auto& s = doc["session"];
    scan(s, session, "session.");
    if (s.HasMember("profiles") && s["profiles"].IsArray())
      for (const auto& p : s["profiles"].GetArray()) scan(p, profile, "profiles[].");
  }
  for (const auto& key : unknown) notices.push_back(fmt::format("not read (added by a newer version): {}", key));
}

LoadedSession decodeJson(std::string_view bytes) {
  LoadedSession out;
  out.file.format = SessionFormat::json;
  MemoryBuffer buffer(bytes);
  std::istream stream(&buffer);
  std::optional<JsonIn> archive;
  try {
    archive.emplace(stream);
  } catch (const JsonStructureError&) {
    // cereal does not look at RapidJSON's parse result; ask RapidJSON again
    // for the error and its place (a refused file only).
    rapidjson::Document doc;
    doc.Parse(bytes.data(), bytes.size());
    tContext->item = "JSON";
    if (doc.HasParseError())
      fail(fmt::format("not valid JSON at byte {}: {}", doc.GetErrorOffset(), rapidjson::GetParseError_En(doc.GetParseError())));
    fail("not a RoleFit session file (a JSON file whose top level is not an object)");
  }
  SessionHeader header;
  try {
    (*archive)(cereal::make_nvp("rolefit_session", header));
  } catch (const cereal::Exception&) {
    tContext->item = "header";
    fail("not a RoleFit session file (no \"rolefit_session\" header)");
  }
  checkHeader(header, out.file);
  tContext->item = "session";
  (*archive)(cereal::make_nvp("session", out.session));
  if (header.minor > kSessionFormatMinor) listUnknownJsonKeys(bytes, out.file.notices);
  return out;
}

std::string encodeJson(const Session& session) {
  std::ostringstream stream;
  {
    JsonOut archive(stream, JsonOut::Options(std::numeric_limits<double>::max_digits10, JsonOut::Options::IndentChar::space, 2));
    SessionHeader header{std::string(kSessionFormatName), kSessionFormatMajor, kSessionFormatMinor, ROLEFIT_VERSION, 0, 0};
    archive(cereal::make_nvp("rolefit_session", header));
    archive(cereal::make_nvp("session", const_cast<Session&>(session)));
  }
  stream << '\n';
  return std::move(stream).str();
}

// ---------------------------------------------------------------- binary

std::uint32_t crc32Of(std::string_view bytes) {
  return static_cast<std::uint32_t>(
      crc32_z(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
}

bool looksBinary(std::string_view bytes) {
  // Endianness byte, the header's 32-bit class version, the format name's
  // 64-bit length, then the name.
  constexpr std::size_t kNameAt = 1 + 4 + 8;
  return bytes.size() >= kNameAt + kSessionFormatName.size() &&
         bytes.substr(kNameAt, kSessionFormatName.size()) == kSessionFormatName;
}

std::string encodeBinary(const Session& session) {
  std::ostringstream payload;
  {
    BinOut archive(payload, BinOut::Options::LittleEndian());
    archive(const_cast<Session&>(session));
  }
  const std::string body = std::move(payload).str();
  std::ostringstream file;
  {
    BinOut archive(file, BinOut::Options::LittleEndian());
    SessionHeader header{std::string(kSessionFormatName), kSessionFormatMajor, kSessionFormatMinor, ROLEFIT_VERSION,
                         body.size(), crc32Of(body)};
    archive(header);
  }
  file.write(body.data(), static_cast<std::streamsize>(body.size()));
  return std::move(file).str();
}

LoadedSession decodeBinary(std::string_view bytes) {
  LoadedSession out;
  out.file.format = SessionFormat::binary;
  SessionHeader header;
  std::size_t headerSize = 0;
  {
    MemoryBuffer buffer(bytes);
    tContext->buffer = &buffer;
    std::istream stream(&buffer);
    BinIn archive(stream);
    archive(header);
    headerSize = buffer.consumed();
  }
  checkHeader(header, out.file);
  const std::string_view payload = bytes.substr(headerSize);
  tContext->item = "payload";
  if (header.payloadSize > payload.size())
    fail(fmt::format("truncated: the header announces {} bytes of data, the file holds {}", header.payloadSize, payload.size()));
  const std::string_view body = payload.substr(0, static_cast<std::size_t>(header.payloadSize));
  if (header.minor == kSessionFormatMinor && payload.size() != body.size())
    fail(fmt::format("{} unexpected bytes after the session data", payload.size() - body.size()));
  // A newer minor version may append data after what this version knows.
  if (crc32Of(body) != header.payloadCrc32)
    fail("checksum mismatch: the file was changed or damaged after it was written");
  MemoryBuffer buffer(body);
  tContext->buffer = &buffer;
  std::istream stream(&buffer);
  {
    BinIn archive(stream);
    tContext->item = "session";
    archive(out.session);
  }
  tContext->item = "payload";
  if (buffer.remaining() != 0) {
    if (header.minor > kSessionFormatMinor)
      out.file.notices.push_back(fmt::format("not read: {} bytes of data added by session format {}.{}",
                                             buffer.remaining(), header.major, header.minor));
    else
      fail(fmt::format("{} unexpected bytes at the end of the session data", buffer.remaining()));
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------- public

std::string encodeSession(const Session& session, SessionFormat format) {
  return format == SessionFormat::json ? encodeJson(session) : encodeBinary(session);
}

LoadedSession decodeSession(std::string_view bytes, std::string_view label) {
  ReadContext context;
  tContext = &context;
  struct Reset {
    ~Reset() { tContext = nullptr; }
  } reset;
  const auto prefixed = [&](const std::string& message) { return SessionFileError(fmt::format("{}: {}", label, message)); };
  try {
    if (bytes.size() > kSessionFileLimit)
      fail(fmt::format("{} bytes; session files of at most {} MiB are read", bytes.size(), kSessionFileLimit >> 20));
    LoadedSession loaded;
    const auto first = bytes.find_first_not_of(" \t\r\n");
    if (looksBinary(bytes)) {
      loaded = decodeBinary(bytes);
    } else if (first != std::string_view::npos && bytes[first] == '{') {
      loaded = decodeJson(bytes);
    } else {
      context.item = "file";
      fail(bytes.empty() ? "the file is empty" : "not a RoleFit session file (neither its JSON nor its binary form)");
    }
    checkSession(loaded.session);
    return loaded;
  } catch (const SessionFileError& e) {
    throw prefixed(e.what());
  } catch (const JsonStructureError&) {
    throw prefixed(fmt::format("{}: has the wrong type{}", where(), expectedKind()));
  } catch (const cereal::Exception& e) {
    const std::string_view what = e.what();
    if (what.find("not found") != std::string_view::npos) throw prefixed(fmt::format("{}: is missing", where()));
    if (what.find("No more objects") != std::string_view::npos || what.find("Failed to read") != std::string_view::npos)
      throw prefixed(fmt::format("{}: the file ends too early (truncated or damaged)", where()));
    throw prefixed(fmt::format("{}: {}", where(), what));
  } catch (const std::bad_alloc&) {
    throw prefixed(fmt::format("{}: not enough memory to read it", where()));
  } catch (const std::exception& e) {
    throw prefixed(fmt::format("{}: malformed ({})", where(), e.what()));
  }
}

}  // namespace rolefit
