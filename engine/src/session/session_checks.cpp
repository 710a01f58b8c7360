#include "session/session_read.hpp"

#include <cctype>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "rolefit/model/fields.hpp"
#include "rolefit/rolemodels/rolemodels.hpp"
#include "rolefit/team/team.hpp"
#include "rolefit/util/ids.hpp"
#include "rolefit/util/text.hpp"

namespace rolefit::session_read {


std::string where() {
  if (!tContext) return {};
  if (tContext->profile != std::numeric_limits<std::size_t>::max())
    return fmt::format("profile {}, {}", tContext->profile + 1, tContext->item);
  if (tContext->rating != std::numeric_limits<std::size_t>::max())
    return fmt::format("rating {}, {}", tContext->rating + 1, tContext->item);
  return tContext->item;
}


void fail(const std::string& problem) { throw SessionFileError(fmt::format("{}: {}", where(), problem)); }

const std::array<const char*, kDimensionCount>& dimensionIds() {
  static const auto ids = [] {
    std::array<const char*, kDimensionCount> out{};
    for (std::size_t d = 0; d < kDimensionCount; ++d) out[d] = builtinRoleModels().dimensions[d].id.c_str();
    return out;
  }();
  return ids;
}

namespace {


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

}  // namespace

void checkSession(Session& s) {
  tContext->profile = std::numeric_limits<std::size_t>::max();
  tContext->item = "session";
  if (!isUuid(s.id)) fail(fmt::format("session id {} is not a UUID", quoteForMessage(s.id)));
  checkText("session name", s.name, kMaxNameLength, true);
  checkText("session notes", s.notes, 20'000, false, true);
  checkText("exported_by", s.exportedBy, kMaxNameLength, false);
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
      const bool nameShown = isValidUtf8(p.name) && !p.name.empty() && utf8Length(p.name) <= kMaxNameLength;
      throw SessionFileError(fmt::format("profile {}{}, {}", i + 1, nameShown ? " (" + quoteForMessage(p.name) + ")" : "", joined));
    }
    checkSeen(s.profiles[i].seen);
  }
  tContext->profile = std::numeric_limits<std::size_t>::max();

  // Each rating is of a profile in the file, by a named rater, once, in range.
  std::unordered_map<std::string_view, std::unordered_set<std::string_view>> ratersOf;
  for (std::size_t i = 0; i < s.ratings.size(); ++i) {
    tContext->rating = i;
    auto& r = s.ratings[i];
    tContext->item = "profile_id";
    for (auto& c : r.profileId) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto profile = ids.find(r.profileId);
    if (profile == ids.end())
      fail(fmt::format("no profile with id {} in the file", quoteForMessage(firstCharacters(r.profileId, 40))));
    tContext->item = "rater";
    if (auto problem = raterNameProblem(r.rater)) fail(*problem);
    tContext->item = "rated_at";
    if (!r.ratedAt.empty() && !isUtcTimestamp(r.ratedAt))
      fail(fmt::format("{} is not a UTC time such as 2026-11-30T10:00:00Z",
                       quoteForMessage(firstCharacters(r.ratedAt, 40))));
    tContext->item = "values";
    if (const auto problems = validateJudgements(r.values); !problems.empty())
      fail(fmt::format("{}: {}", problems.front().field, problems.front().message));
    tContext->item = "rater";
    auto& raters = ratersOf[*profile];
    if (!raters.insert(r.rater).second)
      fail(fmt::format("{} rates profile {} twice", quoteForMessage(r.rater), r.profileId));
    if (raters.size() > kMaxRatersPerProfile)
      fail(fmt::format("profile {} has more than {} raters", r.profileId, kMaxRatersPerProfile));
  }
  tContext->rating = std::numeric_limits<std::size_t>::max();
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

}  // namespace rolefit::session_read
