// The Controller's intents on sessions (create, rename, delete, members),
// export, import with its preview, and files chosen, dropped or remembered.
#include <algorithm>
#include <memory>
#include <unordered_set>

#include <fmt/format.h>

#include "rolefit/platform/paths.hpp"
#include "rolefit/util/files.hpp"
#include "rolefit/util/ids.hpp"
#include "rolefit/util/text.hpp"
#include "rolefit/report/report.hpp"
#include "rolefit/scoring/evaluate.hpp"
#include "ui/controller.hpp"

namespace rolefit::ui {

namespace {

constexpr std::size_t kRecentFiles = 8;

// A suggested file name from a name the user gave: none of the characters
// a file name cannot hold on Linux, macOS or Windows.
std::string fileNameFrom(std::string name) {
  constexpr std::string_view kNotInFileNames = "/\\:*?\"<>|";
  std::replace_if(name.begin(), name.end(), [&](char c) { return kNotInFileNames.find(c) != std::string_view::npos; }, '-');
  return name;
}

}  // namespace

// ---------------------------------------------------------------- sessions

void Controller::reloadSessions() {
  auto& sessions = state_.sessions;
  sessions = store_->sessions();
  auto& current = state_.currentSessionId;
  if (!current.empty() &&
      std::none_of(sessions.begin(), sessions.end(), [&](const SessionInfo& s) { return s.id == current; }))
    current.clear();
  if (current.empty() && !sessions.empty()) current = sessions.front().id;
  state_.currentSessionMembers = sessionMembers(current);
}

std::vector<std::string> Controller::sessionMembers(const std::string& id) const {
  // A read that fails throws: an empty list would look like an empty session,
  // and deleting it would then keep no members to bring back.
  if (!store_ || id.empty()) return {};
  return store_->sessionProfileIds(id);
}

void Controller::pickSession(const std::string& id) {
  state_.currentSessionId = id;
  try {
    state_.currentSessionMembers = sessionMembers(id);
  } catch (const std::exception& e) {
    state_.currentSessionMembers.clear();
    showError(fmt::format("Could not read the session: {}", e.what()));
  }
}

void Controller::createSessionFromSelection(std::string name) {
  auto id = std::make_shared<std::string>();
  const std::vector<std::string> members = state_.selection.ids();
  runCommand({fmt::format("New session {}", name),
              [name, members, id](Store& store) {
                *id = store.createSession(name, {}, *id).id;
                if (!members.empty()) store.addToSession(*id, members);
              },
              [id](Store& store) { store.deleteSession(*id); }});
  if (!id->empty()) pickSession(*id);
}

void Controller::renameSession(const std::string& id, std::string name) {
  const auto it = std::find_if(state_.sessions.begin(), state_.sessions.end(), [&](const SessionInfo& s) { return s.id == id; });
  if (it == state_.sessions.end() || it->name == name) return;
  runCommand({fmt::format("Rename session {}", it->name), [id, name](Store& store) { store.renameSession(id, name); },
              [id, old = it->name](Store& store) { store.renameSession(id, old); }});
}

void Controller::deleteSession(const std::string& id) {
  const auto it = std::find_if(state_.sessions.begin(), state_.sessions.end(), [&](const SessionInfo& s) { return s.id == id; });
  if (it == state_.sessions.end()) return;
  const SessionInfo info = *it;
  std::vector<std::string> members;
  try {
    members = sessionMembers(id);
  } catch (const std::exception& e) {
    showError(fmt::format("The session was not deleted: {}", e.what()));
    return;
  }
  runCommand({fmt::format("Delete session {}", info.name), [id](Store& store) { store.deleteSession(id); },
              [info, members](Store& store) {
                store.createSession(info.name, info.notes, info.id);
                if (!members.empty()) store.addToSession(info.id, members);
              }});
}

void Controller::addSelectionToSession(const std::string& id) {
  std::vector<std::string> existing;
  try {
    existing = sessionMembers(id);
  } catch (const std::exception& e) {
    showError(fmt::format("Nothing was added: {}", e.what()));
    return;
  }
  // Hashed: a selection and a session may both hold 100,000 profiles.
  const std::unordered_set<std::string_view> members(existing.begin(), existing.end());
  std::vector<std::string> added;
  for (const auto& p : state_.selection.ids())
    if (!members.contains(p)) added.push_back(p);
  if (added.empty()) return;
  runCommand({fmt::format("Add {} to the session", countOf(added.size(), "profile")),
              [id, added](Store& store) { store.addToSession(id, added); },
              [id, added](Store& store) { store.removeFromSession(id, added); }});
}

void Controller::removeFromSession(const std::string& id, std::vector<std::string> profileIds) {
  if (profileIds.empty()) return;
  runCommand({fmt::format("Remove {} from the session", countOf(profileIds.size(), "profile")),
              [id, profileIds](Store& store) { store.removeFromSession(id, profileIds); },
              [id, profileIds](Store& store) { store.addToSession(id, profileIds); }});
}

void Controller::chooseExportFile(std::optional<std::string> sessionId, bool everything) {
  exportSessionId_ = std::move(sessionId);
  exportEverything_ = everything;
  const char* extension = state_.exportFormat == SessionFormat::json ? ".json" : ".rfs";
  std::string name = everything ? "rolefit-backup" : "session";
  if (exportSessionId_)
    for (const auto& s : state_.sessions)
      if (s.id == *exportSessionId_) name = s.name;
  choosePath(FileChoice::ExportSession, fileNameFrom(name) + extension);
}

void Controller::exportTo(const std::string& path) {
  if (!store_) return;
  try {
    ExportRequest request;
    if (exportSessionId_) request.sessionId = *exportSessionId_;
    else if (!exportEverything_) request.profileIds = state_.selection.ids();  // none selected: all
    // A backup keeps everything; what is withheld is for colleagues.
    if (!exportEverything_) request.withhold = state_.exportWithheld;
    const Session session = sessionForExport(*store_, request, platform::userName());
    rolefit::exportSession(pathFromUtf8(path), session, state_.exportFormat);
    rememberFile(path);
    toast(fmt::format("Exported {}{} to {}{}", countOf(session.profiles.size(), "profile"),
                      session.ratings.empty() ? "" : " and " + countOf(session.ratings.size(), "rating"), path,
                      session.withheld.empty() ? "" : fmt::format(" (withheld: {})", fmt::join(session.withheld.names(), ", "))));
    if (afterFileWritten_) afterFileWritten_(path);
  } catch (const std::exception& e) {
    showError(fmt::format("Export failed: {}", e.what()));
  }
}

void Controller::chooseReportFile(ReportFormat format) {
  const std::string& subject = reportSubject(state_);
  if (!store_ || subject.empty()) return;
  const auto profile = store_->profile(subject);
  if (!profile) return;
  reportProfileId_ = subject;
  reportFormat_ = format;
  choosePath(FileChoice::ExportReport, fileNameFrom(profile->name + " - RoleFit report") + std::string(reportExtension(format)));
}

// The stored profile (an unsaved draft is not yet what the board sees).
void Controller::writeReport(const std::string& path) {
  if (!store_) return;
  try {
    const auto profile = store_->profile(reportProfileId_);
    if (!profile) throw std::runtime_error("the profile is no longer there");
    const RoleModelSet set = store_->activeRoleModels();
    writeFileAtomically(pathFromUtf8(path), reportFileText(*profile, set, reportFormat_, store_->ratings(profile->id)));
    toast(fmt::format("Wrote the report on {} to {}", profile->name, path));
    if (afterFileWritten_) afterFileWritten_(path);
  } catch (const std::exception& e) {
    showError(fmt::format("The report was not written: {}", e.what()));
  }
}

void Controller::chooseImportFile() {
  choosePath(FileChoice::ImportSession, state_.recentFiles.empty() ? "" : state_.recentFiles[0]);
}

void Controller::previewImport(const std::vector<std::string>& paths) {
  if (!store_ || paths.empty()) return;
  try {
    std::vector<LoadedSession> loaded;
    for (const auto& path : paths) loaded.push_back(readSessionFile(pathFromUtf8(path)));
    state_.importPlan = planImport(store_.get(), std::move(loaded), paths);
    for (const auto& path : paths) rememberFile(path);
    state_.view = ViewId::Session;
  } catch (const std::exception& e) {
    state_.importPlan.reset();
    showError(e.what());
  }
}

void Controller::applyImport() {
  if (!store_ || !state_.importPlan) return;
  try {
    const auto outcome = rolefit::applyImport(*store_, *state_.importPlan);
    state_.importPlan.reset();
    toast(fmt::format("Imported: {}", outcome.counts()));
    for (const auto& notice : outcome.notices) toast(notice);
  } catch (const std::exception& e) {
    showError(fmt::format("Nothing was imported: {}", e.what()));
  }
  reloadProfiles();
}

// The plan may have been replaced since the view drew the item: an index
// past its end is dropped, not trusted.
void Controller::chooseConflict(std::size_t item, ConflictChoice choice) {
  if (!state_.importPlan || item >= state_.importPlan->items.size()) return;
  if (state_.importPlan->items[item].status == ImportStatus::conflict) state_.importPlan->items[item].choice = choice;
}

void Controller::takeField(std::size_t item, const std::string& field, bool take) {
  if (!state_.importPlan || item >= state_.importPlan->items.size()) return;
  auto& fields = state_.importPlan->items[item].takeFields;
  std::erase(fields, field);
  if (take) fields.push_back(field);
}

// ---------------------------------------------------------------- files

void Controller::rememberFile(const std::string& path) {
  std::erase(state_.recentFiles, path);
  state_.recentFiles.insert(state_.recentFiles.begin(), path);
  if (state_.recentFiles.size() > kRecentFiles) state_.recentFiles.resize(kRecentFiles);
}

void Controller::choosePath(FileChoice choice, const std::string& suggestion) {
  if (fileDialog_) {
    const DialogAnswer answer = fileDialog_(choice, suggestion);
    if (answer.available) {
      if (answer.path) pathChosen(choice, *answer.path);
      return;
    }
  }
  state_.pathPrompt = {true, choice, suggestion};
}

void Controller::pathChosen(FileChoice choice, const std::string& path) {
  if (path.empty()) return;
  state_.pathPrompt.open = false;
  switch (choice) {
    case FileChoice::ImportSession: previewImport({path}); break;
    case FileChoice::ExportSession: exportTo(path); break;
    case FileChoice::ExportReport: writeReport(path); break;
  }
}

}  // namespace rolefit::ui
