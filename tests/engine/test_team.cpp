// Team assessment: consensus, agreement, decisive disagreements, ratings in
// the store and ratings CSV.
#include <catch2/catch.hpp>

#include <random>

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/csv/ratings_csv.hpp"
#include "rolefit/store/store.hpp"
#include "rolefit/team/team.hpp"
#include "support/support.hpp"

using namespace rolefit;
using rolefit::test::TempDir;

namespace {

const RoleModelSet& roleModels() { return builtinRoleModels(); }

std::size_t indexOf(std::string_view key) {
  const auto fields = judgementFields();
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i]->key == key) return i;
  FAIL("no judgement field " << key);
  return 0;
}

Profile company() {
  auto profiles = readProfilesCsv(test::generatedCsv(1, 3)).profiles;
  REQUIRE(profiles.size() == 1);
  Profile p = profiles.front();
  p.id = "5b0a55c5-0000-4000-8000-000000000001";
  return p;
}

Rating rating(const Profile& p, std::string rater, std::initializer_list<std::pair<std::string_view, int>> values) {
  Rating r{p.id, std::move(rater), judgementValues(p), ""};
  for (const auto& [key, value] : values) r.values[indexOf(key)] = value;
  return r;
}

}  // namespace

TEST_CASE("the judgement fields are the eighteen ratings, in field order") {
  const auto fields = judgementFields();
  REQUIRE(fields.size() == kJudgementCount);
  CHECK(fields.front()->key == "regulatory_burden");
  CHECK(fields[1]->key == "it_complexity");
  CHECK(fields[2]->key == "goal_efficiency");
  CHECK(fields.back()->key == "cap_architecture");
  for (std::size_t i = 1; i < fields.size(); ++i) CHECK(fields[i - 1]->position < fields[i]->position);
}

TEST_CASE("consensus: the median per field, for an even count the middle pair's mean rounded half up") {
  const Profile p = company();
  std::vector<Rating> three{rating(p, "A", {{"goal_innovation", 5}}), rating(p, "B", {{"goal_innovation", 1}}),
                            rating(p, "C", {{"goal_innovation", 2}})};
  CHECK(consensusValues(three)[indexOf("goal_innovation")] == 2);
  std::vector<Rating> four = three;
  four.push_back(rating(p, "D", {{"goal_innovation", 3}}));  // 1 2 3 5: the middle pair 2 and 3 gives 3
  CHECK(consensusValues(four)[indexOf("goal_innovation")] == 3);
  four[3].values[indexOf("goal_innovation")] = 4;  // 1 2 4 5: 3
  CHECK(consensusValues(four)[indexOf("goal_innovation")] == 3);
  std::vector<Rating> two{rating(p, "A", {{"cap_security", 1}}), rating(p, "B", {{"cap_security", 4}})};
  CHECK(consensusValues(two)[indexOf("cap_security")] == 3);  // 2.5 rounds up
  std::vector<Rating> one{rating(p, "A", {{"it_complexity", 4}})};
  CHECK(consensusValues(one)[indexOf("it_complexity")] == 4);
}

TEST_CASE("a team's result: each rater's advice, the agreement, and the decisive fields checked by brute force") {
  std::mt19937 random(20261203);
  const auto profiles = readProfilesCsv(test::generatedCsv(60, 17)).profiles;
  const auto fields = judgementFields();
  int decisiveSeen = 0;
  for (std::size_t n = 0; n < profiles.size(); ++n) {
    Profile p = profiles[n];
    p.id = fmt::format("5b0a55c5-0000-4000-8000-{:012}", n);
    std::vector<Rating> ratings;
    const int raters = 2 + static_cast<int>(n % 5);
    for (int r = 0; r < raters; ++r) {
      Rating rating{p.id, fmt::format("Rater {}", r), judgementValues(p), ""};
      for (std::size_t i = 0; i < kJudgementCount; ++i)
        if (random() % 3 == 0)
          rating.values[i] = static_cast<std::int64_t>(fields[i]->min) +
                             static_cast<std::int64_t>(random() % static_cast<unsigned>(fields[i]->max - fields[i]->min + 1));
      ratings.push_back(rating);
    }
    const TeamEvaluation team = evaluateTeam(p, ratings, roleModels());
    CAPTURE(n);
    REQUIRE(team.raters.size() == ratings.size());
    std::size_t counted = 0;
    for (const auto c : team.agreement) counted += c;
    CHECK(counted == ratings.size());
    const Structure agreed = team.consensus.scores.recommendation;
    CHECK(agreed == score(withJudgements(p, consensusValues(ratings)), roleModels()).recommendation);
    bool decisiveBlockOver = false;
    for (const auto& d : team.disagreements) {
      CHECK(d.spread > 0);
      // Decisive ones come first.
      if (!d.decisive) decisiveBlockOver = true;
      else CHECK_FALSE(decisiveBlockOver);
      // Every rating given each rater's value in turn.
      bool flips = false;
      for (const auto v : d.values) {
        auto values = team.consensusValues;
        values[d.field->position == fields[0]->position ? 0 : indexOf(d.field->key)] = v;
        flips |= score(withJudgements(p, values), roleModels()).recommendation != agreed;
      }
      CHECK(d.decisive == flips);
      decisiveSeen += d.decisive ? 1 : 0;
    }
  }
  CHECK(decisiveSeen > 0);
}

