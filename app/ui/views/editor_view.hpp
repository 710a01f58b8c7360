// The profile form. The view owns the copy its widgets type into; each
// change goes to the app as intent::EditDraft, which checks it and works out
// its result. When the app replaces the draft itself (open, revert, save,
// restore: EditorState::draftGeneration), the view's copy follows.
#pragma once
#include <cstdint>

#include "ui/app_state.hpp"

namespace rolefit::ui {

class EditorView {
 public:
  void draw(const AppState& state, const EmitIntent& emit);

 private:
  void drawForm(const AppState& state, const EmitIntent& emit, float width);
  void drawRevisions(const AppState& state, const EmitIntent& emit, float width);
  bool groupSection(const AppState& state, const char* title, FieldGroup group, float width, bool twoColumns);
  bool fieldWidget(const AppState& state, const FieldInfo& field, float width);

  Profile draft_;
  std::uint64_t draftSeen_ = ~std::uint64_t{0};
};

}  // namespace rolefit::ui
