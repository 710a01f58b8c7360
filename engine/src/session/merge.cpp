#include "rolefit/session/merge.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "rolefit/model/fields.hpp"
#include "rolefit/util/ids.hpp"
#include "rolefit/util/parallel.hpp"
#include "rolefit/util/text.hpp"

namespace rolefit {
namespace {

constexpr std::array<std::string_view, 3> kStatusNames{"new", "unchanged", "conflict"};
constexpr std::array<std::string_view, 4> kChoiceNames{"keep-mine", "take-theirs", "keep-both", "pick-fields"};

std::vector<FieldDifference> differences(const Profile& mine, const Profile& theirs) {
  std::vector<FieldDifference> out;
  for (const auto& f : profileFields()) {
    auto a = fieldText(mine, f), b = fieldText(theirs, f);
    if (a != b) out.push_back({std::string(f.key), std::move(a), std::move(b)});
  }
  return out;
}

// "Acme (from Dana)": a kept-both copy says where it came from.
std::string keptBothName(const std::string& name, const std::string& sender) {
  return nameWithSuffix(name, sender.empty() ? " (imported)" : fmt::format(" (from {})", sender));
}

std::string roleModelsJson(const Session& s) {
  std::string out = "[";
  for (const auto& m : s.roleModels) {
    if (out.size() > 1) out += ',';
    out += roleModelToJson(m);
  }
  return out + "]";
}

void keepReceiversValues(Profile& theirs, const Profile& mine, WithheldSet withheld) {
  if (withheld.has(Withheld::notes)) theirs.notes = mine.notes;
  if (withheld.has(Withheld::revenue_musd)) theirs.revenue_musd = mine.revenue_musd;
  if (withheld.has(Withheld::leaders)) theirs.leaders = mine.leaders;
}

}  // namespace

std::string_view toString(ImportStatus s) { return kStatusNames.at(static_cast<std::size_t>(s)); }
std::string_view toString(ConflictChoice c) { return kChoiceNames.at(static_cast<std::size_t>(c)); }
std::optional<ConflictChoice> conflictChoiceFrom(std::string_view text) {
  for (std::size_t i = 0; i < kChoiceNames.size(); ++i)
    if (kChoiceNames[i] == text) return static_cast<ConflictChoice>(i);
  return std::nullopt;
}

std::size_t ImportPlan::count(ImportStatus status) const {
  std::size_t n = 0;
  for (const auto& item : items) n += item.status == status;
  return n;
}

ImportPlan planImport(const Store* store, std::vector<LoadedSession> files, std::vector<std::string> labels) {
  ImportPlan plan;
  plan.files = std::move(files);
  plan.labels = std::move(labels);
  plan.labels.resize(plan.files.size());

  // One read of the database instead of one query per incoming profile.
  std::unordered_map<std::string, std::pair<Profile, bool>> existing;
  if (store) {
    // The key is copied first: the profile itself is moved into the map.
    for (auto& p : store->profiles()) {
      std::string id = p.id;
      existing.emplace(std::move(id), std::pair{std::move(p), false});
    }
    for (auto& p : store->bin()) {
      std::string id = p.id;
      existing.emplace(std::move(id), std::pair{std::move(p), true});
    }
  }

  std::unordered_map<std::string_view, std::pair<std::size_t, std::size_t>> seen;  // id -> file, index
  for (std::size_t f = 0; f < plan.files.size(); ++f) {
    const auto& profiles = plan.files[f].session.profiles;
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      const Profile& theirs = profiles[i].profile;
      if (auto [it, inserted] = seen.emplace(theirs.id, std::pair{f, i}); !inserted) {
        const auto& other = plan.files[it->second.first].session.profiles[it->second.second].profile;
        if (!other.sameContent(theirs))
          throw SessionFileError(fmt::format("{}: profile {} ({}) is also in {} with different content; "
                                             "import the files one at a time",
                                             plan.labels[f], theirs.id, quoteForMessage(theirs.name),
                                             plan.labels[it->second.first]));
        continue;  // the same profile twice: imported once
      }
      ImportItem item;
      item.file = f;
      item.index = i;
      if (auto found = existing.find(theirs.id); found != existing.end()) {
        item.mine = found->second.first;
        // What the sender withheld is not in the file: the receiver's stays.
        keepReceiversValues(plan.files[f].session.profiles[i].profile, *item.mine, plan.files[f].session.withheld);
        item.mineInBin = found->second.second;
        item.differences = differences(*item.mine, theirs);
        item.status = item.differences.empty() && !item.mineInBin ? ImportStatus::unchanged : ImportStatus::conflict;
      }
      plan.items.push_back(std::move(item));
    }
  }
  return plan;
}

