// Building sessions: from a store's profiles or session, evaluated with the
// role models of the moment, and the files they travel in.
#include "rolefit/session/session.hpp"

#include <array>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "rolefit/store/store.hpp"
#include "rolefit/util/files.hpp"
#include "rolefit/util/ids.hpp"
#include "rolefit/util/parallel.hpp"
#include "rolefit/util/text.hpp"

namespace rolefit {

std::string_view toString(SessionFormat f) { return f == SessionFormat::json ? "json" : "binary"; }

namespace {
constexpr std::array<std::string_view, kWithheldCount> kWithheldNames{"notes",   "revenue_musd", "leaders",
                                                                      "ratings", "rater_names",  "results"};
}

std::string_view toString(Withheld w) { return kWithheldNames.at(static_cast<std::size_t>(w)); }

std::optional<Withheld> withheldFrom(std::string_view name) {
  for (std::size_t i = 0; i < kWithheldNames.size(); ++i)
    if (kWithheldNames[i] == name) return static_cast<Withheld>(i);
  return std::nullopt;
}

std::vector<std::string_view> WithheldSet::names() const {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < kWithheldCount; ++i)
    if (has(static_cast<Withheld>(i))) out.push_back(kWithheldNames[i]);
  return out;
}

std::optional<WithheldSet> WithheldSet::parse(std::string_view commaList, std::string* problem) {
  WithheldSet out;
  while (!commaList.empty()) {
    const auto comma = commaList.find(',');
    const std::string_view part = trimmed(commaList.substr(0, comma));
    commaList = comma == std::string_view::npos ? std::string_view{} : commaList.substr(comma + 1);
    if (part.empty()) continue;
    const auto w = withheldFrom(part);
    if (!w) {
      if (problem) {
        std::string allowed;
        for (auto n : kWithheldNames) allowed += (allowed.empty() ? "" : ", ") + std::string(n);
        *problem = fmt::format("{} cannot be withheld; one of: {}", quoteForMessage(part), allowed);
      }
      return std::nullopt;
    }
    out.add(*w);
  }
  return out;
}

void withhold(Session& session, WithheldSet withheld) {
  session.withheld = withheld;
  for (auto& sp : session.profiles) {
    if (withheld.has(Withheld::notes)) sp.profile.notes.clear();
    if (withheld.has(Withheld::revenue_musd)) sp.profile.revenue_musd.reset();
    if (withheld.has(Withheld::leaders)) sp.profile.leaders = Leaders::none;
    if (withheld.has(Withheld::results)) sp.seen = {};
  }
  if (withheld.has(Withheld::ratings)) {
    session.ratings.clear();
  } else if (withheld.has(Withheld::rater_names)) {
    // The same person is the same number on every profile of the file.
    std::unordered_map<std::string, std::size_t> numbers;
    for (auto& r : session.ratings) {
      const auto [it, added] = numbers.emplace(r.rater, numbers.size() + 1);
      r.rater = fmt::format("Rater {}", it->second);
    }
  }
}

SeenEvaluation seenEvaluation(const Evaluation& e) {
  SeenEvaluation s;
  s.recommendation = e.scores.recommendation;
  s.runnerUp = e.scores.runnerUp;
  s.margin = std::round(e.margin * 10.0) / 10.0;
  for (std::size_t r = 0; r < 3; ++r) s.fit[r] = std::round(e.scores.fit[r] * 10.0) / 10.0;
  for (std::size_t d = 0; d < kDimensionCount; ++d) s.needs[d] = std::round(e.scores.needs[d] * 10.0) / 10.0;
  s.reasons.reserve(e.reasons.size());
  for (const auto& r : e.reasons)
    s.reasons.push_back({r.field, r.factor, std::string(r.rule), std::string(r.source), std::round(r.weight * 10.0) / 10.0});
  if (e.whatIf) s.whatIf = e.whatIf->text;
  return s;
}

bool sameResult(const SeenEvaluation& a, const SeenEvaluation& b) {
  return a.recommendation == b.recommendation && a.runnerUp == b.runnerUp && a.margin == b.margin &&
         a.fit == b.fit && a.needs == b.needs && a.whatIf == b.whatIf;
}

Session makeSession(std::string name, std::vector<Profile> profiles, const RoleModelSet& set, std::string exportedBy) {
  Session s;
  s.id = newUuid();
  s.name = std::move(name);
  s.exportedBy = std::move(exportedBy);
  s.exportedAt = utcNowIso8601();
  s.roleModelVersion = set.version;
  s.roleModels.assign(set.roleModels.begin(), set.roleModels.begin() + 3);
  s.profiles.resize(profiles.size());
  parallelShares(profiles.size(), 128, [&](std::size_t begin, std::size_t end, std::size_t) {
    for (std::size_t i = begin; i < end; ++i) {
      s.profiles[i].seen = seenEvaluation(evaluate(profiles[i], set));
      s.profiles[i].profile = std::move(profiles[i]);
    }
  });
  return s;
}

RoleModelSet roleModelsOf(const Session& session) {
  const auto& builtin = builtinRoleModels();
  std::vector<RoleModel> edited;
  for (const auto& m : session.roleModels) {
    const auto& original = builtin.roleModel(m.id);
    if (roleModelToJson(m) != roleModelToJson(original)) edited.push_back(m);
  }
  return withCopies(builtin, edited);
}

Session sessionForExport(const Store& store, const ExportRequest& request, std::string exportedBy) {
  std::vector<Profile> profiles;
  std::string name = request.name;
  std::string notes;
  if (request.sessionId) {
    const auto info = store.session(*request.sessionId);
    if (!info) throw StoreError(fmt::format("no session with id {}", *request.sessionId));
    for (const auto& id : store.sessionProfileIds(info->id))
      if (auto p = store.profile(id)) profiles.push_back(std::move(*p));
    if (name.empty()) name = info->name;
    notes = info->notes;
  } else if (request.profileIds.empty()) {
    profiles = store.profiles();
  } else {
    for (const auto& id : request.profileIds)
      if (auto p = store.profile(id)) profiles.push_back(std::move(*p));
  }
  if (name.empty()) name = fmt::format("RoleFit session {}", utcNowIso8601().substr(0, 10));
  Session session = makeSession(std::move(name), std::move(profiles), store.activeRoleModels(), std::move(exportedBy));
  session.notes = std::move(notes);
  for (const auto& sp : session.profiles)
    for (auto& r : store.ratings(sp.profile.id)) session.ratings.push_back(std::move(r));
  withhold(session, request.withhold);
  return session;
}

void exportSession(const std::filesystem::path& target, const Session& session, SessionFormat format) {
  writeFileAtomically(target, encodeSession(session, format));
}

LoadedSession readSessionFile(const std::filesystem::path& path) {
  const std::string label = path.string();
  FileBytes bytes;
  try {
    bytes = readWholeFile(path, kSessionFileLimit, "session files");
  } catch (const FileReadError& e) {
    throw SessionFileError(fmt::format("{}: {}", label, e.what()));
  }
  return decodeSession(bytes.view(), label);
}

}  // namespace rolefit
