// Evaluation of a profile against the role models: deterministic, and every
// number traceable to a rule and its source. See README "How RoleFit decides".
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "rolefit/model/profile.hpp"
#include "rolefit/rolemodels/rolemodels.hpp"

namespace rolefit {

// One input's push on one need, by one rule.
struct Contribution {
  std::string_view field;  // contract key
  std::string_view rule;   // rule id
  Dimension dimension;
  double points;
};

// The quick part of an evaluation: needs, fits and structure scores. Cheap
// and allocation-free, so the what-if search can call it many times.
struct Scores {
  DimensionValues needs{};                    // 0..100
  std::array<double, 3> fit{};                // cio, cto, hybrid: 0..100
  std::array<double, kStructureCount> structure{};
  std::array<bool, kStructureCount> eligible{};
  Structure recommendation = Structure::cio_led;
  Structure runnerUp = Structure::cto_led;
};

// Structure-level effects (budget, size, product lines), recorded for reasons.
struct StructureEffect {
  std::string_view field;
  std::string_view rule;
  Structure structure;
  double points;  // added to that structure's score; budget exclusion recorded as 0
};

Scores score(const Profile& profile, const RoleModelSet& set, std::vector<Contribution>* contributions = nullptr,
             std::vector<StructureEffect>* effects = nullptr);

// The rule's words point into the RoleModelSet the evaluation was made with,
// as the responsibilities do.
struct Reason {
  std::string field;        // contract key
  std::string factor;       // "Operational efficiency goal: 5 of 5"
  std::string_view rule;    // the rule's text
  std::string_view ruleId;
  std::string_view source;  // "000, 002"
  double weight = 0;        // points it moved towards the recommendation
};

struct WhatIf {
  std::string field;
  std::string from;
  std::string to;
  Structure result;
  std::string text;  // "If employees were 40 instead of 18, the advice would be: ..."
};

// Points into the RoleModelSet the evaluation was made with, which must
// outlive it (the built-in set lives for the whole run).
struct ResponsibilityAssignment {
  const Responsibility* item;
  Owner owner;              // which role's hat it is under the recommended structure
  std::string_view holder;  // who wears it: "CIO", "CTO", "CIO and CTO", "Hybrid CIO/CTO", ...
  bool covered;             // by today's leaders
};

// Points into the RoleModelSet the evaluation was made with, as the
// responsibilities do.
struct ReferenceMatch {
  const ReferenceCompany* company;
  double similarity;  // 0..100
};

// What a reference's source is shown as: an archetype's articles ("004, 002"),
// a real company's link.
std::string_view referenceSource(const ReferenceCompany& company);

// Where the leaders a company has today differ from the advice: what the
// articles say about the difference, and which responsibilities it concerns.
struct LeadershipGap {
  std::string_view text;
  std::string_view sources;  // seed articles, "003"
  // The responsibilities it concerns: those nobody holds today, or, where one
  // executive covers both roles today, those the advice splits between two.
  enum class Concerns { none, unheld, split } concerns = Concerns::none;
};
std::optional<LeadershipGap> leadershipGap(Structure recommendation, Leaders today);
std::vector<const Responsibility*> gapResponsibilities(const LeadershipGap& gap,
                                                       const std::vector<ResponsibilityAssignment>& assignments);

// How sure the advice is, read from its margin over the runner-up: a larger
// margin is never less sure. Thresholds in points of the structure score.
enum class Confidence { clear, likely, close_call };
inline constexpr double kClearMargin = 10.0;   // clear at 10 points or more
inline constexpr double kLikelyMargin = 4.0;   // likely from 4 up to 10; a close call below 4
Confidence confidenceFor(double margin);
std::string_view toString(Confidence c);  // "clear", "likely", "close_call" (evaluate --json)
std::string_view describe(Confidence c);  // "Clear advice", "Likely advice", "A close call"

struct Evaluation {
  Scores scores;
  double margin = 0;  // recommendation's score minus runner-up's
  Confidence confidence = Confidence::clear;
  // A close call's judgement inputs (contract keys, in field order) whose
  // rating one step up or down would change the advice: the ones a board
  // should be sure of before it decides. Empty unless a close call.
  std::vector<std::string> uncertainInputs;
  std::vector<Reason> reasons;
  std::optional<WhatIf> whatIf;
  std::vector<ResponsibilityAssignment> responsibilities;
  std::vector<ReferenceMatch> nearest;  // the three nearest, at least one of them a real company
  std::optional<LeadershipGap> gap;     // set when today's leaders differ from the advice
  std::string tension;  // set when a CIO and a CTO are both advised
  std::string roleModelVersion;
};

Evaluation evaluate(const Profile& profile, const RoleModelSet& set);

// Who holds each responsibility under a structure, and whether today's
// leaders cover it: depends on these two only.
std::vector<ResponsibilityAssignment> assignResponsibilities(const RoleModelSet& set, Structure recommendation,
                                                             Leaders leaders);

// The confidence in words a board reads, after describe(confidence): how far
// ahead the advice is and, for a close call, which ratings would flip it.
std::string confidenceText(const Evaluation& e);

// The note shown when a CIO and a CTO are both advised (003).
std::string_view tensionNote();

}  // namespace rolefit
