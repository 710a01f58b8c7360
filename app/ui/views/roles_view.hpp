// The role models (focus, skills, weights, sources), the user's edited
// copies, the responsibilities and the reference companies. The view owns
// the copy being edited until it is saved (intent::SaveRoleModelCopy) or
// cancelled.
#pragma once
#include <optional>

#include "ui/app_state.hpp"

namespace rolefit::ui {

class RolesView {
 public:
  void draw(const AppState& state, const EmitIntent& emit);
  void edit(const RoleModelCopy& copy) { draft_ = copy; }  // as the copy's "Edit" button does
  bool editing() const { return draft_.has_value(); }

 private:
  void copiesSection(const AppState& state, const EmitIntent& emit);
  void copyEditor(const AppState& state, const EmitIntent& emit);

  std::optional<RoleModelCopy> draft_;
};

}  // namespace rolefit::ui
