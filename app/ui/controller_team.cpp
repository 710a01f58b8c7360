// The team view's data: one profile's ratings, their consensus and where the
// raters disagree; saving a rating, and adopting the consensus as the
// profile's own values (a new revision, undoable).
#include <fmt/format.h>

#include "rolefit/platform/paths.hpp"
#include "rolefit/util/text.hpp"
#include "ui/controller.hpp"

namespace rolefit::ui {

void Controller::refreshTeam() {
  if (state_.view != ViewId::Team || !store_) {
    state_.team = {};
    teamOf_.reset();
    return;
  }
  const ComparisonKey key{0, state_.listGeneration, state_.currentId, state_.roleModels.version};
  if (teamOf_ == key) return;
  teamOf_ = key;
  TeamState team;
  team.raterSuggestion = platform::userName();
  // The current profile, else the first by name.
  std::string id = state_.currentId;
  if (id.empty() && !list_->empty()) id = std::string((*list_)[list_->byName().front()].id());
  if (!id.empty()) team.profile = readProfile(id);
  if (team.profile) {
    try {
      team.ratings = store_->ratings(team.profile->id);
    } catch (const std::exception& e) {
      showError(fmt::format("Could not read the ratings: {}", e.what()));
    }
    if (!team.ratings.empty()) {
      team.result = evaluateTeam(*team.profile, team.ratings, state_.roleModels);
      team.consensusDiffers = team.result->consensusValues != judgementValues(*team.profile);
    }
  }
  state_.team = std::move(team);
}

void Controller::saveRating(const Rating& rating) {
  if (!store_) return;
  try {
    store_->saveRatings(std::span(&rating, 1));
    const auto* line = state_.lineById(rating.profileId);
    toast(fmt::format("{}'s rating of {} saved", rating.rater, line ? line->name() : std::string_view("the profile")));
    if (afterWrite_) afterWrite_();
  } catch (const ValidationError& e) {
    showError(fmt::format("Not saved: {}", e.what()));
  } catch (const std::exception& e) {
    showError(e.what());
  }
  teamOf_.reset();  // the ratings changed; the list did not
}

void Controller::adoptConsensus(const std::string& profileId) {
  if (!store_) return;
  auto& editor = state_.editor;
  if (editor.open && editor.saved.id == profileId && editor.dirty()) {
    showError("The editor has unsaved changes to this profile: save or revert them before adopting the consensus.");
    return;
  }
  const auto before = readProfile(profileId);
  if (!before) return;
  const auto ratings = store_->ratings(profileId);
  if (ratings.empty()) return;
  const Profile adopted = withJudgements(*before, consensusValues(ratings));
  if (adopted.sameContent(*before)) return;
  if (!runCommand({fmt::format("Adopt the team's consensus for {}", before->name),
                   [adopted](Store& store) { store.save(adopted); },
                   [before = *before](Store& store) { store.save(before); }}))
    return;
  if (const auto saved = store_->profile(profileId); saved && editor.open && editor.saved.id == profileId) {
    editor.saved = *saved;
    editor.revisions = store_->revisions(profileId);
    replaceDraft(*saved);
  }
  toast(fmt::format("{} now holds the team's consensus (a new revision; Undo takes it back)", before->name));
}

}  // namespace rolefit::ui