void chooseForAll(ImportPlan& plan, ConflictChoice choice) {
  for (auto& item : plan.items)
    if (item.status == ImportStatus::conflict) item.choice = choice;
}

std::string ImportOutcome::counts() const {
  auto out = fmt::format("{} new, {} updated, {} kept both, {} kept yours, {} unchanged", added, updated, keptBoth,
                         keptMine, unchanged);
  if (ratings > 0) out += fmt::format("; {} added or updated", countOf(ratings, "rating"));
  return out;
}

std::string withheldNotice(WithheldSet withheld) {
  std::string out = fmt::format("The sender withheld {}", fmt::join(withheld.names(), ", "));
  const bool keepsYours =
      withheld.has(Withheld::notes) || withheld.has(Withheld::revenue_musd) || withheld.has(Withheld::leaders);
  if (keepsYours) out += "; your values of those fields are kept";
  if (withheld.has(Withheld::rater_names) && !withheld.has(Withheld::ratings)) out += "; raters are numbered";
  return out;
}

ImportOutcome applyImport(Store& store, const ImportPlan& plan, const Progress& progress) {
  ImportOutcome outcome;
  std::vector<SessionImport> imports(plan.files.size());
  for (std::size_t f = 0; f < plan.files.size(); ++f) {
    const auto& loaded = plan.files[f];
    const Session& s = loaded.session;
    auto& import = imports[f];
    import.session.id = s.id;
    import.session.name = s.name;
    import.session.notes = s.notes;
    import.session.roleModelVersion = s.roleModelVersion;
    import.session.origin =
        fmt::format("Imported from {}{}{}", plan.labels[f], s.exportedBy.empty() ? "" : ", exported by " + s.exportedBy,
                    s.exportedAt.empty() ? "" : " on " + s.exportedAt);
    import.roleModels = roleModelsJson(s);
    for (const auto& n : loaded.file.notices) outcome.notices.push_back(fmt::format("{}: {}", plan.labels[f], n));
    if (!s.withheld.empty())
      outcome.notices.push_back(fmt::format("{}: {}", plan.labels[f], withheldNotice(s.withheld)));
    import.ratings = s.ratings;
    const auto& active = store.activeRoleModels();
    if (s.roleModelVersion != active.version)
      outcome.notices.push_back(fmt::format(
          "{}: its results were computed with role models {}; this database uses {}: the sender's results are kept "
          "with the session, today's may differ",
          plan.labels[f], s.roleModelVersion, active.version));
  }

  // The sender's results as stored, written on all cores: a large import
  // spends a noticeable share of its time here otherwise.
  std::vector<std::string> seenJson(plan.items.size());
  parallelShares(plan.items.size(), 512, [&](std::size_t begin, std::size_t end, std::size_t) {
    for (std::size_t i = begin; i < end; ++i) {
      // Withheld results: there is no sender's result to keep, not a zero one.
      const auto& item = plan.items[i];
      if (!plan.files[item.file].session.withheld.has(Withheld::results))
        seenJson[i] = seenToJson(plan.incoming(item).seen);
    }
  });

  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const auto& item = plan.items[i];
    const auto& incoming = plan.incoming(item);
    auto& import = imports[item.file];
    const std::string& seen = seenJson[i];
    switch (item.status) {
      case ImportStatus::added:
        import.saves.push_back(incoming.profile);
        import.members.push_back({incoming.profile.id, seen});
        ++outcome.added;
        break;
      case ImportStatus::unchanged:
        import.members.push_back({incoming.profile.id, seen});
        ++outcome.unchanged;
        break;
      case ImportStatus::conflict:
        switch (item.choice) {
          case ConflictChoice::keepMine:
            import.members.push_back({incoming.profile.id, ""});
            ++outcome.keptMine;
            break;
          case ConflictChoice::takeTheirs:
            import.saves.push_back(incoming.profile);
            import.members.push_back({incoming.profile.id, seen});
            ++outcome.updated;
            break;
          case ConflictChoice::keepBoth: {
            Profile copy = incoming.profile;
            copy.id = newUuid();
            copy.revision = 0;
            copy.name = keptBothName(copy.name, plan.files[item.file].session.exportedBy);
            import.saves.push_back(copy);
            import.members.push_back({copy.id, seen});
            import.members.push_back({item.mine->id, ""});  // both versions belong to the session
            ++outcome.keptBoth;
            break;
          }
          case ConflictChoice::pickFields: {
            Profile merged = *item.mine;
            for (const auto& key : item.takeFields)
              if (const auto* f = findField(key)) setFieldText(merged, *f, fieldText(incoming.profile, *f));
            import.saves.push_back(merged);
            // A mix is neither side's result: no sender's result is kept for it.
            import.members.push_back({merged.id, ""});
            ++outcome.updated;
            break;
          }
        }
        break;
    }
  }
  const auto written = store.applySessionImports(imports, progress);
  outcome.ratings = written.ratings;
  if (written.ratingsSkipped > 0)
    outcome.notices.push_back(fmt::format("{} of profiles in your bin not imported (restore them, then import again)",
                                          countOf(written.ratingsSkipped, "rating")));
  return outcome;
}

