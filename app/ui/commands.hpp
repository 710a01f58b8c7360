// Undo as a stack of commands (as in ImHex's undo_redo stack): each command
// knows how to apply itself and how to take itself back, and has a label for
// the Edit menu. Commands go through the store; a failed step leaves the
// stacks as they were and reports the error.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "rolefit/store/store.hpp"

namespace rolefit::ui {

struct Command {
  Command(std::string label_, std::function<void(Store&)> apply_, std::function<void(Store&)> revert_,
          std::vector<std::string> selectWhenUndone_ = {})
      : label(std::move(label_)),
        apply(std::move(apply_)),
        revert(std::move(revert_)),
        selectWhenUndone(std::move(selectWhenUndone_)) {}

  std::string label;                  // "Edit Northgate Savings Bank"
  std::function<void(Store&)> apply;  // also used to redo
  std::function<void(Store&)> revert;
  // The profiles selected again once it is undone (deleted ones come back selected).
  std::vector<std::string> selectWhenUndone;
};

class UndoStack {
 public:
  // Applies the command; when that throws, nothing is pushed and the
  // exception goes on to the caller.
  void run(Store& store, Command command);
  // The command undone or redone; null when there was none.
  const Command* undo(Store& store);
  const Command* redo(Store& store);

  bool canUndo() const { return !done_.empty(); }
  bool canRedo() const { return !undone_.empty(); }
  const std::string& undoLabel() const;
  const std::string& redoLabel() const;
  void clear();

 private:
  std::vector<Command> done_;
  std::vector<Command> undone_;
};

}  // namespace rolefit::ui
