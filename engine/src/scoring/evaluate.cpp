// A result explained: the what-if (the nearest single change that alters the
// advice), the reasons (the inputs that moved it most), who holds each
// responsibility, all over the rules in needs.cpp.
#include "rolefit/scoring/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "rolefit/model/fields.hpp"
#include "scoring/scoring_detail.hpp"

namespace rolefit {
using namespace scoring_detail;

namespace {

// "1.5 points", "1 point": a margin as the window and reports show it.
std::string pointsText(double margin) {
  const double rounded = std::round(margin * 10) / 10;
  return fmt::format("{:.1f} point{}", rounded, rounded == 1.0 ? "" : "s");
}

// "Product innovation: 3 of 5". Put together by appending: five per profile,
// and formatting was a tenth of the reasons' cost.
std::string factorText(const FieldInfo& f, const Profile& p) {
  std::string text(f.label);
  text += ": ";
  text += fieldText(p, f);
  if (f.group == FieldGroup::Goals) text += " of 5";
  else if (f.group == FieldGroup::Capabilities) text += " of 5 maturity";
  else if (f.key == "tech_revenue_pct") text += "%";
  return text;
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

// A field whose rules add to needs in proportion to its value alone (the
// ratings, revenue from technology): the points it adds to each need per
// step. Found once and checked at both ends and a step in, on profiles unlike
// each other, so that a bound can take a field's needs at any value from the
// profile's own without running the rules.
bool isLinear(const FieldInfo& f) { return isJudgement(f) || f.key == "tech_revenue_pct"; }

const std::array<DimensionValues, kMaxFields>& linearSlopes() {
  static const auto slopes = [] {
    std::array<DimensionValues, kMaxFields> out{};
    std::array<Profile, 3> probes{};
    for (const FieldInfo& f : profileFields()) {
      if (f.kind == FieldKind::Text) continue;
      setFieldNumber(probes[1], f, f.kind == FieldKind::Choice ? static_cast<double>(f.choices.size() - 1) : f.max);
      setFieldNumber(probes[2], f, f.kind == FieldKind::Choice ? 1.0 : std::floor((f.min + f.max) / 2));
    }
    for (const FieldInfo& f : profileFields()) {
      if (!isLinear(f)) continue;
      for (std::size_t probe = 0; probe < probes.size(); ++probe) {
        const auto rawAt = [&](double value) {
          Profile p = probes[probe];
          setFieldNumber(p, f, value);
          FastNeedsBuilder needs;
          addNeeds(p, needs);
          return needs.raw();
        };
        const DimensionValues low = rawAt(f.min), next = rawAt(f.min + 1), high = rawAt(f.max);
        for (std::size_t d = 0; d < kDimensionCount; ++d) {
          const double slope = (high[d] - low[d]) / (f.max - f.min);
          if (probe == 0) out[f.position][d] = slope;
          if (std::fabs(slope - out[f.position][d]) > 1e-9 || std::fabs(next[d] - low[d] - slope) > 1e-9)
            throw std::logic_error("linearSlopes: a rule is not linear in " + std::string(f.key));
        }
      }
    }
    return out;
  }();
  return slopes;
}

// The one need a rating acts on, or kDimensionCount when it acts on several.
std::size_t onlyNeedOf(const FieldInfo& f) {
  const std::uint8_t acted = needsActedOn()[f.position];
  if (acted == 0 || (acted & (acted - 1)) != 0) return kDimensionCount;
  std::size_t d = 0;
  while (!(acted & (1u << d))) ++d;
  return d;
}

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
  // Rounded half away from zero, as llround does, without the library calls:
  // scaled is not negative (its truncation is its floor) and below 2^41, so
  // the fraction below is exact.
  const double scaled = std::clamp(distance, 0.0, 255.0) * 8589934592.0;
  const auto whole = static_cast<std::uint64_t>(scaled);
  const auto steps = whole + (scaled - static_cast<double>(whole) >= 0.5 ? 1 : 0);
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
  // Every need and structure input the field acts on moves one way as its
  // value grows (a rating, revenue from technology, head count, product
  // lines): whatever all values between two ends give lies between what the
  // ends give, and one bound can clear them all.
  bool monotone = false;
  // Its needs follow from the profile's by linearSlopes().
  bool linear = false;
  // A rating that acts on one need alone: that need (else kDimensionCount),
  // and the points it adds to it per step of its value.
  std::size_t onlyNeed = kDimensionCount;
  double slope = 0;
  // Which structure input it is, if any: a bound lets it span its values.
  enum class Input { none, techRevenue, employees, productLines } input = Input::none;

  // `inputs` with this field's input spanning [from, to].
  void spread(StructureInputs& inputs, double from, double to) const {
    const double low = std::min(from, to), high = std::max(from, to);
    switch (input) {
      case Input::none: break;
      case Input::techRevenue:
        inputs.techRevenueLow = low;
        inputs.techRevenueHigh = high;
        break;
      case Input::employees:
        inputs.employeesLow = std::llround(low);
        inputs.employeesHigh = std::llround(high);
        break;
      case Input::productLines:
        inputs.productLinesLow = std::llround(low);
        inputs.productLinesHigh = std::llround(high);
        break;
    }
  }

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
        c.monotone = true;
        c.input = CandidateValues::Input::employees;
      } else if (f.key == "tech_revenue_pct") {
        c.span = 100.0;
        for (int v = 0; v <= 100; v += 5) c.values.push_back(v);
        c.monotone = true;
        c.input = CandidateValues::Input::techRevenue;
      } else if (f.key == "product_lines") {
        c.span = 12.0;
        for (int v = 0; v <= 12; ++v) c.values.push_back(v);
        c.monotone = true;
        c.input = CandidateValues::Input::productLines;
      } else {
        c.span = f.max - f.min;
        for (double v = f.min; v <= f.max; v += 1) c.values.push_back(v);
        c.monotone = isJudgement(f);  // acts on needs alone, in proportion to its value
        if (c.monotone) {
          c.onlyNeed = onlyNeedOf(f);
          if (c.onlyNeed < kDimensionCount) c.slope = linearSlopes()[f.position][c.onlyNeed];
        }
      }
      c.linear = isLinear(f);
      out.push_back(std::move(c));
    }
    return out;
  }();
  return all;
}

