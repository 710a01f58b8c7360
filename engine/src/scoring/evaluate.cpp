#include "rolefit/scoring/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include <fmt/format.h>

#include "rolefit/model/fields.hpp"

namespace rolefit {
namespace {

using D = Dimension;

constexpr std::size_t idx(D d) { return static_cast<std::size_t>(d); }
constexpr std::size_t idx(Structure s) { return static_cast<std::size_t>(s); }

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

// Accumulates the needs and, when asked, the contributions behind them (or,
// for the probe that maps inputs to needs, every rule that could act).
// Inlined: the what-if search runs this hundreds of times per profile.
class NeedsBuilder {
 public:
  struct Touch {
    std::string_view field;
    D dimension;
  };
  explicit NeedsBuilder(std::vector<Contribution>* out, std::vector<Touch>* touched = nullptr)
      : out_(out), touched_(touched) {}
  [[gnu::always_inline]] void add(std::string_view field, std::string_view rule, D d, double points) {
    needs_[idx(d)] += points;
    if (out_ && points != 0) [[unlikely]] out_->push_back({field, rule, d, points});
    if (touched_) [[unlikely]] touched_->push_back({field, d});
  }
  void restart(D d) { needs_[idx(d)] = 0; }
  const DimensionValues& raw() const { return needs_; }
  void setRaw(const DimensionValues& raw) { needs_ = raw; }
  DimensionValues finish() const {
    DimensionValues clamped = needs_;
    for (auto& n : clamped) n = std::clamp(n, 0.0, 100.0);
    return clamped;
  }

 private:
  DimensionValues needs_{};
  std::vector<Contribution>* out_;
  std::vector<Touch>* touched_;
};

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

// Every rule here is one of the role-model file's rules (engineRuleIds), which
// holds its wording and its sources. Each need is the sum of its rules'
// points, added in this order; a need is recomputed alone, in the same order
// (so to the same bits), when one of its inputs changes.
void addNeed(D d, const Profile& p, NeedsBuilder& n) {
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

void addNeeds(const Profile& p, NeedsBuilder& n) {
  for (std::size_t d = 0; d < kDimensionCount; ++d) addNeed(static_cast<D>(d), p, n);
}

DimensionValues computeNeeds(const Profile& p, std::vector<Contribution>* contributions) {
  NeedsBuilder n(contributions);
  addNeeds(p, n);
  return n.finish();
}

double roleFit(const RoleModel& role, const DimensionValues& needs, Stage stage) {
  double covered = 0, total = 0;
  for (std::size_t d = 0; d < kDimensionCount; ++d) {
    covered += role.weights[d] * needs[d];
    total += needs[d];
  }
  const double share = total > 0 ? covered / total : 0.0;
  return std::clamp(100.0 * share * role.stageFactor[static_cast<std::size_t>(stage)], 0.0, 100.0);
}

double sideAverage(const DimensionValues& needs, bool inward) {
  double sum = 0;
  for (std::size_t d = inward ? 0 : 4; d < (inward ? 4u : 8u); ++d) sum += needs[d];
  return sum / 4.0;
}

// How much a company's size makes a second executive worthwhile.
double bothRolesScale(Stage stage) {
  constexpr std::array<double, 4> scale{0.2, 0.5, 0.8, 1.0};
  return scale[static_cast<std::size_t>(stage)];
}

std::string factorText(std::string_view key, const Profile& p) {
  const FieldInfo* f = findField(key);
  if (!f) return std::string(key);
  std::string value = fieldText(p, *f);
  if (f->group == FieldGroup::Goals) value += " of 5";
  else if (f->group == FieldGroup::Capabilities) value += " of 5 maturity";
  else if (key == "tech_revenue_pct") value += "%";
  return fmt::format("{}: {}", f->label, value);
}

std::string_view holderName(Structure s, Owner owner) {
  switch (s) {
    case Structure::cio_led: return "CIO";
    case Structure::cto_led: return "CTO";
    case Structure::hybrid: return "Hybrid CIO/CTO";
    case Structure::cio_and_cto:
      return owner == Owner::cio ? "CIO" : owner == Owner::cto ? "CTO" : "CIO and CTO";
    case Structure::cio_and_product_ctos:
      return owner == Owner::cio ? "CIO" : owner == Owner::cto ? "Each product-line CTO" : "CIO and the CTOs";
  }
  return {};
}

// Whether today's leaders include someone who would wear this hat.
bool coveredToday(Leaders leaders, Structure s, Owner owner) {
  if (leaders == Leaders::both || leaders == Leaders::hybrid) return true;
  if (leaders == Leaders::none) return false;
  Owner hat = owner;
  if (s == Structure::cio_led) hat = Owner::cio;
  if (s == Structure::cto_led) hat = Owner::cto;
  if (hat == Owner::shared) return true;  // one of the two is there to take part
  return (hat == Owner::cio) == (leaders == Leaders::cio);
}

// Which needs each input acts on, as a bit per dimension, indexed by the
// field's position in profileFields(). Found once by running every rule with
// every choice and with each number at its ends and middle: a rule may act
// for some values only.
constexpr std::size_t kMaxFields = 32;
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
  for (std::size_t r = 0; r < 3; ++r) s.fit[r] = roleFit(set.roleModels[r], s.needs, p.stage);
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
           s.fit[2] - roleFit(set.hybrid(), s.needs, Stage::scaleup) * balance);
  if (p.employees > 1000) hybrid -= effect("employees", "hybrid_workload", Structure::hybrid, 10);
  s.structure[idx(Structure::hybrid)] = std::max(0.0, hybrid);

