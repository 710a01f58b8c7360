// Undo as a stack of commands (as in ImHex's undo_redo stack): each command
// knows how to apply itself and how to take itself back, and has a label for
// the Edit menu. Commands go through the store; a failed step leaves the
// stacks as they were and reports the error.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace rolefit::ui {

class AppState;

struct Command {
  std::string label;                   // "Edit Northgate Savings Bank"
  std::function<void(AppState&)> apply;  // also used to redo
  std::function<void(AppState&)> revert;
};

class UndoStack {
 public:
  // Applies the command; when that throws, nothing is pushed and the
  // exception goes on to the caller.
  void run(AppState& state, Command command);
  bool undo(AppState& state);
  bool redo(AppState& state);

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
