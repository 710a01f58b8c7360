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
#include "session/session_read.hpp"

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

// Named numbers written as one JSON object ({"cio": 71.2, ...}).
template <std::size_t N, class T = double>
struct NamedNumbers {
  std::array<T, N>* values;
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
CEREAL_CLASS_VERSION(rolefit::Rating, 0)

namespace rolefit {
using namespace session_read;

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

// The layout of the file being written or read: its minor version and what
// its sender withheld (those fields are absent from every profile).
struct Layout {
  std::uint32_t minor = kSessionFormatMinor;
  WithheldSet withheld;
};
constinit thread_local Layout tLayout{};

bool withheld(Withheld w) { return tLayout.withheld.has(w); }

const std::array<const char*, kJudgementCount>& judgementKeys() {
  static const auto keys = [] {
    std::array<const char*, kJudgementCount> out{};
    for (std::size_t i = 0; i < kJudgementCount; ++i) out[i] = judgementFields()[i]->key.data();
    return out;
  }();
  return keys;
}
std::span<const std::string_view> choicesOf(std::string_view key) { return findField(key)->choices; }

}  // namespace

template <class A, std::size_t N, class T>
void serialize(A& ar, NamedNumbers<N, T>& n, const std::uint32_t /*version*/) {
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
  } else if constexpr (kInput<A>) {
    // The binary form lists it in the payload's extension (decodeBinary).
    // Absent (a file of another major version, or made by hand): nothing
    // withheld, so every profile must hold every field.
    if (h.major == kSessionFormatMajor && h.minor >= 1) {
      try {
        textList(ar, "withheld", h.withheld);
      } catch (const cereal::Exception& e) {
        if (std::string_view(e.what()).find("NVP (withheld) not found") == std::string_view::npos) throw;
        h.withheld.clear();
      }
    }
  } else {
    textList(ar, "withheld", h.withheld);
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
  if (withheld(Withheld::revenue_musd)) {
    if constexpr (kInput<A>) p.revenue_musd.reset();
  } else if constexpr (kBinary<A>) {
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
  if (!withheld(Withheld::leaders)) choice(ar, "leaders", p.leaders, choicesOf("leaders"));
  if (!withheld(Withheld::notes)) text(ar, "notes", p.notes);
  if (!withheld(Withheld::results)) object(ar, "seen", sp.seen);
}

template <class A>
void serialize(A& ar, Rating& r, const std::uint32_t /*version*/) {
  text(ar, "profile_id", r.profileId);
  text(ar, "rater", r.rater);
  text(ar, "rated_at", r.ratedAt);
  NamedNumbers<kJudgementCount, std::int64_t> values{&r.values, &judgementKeys()};
  object(ar, "values", values);
}

template <class A>
void ratingList(A& ar, std::vector<Rating>& ratings) {
  // The smallest binary rating: three empty texts and the values.
  constexpr std::uint64_t kMinRatingBytes = 3 * 8 + kJudgementCount * 8;
  list(ar, "ratings", ratings, kSessionRatingLimit, kMinRatingBytes, [&](Rating& r) {
    if constexpr (kInput<A>) {
      if (tContext->rating == std::numeric_limits<std::size_t>::max()) tContext->rating = 0;
      else ++tContext->rating;
    }
    ar(r);
  });
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
  if constexpr (kInput<A>) tContext->profile = std::numeric_limits<std::size_t>::max();
  // The binary form carries them in the payload's extension (decodeBinary).
  if constexpr (std::is_same_v<A, JsonIn>) {
    if (tLayout.minor >= 1) {
      try {
        ratingList(ar, s.ratings);
      } catch (const cereal::Exception& e) {  // absent: none (anything else missing is refused)
        if (std::string_view(e.what()).find("NVP (ratings) not found") == std::string_view::npos) throw;
        s.ratings.clear();
      }
    }
  } else if constexpr (!kBinary<A>) {
    ratingList(ar, s.ratings);
  }
  if constexpr (kInput<A>) {
    tContext->rating = std::numeric_limits<std::size_t>::max();
    tContext->item = "end of session";
  }
}

namespace {

// The file's list of withheld fields. A name this version does not know
// would leave a field out of every profile that this reader expects there.
WithheldSet withheldSetOf(const std::vector<std::string>& names) {
  WithheldSet out;
  for (const auto& name : names) {
    const auto w = withheldFrom(name);
    if (!w) fail(fmt::format("the sender withheld {}, which this RoleFit does not know: update RoleFit to open it",
                             quoteForMessage(name)));
    out.add(*w);
  }
  return out;
}

// ---------------------------------------------------------------- JSON

// Keys a newer minor version added, found by walking the document once more
// (only for such files): the import says what it could not read.
void listUnknownJsonKeys(std::string_view bytes, std::vector<std::string>& notices) {
  rapidjson::Document doc;
  doc.Parse(bytes.data(), bytes.size());
  if (doc.HasParseError() || !doc.IsObject()) return;
  const std::set<std::string_view> top{"rolefit_session", "session"};
  const std::set<std::string_view> header{"cereal_class_version", "format", "major", "minor", "app_version",
                                          "withheld"};
  const std::set<std::string_view> session{"cereal_class_version", "id", "name", "notes", "exported_by",
                                           "exported_at", "role_model_version", "role_models", "profiles", "ratings"};
  const std::set<std::string_view> rating{"cereal_class_version", "profile_id", "rater", "rated_at", "values"};
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
    if (s.HasMember("ratings") && s["ratings"].IsArray())
      for (const auto& r : s["ratings"].GetArray()) scan(r, rating, "ratings[].");
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
  tLayout = {header.minor, withheldSetOf(header.withheld)};
  out.session.withheld = tLayout.withheld;
  tContext->item = "session";
  (*archive)(cereal::make_nvp("session", out.session));
  if (header.minor > kSessionFormatMinor) listUnknownJsonKeys(bytes, out.file.notices);
  return out;
}

std::string encodeJson(const Session& session) {
  std::ostringstream stream;
  {
    JsonOut archive(stream, JsonOut::Options(std::numeric_limits<double>::max_digits10, JsonOut::Options::IndentChar::space, 2));
    SessionHeader header{std::string(kSessionFormatName), kSessionFormatMajor, kSessionFormatMinor, ROLEFIT_VERSION, 0, 0, {}};
    for (const auto name : session.withheld.names()) header.withheld.emplace_back(name);
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

// From format 1.1 the payload is the session, then an extension (an archive
// of its own: what was withheld, the ratings, and whatever a later minor
// version adds at its end), then the extension's size as 8 bytes. A 1.0
// reader stops after the session and says it did not read the rest; this
// one reads the extension first, since it says which fields the profiles
// leave out.
std::string encodeBinary(const Session& session) {
  std::ostringstream payload;
  {
    BinOut archive(payload, BinOut::Options::LittleEndian());
    archive(const_cast<Session&>(session));
  }
  std::ostringstream extension;
  {
    BinOut archive(extension, BinOut::Options::LittleEndian());
    std::vector<std::string> names;
    for (const auto name : session.withheld.names()) names.emplace_back(name);
    textList(archive, "withheld", names);
    ratingList(archive, const_cast<std::vector<Rating>&>(session.ratings));
  }
  const std::string extensionBytes = std::move(extension).str();
  std::string body = std::move(payload).str();
  body += extensionBytes;
  for (std::uint64_t size = extensionBytes.size(), i = 0; i < 8; ++i, size >>= 8)
    body.push_back(static_cast<char>(size & 0xff));
  std::ostringstream file;
  {
    BinOut archive(file, BinOut::Options::LittleEndian());
    SessionHeader header{std::string(kSessionFormatName), kSessionFormatMajor, kSessionFormatMinor, ROLEFIT_VERSION,
                         body.size(), crc32Of(body), {}};
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
  if (header.minor <= kSessionFormatMinor && payload.size() != body.size())
    fail(fmt::format("{} unexpected bytes after the session data", payload.size() - body.size()));
  // A newer minor version may append data after what this version knows.
  if (crc32Of(body) != header.payloadCrc32)
    fail("checksum mismatch: the file was changed or damaged after it was written");
  const auto leftOver = [&](std::size_t remaining, std::string_view what) {
    if (remaining == 0) return;
    if (header.minor > kSessionFormatMinor)
      out.file.notices.push_back(fmt::format("not read: {} bytes of data added by session format {}.{}", remaining,
                                             header.major, header.minor));
    else
      fail(fmt::format("{} unexpected bytes at the end of the {}", remaining, what));
  };
  std::string_view sessionBytes = body;
  tLayout = {header.minor, {}};
  if (header.minor >= 1) {
    // The extension first (see encodeBinary): it says what the profiles leave out.
    tContext->item = "extension size";
    constexpr std::size_t kSizeBytes = 8;
    if (body.size() < kSizeBytes) fail("the file ends too early (truncated or damaged)");
    std::uint64_t size = 0;
    for (std::size_t i = 0; i < kSizeBytes; ++i)
      size |= static_cast<std::uint64_t>(static_cast<unsigned char>(body[body.size() - kSizeBytes + i])) << (8 * i);
    if (size > body.size() - kSizeBytes)
      fail(fmt::format("claims {} bytes, more than the {} bytes of the payload", size, body.size() - kSizeBytes));
    const std::size_t extensionAt = body.size() - kSizeBytes - static_cast<std::size_t>(size);
    sessionBytes = body.substr(0, extensionAt);
    MemoryBuffer buffer(body.substr(extensionAt, static_cast<std::size_t>(size)));
    tContext->buffer = &buffer;
    std::istream stream(&buffer);
    {
      BinIn archive(stream);
      std::vector<std::string> names;
      textList(archive, "withheld", names);
      tLayout.withheld = withheldSetOf(names);
      ratingList(archive, out.session.ratings);
    }
    tContext->rating = std::numeric_limits<std::size_t>::max();
    tContext->item = "extension";
    leftOver(buffer.remaining(), "extension");
  }
  out.session.withheld = tLayout.withheld;
  MemoryBuffer buffer(sessionBytes);
  tContext->buffer = &buffer;
  std::istream stream(&buffer);
  {
    BinIn archive(stream);
    tContext->item = "session";
    archive(out.session);
  }
  tContext->item = "payload";
  leftOver(buffer.remaining(), "session data");
  return out;
}

}  // namespace

// ---------------------------------------------------------------- public

std::string encodeSession(const Session& session, SessionFormat format) {
  tLayout = {kSessionFormatMinor, session.withheld};
  struct Reset {
    ~Reset() { tLayout = {}; }
  } reset;
  return format == SessionFormat::json ? encodeJson(session) : encodeBinary(session);
}

LoadedSession decodeSession(std::string_view bytes, std::string_view label) {
  ReadContext context;
  tContext = &context;
  struct Reset {
    ~Reset() {
      tContext = nullptr;
      tLayout = {};
    }
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