  const double bothBonus =
      0.5 * std::min(sideAverage(s.needs, true), sideAverage(s.needs, false)) * bothRolesScale(p.stage);
  const double both = (cio + cto) / 2 + effect("stage", "both_roles", Structure::cio_and_cto, bothBonus);
  s.structure[idx(Structure::cio_and_cto)] = std::min(100.0, both);
  const double lines = static_cast<double>(std::min<std::int64_t>(p.product_lines, 6));
  const double perLine = p.product_lines >= 2 ? 4.0 * (lines - 1) : 0.0;
  s.structure[idx(Structure::cio_and_product_ctos)] =
      std::min(100.0, both + effect("product_lines", "cto_per_product_line", Structure::cio_and_product_ctos, perLine));

  const bool canPayTwo = p.leadership_budget != LeadershipBudget::one;
  s.eligible = {true, true, canPayTwo, true, p.leadership_budget == LeadershipBudget::more && p.product_lines >= 2};
  if (!canPayTwo) effect("leadership_budget", "budget_one", Structure::cio_and_cto, 0);

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

// Scores a profile with one input changed at a time, as the what-if search
// and the reasons do a hundred times per profile: only the needs that input
// acts on are recomputed, each in full and in order, so every score is the
// same to the bit as score() of the changed profile.
class OneChangeScorer {
 public:
  OneChangeScorer(const Profile& profile, const RoleModelSet& set) : profile_(profile), set_(set), needs_(nullptr) {
    addNeeds(profile_, needs_);
    base_ = needs_.raw();
  }

  Scores with(const FieldInfo& field, double value) {
    const std::uint8_t acted = needsActedOn()[field.position];
    const double before = fieldNumber(profile_, field);
    setFieldNumber(profile_, field, value);
    for (std::size_t d = 0; d < kDimensionCount; ++d)
      if (acted & (1u << d)) {
        needs_.restart(static_cast<D>(d));
        addNeed(static_cast<D>(d), profile_, needs_);
      }
    const Scores scores = scoreFromNeeds(needs_.finish(), profile_, set_, nullptr);
    setFieldNumber(profile_, field, before);
    needs_.setRaw(base_);
    return scores;
  }

  const Profile& profile() const { return profile_; }

 private:
  Profile profile_;
  const RoleModelSet& set_;
  NeedsBuilder needs_;
  DimensionValues base_{};
};

// What-if candidates: every other value of a field that can move the result,
// with its distance as a share of the field's range (ordinal steps for ordered
// choices, a fixed half for unordered ones). They are tried nearest first;
// ties keep field order, then value order.
struct Candidate {
  const FieldInfo* field;
  double value;
  // The distance in its top bits, then the field's and the value's position:
  // one integer compare orders two candidates.
  std::uint64_t key;
};

std::uint64_t candidateKey(double distance, std::size_t fieldIndex, std::size_t valueIndex) {
  // Distances lie in [0, 84] (1,000 product lines over a span of 12):
  // 2^33 steps per unit tell apart any two that differ, within 41 bits.
  // Rounded half away from zero, as llround does, without the library call:
  // scaled < 2^41, so the fraction below is exact.
  const double scaled = std::clamp(distance, 0.0, 255.0) * 8589934592.0;
  const double whole = std::floor(scaled);
  const auto steps = static_cast<std::uint64_t>(whole) + (scaled - whole >= 0.5 ? 1 : 0);
  return steps << 15 | static_cast<std::uint64_t>(fieldIndex) << 8 | static_cast<std::uint64_t>(valueIndex);
}

// The values a field's candidates take, in ascending order, and how far each
// lies from the profile's value.
struct CandidateValues {
  const FieldInfo* field = nullptr;
  enum class Distance { linear, logarithmic, unordered } distance = Distance::linear;
  std::vector<double> values;
  std::vector<double> logValues;  // log10 of each value, for the logarithmic distance
  double span = 1;

