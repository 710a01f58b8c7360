// The Controller's intents on profiles (new, edit, save, duplicate, delete,
// revisions) and on role-model copies: each a command on the undo stack.
#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "rolefit/util/text.hpp"
#include "ui/controller.hpp"

namespace rolefit::ui {

// ---------------------------------------------------------------- profiles

void Controller::newProfile() {
  if (state_.editor.dirty()) {
    state_.unsavedQuestion = UnsavedQuestion{UnsavedQuestion::Kind::NewProfile, {}};
    state_.view = ViewId::Editor;
    return;
  }
  Profile blank;
  blank.name = "New company";
  startEditor(blank, /*isNew=*/true);
  state_.view = ViewId::Editor;
}

void Controller::openEditor(const std::string& id) {
  if (!state_.lineById(id)) return;
  auto& editor = state_.editor;
  if (editor.dirty() && (editor.isNew || editor.saved.id != id)) {
    state_.unsavedQuestion = UnsavedQuestion{UnsavedQuestion::Kind::OpenProfile, id};
    state_.view = ViewId::Editor;
    return;
  }
  if (!editor.open || editor.saved.id != id) {
    const auto p = readProfile(id);
    if (!p) return;
    startEditor(*p, /*isNew=*/false);
    try {
      editor.revisions = store_->revisions(id);
    } catch (const std::exception& e) {
      showError(e.what());
    }
  }
  state_.currentId = id;
  state_.view = ViewId::Editor;
}

// The editor's state starts afresh; the generation goes on counting, so the
// view's copy of the draft follows whatever comes next.
void Controller::startEditor(const Profile& profile, bool isNew) {
  const std::uint64_t generation = state_.editor.draftGeneration;
  state_.editor = EditorState{};
  state_.editor.draftGeneration = generation;
  state_.editor.open = true;
  state_.editor.isNew = isNew;
  state_.editor.saved = profile;
  replaceDraft(profile);
}

void Controller::closeEditor() {
  const std::uint64_t generation = state_.editor.draftGeneration;
  state_.editor = EditorState{};
  state_.editor.draftGeneration = generation + 1;
}

void Controller::editDraft(Profile draft) {
  auto& editor = state_.editor;
  if (!editor.open) return;
  // The form's copy never carries identity: those stay the saved version's.
  draft.id = editor.saved.id;
  draft.revision = editor.saved.revision;
  editor.draft = std::move(draft);
  refreshEditor();
}

void Controller::replaceDraft(const Profile& profile) {
  state_.editor.draft = profile;
  ++state_.editor.draftGeneration;
  refreshEditor();
}

void Controller::refreshEditor() {
  auto& editor = state_.editor;
  editor.problems = validate(editor.draft);
  editor.result.reset();
  if (editor.problems.empty()) editor.result = evaluate(editor.draft, state_.roleModels);
}

bool Controller::saveEditor() {
  auto& editor = state_.editor;
  if (!editor.open || !store_) return false;
  refreshEditor();
  if (!editor.problems.empty()) {
    toast(fmt::format("Not saved: {} to correct", countOf(editor.problems.size(), "field")));
    return false;
  }
  if (!editor.dirty()) return true;
  const Profile after = editor.draft;
  // Every read of the store can fail (a disk error, a damaged file): the
  // form then stays open with the user's draft, and the error is shown.
  try {
    if (editor.isNew) {
      auto id = std::make_shared<std::string>();
      const bool added = runCommand({fmt::format("Add {}", after.name),
                                     [after, id](Store& store) {
                                       if (id->empty()) *id = store.save(after).id;
                                       else store.restoreFromBin(*id);
                                     },
                                     [id](Store& store) { store.moveToBin(*id); }});
      if (!added || id->empty()) return false;
      editor.isNew = false;
      editor.saved.id = *id;
      state_.currentId = *id;
      state_.selection.set({*id});
    } else {
      const auto before = store_->profile(after.id);
      if (!before) return false;
      if (!runCommand({fmt::format("Edit {}", after.name), [after](Store& store) { store.save(after); },
                       [before = *before](Store& store) { store.save(before); }}))
        return false;
    }
    if (auto stored = store_->profile(editor.saved.id)) {
      editor.saved = *stored;
      editor.revisions = store_->revisions(stored->id);
      replaceDraft(*stored);
    }
  } catch (const std::exception& e) {
    showError(fmt::format("Not saved: {}", e.what()));
    return false;
  }
  toast(fmt::format("Saved {}", editor.saved.name));
  return true;
}

void Controller::revertEditor() {
  if (!state_.editor.open) return;
  replaceDraft(state_.editor.saved);
}

void Controller::duplicateProfile(const std::string& sourceId) {
  const auto source = readProfile(sourceId);
  if (!source) return;
  Profile copy = *source;
  copy.id.clear();
  copy.revision = 0;
  copy.created_at.clear();
  copy.updated_at.clear();
  copy.name = nameWithSuffix(source->name, " (copy)");
  auto id = std::make_shared<std::string>();
  runCommand({fmt::format("Duplicate {}", source->name),
              [copy, id](Store& store) {
                if (id->empty()) *id = store.save(copy).id;
                else store.restoreFromBin(*id);
              },
              [id](Store& store) { store.moveToBin(*id); }});
  if (!id->empty()) {
    state_.selection.set({*id});
    state_.currentId = *id;
  }
}

void Controller::deleteProfiles(std::vector<std::string> ids) {
  std::erase_if(ids, [&](const std::string& id) { return !state_.lineById(id); });
  if (ids.empty()) return;
  const std::string label = ids.size() == 1 ? fmt::format("Delete {}", state_.lineById(ids[0])->name())
                                            : fmt::format("Delete {}", countOf(ids.size(), "profile"));
  auto& editor = state_.editor;
  if (editor.open && std::find(ids.begin(), ids.end(), editor.saved.id) != ids.end()) closeEditor();
  runCommand({label,
              [ids](Store& store) {
                for (const auto& id : ids) store.moveToBin(id);
              },
              [ids](Store& store) {
                for (const auto& id : ids) store.restoreFromBin(id);
              },
              ids});  // back as they were when deleted
  state_.selection.set({});
  toast(fmt::format("{} moved to the bin (Ctrl+Z brings {} back)", countOf(ids.size(), "profile"),
                    ids.size() == 1 ? "it" : "them"));
}

void Controller::restoreRevision(const std::string& id, std::int64_t revision) {
  try {
    const auto before = store_ ? store_->profile(id) : std::nullopt;
    if (!before) return;
    if (!runCommand({fmt::format("Restore revision {} of {}", revision, before->name),
                     [id, revision](Store& store) { store.restoreRevision(id, revision); },
                     [before = *before](Store& store) { store.save(before); }}))
      return;
    auto& editor = state_.editor;
    if (const auto restored = store_->profile(id); restored && editor.open && editor.saved.id == id) {
      editor.saved = *restored;
      editor.revisions = store_->revisions(id);
      editor.comparedRevision = 0;
      editor.revisionContent.reset();
      replaceDraft(*restored);
    }
    toast(fmt::format("Revision {} restored as a new revision", revision));
  } catch (const std::exception& e) {
    showError(e.what());
  }
}

void Controller::compareRevision(std::int64_t revision) {
  auto& editor = state_.editor;
  editor.comparedRevision = revision;
  editor.revisionContent.reset();
  if (revision == 0 || !store_) return;
  try {
    editor.revisionContent = store_->revision(editor.saved.id, revision);
  } catch (const std::exception& e) {
    showError(e.what());
  }
}

// ---------------------------------------------------------------- role models

void Controller::copyRoleModel(std::string_view roleId) {
  RoleModelCopy copy;
  copy.model = state_.roleModels.roleModel(roleId);
  copy.model.name = nameWithSuffix(copy.model.name, " (my copy)");
  auto id = std::make_shared<std::string>();
  runCommand({fmt::format("Copy {}", copy.model.name),
              [copy, id](Store& store) {
                RoleModelCopy c = copy;
                c.id = *id;
                *id = store.saveRoleModelCopy(c).id;
              },
              [id](Store& store) { store.deleteRoleModelCopy(*id); }});
}

void Controller::saveRoleModelCopy(RoleModelCopy copy) {
  const auto& copies = state_.roleModelCopies;
  const auto before = std::find_if(copies.begin(), copies.end(), [&](const RoleModelCopy& c) { return c.id == copy.id; });
  if (before == copies.end()) return;
  runCommand({fmt::format("Edit {}", copy.model.name), [copy](Store& store) { store.saveRoleModelCopy(copy); },
              [old = *before](Store& store) { store.saveRoleModelCopy(old); }});
}

void Controller::deleteRoleModelCopy(const std::string& id) {
  const auto& copies = state_.roleModelCopies;
  const auto before = std::find_if(copies.begin(), copies.end(), [&](const RoleModelCopy& c) { return c.id == id; });
  if (before == copies.end()) return;
  runCommand({fmt::format("Delete {}", before->model.name), [id](Store& store) { store.deleteRoleModelCopy(id); },
              [old = *before](Store& store) { store.saveRoleModelCopy(old); }});
}

}  // namespace rolefit::ui
