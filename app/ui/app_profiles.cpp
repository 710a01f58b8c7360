// AppState's intents on profiles (new, edit, save, duplicate, delete,
// revisions) and on role-model copies: each a command on the undo stack.
#include "ui/app_state.hpp"

#include <algorithm>
#include <memory>

#include <fmt/format.h>
#include <imgui.h>

#include "rolefit/util/text.hpp"

namespace rolefit::ui {

// ---------------------------------------------------------------- profiles

void AppState::newProfile() {
  if (editor.dirty()) {
    afterUnsaved = {AfterUnsaved::Kind::NewProfile, {}};
    askUnsaved = true;
    view = ViewId::Editor;
    return;
  }
  Profile blank;
  blank.name = "New company";
  editor = EditorState{};
  editor.open = true;
  editor.isNew = true;
  editor.draft = blank;
  editor.saved = blank;
  view = ViewId::Editor;
  refreshEditor();
}

void AppState::openEditor(const std::string& id) {
  const Profile* p = profileById(id);
  if (!p) return;
  if (editor.dirty() && (editor.isNew || editor.saved.id != id)) {
    afterUnsaved = {AfterUnsaved::Kind::OpenProfile, id};
    askUnsaved = true;
    view = ViewId::Editor;
    return;
  }
  currentId = id;
  if (!editor.open || editor.saved.id != id) {
    editor = EditorState{};
    editor.open = true;
    editor.draft = *p;
    editor.saved = *p;
    try {
      editor.revisions = store->revisions(id);
    } catch (const std::exception& e) {
      showError(e.what());
    }
    refreshEditor();
  }
  view = ViewId::Editor;
}

void AppState::refreshEditor() {
  editor.problems = validate(editor.draft);
  editor.result.reset();
  if (editor.problems.empty()) editor.result = evaluate(editor.draft, roleModels);
}

void AppState::saveEditor() {
  trySaveEditor();
}

bool AppState::trySaveEditor() {
  if (!editor.open || !store) return false;
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
                                     [after, id](AppState& s) {
                                       if (id->empty()) *id = s.store->save(after).id;
                                       else s.store->restoreFromBin(*id);
                                     },
                                     [id](AppState& s) { s.store->moveToBin(*id); }});
      if (!added || id->empty()) return false;
      editor.isNew = false;
      editor.saved.id = *id;
      currentId = *id;
      setSelection({*id});
    } else {
      const auto before = store->profile(after.id);
      if (!before) return false;
      if (!runCommand({fmt::format("Edit {}", after.name), [after](AppState& s) { s.store->save(after); },
                       [before = *before](AppState& s) { s.store->save(before); }}))
        return false;
    }
    if (auto stored = store->profile(editor.saved.id)) {
      editor.saved = *stored;
      editor.draft = *stored;
      editor.revisions = store->revisions(stored->id);
    }
  } catch (const std::exception& e) {
    showError(fmt::format("Not saved: {}", e.what()));
    return false;
  }
  refreshEditor();
  toast(fmt::format("Saved {}", editor.saved.name));
  return true;
}

void AppState::revertEditor() {
  if (!editor.open) return;
  editor.draft = editor.saved;
  refreshEditor();
}

void AppState::duplicateProfile(const std::string& sourceId) {
  const Profile* source = profileById(sourceId);
  if (!source) return;
  Profile copy = *source;
  copy.id.clear();
  copy.revision = 0;
  copy.created_at.clear();
  copy.updated_at.clear();
  copy.name = nameWithSuffix(source->name, " (copy)");
  auto id = std::make_shared<std::string>();
  runCommand({fmt::format("Duplicate {}", source->name),
              [copy, id](AppState& s) {
                if (id->empty()) *id = s.store->save(copy).id;
                else s.store->restoreFromBin(*id);
              },
              [id](AppState& s) { s.store->moveToBin(*id); }});
  if (!id->empty()) {
    setSelection({*id});
    currentId = *id;
  }
}

