// The team verbs: import-ratings, rate, and evaluate --team.
#include "cli/verbs.hpp"

#include "cli/row_pipe.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <variant>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "rolefit/csv/ratings_csv.hpp"
#include "rolefit/scoring/evaluation_json.hpp"
#include "rolefit/store/store.hpp"
#include "rolefit/team/team.hpp"
#include "rolefit/util/files.hpp"
#include "rolefit/util/text.hpp"

namespace fs = std::filesystem;

namespace rolefit::app {
namespace {

// The one profile a key names (an id, or a name matching one profile), or
// the reason it names none.
std::variant<Profile, std::string> oneProfile(std::string_view key, std::vector<Profile> found) {
  if (found.empty()) return fmt::format("no profile with id or name {}", quoteForMessage(key));
  if (found.size() > 1)
    return fmt::format("{} names {} profiles; use an id ({}, {}, ...)", quoteForMessage(key), found.size(),
                       found[0].id, found[1].id);
  return std::move(found.front());
}

template <typename Writer>
void writeTeamJson(Writer& w, const Profile& p, const TeamEvaluation& team, const RoleModelSet& set) {
  const auto fields = judgementFields();
  w.StartObject();
  w.Key("id");
  writeString(w, p.id);
  w.Key("name");
  writeString(w, p.name);
  w.Key("raters");
  w.StartArray();
  for (const auto& r : team.raters) {
    w.StartObject();
    w.Key("rater");
    writeString(w, r.rater);
    w.Key("recommendation");
    writeString(w, toString(r.scores.recommendation));
    w.Key("runner_up");
    writeString(w, toString(r.scores.runnerUp));
    w.Key("margin");
    writeScore(w, r.margin);
    w.Key("fit");
    writeFit(w, r.scores.fit, set);
    w.EndObject();
  }
  w.EndArray();
  w.Key("consensus");
  w.StartObject();
  w.Key("values");
  w.StartObject();
  for (std::size_t i = 0; i < kJudgementCount; ++i) {
    w.Key(fields[i]->key.data(), static_cast<rapidjson::SizeType>(fields[i]->key.size()));
    w.Int64(team.consensusValues[i]);
  }
  w.EndObject();
  w.Key("recommendation");
  writeString(w, toString(team.consensus.scores.recommendation));
  w.Key("runner_up");
  writeString(w, toString(team.consensus.scores.runnerUp));
  w.Key("margin");
  writeScore(w, team.consensus.margin);
  w.Key("confidence");
  writeString(w, toString(team.consensus.confidence));
  w.EndObject();
  w.Key("agreement");
  w.StartObject();
  for (std::size_t s = 0; s < kStructureCount; ++s) {
    const auto name = toString(static_cast<Structure>(s));
    w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    w.Uint64(team.agreement[s]);
  }
  w.EndObject();
  w.Key("disagreements");
  w.StartArray();
  for (const auto& d : team.disagreements) {
    w.StartObject();
    w.Key("field");
    writeString(w, d.field->key);
    w.Key("values");
    w.StartObject();
    for (std::size_t r = 0; r < team.raters.size(); ++r) {
      w.Key(team.raters[r].rater.c_str(), static_cast<rapidjson::SizeType>(team.raters[r].rater.size()));
      w.Int64(d.values[r]);
    }
    w.EndObject();
    w.Key("spread");
    w.Int64(d.spread);
    w.Key("decisive");
    w.Bool(d.decisive);
    if (d.decisive) {
      w.Key("flips_at");
      w.Int64(d.flipValue);
      w.Key("flips_to");
      writeString(w, toString(d.flipsTo));
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("role_model_version");
  writeString(w, team.consensus.roleModelVersion);
  w.EndObject();
}

void printTeamText(const Profile& p, const TeamEvaluation& team) {
  std::cout << fmt::format("{}: {} raters\n", p.name, team.raters.size());
  std::cout << fmt::format("Consensus: {} ({}; {}, runner-up {})\n", describe(team.consensus.scores.recommendation),
                           describe(team.consensus.confidence), fmt::format("{:.1f} points ahead", team.consensus.margin),
                           describe(team.consensus.scores.runnerUp));
  std::cout << fmt::format("Agreement: {}\n", agreementText(team));
  if (team.disagreements.empty()) std::cout << "Disagreements: none; every rater gave every rating the same value.\n";
  else std::cout << "Disagreements (decisive first):\n";
  for (const auto& d : team.disagreements) {
    std::string values;
    for (std::size_t r = 0; r < team.raters.size(); ++r)
      values += fmt::format("{}{} {}", r ? ", " : "", team.raters[r].rater, d.values[r]);
    std::cout << fmt::format("  {:<24} spread {}{}\n    {}\n", d.field->label, d.spread,
                             d.decisive ? fmt::format("  DECISIVE: at {} the advice would be: {}", d.flipValue,
                                                      describe(d.flipsTo))
                                        : "",
                             values);
  }
  std::cout << "Raters:\n";
  for (const auto& r : team.raters)
    std::cout << fmt::format("  {:<24} {} ({:.1f} points ahead)\n", clipName(r.rater), describe(r.scores.recommendation),
                             r.margin);
}

}  // namespace

std::string clipName(std::string_view name) {
  if (utf8Length(name) <= 24) return std::string(name);
  return std::string(firstCharacters(name, 23)) + "\u2026";
}

// Ratings go to the database as the file is read, in one transaction
// committed only if every row is good (as import-csv does).
int importRatings(const fs::path& db, const fs::path& file) {
  const std::string name = file.string();
  auto refuseAll = [&](std::vector<CsvProblem> problems) {
    std::stable_sort(problems.begin(), problems.end(),
                     [](const CsvProblem& a, const CsvProblem& b) { return a.row < b.row; });
    for (const auto& problem : problems) refuse(describe(name, problem));
    refuse(fmt::format("{}: nothing imported ({})", name, countOf(problems.size(), "problem")));
    return kExitRefused;
  };
  if (!fs::exists(db)) return refuseAll({{0, "", fmt::format("{}: no such database to rate profiles in", db.string())}});

  RatingsCsvResult read;
  PipeReader<RatingRow> reader([&](auto hand) {
    CsvRatingReader csv([&](RatingRow& row) { hand(std::move(row)); });
    readFileInBlocks(file, kMaxCsvBytes, "CSV files", [&](std::string_view block, std::size_t) { csv.feed(block); });
    read = csv.finish();
  });

  Store store(db);  // opened (and checked) while the first rows are read
  auto finder = store.finder();
  std::optional<Store::RatingBatch> batch;  // begun at the first good row
  // Each profile looked up once, whatever the number of rows naming it.
  std::map<std::string, std::variant<Profile, std::string>, std::less<>> profiles;
  std::vector<CsvProblem> problems;  // the database's; the reader keeps its own
  std::size_t unnamed = 0, imported = 0;
  std::set<std::string, std::less<>> raters;
  auto last = profiles.end();  // a survey's rows come by profile: the last one's serves the next
  for (auto rows = reader.take(); !rows.empty(); rows = reader.take()) {
    for (RatingRow& row : rows) {
      auto it = last != profiles.end() && last->first == row.profile ? last : profiles.find(row.profile);
      if (it == profiles.end())
        it = profiles.emplace(row.profile, oneProfile(row.profile, finder.find(row.profile))).first;
      last = it;
      if (const auto* reason = std::get_if<std::string>(&it->second)) {
        // As many as the CSV reader names, at most: enough to fix a file by.
        if (problems.size() < kMaxCsvProblems) problems.push_back({row.row, "profile", *reason});
        else ++unnamed;
        continue;
      }
      if (!problems.empty()) continue;  // nothing will be kept: only the lookups go on
      const Profile& p = std::get<Profile>(it->second);
      Rating r{p.id, std::move(row.rater), judgementValues(p), ""};
      for (std::size_t i = 0; i < kJudgementCount; ++i)
        if (row.values[i]) r.values[i] = *row.values[i];
      if (!batch) batch.emplace(store.beginRatings());
      if (auto problem = batch->save(r)) {
        problems.push_back({row.row, problem->field, problem->message});
        batch.reset();  // rolled back
        continue;
      }
      ++imported;
      if (!raters.contains(r.rater)) raters.emplace(std::move(r.rater));
    }
  }
  reader.join();
  reader.rethrowIfFailed();
  if (reader.fileError()) {
    batch.reset();
    refuse(fmt::format("{}: {}", name, *reader.fileError()));
    return kExitRefused;
  }
  problems.insert(problems.end(), read.problems.begin(), read.problems.end());
  if (unnamed > 0) problems.push_back({0, "", fmt::format("and {} more rows naming no profile", unnamed)});
  if (!problems.empty()) {
    batch.reset();
    return refuseAll(std::move(problems));
  }
  batch->commit();
  std::size_t rated = 0;
  for (const auto& [key, found] : profiles) rated += std::holds_alternative<Profile>(found) ? 1 : 0;
  std::cout << fmt::format("Imported {} from {} into {}: {} by {}\n", countOf(imported, "rating"), name, db.string(),
                           countOf(rated, "profile"), countOf(raters.size(), "rater"));
  return kExitOk;
}

int rateProfile(const fs::path& db, const std::string& key, const std::string& raterArgument,
                const std::vector<std::string>& assignments) {
  // As a rating file's rater cell is: "Zoë " and "Zoë" are one rater.
  const std::string rater = trim(raterArgument);
  if (!fs::exists(db)) {
    refuse(fmt::format("rolefit: {}: no such database", db.string()));
    return kExitRefused;
  }
  if (auto problem = raterNameProblem(rater)) {
    refuse(fmt::format("rolefit: --rater: {}", *problem));
    return kExitRefused;
  }
  Store store(db);
  auto found = oneProfile(key, store.findByIdOrName(key));
  if (const auto* reason = std::get_if<std::string>(&found)) {
    refuse("rolefit: " + *reason);
    return kExitRefused;
  }
  const Profile& p = std::get<Profile>(found);
  // From the rater's current rating when there is one, else the profile's own values.
  const auto history = store.ratingHistory(p.id, rater);
  Rating r{p.id, rater, history.empty() ? judgementValues(p) : history.front().values, ""};
  const auto fields = judgementFields();
  for (const std::string& assignment : assignments) {
    const auto eq = assignment.find('=');
    const std::string field = trim(assignment.substr(0, eq));
    std::size_t i = 0;
    while (i < kJudgementCount && fields[i]->key != field) ++i;
    if (eq == std::string::npos || i == kJudgementCount) {
      refuse(fmt::format("rolefit: {}: expected FIELD=VALUE with a judgement field such as goal_innovation=4",
                         quoteForMessage(assignment)));
      return kExitUsage;
    }
    const auto value = parseWholeNumber(trimmed(std::string_view(assignment).substr(eq + 1)));
    if (!value || static_cast<double>(*value) < fields[i]->min || static_cast<double>(*value) > fields[i]->max) {
      refuse(fmt::format("rolefit: {}: must be a whole number from {} to {}", field, formatNumber(fields[i]->min),
                         formatNumber(fields[i]->max)));
      return kExitRefused;
    }
    r.values[i] = *value;
  }
  store.saveRatings(std::span(&r, 1));
  std::cout << fmt::format("Saved {}'s rating of {}{}\n", rater, p.name,
                           history.empty() ? "" : " (the earlier one is kept as history)");
  return kExitOk;
}

int evaluateTeamOf(const fs::path& db, const std::vector<std::string>& keys, bool json) {
  if (keys.size() != 1) {
    refuse("rolefit: evaluate --team takes one profile (an id or a name)");
    return kExitUsage;
  }
  if (!fs::exists(db)) {
    refuse(fmt::format("rolefit: {}: no such database", db.string()));
    return kExitRefused;
  }
  Store store(db);
  auto found = oneProfile(keys.front(), store.findByIdOrName(keys.front()));
  if (const auto* reason = std::get_if<std::string>(&found)) {
    refuse("rolefit: " + *reason);
    return kExitRefused;
  }
  const Profile& p = std::get<Profile>(found);
  const auto ratings = store.ratings(p.id);
  if (ratings.empty()) {
    refuse(fmt::format("rolefit: {} has no ratings yet (rolefit import-ratings FILE, or rolefit rate)",
                       quoteForMessage(p.name)));
    return kExitRefused;
  }
  const RoleModelSet set = store.activeRoleModels();
  const TeamEvaluation team = evaluateTeam(p, ratings, set);
  if (!json) {
    printTeamText(p, team);
    return kExitOk;
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  writeTeamJson(w, p, team, set);
  std::fwrite(buffer.GetString(), 1, buffer.GetSize(), stdout);
  std::fputc('\n', stdout);
  return kExitOk;
}

}  // namespace rolefit::app