// For each need, the candidate fields (by their place in candidateFields())
// that act on it alone: bounded together, once per need.
const std::array<std::vector<std::size_t>, kDimensionCount>& oneNeedGroups() {
  static const auto groups = [] {
    std::array<std::vector<std::size_t>, kDimensionCount> out;
    const auto& fields = candidateFields();
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (fields[i].onlyNeed < kDimensionCount) out[fields[i].onlyNeed].push_back(i);
    return out;
  }();
  return groups;
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
  double current() const { return current_; }
  std::uint64_t key() const { return std::min(below_, above_); }
  const CandidateValues& values() const { return *c_; }

  // The side the next candidate comes from, how many are left on it, and
  // the farthest of them.
  bool nextIsBelow() const { return below_ < above_; }
  std::size_t leftOnSide(bool below) const { return below ? down_ : n_ - up_; }
  double farthestOnSide(bool below) const { return below ? c_->values.front() : c_->values.back(); }
  // Each side is offered for a bound once, when its first candidate is next.
  bool firstOfSide(bool below) {
    bool& offered = below ? belowOffered_ : aboveOffered_;
    return !std::exchange(offered, true);
  }
  bool firstOfField() { return !std::exchange(fieldOffered_, true); }
  void dropAll() {
    dropSide(true);
    dropSide(false);
  }
  void dropSide(bool below) {
    if (below) {
      down_ = 0;
      below_ = kNone;
    } else {
      up_ = n_;
      above_ = kNone;
    }
  }

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
  bool fieldOffered_ = false, belowOffered_ = false, aboveOffered_ = false;
};

