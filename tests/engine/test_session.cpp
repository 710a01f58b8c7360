// Session files: round trips in both formats, hostile files, newer versions,
// and importing with every conflict choice, on real SQLite files.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>
#include <rapidjson/document.h>

#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/model/fields.hpp"
#include "rolefit/session/merge.hpp"
#include "rolefit/session/session.hpp"
#include "rolefit/store/store.hpp"
#include "rolefit/util/ids.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using namespace rolefit;
using rolefit::test::TempDir;

namespace {

const fs::path kSource = ROLEFIT_SOURCE_DIR;

std::vector<Profile> generatedProfiles(std::size_t count, unsigned seed = 3) {
  auto result = readProfilesCsv(test::generatedCsv(count, seed));
  REQUIRE(result.problems.empty());
  for (auto& p : result.profiles) p.id = newUuid();
  return result.profiles;
}

Session sampleSession(std::size_t count = 40) {
  return makeSession("Board review", generatedProfiles(count), builtinRoleModels(), "Dana");
}

std::vector<fs::path> hostileFiles() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kSource / "tests" / "hostile"))
    if (entry.path().extension() == ".json" || entry.path().extension() == ".bin") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string refusal(const fs::path& file) {
  try {
    readSessionFile(file);
  } catch (const SessionFileError& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("sessions round-trip through JSON and binary with identical evaluations", "[session]") {
  const Session original = sampleSession();
  for (auto format : {SessionFormat::json, SessionFormat::binary}) {
    CAPTURE(toString(format));
    const std::string bytes = encodeSession(original, format);
    const auto loaded = decodeSession(bytes, "memory");
    CHECK(loaded.file.format == format);
    CHECK(loaded.file.major == kSessionFormatMajor);
    CHECK(loaded.file.notices.empty());
    const Session& s = loaded.session;
    CHECK(s.id == original.id);
    CHECK(s.name == "Board review");
    CHECK(s.exportedBy == "Dana");
    CHECK(s.roleModelVersion == builtinRoleModels().version);
    REQUIRE(s.profiles.size() == original.profiles.size());

    TempDir dir;
    Store store(dir / "empty.db");
    auto plan = planImport(&store, {loaded}, {"memory"});
    CHECK(plan.count(ImportStatus::added) == original.profiles.size());
    const auto outcome = applyImport(store, plan);
    CHECK(outcome.added == original.profiles.size());
    CHECK(outcome.notices.empty());

    const RoleModelSet set = roleModelsOf(s);
    CHECK(set.version == builtinRoleModels().version);
    for (std::size_t i = 0; i < s.profiles.size(); ++i) {
      const auto stored = store.profile(original.profiles[i].profile.id);
      REQUIRE(stored);
      CHECK(stored->sameContent(original.profiles[i].profile));
      CHECK(sameResult(seenEvaluation(evaluate(*stored, set)), original.profiles[i].seen));
    }
    const auto sessions = store.sessions();
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].id == original.id);
    CHECK(sessions[0].profileCount == original.profiles.size());
    CHECK(sessions[0].origin.find("exported by Dana") != std::string::npos);
    CHECK(store.sessionSeen(original.id).size() == original.profiles.size());
    const auto seen = seenFromJson(store.sessionSeen(original.id).front().second);
    REQUIRE(seen);
  }
}

TEST_CASE("the binary form is compact and any changed byte is refused", "[session]") {
  const Session original = sampleSession(20);
  const std::string json = encodeSession(original, SessionFormat::json);
  std::string binary = encodeSession(original, SessionFormat::binary);
  CHECK(binary.size() * 2 < json.size());
  // Bytes of the payload (after the ~60-byte header), changed one at a time.
  for (std::size_t at = 64; at < binary.size(); at += 97) {
    std::string changed = binary;
    changed[at] = static_cast<char>(changed[at] ^ 0x01);
    CAPTURE(at);
    CHECK_THROWS_AS(decodeSession(changed, "changed.bin"), SessionFileError);
  }
}

