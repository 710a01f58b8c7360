#include "rolefit/rolemodels/rolemodels.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "rolefit/assets.hpp"
#include "rolefit/model/fields.hpp"
#include "rolefit/model/profile_json.hpp"
#include "rolefit/scoring/evaluate.hpp"
#include "rolefit/util/text.hpp"

namespace rolefit {
namespace {

constexpr std::array<std::string_view, kStructureCount> kStructureNames{
    "cio_led", "cto_led", "cio_and_cto", "hybrid", "cio_and_product_ctos"};
constexpr std::array<std::string_view, kStructureCount> kStructureDescriptions{
    "A CIO leads technology", "A CTO leads technology", "A CIO and a CTO",
    "One hybrid CIO/CTO", "A CIO and a CTO per product line"};
constexpr std::array<std::string_view, 3> kOwnerNames{"cio", "cto", "shared"};
constexpr std::array<std::string_view, 3> kOwnerLabels{"CIO", "CTO", "Shared"};
constexpr std::array<std::string_view, kDimensionCount> kDimensionIds{
    "operations", "security", "budget_vendors", "information", "product", "architecture", "innovation",
    "customer_tech"};
constexpr std::array<std::string_view, 27> kEngineRules{
    "goal_efficiency", "goal_transformation", "goal_cost", "goal_security", "goal_information",
    "goal_innovation", "goal_growth", "goal_customer", "regulation", "it_complexity", "service_model",
    "product_model", "operations_industry", "regulated_industry", "tech_industry", "tech_revenue",
    "product_lines", "gap_inward", "gap_outward", "organisation_size", "budget_one", "small_company_hybrid",
    "specialist_needs", "hybrid_workload", "both_roles", "both_roles_outward", "cto_per_product_line"};
constexpr std::array<std::string_view, 4> kStages{"startup", "scaleup", "established", "enterprise"};

using Value = rapidjson::Value;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw RoleModelError(fmt::format("role models: {}: {}", where, what));
}

const Value& member(const Value& object, const char* key, const std::string& where) {
  if (!object.IsObject()) fail(where, "is not an object");
  const auto it = object.FindMember(key);
  if (it == object.MemberEnd()) fail(where, fmt::format("\"{}\" is missing", key));
  return it->value;
}

std::string text(const Value& object, const char* key, const std::string& where) {
  const Value& v = member(object, key, where);
  if (!v.IsString() || v.GetStringLength() == 0) fail(where, fmt::format("\"{}\" must be a non-empty string", key));
  return {v.GetString(), v.GetStringLength()};
}

const Value& array(const Value& object, const char* key, const std::string& where) {
  const Value& v = member(object, key, where);
  if (!v.IsArray()) fail(where, fmt::format("\"{}\" must be an array", key));
  return v;
}

std::vector<std::string> strings(const Value& object, const char* key, const std::string& where) {
  std::vector<std::string> out;
  for (const auto& item : array(object, key, where).GetArray()) {
    if (!item.IsString()) fail(where, fmt::format("\"{}\" must hold strings", key));
    out.emplace_back(item.GetString(), item.GetStringLength());
  }
  return out;
}

template <std::size_t N>
std::size_t indexOf(const std::array<std::string_view, N>& names, std::string_view name, const std::string& where,
                    const char* what) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return i;
  fail(where, fmt::format("unknown {} \"{}\"", what, name));
}

void checkSources(const std::vector<std::string>& cited, const std::string& where,
                  const std::set<std::string, std::less<>>& sourceIds) {
  if (cited.empty()) fail(where, "cites no source");
  for (const auto& id : cited)
    if (!sourceIds.contains(id)) fail(where, fmt::format("cites unknown source \"{}\"", id));
}

RoleModel parseRoleModel(const Value& r, const std::set<std::string, std::less<>>& sourceIds) {
    RoleModel model;
    model.id = text(r, "id", "role_models");
    const std::string where = "role model " + model.id;
    model.name = text(r, "name", where);
    model.focus = text(r, "focus", where);
    model.summary = text(r, "summary", where);
    model.sources = strings(r, "sources", where);
    model.skills = strings(r, "skills", where);
    checkSources(model.sources, where, sourceIds);
    const auto& weights = member(r, "weights", where);
    for (std::size_t d = 0; d < kDimensionCount; ++d) {
      const Value& w = member(weights, kDimensionIds[d].data(), where + " weights");
      if (!w.IsNumber() || !std::isfinite(w.GetDouble()) || w.GetDouble() < 0 || w.GetDouble() > 1)
        fail(where, fmt::format("weight \"{}\" must be a number from 0 to 1", kDimensionIds[d]));
      model.weights[d] = w.GetDouble();
    }
    const auto& factors = member(r, "stage_factor", where);
    for (std::size_t s = 0; s < kStages.size(); ++s) {
      const Value& f = member(factors, kStages[s].data(), where + " stage_factor");
      if (!f.IsNumber() || !std::isfinite(f.GetDouble()) || f.GetDouble() < 0 || f.GetDouble() > 2)
        fail(where, fmt::format("stage factor \"{}\" must be a number from 0 to 2", kStages[s]));
      model.stageFactor[s] = f.GetDouble();
    }
    return model;
}

}  // namespace

