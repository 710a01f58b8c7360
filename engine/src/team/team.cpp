#include "rolefit/team/team.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "rolefit/util/text.hpp"

namespace rolefit {

std::optional<std::string> raterNameProblem(std::string_view name) {
  if (!isValidUtf8(name)) return "is not valid UTF-8 text";
  const std::size_t length = utf8Length(name);
  if (trimmed(name).empty()) return "must not be empty";
  if (length > kMaxNameLength)
    return fmt::format("has {} characters; at most {} are allowed", length, kMaxNameLength);
  if (hasControlCharacters(name, false)) return "contains control characters";
  return std::nullopt;
}

std::array<std::int64_t, kJudgementCount> judgementValues(const Profile& profile) {
  std::array<std::int64_t, kJudgementCount> out{};
  const auto fields = judgementFields();
  for (std::size_t i = 0; i < kJudgementCount; ++i)
    out[i] = static_cast<std::int64_t>(fieldNumber(profile, *fields[i]));
  return out;
}

Profile withJudgements(const Profile& profile, const std::array<std::int64_t, kJudgementCount>& values) {
  Profile out = profile;
  const auto fields = judgementFields();
  for (std::size_t i = 0; i < kJudgementCount; ++i) setFieldNumber(out, *fields[i], static_cast<double>(values[i]));
  return out;
}

std::vector<FieldProblem> validateJudgements(const std::array<std::int64_t, kJudgementCount>& values) {
  std::vector<FieldProblem> problems;
  const auto fields = judgementFields();
  for (std::size_t i = 0; i < kJudgementCount; ++i) {
    const FieldInfo& f = *fields[i];
    if (static_cast<double>(values[i]) < f.min || static_cast<double>(values[i]) > f.max)
      problems.push_back({std::string(f.key), fmt::format("{} is out of range {} to {}", values[i],
                                                          formatNumber(f.min), formatNumber(f.max))});
  }
  return problems;
}

std::array<std::int64_t, kJudgementCount> consensusValues(std::span<const Rating> ratings) {
  std::array<std::int64_t, kJudgementCount> out{};
  std::vector<std::int64_t> column(ratings.size());
  for (std::size_t i = 0; i < kJudgementCount; ++i) {
    for (std::size_t r = 0; r < ratings.size(); ++r) column[r] = ratings[r].values[i];
    std::sort(column.begin(), column.end());
    const std::size_t mid = column.size() / 2;
    // Values are small and non-negative: the sum plus one, halved, rounds half up.
    out[i] = column.size() % 2 == 1 ? column[mid] : (column[mid - 1] + column[mid] + 1) / 2;
  }
  return out;
}

TeamEvaluation evaluateTeam(const Profile& profile, std::span<const Rating> ratings, const RoleModelSet& set) {
  TeamEvaluation team;
  std::vector<const Rating*> byName;
  for (const auto& r : ratings) byName.push_back(&r);
  std::sort(byName.begin(), byName.end(), [](const Rating* a, const Rating* b) { return a->rater < b->rater; });
  for (const Rating* r : byName) {
    const Scores s = score(withJudgements(profile, r->values), set);
    const std::size_t rec = static_cast<std::size_t>(s.recommendation), runner = static_cast<std::size_t>(s.runnerUp);
    team.raters.push_back({r->rater, s, s.structure[rec] - (s.eligible[runner] ? s.structure[runner] : 0.0)});
    ++team.agreement[rec];
  }
  team.consensusValues = consensusValues(ratings);
  const Profile consensus = withJudgements(profile, team.consensusValues);
  team.consensus = evaluate(consensus, set);
  const Structure agreed = team.consensus.scores.recommendation;

  const auto fields = judgementFields();
  for (std::size_t i = 0; i < kJudgementCount; ++i) {
    TeamEvaluation::Disagreement d;
    d.field = fields[i];
    for (const Rating* r : byName) d.values.push_back(r->values[i]);
    const auto [lo, hi] = std::minmax_element(d.values.begin(), d.values.end());
    d.spread = *hi - *lo;
    if (d.spread == 0) continue;
    // Every rating given one rater's value: the median is that value.
    std::vector<std::int64_t> distinct = d.values;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (const std::int64_t v : distinct) {
      if (v == team.consensusValues[i]) continue;
      Profile changed = consensus;
      setFieldNumber(changed, *fields[i], static_cast<double>(v));
      const Structure result = score(changed, set).recommendation;
      if (result != agreed) {
        d.decisive = true;
        d.flipValue = v;
        d.flipsTo = result;
        break;
      }
    }
    team.disagreements.push_back(std::move(d));
  }
  std::stable_sort(team.disagreements.begin(), team.disagreements.end(), [](const auto& a, const auto& b) {
    if (a.decisive != b.decisive) return a.decisive;
    return a.spread > b.spread;
  });
  return team;
}

std::string agreementText(const TeamEvaluation& team) {
  std::vector<std::size_t> order(kStructureCount);
  for (std::size_t s = 0; s < kStructureCount; ++s) order[s] = s;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return team.agreement[a] > team.agreement[b]; });
  std::string out;
  for (const std::size_t s : order) {
    if (team.agreement[s] == 0) continue;
    out += fmt::format("{}{} of {} raters: {}", out.empty() ? "" : "; ", team.agreement[s], team.raters.size(),
                       describe(static_cast<Structure>(s)));
  }
  return out + ".";
}

}  // namespace rolefit