  double distanceOf(std::size_t i, double current, double logCurrent) const {
    switch (distance) {
      case Distance::linear: return std::fabs(values[i] - current) / span;
      case Distance::logarithmic: return std::fabs(logValues[i] - logCurrent) / span;
      case Distance::unordered: return 0.5;
    }
    return 0.5;
  }
};

const std::vector<CandidateValues>& candidateFields() {
  static const auto all = [] {
    std::vector<CandidateValues> out;
    for (const FieldInfo& f : profileFields()) {
      if (f.key == "name" || f.key == "notes" || f.key == "leaders" || f.key == "revenue_musd") continue;
      CandidateValues c;
      c.field = &f;
      if (f.kind == FieldKind::Choice) {
        const bool ordered = f.key == "stage" || f.key == "leadership_budget";
        c.distance = ordered ? CandidateValues::Distance::linear : CandidateValues::Distance::unordered;
        c.span = static_cast<double>(f.choices.size() - 1);
        for (std::size_t i = 0; i < f.choices.size(); ++i) c.values.push_back(static_cast<double>(i));
      } else if (f.key == "employees") {
        c.distance = CandidateValues::Distance::logarithmic;
        c.span = 7.0;
        c.values = {1.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 1e6, 1e7};
        for (double v : c.values) c.logValues.push_back(std::log10(v));
      } else if (f.key == "tech_revenue_pct") {
        c.span = 100.0;
        for (int v = 0; v <= 100; v += 5) c.values.push_back(v);
      } else if (f.key == "product_lines") {
        c.span = 12.0;
        for (int v = 0; v <= 12; ++v) c.values.push_back(v);
      } else {
        c.span = f.max - f.min;
        for (double v = f.min; v <= f.max; v += 1) c.values.push_back(v);
      }
      out.push_back(std::move(c));
    }
    return out;
  }();
  return all;
}

// One field's candidates, nearest first, made one at a time: values are
// ascending and a distance grows away from the profile's value, so the order
// is a merge of the values below it (walking down) and above it (walking up);
// unordered choices are all equally far and keep their order. The value the
// profile has is no change and is skipped.
class NearestFirst {
 public:
  NearestFirst(const CandidateValues& c, double current) : c_(&c), current_(current) {
    logCurrent_ = c.distance == CandidateValues::Distance::logarithmic ? std::log10(current) : 0;
    n_ = c.values.size();
    if (c.distance == CandidateValues::Distance::unordered) {
      down_ = 0;  // walks up from the first value only
      up_ = skipCurrent(0);
    } else {
      down_ = static_cast<std::size_t>(std::lower_bound(c.values.begin(), c.values.end(), current) -
                                       c.values.begin());
      up_ = down_ < n_ && c.values[down_] == current ? down_ + 1 : down_;
    }
    below_ = down_ > 0 ? keyOf(down_ - 1) : kNone;
    above_ = up_ < n_ ? keyOf(up_) : kNone;
  }

  bool done() const { return below_ == kNone && above_ == kNone; }
  std::uint64_t key() const { return std::min(below_, above_); }

  // The nearest candidate not taken yet; done() must be false.
  Candidate take() {
    if (below_ < above_) {
      --down_;
      const Candidate c{c_->field, c_->values[down_], below_};
      below_ = down_ > 0 ? keyOf(down_ - 1) : kNone;
      return c;
    }
    const Candidate c{c_->field, c_->values[up_], above_};
    up_ = c_->distance == CandidateValues::Distance::unordered ? skipCurrent(up_ + 1) : up_ + 1;
    above_ = up_ < n_ ? keyOf(up_) : kNone;
    return c;
  }

 private:
  static constexpr std::uint64_t kNone = ~std::uint64_t{0};
  std::uint64_t keyOf(std::size_t i) const {
    return candidateKey(c_->distanceOf(i, current_, logCurrent_), c_->field->position, i);
  }
  std::size_t skipCurrent(std::size_t i) const { return i < n_ && c_->values[i] == current_ ? i + 1 : i; }