// The nearest candidate whose change alters the recommendation. A small heap
// of the fields' next candidates yields them nearest first, each made only
// when its turn comes: the search usually stops long before the end.
std::optional<WhatIf> findWhatIf(OneChangeScorer& scorer, Structure current, bool useBounds) {
  const Profile& profile = scorer.profile();
  // The heap holds each field's next key beside it: one integer compare a step.
  struct Next {
    std::uint64_t key;
    NearestFirst* field;
  };
  // Locals, not thread_local: mingw-w64 frees a thread_local's storage
  // before its destructor runs at thread exit (a crash 1 run in 40 of
  // evaluate under wine); two allocations are nothing beside the profile's.
  std::vector<NearestFirst> fields;
  std::vector<Next> heap;  // the fields with candidates left
  fields.reserve(candidateFields().size());  // no reallocation: `heap` points into it
  heap.reserve(candidateFields().size());
  for (const auto& c : candidateFields()) fields.emplace_back(c, fieldNumber(profile, *c.field));
  for (auto& f : fields)
    if (!f.done()) heap.push_back({f.key(), &f});
  const auto later = [](const Next& a, const Next& b) { return a.key > b.key; };
  std::make_heap(heap.begin(), heap.end(), later);

  // The ratings that act on one need alone are bounded together, once per
  // need: any one of them changed moves that need only, within the union of
  // their ranges. One cheap bound so clears several fields.
  std::array<bool, kDimensionCount> groupTried{};
  const auto boundGroup = [&](std::size_t need) {
    groupTried[need] = true;
    const double raw = scorer.rawNeeds()[need];
    double low = raw, high = raw;
    for (const std::size_t i : oneNeedGroups()[need]) {
      const NearestFirst& f = fields[i];
      const CandidateValues& c = f.values();
      const double a = raw + c.slope * (c.values.front() - f.current()), b = raw + c.slope * (c.values.back() - f.current());
      low = std::min({low, a, b});
      high = std::max({high, a, b});
    }
    DimensionValues lows = scorer.needs(), highs = lows;
    lows[need] = std::clamp(low, 0.0, 100.0);
    highs[need] = std::clamp(high, 0.0, 100.0);
    if (mayChangeRecommendation(lows, highs, profile, scorer.set(), current)) return;
    for (const std::size_t i : oneNeedGroups()[need]) fields[i].dropAll();
  };

  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), later);
    NearestFirst& field = *heap.back().field;
    const std::size_t need = field.values().onlyNeed;
    if (useBounds && need < kDimensionCount && !groupTried[need]) boundGroup(need);
    if (field.done()) {  // cleared with its group
      heap.pop_back();
      continue;
    }
    // A monotone field's candidates are bounded before the first is scored:
    // all of them at once, else each side with several left. If no value
    // there can change the advice, none of them is scored. One bound costs
    // about what scoring one or two candidates does.
    if (useBounds && field.values().monotone) {
      const bool below = field.nextIsBelow();
      const CandidateValues& values = field.values();
      const auto cannotChange = [&](double from, double to) {
        DimensionValues low{}, high{};
        if (values.linear) {
          const DimensionValues& raw = scorer.rawNeeds();
          const DimensionValues& slope = linearSlopes()[values.field->position];
          for (std::size_t d = 0; d < kDimensionCount; ++d) {
            const double a = raw[d] + slope[d] * (from - field.current()), b = raw[d] + slope[d] * (to - field.current());
            low[d] = std::clamp(std::min(a, b), 0.0, 100.0);
            high[d] = std::clamp(std::max(a, b), 0.0, 100.0);
          }
        } else {
          const DimensionValues a = scorer.needsWith(*values.field, from), b = scorer.needsWith(*values.field, to);
          for (std::size_t d = 0; d < kDimensionCount; ++d) {
            low[d] = std::min(a[d], b[d]);
            high[d] = std::max(a[d], b[d]);
          }
        }
        StructureInputs inputs = StructureInputs::of(profile);
        values.spread(inputs, from, to);
        return !mayChangeRecommendation(low, high, profile, scorer.set(), current, inputs);
      };
      bool drop = false;
      if (field.firstOfField()) {
        drop = cannotChange(values.values.front(), values.values.back());
        if (drop) field.dropAll();
      }
      if (!drop && field.firstOfSide(below) && field.leftOnSide(below) >= 2) {
        drop = cannotChange(field.current(), field.farthestOnSide(below));
        if (drop) field.dropSide(below);
      }
      if (drop) {
        if (field.done()) {
          heap.pop_back();
        } else {
          heap.back().key = field.key();
          std::push_heap(heap.begin(), heap.end(), later);
        }
        continue;
      }
    }
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
      // Appended, not formatted: one per profile, and formatting cost more than the words.
      w.text.append("If ").append(c.field->label).append(" were ").append(w.to).append(" instead of ");
      w.text.append(w.from).append(", the advice would be: ").append(describe(result)).append(".");
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

