// The interchange contract as data: one row per field, with its range, its
// meaning and where that meaning comes from. Validation, CSV, JSON, the store's
// columns and the editor's tooltips all read this one table.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rolefit/model/profile.hpp"

namespace rolefit {

enum class FieldKind : std::uint8_t { Text, Choice, Integer, Number };

enum class FieldGroup : std::uint8_t { Identity, Facts, Goals, Capabilities, Leaders, Notes };

struct FieldInfo {
  std::string_view key;    // the contract's name: CSV header, JSON key, store column
  std::string_view label;  // for people
  FieldKind kind;
  FieldGroup group;
  double min = 0;          // Integer/Number: inclusive range; Text: length in characters
  double max = 0;
  bool optional = false;   // may be absent (CSV cell empty, JSON key missing)
  std::span<const std::string_view> choices{};  // Choice: the accepted values, in enum order
  std::string_view help;   // what it means, in our words
  std::string_view source; // which seed articles, e.g. "000, 002"
  // Its place in profileFields(), set by the table itself: code that reads
  // fields by number (scoring, storage) switches on it instead of the key.
  std::uint8_t position = kUnnumbered;
  static constexpr std::uint8_t kUnnumbered = 0xFF;
};

// All contract fields, in contract order.
std::span<const FieldInfo> profileFields();
const FieldInfo* findField(std::string_view key);

// The ratings people may disagree on (judgements, not facts): regulatory
// burden, internal IT complexity, the eight goals and the eight
// capabilities, in field order.
inline constexpr std::size_t kJudgementCount = 18;
bool isJudgement(const FieldInfo& field);
std::span<const FieldInfo* const> judgementFields();

struct FieldProblem {
  std::string field;    // contract key
  std::string message;  // says what is wrong and what is allowed
};

// Every problem with the profile, each naming its field. Empty when valid.
std::vector<FieldProblem> validate(const Profile& profile);

// The field as text in contract form (choices by name, numbers without
// trailing zeros, absent optional as "").
std::string fieldText(const Profile& profile, const FieldInfo& field);

// Parses text into the field. Range is not checked here (validate() does);
// only the form: a whole number, a finite number, a known choice.
// Returns the problem, or nothing when stored. Empty text on an optional
// field clears it; on a required one it is a problem.
std::optional<std::string> setFieldText(Profile& profile, const FieldInfo& field, std::string_view text);

// Numeric view used by scoring and what-if: Integer/Number values, or the
// choice index. Absent optional numbers read as 0.
double fieldNumber(const Profile& profile, const FieldInfo& field);
void setFieldNumber(Profile& profile, const FieldInfo& field, double value);

// Names for enums (contract spelling).
std::string_view toString(Industry v);
std::string_view toString(BusinessModel v);
std::string_view toString(Stage v);
std::string_view toString(LeadershipBudget v);
std::string_view toString(Leaders v);
// Choices for people ("Public sector" for public_sector): parallel to
// FieldInfo::choices, empty for other kinds. choiceLabel returns the value
// itself when it is not one of the field's choices.
std::span<const std::string_view> choiceLabels(const FieldInfo& field);
std::string_view choiceLabel(const FieldInfo& field, std::string_view value);
std::string_view label(Industry v);
std::string_view label(BusinessModel v);
std::string_view label(Stage v);
std::string_view label(LeadershipBudget v);
std::string_view label(Leaders v);
// fieldText with choices by their label: for screens and reports, never files.
std::string displayText(const Profile& profile, const FieldInfo& field);
std::span<const std::string_view> goalKeys();        // goal_efficiency ...
std::span<const std::string_view> capabilityKeys();  // cap_infrastructure ...

}  // namespace rolefit