std::string_view toString(Structure s) { return kStructureNames.at(static_cast<std::size_t>(s)); }
std::span<const std::string_view> structureNames() { return kStructureNames; }
std::string_view describe(Structure s) { return kStructureDescriptions.at(static_cast<std::size_t>(s)); }
std::string_view toString(Owner o) { return kOwnerNames.at(static_cast<std::size_t>(o)); }
std::string_view label(Owner o) { return kOwnerLabels.at(static_cast<std::size_t>(o)); }
std::span<const std::string_view> engineRuleIds() { return kEngineRules; }

std::string joinSources(const std::vector<std::string>& sources) {
  std::string out;
  for (const auto& s : sources) out += (out.empty() ? "" : ", ") + s;
  return out;
}

const Rule& RoleModelSet::rule(std::string_view id) const {
  for (const auto& r : rules)
    if (r.id == id) return r;
  throw RoleModelError(fmt::format("role models: no rule \"{}\"", id));
}

const RoleModel& RoleModelSet::roleModel(std::string_view id) const {
  for (const auto& r : roleModels)
    if (r.id == id) return r;
  throw RoleModelError(fmt::format("role models: no role model \"{}\"", id));
}

std::string RoleModelSet::sourceTitle(std::string_view id) const {
  for (const auto& s : sources)
    if (s.id == id) return s.title;
  return {};
}

namespace {

constexpr std::array<std::string_view, 2> kReferenceKinds{"archetype", "real"};

bool isLink(std::string_view s) { return s.starts_with("https://") || s.starts_with("http://"); }

// A real company's year, link and facts, each fact with a public source.
void readPublicFacts(const Value& r, ReferenceCompany& ref, const std::string& where,
                     const std::set<std::string, std::less<>>& sourceIds) {
  const Value& year = member(r, "year", where);
  if (!year.IsInt() || year.GetInt() < 1900 || year.GetInt() > 2100) fail(where, "year must be a year from 1900 to 2100");
  ref.year = year.GetInt();
  ref.link = text(r, "link", where);
  if (!isLink(ref.link)) fail(where, "link must be an http(s) address");
  for (const auto& f : array(r, "facts", where).GetArray()) {
    ReferenceFact fact{text(f, "field", where + " facts"), text(f, "value", where + " facts"),
                       text(f, "source", where + " facts")};
    if (!findField(fact.field)) fail(where, fmt::format("fact about unknown field \"{}\"", fact.field));
    if (!isLink(fact.source) && !sourceIds.contains(fact.source))
      fail(where, fmt::format("the fact about {} needs a link or a known article as its source", fact.field));
    ref.facts.push_back(std::move(fact));
  }
  if (ref.facts.empty()) fail(where, "a real company needs its facts, each with a source");
}

}  // namespace

std::string_view toString(ReferenceKind k) { return kReferenceKinds.at(static_cast<std::size_t>(k)); }