TEST_CASE("edited role models travel with the session", "[session]") {
  RoleModel cto = builtinRoleModels().cto();
  cto.weights[0] = 0.9;  // this CTO also runs operations
  const RoleModelSet edited = withCopies(builtinRoleModels(), std::vector<RoleModel>{cto});
  const Session original = makeSession("Edited", generatedProfiles(30, 9), edited, "Dana");
  const auto loaded = decodeSession(encodeSession(original, SessionFormat::json), "edited.json");
  const RoleModelSet set = roleModelsOf(loaded.session);
  CHECK(set.version == edited.version);
  for (const auto& sp : loaded.session.profiles)
    CHECK(sameResult(seenEvaluation(evaluate(sp.profile, set)), sp.seen));

  TempDir dir;
  Store store(dir / "db.sqlite");
  const auto outcome = applyImport(store, planImport(&store, {loaded}, {"edited.json"}));
  REQUIRE(outcome.notices.size() == 1);
  CHECK(outcome.notices[0].find(edited.version) != std::string::npos);
}

// The example in assets was exported with the role models of 1.0.0, before
// the structure rules were calibrated (1.1.0): such a session still imports,
// keeps what its sender saw, and says that today's results may differ.
TEST_CASE("the example session in assets, from role models 1.0.0, imports with what its sender saw", "[session]") {
  const auto loaded = readSessionFile(kSource / "assets" / "samples" / "example-session.json");
  CHECK(loaded.session.profiles.size() == 7);
  REQUIRE(loaded.session.roleModelVersion == "1.0.0");
  REQUIRE(builtinRoleModels().version != "1.0.0");
  TempDir dir;
  Store store(dir / "db.sqlite");
  const auto outcome = applyImport(store, planImport(&store, {loaded}, {"example-session.json"}));
  CHECK(outcome.added == 7);
  REQUIRE(outcome.notices.size() == 1);
  CHECK_THAT(outcome.notices[0], Catch::Contains("1.0.0") && Catch::Contains("sender's results are kept"));
  int differ = 0;
  for (const auto& sp : loaded.session.profiles) {
    const Evaluation today = evaluate(*store.profile(sp.profile.id), builtinRoleModels());
    differ += !sameResult(seenEvaluation(today), sp.seen);
  }
  // The calibration moved some margins (Brightwell Manufacturing, 4% of its
  // revenue from technology, is no longer a close call with the pair).
  CHECK(differ > 0);
}

TEST_CASE("every hostile file is refused with a message naming it", "[session][hostile]") {
  const auto files = hostileFiles();
  REQUIRE(files.size() >= 40);
  for (const auto& file : files) {
    CAPTURE(file.filename().string());
    const std::string message = refusal(file);
    CHECK(message != "(accepted)");
    CHECK(message.rfind(file.string() + ": ", 0) == 0);
    CHECK(message.find('\n') == std::string::npos);
  }
}

TEST_CASE("hostile files are refused for the right reason", "[session][hostile]") {
  const fs::path dir = kSource / "tests" / "hostile";
  const std::vector<std::pair<std::string, std::string>> expected{
      {"bool-2.bin", "presence flag is 2"},
      {"enum-999.bin", "industry: 999 is not one of"},
      {"nan.bin", "tech_revenue_pct: must be a finite number"},
      {"infinity.bin", "revenue_musd: must be a finite number"},
      {"huge-string.bin", "more than the"},
      {"huge-count.bin", "at most 200000"},
      {"checksum.bin", "checksum mismatch"},
      {"truncated.bin", "truncated"},
      {"trailing-bytes.bin", "unexpected bytes"},
      {"newer-major.bin", "format 2.0"},
      {"newer-major.json", "format 2.3"},
      {"newer-major.json", "reads format 1.x"},
      {"invalid-utf8.json", "not valid UTF-8"},
      {"invalid-utf8.bin", "not valid UTF-8"},
      {"long-name.json", "100000 characters"},
      {"empty-name.json", "name: must not be empty"},
      {"duplicate-ids.json", "appears twice"},
      {"duplicate-ids.bin", "appears twice"},
      {"negative-employees.json", "employees"},
      {"percent-over-100.json", "tech_revenue_pct"},
      {"unknown-industry.json", "\"spaceflight\" is not one of"},
      {"wrong-type-employees.json", "employees: has the wrong type (expected a whole number)"},
      {"missing-field.json", "stage: is missing"},
      {"nan.json", "not valid JSON"},
      {"deep-nesting.json", "not a RoleFit session file"},
      {"foreign.json", "not a RoleFit session file"},
      {"foreign.bin", "not a RoleFit session file"},
      {"empty.json", "empty"},
      {"role-model-weight.json", "weight \"operations\""},
      {"rating-out-of-range.bin", "rating 1, values: cap_security"},
      {"rating-count-lie.bin", "ratings: 1099511627776 items; at most 1000000"},
      {"extension-size-lie.bin", "extension size: claims 1099511627776 bytes"},
      {"withheld-unknown.bin", "withheld \"salary\""},
      {"rating-unknown-profile.json", "rating 1, profile_id: no profile with id"},
      {"rating-out-of-range.json", "rating 2, values: goal_growth"},
      {"rating-twice.json", "\"Ana\" rates profile"},
      {"rating-long-rater.json", "rating 1, rater"},
      {"rating-missing-value.json", "rating 1, cap_vendor: is missing"},
      {"withheld-unknown.json", "withheld \"salary\""},
  };
  for (const auto& [file, words] : expected) {
    CAPTURE(file);
    CHECK_THAT(refusal(dir / file), Catch::Contains(words));
  }
}