void AppState::deleteProfiles(std::vector<std::string> ids) {
  std::erase_if(ids, [&](const std::string& id) { return !lineById(id); });
  if (ids.empty()) return;
  const std::string label = ids.size() == 1 ? fmt::format("Delete {}", lineById(ids[0])->name())
                                            : fmt::format("Delete {}", countOf(ids.size(), "profile"));
  if (editor.open && std::find(ids.begin(), ids.end(), editor.saved.id) != ids.end()) editor = EditorState{};
  runCommand({label,
              [ids](AppState& s) {
                for (const auto& id : ids) s.store->moveToBin(id);
              },
              [ids](AppState& s) {
                for (const auto& id : ids) s.store->restoreFromBin(id);
                s.setSelection(ids);  // back as they were when deleted
              }});
  setSelection({});
  toast(fmt::format("{} moved to the bin (Ctrl+Z brings {} back)", countOf(ids.size(), "profile"),
                    ids.size() == 1 ? "it" : "them"));
}

void AppState::restoreRevision(const std::string& id, std::int64_t revision) {
  try {
    const auto before = store->profile(id);
    if (!before) return;
    if (!runCommand({fmt::format("Restore revision {} of {}", revision, before->name),
                     [id, revision](AppState& s) { s.store->restoreRevision(id, revision); },
                     [before = *before](AppState& s) { s.store->save(before); }}))
      return;
    if (const auto restored = store->profile(id); restored && editor.open && editor.saved.id == id) {
      editor.saved = *restored;
      editor.draft = editor.saved;
      editor.revisions = store->revisions(id);
      editor.comparedRevision = 0;
      editor.revisionContent.reset();
      refreshEditor();
    }
    toast(fmt::format("Revision {} restored as a new revision", revision));
  } catch (const std::exception& e) {
    showError(e.what());
  }
}

void AppState::compareRevision(std::int64_t revision) {
  editor.comparedRevision = revision;
  editor.revisionContent.reset();
  if (revision == 0 || !store) return;
  try {
    editor.revisionContent = store->revision(editor.saved.id, revision);
  } catch (const std::exception& e) {
    showError(e.what());
  }
}

// ---------------------------------------------------------------- role models

void AppState::copyRoleModel(std::string_view roleId) {
  RoleModelCopy copy;
  copy.model = roleModels.roleModel(roleId);
  copy.model.name = nameWithSuffix(copy.model.name, " (my copy)");
  auto id = std::make_shared<std::string>();
  runCommand({fmt::format("Copy {}", copy.model.name),
              [copy, id](AppState& s) {
                RoleModelCopy c = copy;
                c.id = *id;
                *id = s.store->saveRoleModelCopy(c).id;
              },
              [id](AppState& s) { s.store->deleteRoleModelCopy(*id); }});
}

void AppState::saveRoleModelCopy(RoleModelCopy copy) {
  const auto before = std::find_if(roleModelCopies.begin(), roleModelCopies.end(),
                                   [&](const RoleModelCopy& c) { return c.id == copy.id; });
  if (before == roleModelCopies.end()) return;
  runCommand({fmt::format("Edit {}", copy.model.name), [copy](AppState& s) { s.store->saveRoleModelCopy(copy); },
              [old = *before](AppState& s) { s.store->saveRoleModelCopy(old); }});
}

void AppState::deleteRoleModelCopy(const std::string& id) {
  const auto before = std::find_if(roleModelCopies.begin(), roleModelCopies.end(),
                                   [&](const RoleModelCopy& c) { return c.id == id; });
  if (before == roleModelCopies.end()) return;
  runCommand({fmt::format("Delete {}", before->model.name), [id](AppState& s) { s.store->deleteRoleModelCopy(id); },
              [old = *before](AppState& s) { s.store->saveRoleModelCopy(old); }});
}

}  // namespace rolefit::ui
