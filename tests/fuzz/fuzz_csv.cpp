// libFuzzer target: both CSV readers (profiles, ratings) on the same bytes.
// Whatever they accept must hold: valid profiles, ratings within range.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/csv/ratings_csv.hpp"
#include "rolefit/model/fields.hpp"
#include "rolefit/team/team.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto profiles = rolefit::readProfilesCsv(bytes);
  if (profiles.problems.empty() == profiles.profiles.empty()) std::abort();  // either profiles or problems
  for (const auto& p : profiles.profiles)
    if (!rolefit::validate(p).empty()) std::abort();  // accepted an invalid profile

  const auto ratings = rolefit::readRatingsCsv(bytes);
  if (ratings.problems.empty() == ratings.rows.empty()) std::abort();
  const auto fields = rolefit::judgementFields();
  for (const auto& row : ratings.rows) {
    if (row.profile.empty() || rolefit::raterNameProblem(row.rater)) std::abort();
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (row.values[i] && (static_cast<double>(*row.values[i]) < fields[i]->min ||
                            static_cast<double>(*row.values[i]) > fields[i]->max))
        std::abort();
  }
  return 0;
}