TEST_CASE("a newer minor version imports and says what it did not read", "[session]") {
  const fs::path dir = fs::path(ROLEFIT_FIXTURES) / "sessions";
  const auto json = readSessionFile(dir / "newer-minor.json");
  CHECK(json.file.minor == 4);
  CHECK(json.session.profiles.size() == 7);
  REQUIRE(json.file.notices.size() == 2);
  CHECK_THAT(json.file.notices[0], Catch::Contains("profiles[].board_sponsor"));
  CHECK_THAT(json.file.notices[1], Catch::Contains("session.colour"));

  const auto binary = readSessionFile(dir / "newer-minor.bin");
  REQUIRE(binary.file.notices.size() == 1);
  CHECK_THAT(binary.file.notices[0], Catch::Contains("6 bytes"));
  CHECK_THAT(binary.file.notices[0], Catch::Contains("1.4"));

  // The independent Python writer and cereal agree on the layout.
  const auto example = readSessionFile(dir / "example.bin");
  const auto fromJson = readSessionFile(kSource / "assets" / "samples" / "example-session.json");
  REQUIRE(example.session.profiles.size() == fromJson.session.profiles.size());
  CHECK(encodeSession(example.session, SessionFormat::binary) == encodeSession(fromJson.session, SessionFormat::binary));
}

TEST_CASE("files over the size limit are refused before they are read", "[session][hostile]") {
  TempDir dir;
  const fs::path big = dir / "big.json";
  { std::ofstream(big) << "{"; }
  fs::resize_file(big, kSessionFileLimit + 1);  // sparse: no disk used
  CHECK_THAT(refusal(big), Catch::Contains("session files of at most 128 MiB"));
  CHECK_THAT(refusal(dir / "missing.json"), Catch::Contains("no such file"));
  CHECK_THAT(refusal(dir.path()), Catch::Contains("not a regular file"));
}

TEST_CASE("export is atomic: a failed write leaves the earlier file", "[session]") {
  TempDir dir;
  const fs::path target = dir / "share.json";
  const Session first = sampleSession(5);
  exportSession(target, first, SessionFormat::json);
  const std::string before = test::readFile(target);
  CHECK_THROWS(exportSession(dir / "no-such-folder" / "x.json", first, SessionFormat::json));
  // A directory in the way of the temporary file's rename.
  fs::create_directory(dir / "blocked.json");
  fs::create_directory(dir / "blocked.json" / "inside");
  CHECK_THROWS(exportSession(dir / "blocked.json", first, SessionFormat::json));
  CHECK(test::readFile(target) == before);
  for (const auto& entry : fs::directory_iterator(dir.path()))
    CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
}

