// The scoring rules: a profile's inputs to its needs (each rule one of the
// role-model file's, with its sources), the needs to the role fits, and the
// fits to a score per leadership structure. Explanations of a result are in
// evaluate.cpp.
#include "rolefit/scoring/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "rolefit/model/fields.hpp"
#include "scoring/scoring_detail.hpp"

namespace rolefit {
namespace scoring_detail {
namespace {

bool isOperationsHeavy(Industry i) {
  switch (i) {
    case Industry::banking: case Industry::insurance: case Industry::public_sector: case Industry::logistics:
    case Industry::manufacturing: case Industry::retail: case Industry::energy: case Industry::hospitality:
    case Industry::healthcare: case Industry::education:
      return true;
    default: return false;
  }
}

bool isRegulated(Industry i) {
  switch (i) {
    case Industry::banking: case Industry::insurance: case Industry::healthcare: case Industry::pharma:
    case Industry::public_sector: case Industry::energy:
      return true;
    default: return false;
  }
}

bool isTechCentred(Industry i) {
  return i == Industry::software || i == Industry::internet || i == Industry::hardware || i == Industry::telecom;
}

}  // namespace

namespace {

double gap(const Profile& p, Capability c) { return 5.0 - static_cast<double>(p.capability(c)); }
double goal(const Profile& p, Goal g) { return static_cast<double>(p.goal(g)); }

// 0 for up to 10 people, +6 per factor of ten beyond. Remembered for the last
// head count: the what-if search rescores one profile hundreds of times.
double sizeScore(const Profile& p) {
  thread_local std::int64_t lastEmployees = -1;
  thread_local double lastScore = 0;
  if (p.employees != lastEmployees) {
    lastEmployees = p.employees;
    lastScore = std::max(0.0, std::log10(static_cast<double>(std::max<std::int64_t>(p.employees, 1))) - 1.0) * 6.0;
  }
  return lastScore;
}

}  // namespace

// Every rule here is one of the role-model file's rules (engineRuleIds), which
// holds its wording and its sources. Each need is the sum of its rules'
// points, added in this order; a need is recomputed alone, in the same order
// (so to the same bits), when one of its inputs changes.
template <typename Builder>
void addNeed(D d, const Profile& p, Builder& n) {
  const double techPct = p.tech_revenue_pct;
  const double lines = static_cast<double>(std::min<std::int64_t>(p.product_lines, 5));
  const double complexity = static_cast<double>(p.it_complexity - 1);
  switch (d) {
    // Inward: the systems and information the company runs on.
    case D::operations:
      n.add("goal_efficiency", "goal_efficiency", D::operations, goal(p, Goal::efficiency) * 6);
      n.add("goal_transformation", "goal_transformation", D::operations, goal(p, Goal::transformation) * 5);
      n.add("it_complexity", "it_complexity", D::operations, complexity * 7);
      if (p.business_model == BusinessModel::service) n.add("business_model", "service_model", D::operations, 15);
      if (p.business_model == BusinessModel::mixed) n.add("business_model", "service_model", D::operations, 7);
      if (isOperationsHeavy(p.industry)) n.add("industry", "operations_industry", D::operations, 10);
      n.add("cap_infrastructure", "gap_inward", D::operations, gap(p, Capability::infrastructure) * 4);
      n.add("cap_enterprise_systems", "gap_inward", D::operations, gap(p, Capability::enterprise_systems) * 3);
      break;
    case D::security:
      n.add("regulatory_burden", "regulation", D::security, static_cast<double>(p.regulatory_burden - 1) * 11);
      n.add("goal_security", "goal_security", D::security, goal(p, Goal::security) * 7);
      n.add("cap_security", "gap_inward", D::security, gap(p, Capability::security) * 5);
      if (isRegulated(p.industry)) n.add("industry", "regulated_industry", D::security, 10);
      break;
    case D::budget_vendors:
      n.add("goal_cost", "goal_cost", D::budget_vendors, goal(p, Goal::cost) * 8);
      n.add("cap_vendor", "gap_inward", D::budget_vendors, gap(p, Capability::vendor) * 5);
      n.add("employees", "organisation_size", D::budget_vendors, sizeScore(p) * 1.5);
      n.add("it_complexity", "it_complexity", D::budget_vendors, complexity * 4);
      break;
    case D::information:
      n.add("goal_information", "goal_information", D::information, goal(p, Goal::information) * 10);
      n.add("cap_information", "gap_inward", D::information, gap(p, Capability::information) * 6);
      n.add("employees", "organisation_size", D::information, sizeScore(p));
      break;
    // Outward: the technology the company sells or builds for customers.
    case D::product:
      n.add("tech_revenue_pct", "tech_revenue", D::product, techPct * 0.45);
      if (p.business_model == BusinessModel::product) n.add("business_model", "product_model", D::product, 15);
      if (p.business_model == BusinessModel::platform) n.add("business_model", "product_model", D::product, 12);
      n.add("product_lines", "product_lines", D::product, lines * 4);
      n.add("cap_engineering", "gap_outward", D::product, gap(p, Capability::engineering) * 4);
      if (isTechCentred(p.industry)) n.add("industry", "tech_industry", D::product, 10);
      break;
    case D::architecture:
      n.add("tech_revenue_pct", "tech_revenue", D::architecture, techPct * 0.25);
      if (p.business_model == BusinessModel::platform) n.add("business_model", "product_model", D::architecture, 15);
      if (p.business_model == BusinessModel::product) n.add("business_model", "product_model", D::architecture, 8);
      n.add("product_lines", "product_lines", D::architecture, lines * 3);
      n.add("cap_architecture", "gap_outward", D::architecture, gap(p, Capability::architecture) * 5);
      n.add("goal_growth", "goal_growth", D::architecture, goal(p, Goal::growth) * 3);
      if (isTechCentred(p.industry)) n.add("industry", "tech_industry", D::architecture, 8);
      break;
    case D::innovation:
      n.add("goal_innovation", "goal_innovation", D::innovation, goal(p, Goal::innovation) * 10);
      n.add("cap_innovation", "gap_outward", D::innovation, gap(p, Capability::innovation) * 5);
      n.add("goal_growth", "goal_growth", D::innovation, goal(p, Goal::growth) * 4);
      n.add("tech_revenue_pct", "tech_revenue", D::innovation, techPct * 0.1);
      break;
    case D::customer_tech:
      n.add("goal_customer", "goal_customer", D::customer_tech, goal(p, Goal::customer) * 8);
      n.add("tech_revenue_pct", "tech_revenue", D::customer_tech, techPct * 0.35);
      if (p.business_model == BusinessModel::platform) n.add("business_model", "product_model", D::customer_tech, 12);
      if (p.business_model == BusinessModel::product) n.add("business_model", "product_model", D::customer_tech, 6);
      break;
  }
}

template <typename Builder>
void addNeeds(const Profile& p, Builder& n) {
  for (std::size_t d = 0; d < kDimensionCount; ++d) addNeed(static_cast<D>(d), p, n);
}

template void addNeed(D, const Profile&, NeedsBuilder&);
template void addNeed(D, const Profile&, FastNeedsBuilder&);
template void addNeeds(const Profile&, NeedsBuilder&);
template void addNeeds(const Profile&, FastNeedsBuilder&);

DimensionValues computeNeeds(const Profile& p, std::vector<Contribution>* contributions) {
  NeedsBuilder n(contributions);
  addNeeds(p, n);
  return n.finish();
}

namespace {

// The sum of the needs: every role's fit shares it, so it is added up once
// (in dimension order, as each role's covered share is).
double needsTotal(const DimensionValues& needs) {
  double total = 0;
  for (std::size_t d = 0; d < kDimensionCount; ++d) total += needs[d];
  return total;
}

// A role's fit: the share of the needs its weights cover, scaled for the
// stage. The bound's corners (mayChangeRecommendation) sum `covered` and
// `total` their own way and share the rest.
double fitFrom(const RoleModel& role, double covered, double total, Stage stage) {
  const double share = total > 0 ? covered / total : 0.0;
  return std::clamp(100.0 * share * role.stageFactor[static_cast<std::size_t>(stage)], 0.0, 100.0);
}

double roleFit(const RoleModel& role, const DimensionValues& needs, double total, Stage stage) {
  double covered = 0;
  for (std::size_t d = 0; d < kDimensionCount; ++d) covered += role.weights[d] * needs[d];
  return fitFrom(role, covered, total, stage);
}

double sideAverage(const DimensionValues& needs, bool inward) {
  double sum = 0;
  for (std::size_t d = inward ? 0 : 4; d < (inward ? 4u : 8u); ++d) sum += needs[d];
  return sum / 4.0;
}

// How much a company's size makes a second executive worthwhile.
// Revenue from technology (%) at which the structure rules count in full:
// the pair's bonus (both_roles_outward) and a CTO per product line.
constexpr double kPairFullTechRevenuePct = 20.0;
constexpr double kLinesFullTechRevenuePct = 50.0;

double bothRolesScale(Stage stage) {
  constexpr std::array<double, 4> scale{0.2, 0.5, 0.8, 1.0};
  return scale[static_cast<std::size_t>(stage)];
}

// The pair's bonus for size: half the smaller side's average need, by stage.
double pairSizeBonus(double smallerSide, Stage stage) { return 0.5 * smallerSide * bothRolesScale(stage); }

// How much of the pair's size bonus counts: all of it from a fifth of
// revenue from technology, none without any.
double pairOutwardShare(double techRevenuePct) {
  return std::clamp(techRevenuePct / kPairFullTechRevenuePct, 0.0, 1.0);
}

// Which structures the budget (and, for a CTO per line, the number of product
// lines) allows, indexed by Structure.
std::array<bool, kStructureCount> eligibleStructures(LeadershipBudget budget, std::int64_t productLines) {
  const bool canPayTwo = budget != LeadershipBudget::one;
  return {true, true, canPayTwo, true, budget == LeadershipBudget::more && productLines >= 2};
}

// A CTO per product line: 4 points a line beyond the first, in full from half
// of the revenue from technology. Never falls as either input grows.
double perLineBonus(std::int64_t productLines, double techRevenuePct) {
  if (productLines < 2) return 0.0;
  const double lines = static_cast<double>(std::min<std::int64_t>(productLines, 6));
  return 4.0 * (lines - 1) * std::clamp(techRevenuePct / kLinesFullTechRevenuePct, 0.0, 1.0);
}

}  // namespace

// Which needs each input acts on, as a bit per dimension, indexed by the
// field's position in profileFields(). Found once by running every rule with
// every choice and with each number at its ends and middle: a rule may act
// for some values only.
const std::array<std::uint8_t, kMaxFields>& needsActedOn() {
  static const auto masks = [] {
    std::array<std::uint8_t, kMaxFields> out{};
    const auto fields = profileFields();
    std::vector<NeedsBuilder::Touch> touched;
    for (const auto& f : fields) {
      if (f.kind == FieldKind::Text) continue;
      std::vector<double> values;
      if (f.kind == FieldKind::Choice)
        for (std::size_t v = 0; v < f.choices.size(); ++v) values.push_back(static_cast<double>(v));
      else
        values = {f.min, std::floor((f.min + f.max) / 2), f.max};
      for (const double v : values) {
        Profile probe;
        setFieldNumber(probe, f, v);
        NeedsBuilder n(nullptr, &touched);
        addNeeds(probe, n);
      }
    }
    if (fields.size() > kMaxFields) throw std::logic_error("needsActedOn: more fields than it has room for");
    for (const auto& t : touched)
      out[findField(t.field)->position] |= static_cast<std::uint8_t>(1u << idx(t.dimension));
    return out;
  }();
  return masks;
}

Scores scoreFromNeeds(const DimensionValues& needs, const Profile& p, const RoleModelSet& set,
                      std::vector<StructureEffect>* effects) {
  Scores s;
  s.needs = needs;
  const double total = needsTotal(s.needs);
  for (std::size_t r = 0; r < 3; ++r) s.fit[r] = roleFit(set.roleModels[r], s.needs, total, p.stage);
  const double cio = s.fit[0], cto = s.fit[1];
  auto effect = [&](std::string_view field, std::string_view rule, Structure st, double points) {
    if (effects) effects->push_back({field, rule, st, points});
    return points;
  };

  // One leader for both sides fits when neither side dominates: the further
  // apart the CIO and CTO fits, the more a specialist serves instead.
  const double balance = 1.0 - std::fabs(cio - cto) / 100.0;
  const double hybridCoverage = s.fit[2];
  s.fit[2] = hybridCoverage * balance;
  effect("tech_revenue_pct", "specialist_needs", Structure::hybrid, s.fit[2] - hybridCoverage);

  s.structure[idx(Structure::cio_led)] = cio;
  s.structure[idx(Structure::cto_led)] = cto;
  // The stage factor of the hybrid role model carries "small companies have one
  // executive for both"; beyond a thousand people one person rarely can.
  double hybrid = s.fit[2];
  if (effects)  // explanation only: kept off the what-if search's hot path
    effect("stage", "small_company_hybrid", Structure::hybrid,
           s.fit[2] - roleFit(set.hybrid(), s.needs, total, Stage::scaleup) * balance);
  if (p.employees > 1000) hybrid -= effect("employees", "hybrid_workload", Structure::hybrid, 10);
  s.structure[idx(Structure::hybrid)] = std::max(0.0, hybrid);

  // The pair's bonus grows with size, but rests on technology sold to
  // customers: where there is little, the CTO has little to do with products
  // and the CIO leads (003, 004). Full from a fifth of revenue.
  const double sizeBonus = pairSizeBonus(std::min(sideAverage(s.needs, true), sideAverage(s.needs, false)), p.stage);
  const double outward = pairOutwardShare(p.tech_revenue_pct);
  double both = (cio + cto) / 2 + effect("stage", "both_roles", Structure::cio_and_cto, sizeBonus);
  both += effect("tech_revenue_pct", "both_roles_outward", Structure::cio_and_cto, sizeBonus * (outward - 1.0));
  s.structure[idx(Structure::cio_and_cto)] = std::min(100.0, both);
  // A CTO per product line where those lines are technology sold at scale
  // (Cisco, 004): the per-line case grows with the share of revenue they
  // bring, full from half of it, not with their count alone.
  s.structure[idx(Structure::cio_and_product_ctos)] =
      std::min(100.0, both + effect("product_lines", "cto_per_product_line", Structure::cio_and_product_ctos,
                                    perLineBonus(p.product_lines, p.tech_revenue_pct)));

  s.eligible = eligibleStructures(p.leadership_budget, p.product_lines);
  if (!s.eligible[idx(Structure::cio_and_cto)]) effect("leadership_budget", "budget_one", Structure::cio_and_cto, 0);

  // Highest eligible score wins; ties go to the simpler structure (enum order).
  // An ineligible structure is never the runner-up while an eligible one remains.
  const auto better = [&](std::size_t a, std::size_t b) {
    if (s.eligible[a] != s.eligible[b]) return s.eligible[a];
    return s.structure[a] > s.structure[b];
  };
  std::size_t best = 0, second = 1;
  if (better(second, best)) std::swap(best, second);
  for (std::size_t i = 2; i < kStructureCount; ++i) {
    if (better(i, best)) {
      second = best;
      best = i;
    } else if (better(i, second)) {
      second = i;
    }
  }
  s.recommendation = static_cast<Structure>(best);
  s.runnerUp = static_cast<Structure>(second);
  return s;
}

namespace {

struct Range {
  double low, high;
};

Range sumRange(Range a, Range b) { return {a.low + b.low, a.high + b.high}; }

}  // namespace

bool mayChangeRecommendation(const DimensionValues& low, const DimensionValues& high, const Profile& p,
                             const RoleModelSet& set, Structure current, const StructureInputs& inputs) {
  // Each fit is a ratio of two sums linear in every need (covered / total),
  // scaled by a stage factor that is never negative. Raising a need raises
  // the ratio exactly when its weight is above the ratio so far: from the
  // box's all-low corner, the highest ratio raises the varying needs in
  // order of weight while each is above, the lowest in reverse order while
  // each is below.
  std::array<std::size_t, kDimensionCount> varying{};
  std::size_t varyingCount = 0;
  for (std::size_t d = 0; d < kDimensionCount; ++d)
    if (low[d] != high[d]) varying[varyingCount++] = d;
  // Over more, the bound rarely clears anything (measured): let the search try them.
  if (varyingCount > 4) return true;

  double lowTotal = 0;
  std::array<double, 3> lowCovered{};
  for (std::size_t d = 0; d < kDimensionCount; ++d) {
    lowTotal += low[d];
    for (std::size_t r = 0; r < 3; ++r) lowCovered[r] += set.roleModels[r].weights[d] * low[d];
  }
  if (lowTotal <= 0) return true;  // the ratio is undefined at that corner
  std::array<Range, 3> fit{};
  for (std::size_t r = 0; r < 3; ++r) {
    const RoleModel& role = set.roleModels[r];
    std::array<std::size_t, kDimensionCount> byWeight = varying;  // heaviest first
    for (std::size_t i = 1; i < varyingCount; ++i)
      for (std::size_t j = i; j > 0 && role.weights[byWeight[j]] > role.weights[byWeight[j - 1]]; --j)
        std::swap(byWeight[j], byWeight[j - 1]);
    double covered = lowCovered[r], total = lowTotal;
    for (std::size_t i = 0; i < varyingCount; ++i) {
      const std::size_t d = byWeight[i];
      if (role.weights[d] * total <= covered) break;
      covered += role.weights[d] * (high[d] - low[d]);
      total += high[d] - low[d];
    }
    fit[r].high = fitFrom(role, covered, total, p.stage);
    covered = lowCovered[r];
    total = lowTotal;
    for (std::size_t i = varyingCount; i-- > 0;) {
      const std::size_t d = byWeight[i];
      if (role.weights[d] * total >= covered) break;
      covered += role.weights[d] * (high[d] - low[d]);
      total += high[d] - low[d];
    }
    fit[r].low = fitFrom(role, covered, total, p.stage);
  }

  // The rest as scoreFromNeeds has it, over ranges; every structure input
  // moves its terms one way, so its ends bound them.
  const Range cio = fit[0], cto = fit[1];
  const Range difference{cio.low - cto.high, cio.high - cto.low};
  const Range distance = difference.low >= 0   ? difference
                         : difference.high <= 0 ? Range{-difference.high, -difference.low}
                                                : Range{0.0, std::max(-difference.low, difference.high)};
  const Range balance{1.0 - distance.high / 100.0, 1.0 - distance.low / 100.0};
  const Range workload{inputs.employeesLow > 1000 ? 10.0 : 0.0, inputs.employeesHigh > 1000 ? 10.0 : 0.0};
  const Range hybrid{std::max(0.0, fit[2].low * balance.low - workload.high),
                     std::max(0.0, fit[2].high * balance.high - workload.low)};
  const Range inward{sideAverage(low, true), sideAverage(high, true)};
  const Range outwardSide{sideAverage(low, false), sideAverage(high, false)};
  const Range pairBonus{
      pairSizeBonus(std::min(inward.low, outwardSide.low), p.stage) * pairOutwardShare(inputs.techRevenueLow),
      pairSizeBonus(std::min(inward.high, outwardSide.high), p.stage) * pairOutwardShare(inputs.techRevenueHigh)};
  const Range pairBase = sumRange(cio, cto);
  const Range both{std::min(100.0, pairBase.low / 2 + pairBonus.low), std::min(100.0, pairBase.high / 2 + pairBonus.high)};
  const Range perLine{perLineBonus(inputs.productLinesLow, inputs.techRevenueLow),
                      perLineBonus(inputs.productLinesHigh, inputs.techRevenueHigh)};
  const Range lineCtos{std::min(100.0, pairBase.low / 2 + pairBonus.low + perLine.low),
                       std::min(100.0, pairBase.high / 2 + pairBonus.high + perLine.high)};

  std::array<Range, kStructureCount> score{};
  score[idx(Structure::cio_led)] = cio;
  score[idx(Structure::cto_led)] = cto;
  score[idx(Structure::hybrid)] = hybrid;
  score[idx(Structure::cio_and_cto)] = both;
  score[idx(Structure::cio_and_product_ctos)] = lineCtos;
  // Eligible for some value in the ranges, and for every one (more lines
  // never make a structure ineligible).
  const auto mayBeEligible = eligibleStructures(p.leadership_budget, inputs.productLinesHigh);
  const auto alwaysEligible = eligibleStructures(p.leadership_budget, inputs.productLinesLow);
  if (!alwaysEligible[idx(current)]) return true;
  // Bounds summed in another order than the score may differ in the last
  // bits (and a weight a hair from the ratio may be taken or left either
  // way, which moves the ratio by as little): a margin far above that keeps
  // the answer sound.
  constexpr double kRounding = 1e-6;
  for (std::size_t s = 0; s < kStructureCount; ++s)
    if (s != idx(current) && mayBeEligible[s] && score[s].high > score[idx(current)].low - kRounding) return true;
  return false;
}

}  // namespace scoring_detail

using namespace scoring_detail;

Scores score(const Profile& p, const RoleModelSet& set, std::vector<Contribution>* contributions,
             std::vector<StructureEffect>* effects) {
  return scoreFromNeeds(computeNeeds(p, contributions), p, set, effects);
}
}  // namespace rolefit