  const CandidateValues* c_;
  double current_, logCurrent_ = 0;
  std::size_t n_ = 0, down_ = 0, up_ = 0;
  std::uint64_t below_ = kNone, above_ = kNone;
};

// The nearest candidate whose change alters the recommendation. A small heap
// of the fields' next candidates yields them nearest first, each made only
// when its turn comes: the search usually stops long before the end.
std::optional<WhatIf> findWhatIf(OneChangeScorer& scorer, Structure current) {
  const Profile& profile = scorer.profile();
  // The heap holds each field's next key beside it: one integer compare a step.
  struct Next {
    std::uint64_t key;
    NearestFirst* field;
  };
  thread_local std::vector<NearestFirst> fields;  // reused: no allocation per profile
  thread_local std::vector<Next> heap;            // the fields with candidates left
  fields.clear();
  heap.clear();
  for (const auto& c : candidateFields()) fields.emplace_back(c, fieldNumber(profile, *c.field));
  for (auto& f : fields)
    if (!f.done()) heap.push_back({f.key(), &f});
  const auto later = [](const Next& a, const Next& b) { return a.key > b.key; };
  std::make_heap(heap.begin(), heap.end(), later);

  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), later);
    NearestFirst& field = *heap.back().field;
    const Candidate c = field.take();
    if (field.done()) {
      heap.pop_back();
    } else {
      heap.back().key = field.key();
      std::push_heap(heap.begin(), heap.end(), later);
    }

    const Structure result = scorer.with(*c.field, c.value).recommendation;
    if (result != current) {
      Profile changed = profile;
      setFieldNumber(changed, *c.field, c.value);
      WhatIf w{std::string(c.field->key), fieldText(profile, *c.field), fieldText(changed, *c.field), result, ""};
      w.text = fmt::format("If {} were {} instead of {}, the advice would be: {}.", c.field->label, w.to, w.from,
                           describe(result));
      return w;
    }
  }
  return std::nullopt;
}

// The value at which an input contributes nothing to any need. Budget,
// leaders and revenue move no need and are not ablated.
struct Neutral {
  std::string_view field;
  std::string_view value;
};
constexpr std::array<Neutral, 24> kNeutral{{
    {"industry", "other"}, {"business_model", "mixed"}, {"stage", "scaleup"}, {"employees", "10"},
    {"product_lines", "0"}, {"tech_revenue_pct", "0"}, {"regulatory_burden", "1"}, {"it_complexity", "1"},
    {"goal_efficiency", "0"}, {"goal_cost", "0"}, {"goal_innovation", "0"}, {"goal_growth", "0"},
    {"goal_customer", "0"}, {"goal_security", "0"}, {"goal_transformation", "0"}, {"goal_information", "0"},
    {"cap_infrastructure", "5"}, {"cap_security", "5"}, {"cap_information", "5"}, {"cap_enterprise_systems", "5"},
    {"cap_vendor", "5"}, {"cap_engineering", "5"}, {"cap_innovation", "5"}, {"cap_architecture", "5"},
}};

// The neutral values as numbers (choices as their index), parsed once through
// the field table so they follow it; ablation then works on numbers only.
struct NeutralNumber {
  const FieldInfo* field;
  double value;
};
const std::array<NeutralNumber, kNeutral.size()>& neutralNumbers() {
  static const auto numbers = [] {
    std::array<NeutralNumber, kNeutral.size()> out{};
    Profile scratch;
    for (std::size_t i = 0; i < kNeutral.size(); ++i) {
      const FieldInfo* f = findField(kNeutral[i].field);
      setFieldText(scratch, *f, kNeutral[i].value);
      out[i] = {f, fieldNumber(scratch, *f)};
    }
    return out;
  }();
  return numbers;
}

// The rule through which a field acted: a structure-level effect on the two
// structures compared, else its largest push on a need.
std::string_view ruleFor(std::string_view field, Structure rec, Structure runner,
                         const std::vector<Contribution>& contributions, const std::vector<StructureEffect>& effects) {
  std::string_view best;
  double bestPoints = 0;
  for (const auto& fx : effects)
    if (fx.field == field && (fx.structure == rec || fx.structure == runner) && std::fabs(fx.points) > bestPoints) {
      best = fx.rule;
      bestPoints = std::fabs(fx.points);
    }
  if (!best.empty()) return best;
  for (const auto& c : contributions)
    if (c.field == field && std::fabs(c.points) > bestPoints) {
      best = c.rule;
      bestPoints = std::fabs(c.points);
    }
  return best;
}

