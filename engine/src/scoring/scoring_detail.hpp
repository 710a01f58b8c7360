// What the scoring rules (needs.cpp) and the explanations built on them
// (evaluate.cpp: what-if, reasons, responsibilities) share. Private to the
// scoring code. The builder and the one-change scorer are defined here so that
// both files inline them: the what-if search runs them a hundred times a profile.
#pragma once
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "rolefit/model/fields.hpp"
#include "rolefit/scoring/evaluate.hpp"

namespace rolefit::scoring_detail {

using D = Dimension;

constexpr std::size_t idx(D d) { return static_cast<std::size_t>(d); }
constexpr std::size_t idx(Structure s) { return static_cast<std::size_t>(s); }

// Accumulates the needs and, when asked, the contributions behind them (or,
// for the probe that maps inputs to needs, every rule that could act).
// Inlined: the what-if search runs this hundreds of times per profile, with
// a builder that records nothing (`kRecords` false: no checks per rule).
template <bool kRecords>
class BasicNeedsBuilder {
 public:
  struct Touch {
    std::string_view field;
    D dimension;
  };
  explicit BasicNeedsBuilder(std::vector<Contribution>* out, std::vector<Touch>* touched = nullptr)
    requires kRecords
      : out_(out), touched_(touched) {}
  BasicNeedsBuilder()
    requires(!kRecords)
  = default;
  [[gnu::always_inline]] void add(std::string_view field, std::string_view rule, D d, double points) {
    needs_[idx(d)] += points;
    if constexpr (kRecords) {
      if (out_ && points != 0) [[unlikely]] out_->push_back({field, rule, d, points});
      if (touched_) [[unlikely]] touched_->push_back({field, d});
    }
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
  std::vector<Contribution>* out_ = nullptr;
  std::vector<Touch>* touched_ = nullptr;
};
using NeedsBuilder = BasicNeedsBuilder<true>;
using FastNeedsBuilder = BasicNeedsBuilder<false>;

// The needs of one dimension, rule by rule (needs.cpp; made for both kinds
// of builder, adding in the same order: the same bits).
template <typename Builder>
void addNeed(D d, const Profile& p, Builder& n);
template <typename Builder>
void addNeeds(const Profile& p, Builder& n);
DimensionValues computeNeeds(const Profile& p, std::vector<Contribution>* contributions);
// The fits and structure scores from the needs; `effects` records the
// structure-level rules that acted, for explanations.
Scores scoreFromNeeds(const DimensionValues& needs, const Profile& p, const RoleModelSet& set,
                      std::vector<StructureEffect>* effects);

// The inputs the structure scores read besides the needs, each as a range:
// a what-if bound lets the one it varies span its candidates' values.
struct StructureInputs {
  double techRevenueLow, techRevenueHigh;
  std::int64_t employeesLow, employeesHigh;
  std::int64_t productLinesLow, productLinesHigh;
  static StructureInputs of(const Profile& p) {
    return {p.tech_revenue_pct, p.tech_revenue_pct, p.employees, p.employees, p.product_lines, p.product_lines};
  }
};

// False only when no needs within [low, high] (each dimension a range of
// clamped needs), with the structure inputs anywhere in their ranges and the
// profile's other inputs as they are, can give another recommendation than
// `current`: the what-if search skips such candidates without scoring each.
// Sound, not exact: it may answer true needlessly.
bool mayChangeRecommendation(const DimensionValues& low, const DimensionValues& high, const Profile& p,
                             const RoleModelSet& set, Structure current, const StructureInputs& inputs);
inline bool mayChangeRecommendation(const DimensionValues& low, const DimensionValues& high, const Profile& p,
                                    const RoleModelSet& set, Structure current) {
  return mayChangeRecommendation(low, high, p, set, current, StructureInputs::of(p));
}

// Which needs each input acts on, as a bit per dimension, indexed by the
// field's position in profileFields() (needs.cpp says how it is found).
constexpr std::size_t kMaxFields = 32;
const std::array<std::uint8_t, kMaxFields>& needsActedOn();

// The what-if of a profile, as evaluate() finds it (`useBounds`), or by
// scoring every candidate nearer than the answer: the two must agree.
std::optional<WhatIf> whatIfOf(const Profile& profile, const RoleModelSet& set, bool useBounds);

// Scores a profile with one input changed at a time, as the what-if search
// and the reasons do a hundred times per profile: only the needs that input
// acts on are recomputed, each in full and in order, so every score is the
// same to the bit as score() of the changed profile.
class OneChangeScorer {
 public:
  OneChangeScorer(const Profile& profile, const RoleModelSet& set) : profile_(profile), set_(set) {
    addNeeds(profile_, needs_);
    base_ = needs_.raw();
  }

  Scores with(const FieldInfo& field, double value) {
    return changed(field, value, [&](const DimensionValues& needs) {
      return scoreFromNeeds(needs, profile_, set_, nullptr);
    });
  }

  // The profile's own needs before they are clamped to 0..100.
  const DimensionValues& rawNeeds() const { return base_; }

  // The profile's own (clamped) needs.
  DimensionValues needs() const {
    FastNeedsBuilder base;
    base.setRaw(base_);
    return base.finish();
  }

  // The (clamped) needs with one input changed, without scoring them.
  DimensionValues needsWith(const FieldInfo& field, double value) {
    return changed(field, value, [](const DimensionValues& needs) { return needs; });
  }

  const Profile& profile() const { return profile_; }
  const RoleModelSet& set() const { return set_; }

 private:
  // `use` sees the profile with the input changed and its (clamped) needs;
  // the profile and its needs are as before once it returns.
  template <typename Use>
  [[gnu::always_inline]] auto changed(const FieldInfo& field, double value, Use&& use)
      -> std::invoke_result_t<Use, const DimensionValues&> {
    const std::uint8_t acted = needsActedOn()[field.position];
    const double before = fieldNumber(profile_, field);
    setFieldNumber(profile_, field, value);
    for (std::size_t d = 0; d < kDimensionCount; ++d)
      if (acted & (1u << d)) {
        needs_.restart(static_cast<D>(d));
        addNeed(static_cast<D>(d), profile_, needs_);
      }
    auto result = use(needs_.finish());
    setFieldNumber(profile_, field, before);
    needs_.setRaw(base_);
    return result;
  }

  Profile profile_;
  const RoleModelSet& set_;
  FastNeedsBuilder needs_;
  DimensionValues base_{};
};

}  // namespace rolefit::scoring_detail
