// Golden cases: every reference company evaluates to the structure its
// source advises.
#include <catch2/catch.hpp>

#include "rolefit/scoring/evaluate.hpp"

using namespace rolefit;

TEST_CASE("every reference company evaluates to its own advised structure") {
  const RoleModelSet& set = builtinRoleModels();
  REQUIRE(set.references.size() >= 6);
  for (const auto& ref : set.references) {
    const Evaluation e = evaluate(ref.profile, set);
    INFO(ref.name << ": got " << toString(e.scores.recommendation) << " (runner-up " << toString(e.scores.runnerUp)
                  << ", margin " << e.margin << "), cio " << e.scores.fit[0] << " cto " << e.scores.fit[1]
                  << " hybrid " << e.scores.fit[2]);
    CHECK(e.scores.recommendation == ref.structure);
    REQUIRE_FALSE(e.nearest.empty());
    CHECK(e.nearest.front().id == ref.id);  // its own archetype is the nearest
    CHECK(e.nearest.front().similarity == Approx(100.0));
  }
}