TEST_CASE("importing with each conflict choice", "[session][merge]") {
  TempDir dir;
  Store store(dir / "db.sqlite");
  auto mine = generatedProfiles(4, 11);
  store.saveAll(mine);
  // Theirs: profile 0 unchanged, 1 and 2 and 3 edited, plus one new.
  auto theirs = mine;
  theirs[1].employees += 10;
  theirs[2].notes = "Their notes";
  theirs[2].employees += 5;
  theirs[3].stage = Stage::enterprise;
  theirs.push_back(generatedProfiles(1, 12).front());
  Session session = makeSession("Theirs", theirs, builtinRoleModels(), "Sam");

  auto plan = planImport(&store, {LoadedSession{session, {}}}, {"theirs.json"});
  REQUIRE(plan.items.size() == 5);
  CHECK(plan.count(ImportStatus::unchanged) == 1);
  CHECK(plan.count(ImportStatus::conflict) == 3);
  CHECK(plan.count(ImportStatus::added) == 1);
  const auto& conflict2 = plan.items[2];
  REQUIRE(conflict2.differences.size() == 2);
  CHECK(conflict2.differences[0].field == "employees");
  CHECK(conflict2.differences[1].field == "notes");
  CHECK(conflict2.differences[1].theirs == "Their notes");

  plan.items[1].choice = ConflictChoice::takeTheirs;
  plan.items[2].choice = ConflictChoice::pickFields;
  plan.items[2].takeFields = {"notes"};
  plan.items[3].choice = ConflictChoice::keepBoth;
  const auto outcome = applyImport(store, plan);
  CHECK(outcome.added == 1);
  CHECK(outcome.updated == 2);
  CHECK(outcome.keptBoth == 1);
  CHECK(outcome.unchanged == 1);

  CHECK(store.profile(mine[1].id)->employees == mine[1].employees + 10);
  CHECK(store.revisions(mine[1].id).size() == 2);  // the overwritten version is kept
  CHECK(store.revision(mine[1].id, 1).employees == mine[1].employees);
  const auto picked = *store.profile(mine[2].id);
  CHECK(picked.notes == "Their notes");
  CHECK(picked.employees == mine[2].employees);  // not picked: mine stays
  CHECK(store.profile(mine[3].id)->stage == mine[3].stage);
  CHECK(store.profileCount() == 6);  // 4 + new + kept-both copy
  const auto copies = store.findByIdOrName(theirs[3].name + " (from Sam)");
  REQUIRE(copies.size() == 1);
  CHECK(copies[0].stage == Stage::enterprise);

  const auto sessions = store.sessions();
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].profileCount == 6);  // every profile of the file, the kept-both copy as well as mine
}

TEST_CASE("two files with one profile in two versions are refused before anything is written", "[session][merge]") {
  TempDir dir;
  Store store(dir / "db.sqlite");
  auto profiles = generatedProfiles(3, 21);
  Session a = makeSession("A", profiles, builtinRoleModels(), "");
  profiles[0].employees += 1;
  Session b = makeSession("B", profiles, builtinRoleModels(), "");
  CHECK_THROWS_WITH(planImport(&store, {LoadedSession{a, {}}, LoadedSession{b, {}}}, {"a.json", "b.json"}),
                    Catch::Contains("also in a.json"));
  CHECK(store.profileCount() == 0);
}

TEST_CASE("stored sessions: create, rename, members, delete", "[session][store]") {
  TempDir dir;
  Store store(dir / "db.sqlite");
  const auto saved = store.saveAll(generatedProfiles(3, 31));
  const auto s = store.createSession("Q3 board");
  const std::vector<std::string> ids{saved[0], saved[1]};
  store.addToSession(s.id, ids);
  CHECK(store.session(s.id)->profileCount == 2);
  store.renameSession(s.id, "Q4 board");
  CHECK(store.findSessions("q4 BOARD").size() == 1);
  CHECK_THROWS_AS(store.renameSession(s.id, ""), ValidationError);
  const std::vector<std::string> unknown{"00000000-0000-4000-8000-000000000000"};
  CHECK_THROWS_AS(store.addToSession(s.id, unknown), StoreError);
  CHECK(store.session(s.id)->profileCount == 2);  // the failed add changed nothing
  store.moveToBin(saved[0]);
  CHECK(store.sessionProfileIds(s.id) == std::vector<std::string>{saved[1]});
  store.emptyBin();  // the binned member goes with it
  CHECK(store.database().execAndGet("SELECT count(*) FROM session_profiles").getInt() == 1);
  store.removeFromSession(s.id, std::vector<std::string>{saved[1]});
  CHECK(store.session(s.id)->profileCount == 0);
  store.deleteSession(s.id);
  CHECK(store.sessions().empty());
  CHECK(store.profileCount() == 2);  // deleting a session keeps its profiles
}

