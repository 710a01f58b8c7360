// Sessions: the list, one session's members, export and import, and an
// import's preview. The view owns what is typed and ticked (a new session's
// name, a rename, the members chosen for removal); the import plan's choices
// and the export format are the app's, changed through intents. It reads
// the app as const.
#pragma once
#include <string>
#include <vector>

#include "ui/app_state.hpp"

namespace rolefit::ui {

class SessionView {
 public:
  void draw(const AppState& state, const EmitIntent& emit);

 private:
  void followSession(const AppState& state);
  void sessionList(const AppState& state, const EmitIntent& emit, float width, float height);
  void sessionDetails(const AppState& state, const EmitIntent& emit);
  void nameLine(const SessionInfo& session, bool readOnly, const EmitIntent& emit);
  void memberRows(const AppState& state, const EmitIntent& emit);

  std::string newName_;
  std::string rename_;
  bool renaming_ = false;
  std::vector<std::string> chosenMembers_;
  std::string sessionSeen_;  // the session the rename and the choices are of
};

}  // namespace rolefit::ui
