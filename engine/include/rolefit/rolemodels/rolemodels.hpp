// The role models, the rules the engine applies, the responsibilities and the
// reference companies: versioned data (assets/rolemodels.json), each item
// citing the seed articles it comes from.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "rolefit/model/profile.hpp"

namespace rolefit {

inline constexpr std::size_t kDimensionCount = 8;
enum class Dimension : std::uint8_t {
  operations, security, budget_vendors, information, product, architecture, innovation, customer_tech
};

inline constexpr std::size_t kStructureCount = 5;
enum class Structure : std::uint8_t { cio_led, cto_led, cio_and_cto, hybrid, cio_and_product_ctos };
std::string_view toString(Structure s);
std::span<const std::string_view> structureNames();  // in enum order

// The three roles every role-model set holds, in this order (JSON keys too).
inline constexpr std::array<const char*, 3> kRoleIds{"cio", "cto", "hybrid"};
std::string_view describe(Structure s);  // "A CIO leads technology", ...

enum class Owner : std::uint8_t { cio, cto, shared };
std::string_view toString(Owner o);
std::string_view label(Owner o);  // "CIO", "CTO", "Shared"

using DimensionValues = std::array<double, kDimensionCount>;

struct Source {
  std::string id;
  std::string title;
};

struct Rule {
  std::string id;
  std::string text;
  std::vector<std::string> sources;
  std::string sourceText;  // "000, 002", joined once at load
};

struct DimensionInfo {
  std::string id;
  std::string label;
  std::string side;  // inward | outward
};

struct RoleModel {
  std::string id;
  std::string name;
  std::string focus;
  std::string summary;
  std::vector<std::string> sources;
  std::vector<std::string> skills;
  DimensionValues weights{};         // 0..1: how much of each need the role covers
  std::array<double, 4> stageFactor{1, 1, 1, 1};  // by Stage
};

struct Responsibility {
  std::string id;
  std::string text;
  Owner owner = Owner::shared;
  std::vector<std::string> sources;
  std::string sourceText;
};

// An archetype stands for a kind of company and has the structure the
// articles advise it; a real company is a publicly documented one, with the
// structure it had in `year`, each fact with its public source.
enum class ReferenceKind { archetype, real };
std::string_view toString(ReferenceKind k);  // "archetype", "real"

struct ReferenceFact {
  std::string field;   // contract key
  std::string value;   // as the source states it
  std::string source;  // a link, or a seed article's id
};

struct ReferenceCompany {
  std::string id;
  std::string name;
  ReferenceKind kind = ReferenceKind::archetype;
  int year = 0;      // real ones: the year the facts describe
  std::string link;  // real ones: the source of its structure
  std::vector<ReferenceFact> facts;  // real ones
  Structure structure = Structure::cio_led;  // advised (archetype) or had (real)
  std::vector<std::string> sources;
  std::string sourceText;
  std::string why;
  Profile profile;  // a real one's ratings are readings, not public facts (README)
  DimensionValues needs{};  // computed at load
};

class RoleModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RoleModelSet {
  std::string version;
  std::vector<Source> sources;
  std::array<DimensionInfo, kDimensionCount> dimensions;
  std::vector<Rule> rules;
  std::vector<RoleModel> roleModels;  // cio, cto, hybrid first, in that order
  std::vector<Responsibility> responsibilities;
  std::vector<ReferenceCompany> references;

  const Rule& rule(std::string_view id) const;  // throws for an unknown id
  const RoleModel& roleModel(std::string_view id) const;
  const RoleModel& cio() const { return roleModels[0]; }
  const RoleModel& cto() const { return roleModels[1]; }
  const RoleModel& hybrid() const { return roleModels[2]; }
  std::string sourceTitle(std::string_view id) const;
};

// Parses and checks a role-model file: every rule the engine applies present,
// every source cited known, weights within 0..1, reference profiles valid.
// Throws RoleModelError naming the item at fault.
RoleModelSet loadRoleModels(std::string_view json);

// A user's edited copy of a built-in role model, as stored: JSON with the same
// fields as in the role-model file, its "id" naming the role it replaces.
std::string roleModelToJson(const RoleModel& model);
RoleModel roleModelFromJson(std::string_view json, const RoleModelSet& set);  // throws RoleModelError

// The built-in set with the given copies in place of their roles. The version
// becomes "<built-in version>+custom.<hash of the copies>", so a result says
// which edits produced it; built-ins stay as they are.
RoleModelSet withCopies(const RoleModelSet& builtin, std::span<const RoleModel> activeCopies);

// The built-in set, compiled in from assets/rolemodels.json, loaded once.
const RoleModelSet& builtinRoleModels();

// Rule ids the engine applies; loadRoleModels refuses a set missing any.
std::span<const std::string_view> engineRuleIds();

// "000, 002"
std::string joinSources(const std::vector<std::string>& sources);

}  // namespace rolefit