namespace {

// Three raters of the first two profiles, values stepped so that each differs.
Session sessionWithRatings() {
  Session s = sampleSession(3);
  const std::array<std::string, 3> raters{"Ana Lima", "Björn", "Chidi"};
  for (std::size_t p = 0; p < 2; ++p)
    for (std::size_t r = 0; r < raters.size(); ++r) {
      Rating rating{s.profiles[p].profile.id, raters[r], judgementValues(s.profiles[p].profile), "2026-11-30T10:00:00Z"};
      rating.values[0] = static_cast<std::int64_t>(1 + (p + r) % 5);  // regulatory_burden
      rating.values[4] = static_cast<std::int64_t>(r);                 // goal_innovation
      s.ratings.push_back(rating);
    }
  return s;
}

bool sameRatings(const std::vector<Rating>& a, const std::vector<Rating>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Rating& x, const Rating& y) {
    return x.profileId == y.profileId && x.rater == y.rater && x.values == y.values && x.ratedAt == y.ratedAt;
  });
}

}  // namespace

TEST_CASE("ratings travel in session files of both formats", "[session][team]") {
  const Session original = sessionWithRatings();
  for (auto format : {SessionFormat::json, SessionFormat::binary}) {
    CAPTURE(toString(format));
    const auto loaded = decodeSession(encodeSession(original, format), "memory");
    CHECK(loaded.file.minor == kSessionFormatMinor);
    CHECK(loaded.file.notices.empty());
    CHECK(sameRatings(loaded.session.ratings, original.ratings));
    CHECK(loaded.session.withheld.empty());
  }
}

TEST_CASE("withheld values are absent from the file, and the file says what was withheld", "[session][team]") {
  Session s = sessionWithRatings();
  s.profiles[0].profile.notes = "Board only: acquisition talks with Nimbus";
  s.profiles[0].profile.revenue_musd = 4321.987;
  const double revenue = 4321.987;
  const std::string_view revenueBytes(reinterpret_cast<const char*>(&revenue), sizeof revenue);
  // Before withholding, each format holds the revenue one way or the other.
  for (auto format : {SessionFormat::json, SessionFormat::binary}) {
    const std::string bytes = encodeSession(s, format);
    CHECK((bytes.find("4321.987") != std::string::npos || bytes.find(revenueBytes) != std::string::npos));
  }
  WithheldSet withheld;
  withheld.add(Withheld::notes);
  withheld.add(Withheld::revenue_musd);
  withheld.add(Withheld::rater_names);
  withhold(s, withheld);
  for (auto format : {SessionFormat::json, SessionFormat::binary}) {
    CAPTURE(toString(format));
    const std::string bytes = encodeSession(s, format);
    CHECK(bytes.find("Nimbus") == std::string::npos);
    // As text or as the double's own bytes ("4321" alone can turn up in a random id).
    CHECK(bytes.find("4321.987") == std::string::npos);
    CHECK(bytes.find(revenueBytes) == std::string::npos);
    CHECK(bytes.find("Ana Lima") == std::string::npos);
    CHECK(bytes.find("Chidi") == std::string::npos);
    if (format == SessionFormat::json) {
      rapidjson::Document doc;
      doc.Parse(bytes.data(), bytes.size());
      REQUIRE_FALSE(doc.HasParseError());
      for (const auto& p : doc["session"]["profiles"].GetArray()) {  // absent, not blanked
        CHECK_FALSE(p.HasMember("notes"));
        CHECK_FALSE(p.HasMember("revenue_musd"));
        CHECK(p.HasMember("leaders"));
      }
      const auto& listed = doc["rolefit_session"]["withheld"];
      REQUIRE(listed.Size() == 3);
      CHECK(std::string(listed[0].GetString()) == "notes");
      CHECK(std::string(listed[2].GetString()) == "rater_names");
    }
    const auto loaded = decodeSession(bytes, "memory");
    CHECK(loaded.session.withheld == withheld);
    CHECK(loaded.session.profiles[0].profile.notes.empty());
    CHECK_FALSE(loaded.session.profiles[0].profile.revenue_musd);
    // The same person keeps one number across profiles.
    REQUIRE(loaded.session.ratings.size() == 6);
    CHECK(loaded.session.ratings[0].rater == "Rater 1");
    CHECK(loaded.session.ratings[2].rater == "Rater 3");
    CHECK(loaded.session.ratings[3].rater == "Rater 1");
  }
}

