// A company assessed as a team: several raters' values of the judgement
// fields over one profile's facts, their consensus, where they agree, and
// the disagreements that change the advice (README "Assessing as a team").
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rolefit/model/fields.hpp"
#include "rolefit/model/profile.hpp"
#include "rolefit/scoring/evaluate.hpp"

namespace rolefit {

// Raters are named as profiles are: 1 to kMaxNameLength characters of
// UTF-8 without control characters; a profile has at most this many.
inline constexpr std::size_t kMaxRatersPerProfile = 1'000;
std::optional<std::string> raterNameProblem(std::string_view name);

// One rater's values of the judgement fields for one profile.
struct Rating {
  std::string profileId;
  std::string rater;
  std::array<std::int64_t, kJudgementCount> values{};  // judgementFields() order
  std::string ratedAt;                                 // UTC ISO 8601; set by the store
};

// The profile's own values, as a rating starts from them.
std::array<std::int64_t, kJudgementCount> judgementValues(const Profile& profile);
// The profile's facts with these values of the judgement fields.
Profile withJudgements(const Profile& profile, const std::array<std::int64_t, kJudgementCount>& values);
// Every value out of its field's range, named by field.
std::vector<FieldProblem> validateJudgements(const std::array<std::int64_t, kJudgementCount>& values);

// Per field, the median of the raters' values; for an even count, the mean
// of the two middle values rounded half up (3 and 4 give 4). Ratings must
// not be empty.
std::array<std::int64_t, kJudgementCount> consensusValues(std::span<const Rating> ratings);

struct TeamEvaluation {
  struct RaterResult {
    std::string rater;
    Scores scores;
    double margin = 0;
  };
  struct Disagreement {
    const FieldInfo* field = nullptr;
    std::vector<std::int64_t> values;  // by rater, in `raters` order
    std::int64_t spread = 0;           // highest minus lowest
    // Giving every rating one rater's value of this field changes the
    // consensus recommendation; `flips` names the first such value.
    bool decisive = false;
    std::int64_t flipValue = 0;
    Structure flipsTo = Structure::cio_led;
  };
  std::vector<RaterResult> raters;  // by rater name
  std::array<std::int64_t, kJudgementCount> consensusValues{};
  Evaluation consensus;
  std::array<std::size_t, kStructureCount> agreement{};  // raters per recommended structure
  std::vector<Disagreement> disagreements;  // fields with a spread: decisive first, then by spread
};

// `ratings` belong to `profile` and are not empty.
TeamEvaluation evaluateTeam(const Profile& profile, std::span<const Rating> ratings, const RoleModelSet& set);

// "3 of 5 raters: CIO-led; 2 of 5: a CIO and a CTO."
std::string agreementText(const TeamEvaluation& team);

}  // namespace rolefit
