#include "ui/commands.hpp"

namespace rolefit::ui {
namespace {
const std::string kNothing;
constexpr std::size_t kDepth = 200;  // older steps are dropped
}  // namespace

void UndoStack::run(AppState& state, Command command) {
  command.apply(state);
  done_.push_back(std::move(command));
  if (done_.size() > kDepth) done_.erase(done_.begin());
  undone_.clear();
}

bool UndoStack::undo(AppState& state) {
  if (done_.empty()) return false;
  done_.back().revert(state);  // throws: the step stays where it was
  undone_.push_back(std::move(done_.back()));
  done_.pop_back();
  return true;
}

bool UndoStack::redo(AppState& state) {
  if (undone_.empty()) return false;
  undone_.back().apply(state);
  done_.push_back(std::move(undone_.back()));
  undone_.pop_back();
  return true;
}

const std::string& UndoStack::undoLabel() const { return done_.empty() ? kNothing : done_.back().label; }
const std::string& UndoStack::redoLabel() const { return undone_.empty() ? kNothing : undone_.back().label; }

void UndoStack::clear() {
  done_.clear();
  undone_.clear();
}

}  // namespace rolefit::ui