std::string seenToJson(const SeenEvaluation& seen) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  const auto& dims = builtinRoleModels().dimensions;
  w.StartObject();
  w.Key("recommendation");
  w.String(toString(seen.recommendation).data());
  w.Key("runner_up");
  w.String(toString(seen.runnerUp).data());
  w.Key("margin");
  w.Double(seen.margin);
  w.Key("fit");
  w.StartObject();
  for (std::size_t r = 0; r < 3; ++r) {
    w.Key(kRoleIds[r]);
    w.Double(seen.fit[r]);
  }
  w.EndObject();
  w.Key("needs");
  w.StartObject();
  for (std::size_t d = 0; d < kDimensionCount; ++d) {
    w.Key(dims[d].id.c_str());
    w.Double(seen.needs[d]);
  }
  w.EndObject();
  w.Key("what_if");
  w.String(seen.whatIf.c_str(), static_cast<rapidjson::SizeType>(seen.whatIf.size()));
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::optional<SeenEvaluation> seenFromJson(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
  try {
    SeenEvaluation s;
    auto structure = [&](const char* key) {
      const auto names = structureNames();
      const auto found = std::find(names.begin(), names.end(), std::string_view(doc[key].GetString()));
      if (found == names.end()) throw JsonStructureError("unknown structure");
      return static_cast<Structure>(found - names.begin());
    };
    s.recommendation = structure("recommendation");
    s.runnerUp = structure("runner_up");
    s.margin = doc["margin"].GetDouble();
    for (std::size_t r = 0; r < 3; ++r) s.fit[r] = doc["fit"][kRoleIds[r]].GetDouble();
    const auto& dims = builtinRoleModels().dimensions;
    for (std::size_t d = 0; d < kDimensionCount; ++d) s.needs[d] = doc["needs"][dims[d].id.c_str()].GetDouble();
    s.whatIf = doc["what_if"].GetString();
    return s;
  } catch (const JsonStructureError&) {
    return std::nullopt;
  }
}

}  // namespace rolefit