RoleModelSet loadRoleModels(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) fail("file", fmt::format("not valid JSON (at byte {})", doc.GetErrorOffset()));
  if (!doc.IsObject()) fail("file", "is not a JSON object");
  if (text(doc, "format", "file") != "rolefit-rolemodels") fail("file", "is not a RoleFit role-model file");

  RoleModelSet set;
  set.version = text(doc, "version", "file");

  std::set<std::string, std::less<>> sourceIds;
  for (const auto& s : array(doc, "sources", "file").GetArray()) {
    set.sources.push_back({text(s, "id", "sources"), text(s, "title", "sources")});
    sourceIds.insert(set.sources.back().id);
  }
  auto checkSources = [&](const std::vector<std::string>& cited, const std::string& where) {
    rolefit::checkSources(cited, where, sourceIds);
  };

  const auto& dims = array(doc, "dimensions", "file");
  if (dims.Size() != kDimensionCount) fail("dimensions", fmt::format("expected {}", kDimensionCount));
  for (rapidjson::SizeType i = 0; i < dims.Size(); ++i) {
    const std::string where = fmt::format("dimensions[{}]", i);
    DimensionInfo d{text(dims[i], "id", where), text(dims[i], "label", where), text(dims[i], "side", where)};
    if (d.id != kDimensionIds[i]) fail(where, fmt::format("expected \"{}\"", kDimensionIds[i]));
    set.dimensions[i] = std::move(d);
  }

  for (const auto& r : array(doc, "rules", "file").GetArray()) {
    Rule rule{text(r, "id", "rules"), text(r, "text", "rules"), strings(r, "sources", "rules"), ""};
    checkSources(rule.sources, "rule " + rule.id);
    rule.sourceText = joinSources(rule.sources);
    set.rules.push_back(std::move(rule));
  }
  for (auto id : kEngineRules) {
    const bool found = std::any_of(set.rules.begin(), set.rules.end(), [&](const Rule& r) { return r.id == id; });
    if (!found) fail("rules", fmt::format("the engine's rule \"{}\" is missing", id));
  }

  for (const auto& r : array(doc, "role_models", "file").GetArray())
    set.roleModels.push_back(parseRoleModel(r, sourceIds));
  if (set.roleModels.size() < kRoleIds.size())
    fail("role_models", "needs cio, cto and hybrid");
  for (std::size_t i = 0; i < kRoleIds.size(); ++i)
    if (set.roleModels[i].id != kRoleIds[i])
      fail("role_models", fmt::format("entry {} must be \"{}\"", i, kRoleIds[i]));

  for (const auto& r : array(doc, "responsibilities", "file").GetArray()) {
    Responsibility resp;
    resp.id = text(r, "id", "responsibilities");
    const std::string where = "responsibility " + resp.id;
    resp.text = text(r, "text", where);
    resp.owner = static_cast<Owner>(indexOf(kOwnerNames, text(r, "owner", where), where, "owner"));
    resp.sources = strings(r, "sources", where);
    checkSources(resp.sources, where);
    resp.sourceText = joinSources(resp.sources);
    set.responsibilities.push_back(std::move(resp));
  }

  for (const auto& r : array(doc, "references", "file").GetArray()) {
    ReferenceCompany ref;
    ref.id = text(r, "id", "references");
    const std::string where = "reference " + ref.id;
    ref.name = text(r, "name", where);
    if (r.HasMember("kind"))
      ref.kind = static_cast<ReferenceKind>(indexOf(kReferenceKinds, text(r, "kind", where), where, "kind"));
    if (ref.kind == ReferenceKind::real) readPublicFacts(r, ref, where, sourceIds);
    ref.structure = static_cast<Structure>(indexOf(kStructureNames, text(r, "structure", where), where, "structure"));
    ref.sources = strings(r, "sources", where);
    ref.why = text(r, "why", where);
    checkSources(ref.sources, where);
    ref.sourceText = joinSources(ref.sources);
    std::vector<FieldProblem> problems;
    readProfileFields(member(r, "profile", where), ref.profile, problems);
    for (auto& p : validate(ref.profile)) problems.push_back(std::move(p));
    if (!problems.empty()) fail(where, fmt::format("profile field {}: {}", problems[0].field, problems[0].message));
    set.references.push_back(std::move(ref));
  }
  for (auto& ref : set.references) ref.needs = score(ref.profile, set).needs;
  return set;
}

std::string roleModelToJson(const RoleModel& model) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  for (auto [key, value] : {std::pair{"id", &model.id}, {"name", &model.name}, {"focus", &model.focus},
                            {"summary", &model.summary}}) {
    w.Key(key);
    w.String(value->c_str(), static_cast<rapidjson::SizeType>(value->size()));
  }
  for (auto [key, list] : {std::pair{"sources", &model.sources}, {"skills", &model.skills}}) {
    w.Key(key);
    w.StartArray();
    for (const auto& item : *list) w.String(item.c_str(), static_cast<rapidjson::SizeType>(item.size()));
    w.EndArray();
  }
  w.Key("weights");
  w.StartObject();
  for (std::size_t d = 0; d < kDimensionCount; ++d) {
    w.Key(kDimensionIds[d].data());
    w.Double(model.weights[d]);
  }
  w.EndObject();
  w.Key("stage_factor");
  w.StartObject();
  for (std::size_t s = 0; s < kStages.size(); ++s) {
    w.Key(kStages[s].data());
    w.Double(model.stageFactor[s]);
  }
  w.EndObject();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

RoleModel roleModelFromJson(std::string_view json, const RoleModelSet& set) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) fail("role model", "not valid JSON");
  std::set<std::string, std::less<>> sourceIds;
  for (const auto& s : set.sources) sourceIds.insert(s.id);
  RoleModel model = parseRoleModel(doc, sourceIds);
  if (model.id != "cio" && model.id != "cto" && model.id != "hybrid")
    fail("role model " + model.id, "must be a copy of cio, cto or hybrid");
  // Characters, not bytes: "Zürich" is six.
  if (!isValidUtf8(model.name) || utf8Length(model.name) > kMaxNameLength)
    fail("role model " + model.id, fmt::format("name is longer than {} characters", kMaxNameLength));
  return model;
}

RoleModelSet withCopies(const RoleModelSet& builtin, std::span<const RoleModel> activeCopies) {
  if (activeCopies.empty()) return builtin;
  RoleModelSet set = builtin;
  std::string content;
  for (const auto& copy : activeCopies) {
    for (auto& slot : set.roleModels)
      if (slot.id == copy.id) slot = copy;
    content += roleModelToJson(copy);
  }
  // FNV-1a of the copies: a colleague's result names exactly which edits it used.
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : content) hash = (hash ^ c) * 0x100000001b3ull;
  set.version = fmt::format("{}+custom.{:08x}", builtin.version, static_cast<std::uint32_t>(hash >> 32));
  for (auto& ref : set.references) ref.needs = score(ref.profile, set).needs;
  return set;
}

const RoleModelSet& builtinRoleModels() {
  static const RoleModelSet set = loadRoleModels(assets::rolemodels);
  return set;
}

}  // namespace rolefit