const FieldInfo* budgetField() {
  static const FieldInfo* const field = findField("leadership_budget");
  return field;
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
  // Weighed first, then the rule behind each found and worded, strongest
  // first: only the five strongest with a rule become reasons.
  struct Found {
    const FieldInfo* field;
    const Rule* rule;  // found after sorting (null until then), but for the budget's
    double moved;
  };
  std::vector<Found> found;  // not thread_local: see findWhatIf
  found.reserve(neutralNumbers().size());
  for (const auto& n : neutralNumbers()) {
    const FieldInfo& f = *n.field;
    if (fieldNumber(profile, f) == n.value) continue;
    const double moved = actualLead - lead(scorer.with(f, n.value));
    if (moved >= 0.5) found.push_back({&f, nullptr, moved});
  }
  // A budget for one executive rules out two, however strong the case for both.
  if (profile.leadership_budget == LeadershipBudget::one) {
    const double bestTwo = std::max(scores.structure[idx(Structure::cio_and_cto)],
                                    scores.structure[idx(Structure::cio_and_product_ctos)]);
    if (bestTwo > scores.structure[idx(rec)])
      found.push_back({budgetField(), &set.rule("budget_one"), bestTwo - scores.structure[idx(rec)]});
  }
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.moved > b.moved; });
  std::vector<Reason> reasons;
  reasons.reserve(std::min<std::size_t>(found.size(), 5));
  for (std::size_t i = 0; i < found.size() && reasons.size() < 5; ++i) {
    const Found& r = found[i];
    const Rule* rule = r.rule;
    if (!rule) {
      const std::string_view ruleId = ruleFor(r.field->key, rec, runner, contributions, effects);
      if (ruleId.empty()) continue;  // moved the lead through no rule of its own: not a reason
      rule = &set.rule(ruleId);
    }
    reasons.push_back({std::string(r.field->key), factorText(*r.field, profile), rule->text, rule->id,
                       rule->sourceText, r.moved});
  }
  return reasons;
}

// The judgement fields (the ratings people may disagree on) whose value one
// step up or down changes the recommendation.
std::vector<std::string> findUncertainInputs(OneChangeScorer& scorer, Structure current) {
  std::vector<std::string> out;
  for (const FieldInfo& f : profileFields()) {
    if (!isJudgement(f)) continue;
    const double value = fieldNumber(scorer.profile(), f);
    for (const double step : {-1.0, 1.0}) {
      const double changed = value + step;
      if (changed < f.min || changed > f.max) continue;
      if (scorer.with(f, changed).recommendation != current) {
        out.emplace_back(f.key);
        break;
      }
    }
  }
  return out;
}

}  // namespace

namespace scoring_detail {
std::optional<WhatIf> whatIfOf(const Profile& profile, const RoleModelSet& set, bool useBounds) {
  OneChangeScorer scorer(profile, set);
  return findWhatIf(scorer, score(profile, set).recommendation, useBounds);
}
}  // namespace scoring_detail

Confidence confidenceFor(double margin) {
  if (margin >= kClearMargin) return Confidence::clear;
  if (margin >= kLikelyMargin) return Confidence::likely;
  return Confidence::close_call;
}

