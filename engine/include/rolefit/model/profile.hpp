// A company profile: every field of the interchange contract (SPEC.md) plus
// bookkeeping. Values are kept as entered; validate() says what is wrong.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace rolefit {

enum class Industry : std::uint8_t {
  software, internet, hardware, telecom, banking, insurance, healthcare, pharma,
  manufacturing, retail, logistics, energy, public_sector, education, media,
  professional_services, hospitality, other
};
enum class BusinessModel : std::uint8_t { product, service, platform, mixed };
enum class Stage : std::uint8_t { startup, scaleup, established, enterprise };
enum class LeadershipBudget : std::uint8_t { one, two, more };
enum class Leaders : std::uint8_t { none, cio, cto, both, hybrid };

enum class Goal : std::uint8_t {
  efficiency, cost, innovation, growth, customer, security, transformation, information
};
enum class Capability : std::uint8_t {
  infrastructure, security, information, enterprise_systems, vendor, engineering,
  innovation, architecture
};
inline constexpr std::size_t kGoalCount = 8;
inline constexpr std::size_t kCapabilityCount = 8;

struct Profile {
  std::string id;  // UUID, lower-case, assigned by the store when empty
  std::string name;
  std::string notes;

  Industry industry = Industry::other;
  BusinessModel business_model = BusinessModel::mixed;
  Stage stage = Stage::startup;
  std::int64_t employees = 1;
  std::optional<double> revenue_musd;
  std::int64_t product_lines = 0;
  double tech_revenue_pct = 0.0;
  std::int64_t regulatory_burden = 3;
  std::int64_t it_complexity = 3;
  LeadershipBudget leadership_budget = LeadershipBudget::one;
  std::array<std::int64_t, kGoalCount> goals{};
  std::array<std::int64_t, kCapabilityCount> capabilities{3, 3, 3, 3, 3, 3, 3, 3};
  Leaders leaders = Leaders::none;

  std::int64_t revision = 0;  // 0 until first saved
  std::string created_at;     // ISO 8601 UTC
  std::string updated_at;

  std::int64_t goal(Goal g) const { return goals[static_cast<std::size_t>(g)]; }
  std::int64_t capability(Capability c) const { return capabilities[static_cast<std::size_t>(c)]; }

  // Equal in every contract field (bookkeeping ignored).
  bool sameContent(const Profile& other) const;
};

}  // namespace rolefit
