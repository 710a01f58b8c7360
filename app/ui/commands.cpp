#include "ui/commands.hpp"

namespace rolefit::ui {
namespace {
const std::string kNothing;
constexpr std::size_t kDepth = 200;  // older steps are dropped
}  // namespace

void UndoStack::run(Store& store, Command command) {
  command.apply(store);
  done_.push_back(std::move(command));
  if (done_.size() > kDepth) done_.erase(done_.begin());
  undone_.clear();
}

const Command* UndoStack::undo(Store& store) {
  if (done_.empty()) return nullptr;
  done_.back().revert(store);  // throws: the step stays where it was
  undone_.push_back(std::move(done_.back()));
  done_.pop_back();
  return &undone_.back();
}

const Command* UndoStack::redo(Store& store) {
  if (undone_.empty()) return nullptr;
  undone_.back().apply(store);
  done_.push_back(std::move(undone_.back()));
  undone_.pop_back();
  return &done_.back();
}

const std::string& UndoStack::undoLabel() const { return done_.empty() ? kNothing : done_.back().label; }
const std::string& UndoStack::redoLabel() const { return undone_.empty() ? kNothing : undone_.back().label; }

void UndoStack::clear() {
  done_.clear();
  undone_.clear();
}

}  // namespace rolefit::ui
