// A company assessed as a team (README "Assessing as a team"): the raters
// side by side, their consensus and agreement, the disagreements that change
// the advice, and "Rate this company": one plain question per screen, sized
// for a finger, that ends in a saved rating. The view owns the rating being
// answered until it is saved (intent::SaveRating) or left.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "ui/app_state.hpp"

namespace rolefit::ui {

class TeamView {
 public:
  void draw(const AppState& state, const EmitIntent& emit);

  // The flow's steps: who is rating, one per judgement field, then a review.
  static constexpr std::size_t kQuestions = kJudgementCount;
  static constexpr std::size_t kReviewStep = kQuestions + 1;
  // Starts the flow on `profile` (as "Rate this company" does), from the
  // rater's own earlier rating when there is one.
  void startRating(const AppState& state);
  bool rating() const { return flow_.has_value(); }
  std::size_t step() const { return flow_ ? flow_->step : 0; }
  void goTo(std::size_t step) {
    if (flow_) flow_->step = step;
  }

 private:
  struct Flow {
    std::string profileId;
    std::string rater;
    std::array<std::int64_t, kJudgementCount> values{};
    std::array<std::int64_t, kJudgementCount> own{};  // the profile's values, shown as a hint
    std::size_t step = 0;
  };
  void drawFlow(const AppState& state, const EmitIntent& emit);
  void drawRaterStep(const AppState& state);
  void drawQuestion(std::size_t index);
  void drawReview(const AppState& state, const EmitIntent& emit);
  void drawPanel(const AppState& state, const EmitIntent& emit);

  std::optional<Flow> flow_;
  bool nameEntered_ = false;  // Enter in the name field: on to the first question
  bool focusName_ = false;    // the name field takes the keyboard as the flow starts
};

// The flow's plain question for a judgement field ("How much does growth
// matter to this company?"), and the words at the ends of its scale.
struct RatingQuestion {
  std::string question;
  std::string low, high;
};
RatingQuestion ratingQuestion(const FieldInfo& field);

}  // namespace rolefit::ui