// Indexed by Confidence, as the structures' names are by Structure.
constexpr std::array<std::string_view, 3> kConfidenceNames{"clear", "likely", "close_call"};
constexpr std::array<std::string_view, 3> kConfidenceDescriptions{"Clear advice", "Likely advice", "A close call"};

std::string_view toString(Confidence c) { return kConfidenceNames.at(static_cast<std::size_t>(c)); }
std::string_view describe(Confidence c) { return kConfidenceDescriptions.at(static_cast<std::size_t>(c)); }

std::string confidenceText(const Evaluation& e) {
  if (e.confidence == Confidence::clear)
    return fmt::format("{} ahead of the runner-up ({:.0f} or more is clear).", pointsText(e.margin),
                       kClearMargin);
  if (e.confidence == Confidence::likely)
    return fmt::format("{} ahead of the runner-up ({:.0f} to {:.0f} is likely; less is a close call).",
                       pointsText(e.margin), kLikelyMargin, kClearMargin);
  if (e.uncertainInputs.empty())
    return fmt::format("{} ahead of the runner-up, though no single rating one step higher or lower "
                       "would change it.",
                       pointsText(e.margin));
  std::string names;
  for (std::size_t i = 0; i < e.uncertainInputs.size(); ++i) {
    const FieldInfo* f = findField(e.uncertainInputs[i]);
    if (i > 0) names += i + 1 == e.uncertainInputs.size() ? " or " : ", ";
    names += f ? std::string(f->label) : e.uncertainInputs[i];
  }
  return fmt::format("{} ahead of the runner-up. Rating {} one step higher or lower would change "
                     "the advice; be sure of {} before deciding.",
                     pointsText(e.margin), names, e.uncertainInputs.size() == 1 ? "it" : "them");
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
  e.whatIf = findWhatIf(scorer, rec, true);
  e.confidence = confidenceFor(e.margin);
  if (e.confidence == Confidence::close_call) e.uncertainInputs = findUncertainInputs(scorer, rec);

  e.responsibilities = assignResponsibilities(set, rec, profile.leaders);

  // The three nearest (ties keep the role models' order), with the nearest
  // real company in third place when none of the three is real: one pass,
  // keeping the best three and the best real company as it goes.
  constexpr std::size_t kNearest = 3;
  using Ranked = std::pair<double, const ReferenceCompany*>;
  std::array<Ranked, kNearest> best{};
  std::size_t kept = 0;
  std::optional<Ranked> bestReal;
  for (const auto& ref : set.references) {
    double squares = 0;
    for (std::size_t d = 0; d < kDimensionCount; ++d) {
      const double gap = e.scores.needs[d] - ref.needs[d];
      squares += gap * gap;
    }
    const Ranked r{std::max(0.0, 100.0 - std::sqrt(squares / kDimensionCount)), &ref};
    if (ref.kind == ReferenceKind::real && (!bestReal || r.first > bestReal->first)) bestReal = r;
    std::size_t at = kept;  // after every one at least as near: the earlier stays first
    while (at > 0 && r.first > best[at - 1].first) --at;
    if (at == kNearest) continue;
    for (std::size_t i = std::min(kept, kNearest - 1); i > at; --i) best[i] = best[i - 1];
    best[at] = r;
    kept = std::min(kept + 1, kNearest);
  }
  const bool anyReal = std::any_of(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(kept),
                                   [](const Ranked& r) { return r.second->kind == ReferenceKind::real; });
  if (!anyReal && bestReal && kept == kNearest) best[kNearest - 1] = *bestReal;
  e.nearest.reserve(kept);
  for (std::size_t i = 0; i < kept; ++i) e.nearest.push_back({best[i].second, best[i].first});

  e.gap = leadershipGap(rec, profile.leaders);
  if (rec == Structure::cio_and_cto || rec == Structure::cio_and_product_ctos) e.tension = tensionNote();
  return e;
}

std::string_view referenceSource(const ReferenceCompany& company) {
  return company.kind == ReferenceKind::real ? std::string_view(company.link) : std::string_view(company.sourceText);
}