TEST_CASE("ratings are stored with history, replaced per rater, and checked before anything is written") {
  TempDir dir;
  const auto path = dir / "r.db";
  Store store(path);
  Profile p = store.save(company());
  REQUIRE(store.ratings(p.id).empty());

  store.saveRatings(std::vector{rating(p, "Ana", {{"goal_cost", 5}}), rating(p, "Ben", {{"goal_cost", 1}})});
  auto current = store.ratings(p.id);
  REQUIRE(current.size() == 2);
  CHECK(current[0].rater == "Ana");
  CHECK(current[0].values[indexOf("goal_cost")] == 5);
  CHECK_FALSE(current[0].ratedAt.empty());

  // Ana rates again: her first rating stays as history.
  store.saveRatings(std::vector{rating(p, "Ana", {{"goal_cost", 2}})});
  current = store.ratings(p.id);
  REQUIRE(current.size() == 2);
  CHECK(current[0].values[indexOf("goal_cost")] == 2);
  const auto history = store.ratingHistory(p.id, "Ana");
  REQUIRE(history.size() == 2);
  CHECK(history[0].values[indexOf("goal_cost")] == 2);
  CHECK(history[1].values[indexOf("goal_cost")] == 5);

  // Bad ratings: nothing written, the problem named.
  const auto before = test::readFile(path);
  Rating outOfRange = rating(p, "Cy", {});
  outOfRange.values[indexOf("goal_growth")] = 9;
  CHECK_THROWS_WITH(store.saveRatings(std::vector{rating(p, "Cy", {}), outOfRange}),
                    Catch::Contains("rating 2") && Catch::Contains("goal_growth"));
  Rating unknown = rating(p, "Cy", {});
  unknown.profileId = "5b0a55c5-0000-4000-8000-00000000ffff";
  CHECK_THROWS_WITH(store.saveRatings(std::vector{rating(p, "Cy", {}), unknown}),
                    Catch::Contains("rating 2") && Catch::Contains("no profile"));
  CHECK_THROWS_WITH(store.saveRatings(std::vector{rating(p, std::string(300, 'x'), {})}), Catch::Contains("rater"));
  CHECK_THROWS_WITH(store.saveRatings(std::vector{rating(p, "Bell\x07", {})}), Catch::Contains("control"));
  CHECK(store.ratings(p.id).size() == 2);

  // At most kMaxRatersPerProfile raters on a profile.
  std::vector<Rating> many;
  for (std::size_t i = 0; i < kMaxRatersPerProfile; ++i) many.push_back(rating(p, fmt::format("R{:04}", i), {}));
  CHECK_THROWS_WITH(store.saveRatings(many), Catch::Contains("more than 1000 raters"));
  CHECK(store.ratings(p.id).size() == 2);

  // A profile in the bin takes no ratings; emptying the bin removes them.
  store.moveToBin(p.id);
  CHECK_THROWS_WITH(store.saveRatings(std::vector{rating(p, "Dee", {})}), Catch::Contains("bin"));
  store.emptyBin();
  SQLite::Database db(path.string());
  CHECK(db.execAndGet("SELECT count(*) FROM ratings").getInt() == 0);
}

TEST_CASE("ratings CSV: columns by name, empty cells keep the profile's own value, problems by row and field") {
  const auto ok = readRatingsCsv(
      "\xEF\xBB\xBFprofile,rater,goal_innovation,cap_security\r\n"
      "Acme,Ana,5,\r\n"
      "\"Acme, Inc.\",\"Ben \"\"B\"\"\",0,3\r\n");
  REQUIRE(ok.problems.empty());
  REQUIRE(ok.rows.size() == 2);
  CHECK(ok.rows[0].row == 2);
  CHECK(ok.rows[0].values[indexOf("goal_innovation")] == 5);
  CHECK_FALSE(ok.rows[0].values[indexOf("cap_security")].has_value());
  CHECK(ok.rows[1].profile == "Acme, Inc.");
  CHECK(ok.rows[1].rater == "Ben \"B\"");

  auto problemOf = [](std::string_view csv) {
    const auto result = readRatingsCsv(csv);
    REQUIRE_FALSE(result.problems.empty());
    CHECK(result.rows.empty());
    return result.problems.front();
  };
  auto p = problemOf("profile,rater,goal_innovation,shoe_size\nAcme,Ana,5,44\n");
  CHECK(p.row == 1);
  CHECK_THAT(p.message, Catch::Contains("unknown column") && Catch::Contains("shoe_size"));
  p = problemOf("profile,rater,employees\nAcme,Ana,5\n");
  CHECK_THAT(p.message, Catch::Contains("a fact of the profile"));
  p = problemOf("profile,goal_cost\nAcme,5\n");
  CHECK(p.field == "rater");
  p = problemOf("profile,rater,goal_cost\nAcme,Ana,6\n");
  CHECK(p.row == 2);
  CHECK(p.field == "goal_cost");
  CHECK_THAT(p.message, Catch::Contains("out of range"));
  p = problemOf("profile,rater,goal_cost\nAcme,Ana,4.5\n");
  CHECK(p.field == "goal_cost");
  p = problemOf("profile,rater,goal_cost\nAcme,,4\n");
  CHECK(p.field == "rater");
  p = problemOf("profile,rater,goal_cost\n,Ana,4\n");
  CHECK(p.field == "profile");
  p = problemOf("profile,rater,goal_cost\nAcme,Ana\n");
  CHECK_THAT(p.message, Catch::Contains("cells"));
  p = problemOf(fmt::format("profile,rater\nAcme,{}\n", std::string(10u << 20, 'n')));
  CHECK(p.field == "rater");
  CHECK_THAT(p.message, Catch::Contains("at most 200"));
  p = problemOf("profile,rater\n");
  CHECK_THAT(p.message, Catch::Contains("no rows"));
  p = problemOf("");
  CHECK_THAT(p.message, Catch::Contains("empty"));
  p = problemOf("profile,rater\n\"Acme,Ana\n");
  CHECK_THAT(p.message, Catch::Contains("quoting"));
}