TEST_CASE("a withheld field the reader does not know, and hostile ratings, are refused by name", "[session][team][hostile]") {
  const Session original = sessionWithRatings();
  const std::string json = encodeSession(original, SessionFormat::json);
  const auto refused = [](const std::string& bytes) {
    try {
      decodeSession(bytes, "colleague.json");
    } catch (const SessionFileError& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  const auto replaced = [&](std::string_view from, std::string_view to) {
    std::string out = json;
    const auto at = out.find(from);
    REQUIRE(at != std::string::npos);
    out.replace(at, from.size(), to);
    return out;
  };
  CHECK_THAT(refused(replaced("\"withheld\": []", "\"withheld\": [\"salary\"]")),
             Catch::Contains("withheld \"salary\", which this RoleFit does not know"));
  CHECK_THAT(refused(replaced("\"rater\": \"Björn\"", "\"rater\": \"Ana Lima\"")),
             Catch::Contains("rating 2, rater") && Catch::Contains("\"Ana Lima\" rates profile") &&
                 Catch::Contains("twice"));
  CHECK_THAT(refused(replaced("\"regulatory_burden\": 1", "\"regulatory_burden\": 9")),
             Catch::Contains("values: regulatory_burden"));
  CHECK_THAT(refused(replaced(fmt::format("\"profile_id\": \"{}\"", original.ratings[0].profileId),
                              "\"profile_id\": \"00000000-0000-4000-8000-000000000000\"")),
             Catch::Contains("rating 1, profile_id: no profile with id"));
  CHECK_THAT(refused(replaced("\"rater\": \"Chidi\"", "\"rater\": \"\"")), Catch::Contains("rating 3, rater"));
  CHECK_THAT(refused(replaced("\"rated_at\": \"2026-11-30T10:00:00Z\"", "\"rated_at\": \"last Tuesday\"")),
             Catch::Contains("rating 1, rated_at: \"last Tuesday\" is not a UTC time"));

}

TEST_CASE("a file that withheld the results imports without a sender's result", "[session][team]") {
  TempDir dir;
  Session s = sampleSession(3);
  WithheldSet withheld;
  withheld.add(Withheld::results);
  withhold(s, withheld);
  for (auto format : {SessionFormat::json, SessionFormat::binary}) {
    CAPTURE(toString(format));
    Store store(dir / fmt::format("{}.db", toString(format)));
    std::vector<LoadedSession> files{decodeSession(encodeSession(s, format), "memory")};
    auto plan = planImport(&store, std::move(files), {"memory"});
    const auto outcome = applyImport(store, plan);
    CHECK(outcome.added == 3);
    CHECK(store.sessionProfileIds(s.id).size() == 3);
    CHECK(store.sessionSeen(s.id).empty());  // members with a sender's result
  }
}

TEST_CASE("an imported rating keeps the time it was made, and the same file again adds nothing", "[session][team]") {
  TempDir dir;
  const Session s = sessionWithRatings();
  Store store(dir / "r.db");
  const auto import = [&] {
    std::vector<LoadedSession> files{decodeSession(encodeSession(s, SessionFormat::json), "memory")};
    auto plan = planImport(&store, std::move(files), {"memory"});
    return applyImport(store, plan);
  };
  CHECK(import().ratings == 6);
  const auto ratings = store.ratings(s.profiles[0].profile.id);
  REQUIRE(ratings.size() == 3);
  for (const auto& r : ratings) CHECK(r.ratedAt == "2026-11-30T10:00:00Z");
  CHECK(import().ratings == 0);
  CHECK(store.ratingHistory(s.profiles[0].profile.id, "Björn").size() == 1);
}