// Reasons: the inputs that moved the result most. Each input is set in turn
// to the value at which it contributes nothing; how much the recommendation's
// lead over the runner-up shrinks is how much that input moved it.
std::vector<Reason> findReasons(OneChangeScorer& scorer, const RoleModelSet& set, const Scores& scores,
                                const std::vector<Contribution>& contributions,
                                const std::vector<StructureEffect>& effects) {
  const Profile& profile = scorer.profile();
  const Structure rec = scores.recommendation, runner = scores.runnerUp;
  const auto lead = [&](const Scores& s) { return s.structure[idx(rec)] - s.structure[idx(runner)]; };
  const double actualLead = lead(scores);
  // Weighed first, worded after: only the five strongest become text.
  struct Found {
    std::string_view field;
    const Rule* rule;
    double moved;
  };
  thread_local std::vector<Found> found;
  found.clear();
  for (const auto& n : neutralNumbers()) {
    const FieldInfo& f = *n.field;
    if (fieldNumber(profile, f) == n.value) continue;
    const double moved = actualLead - lead(scorer.with(f, n.value));
    if (moved < 0.5) continue;
    const std::string_view ruleId = ruleFor(f.key, rec, runner, contributions, effects);
    if (ruleId.empty()) continue;
    found.push_back({f.key, &set.rule(ruleId), moved});
  }
  // A budget for one executive rules out two, however strong the case for both.
  if (profile.leadership_budget == LeadershipBudget::one) {
    const double bestTwo = std::max(scores.structure[idx(Structure::cio_and_cto)],
                                    scores.structure[idx(Structure::cio_and_product_ctos)]);
    if (bestTwo > scores.structure[idx(rec)])
      found.push_back({"leadership_budget", &set.rule("budget_one"), bestTwo - scores.structure[idx(rec)]});
  }
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.moved > b.moved; });
  std::vector<Reason> reasons;
  reasons.reserve(std::min<std::size_t>(found.size(), 5));
  for (std::size_t i = 0; i < found.size() && i < 5; ++i) {
    const Found& r = found[i];
    reasons.push_back({std::string(r.field), factorText(r.field, profile), r.rule->text, r.rule->id,
                       r.rule->sourceText, r.moved});
  }
  return reasons;
}

}  // namespace

Scores score(const Profile& p, const RoleModelSet& set, std::vector<Contribution>* contributions,
             std::vector<StructureEffect>* effects) {
  return scoreFromNeeds(computeNeeds(p, contributions), p, set, effects);
}

Evaluation evaluate(const Profile& profile, const RoleModelSet& set) {
  Evaluation e;
  e.roleModelVersion = set.version;
  std::vector<Contribution> contributions;
  std::vector<StructureEffect> effects;
  e.scores = score(profile, set, &contributions, &effects);
  const Structure rec = e.scores.recommendation, runner = e.scores.runnerUp;
  e.margin = e.scores.structure[idx(rec)] - (e.scores.eligible[idx(runner)] ? e.scores.structure[idx(runner)] : 0.0);

  OneChangeScorer scorer(profile, set);
  e.reasons = findReasons(scorer, set, e.scores, contributions, effects);
  e.whatIf = findWhatIf(scorer, rec);

  e.responsibilities = assignResponsibilities(set, rec, profile.leaders);

  // Ranked first, copied after: only the three nearest are kept.
  thread_local std::vector<std::pair<double, const ReferenceCompany*>> ranked;
  ranked.clear();
  for (const auto& ref : set.references) {
    double squares = 0;
    for (std::size_t d = 0; d < kDimensionCount; ++d) {
      const double gap = e.scores.needs[d] - ref.needs[d];
      squares += gap * gap;
    }
    ranked.emplace_back(std::max(0.0, 100.0 - std::sqrt(squares / kDimensionCount)), &ref);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; i < ranked.size() && i < 3; ++i) {
    const ReferenceCompany& ref = *ranked[i].second;
    e.nearest.push_back({ref.id, ref.name, ref.structure, ranked[i].first, ref.sourceText});
  }

  if (rec == Structure::cio_and_cto || rec == Structure::cio_and_product_ctos) e.tension = tensionNote();
  return e;
}

std::vector<ResponsibilityAssignment> assignResponsibilities(const RoleModelSet& set, Structure rec, Leaders leaders) {
  std::vector<ResponsibilityAssignment> out;
  out.reserve(set.responsibilities.size());
  for (const auto& r : set.responsibilities) {
    Owner owner = r.owner;
    if (rec == Structure::cio_led) owner = Owner::cio;
    if (rec == Structure::cto_led) owner = Owner::cto;
    out.push_back({&r, owner, holderName(rec, owner), coveredToday(leaders, rec, owner)});
  }
  return out;
}

std::string_view tensionNote() {
  return "Expect a healthy tension: the CTO experiments and spends on projects that may fail, the CIO governs and "
         "guards risk and cost. Agree early who decides what (003).";
}

}  // namespace rolefit