std::optional<LeadershipGap> leadershipGap(Structure rec, Leaders today) {
  using C = LeadershipGap::Concerns;
  const bool pair = rec == Structure::cio_and_cto || rec == Structure::cio_and_product_ctos;
  const bool perLine = rec == Structure::cio_and_product_ctos;
  switch (today) {
    case Leaders::none:
      return LeadershipGap{"Nobody leads technology today: every responsibility waits for the executive the advice "
                           "names.",
                           "000, 002", C::unheld};
    case Leaders::cio:
      if (rec == Structure::cio_led) return std::nullopt;
      if (rec == Structure::cto_led)
        return LeadershipGap{"A CIO leads today, but the needs lie mainly in the technology customers buy, which a "
                             "CTO owns; nobody with a CTO's remit holds them today.",
                             "002, 004", C::unheld};
      if (rec == Structure::hybrid)
        return LeadershipGap{"A CIO leads today; the advice is one executive covering both sides, so the CIO's remit "
                             "would grow to the technology customers buy, which nobody holds today.",
                             "002", C::unheld};
      return LeadershipGap{perLine ? "A CIO leads today; the advice adds a CTO for each technology product line sold "
                                     "at scale."
                                   : "A CIO leads today; the advice adds a CTO for the technology customers buy, "
                                     "which nobody holds today.",
                           perLine ? "004" : "003, 004", C::unheld};
    case Leaders::cto:
      if (rec == Structure::cto_led) return std::nullopt;
      if (rec == Structure::cio_led)
        return LeadershipGap{"A CTO leads today, but the needs lie mainly in the company's own systems, security and "
                             "information, which a CIO owns. By title nobody holds them today; where the CTO does, the role "
                             "is in substance a CIO's.",
                             "000, 004", C::unheld};
      if (rec == Structure::hybrid)
        return LeadershipGap{"A CTO leads today; the advice is one executive covering both sides, as smaller companies "
                             "often have. Name the company's own systems, security and information in that role too.",
                             "002", C::unheld};
      return LeadershipGap{perLine ? "A CTO leads today; the advice adds a CIO for the company's own systems, security "
                                     "and information, and a CTO for each technology product line."
                                   : "A CTO leads today; the advice adds a CIO for the company's own systems, security "
                                     "and information, which nobody holds today.",
                           perLine ? "003, 004" : "003", C::unheld};
    case Leaders::both:
      if (pair) return std::nullopt;  // a CIO and a CTO; product-line CTOs are not told apart
      return LeadershipGap{"A CIO and a CTO lead today; the advice is one executive: at this size and budget one role "
                           "should be prioritised.",
                           "000, 002", C::none};
    case Leaders::hybrid:
      if (rec == Structure::hybrid) return std::nullopt;
      if (pair)
        return LeadershipGap{"One executive covers both roles today. At this size one person rarely carries both: "
                             "running the company's own systems and building the technology customers buy pull in "
                             "different directions, and the healthy tension between the two is lost. The advice "
                             "gives the CIO's and the CTO's responsibilities to two executives.",
                             "003", C::split};
      if (rec == Structure::cio_led)
        return LeadershipGap{"One executive covers both roles today, but the needs lie mainly in the company's own "
                             "systems, security and information: a CIO's remit is enough.",
                             "000, 004", C::none};
      return LeadershipGap{"One executive covers both roles today, but the needs lie mainly in the technology "
                           "customers buy: a CTO's remit is enough.",
                           "002, 003", C::none};
  }
  return std::nullopt;
}

std::vector<const Responsibility*> gapResponsibilities(const LeadershipGap& gap,
                                                       const std::vector<ResponsibilityAssignment>& assignments) {
  std::vector<const Responsibility*> out;
  for (const auto& a : assignments) {
    const bool concerned = gap.concerns == LeadershipGap::Concerns::unheld  ? !a.covered
                           : gap.concerns == LeadershipGap::Concerns::split ? a.owner != Owner::shared
                                                                           : false;
    if (concerned) out.push_back(a.item);
  }
  return out;
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
