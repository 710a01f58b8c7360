// AppState: the store and the profile list it reads (in the background for a
// large database), selection, the undo stack's runner and the frame-level
// plumbing (queued intents, toasts, quitting). Intents on profiles are in
// app_profiles.cpp, on sessions and files in app_sessions.cpp.
#include "ui/app_state.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <limits>
#include <memory>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "rolefit/assets.hpp"
#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/util/text.hpp"
#include "ui/views/profiles_view.hpp"
#include "ui/views/session_view.hpp"

namespace rolefit::ui {
namespace {
constexpr double kToastSeconds = 4.0;

// The database with its write-ahead log: what a full read goes through.
std::uintmax_t databaseBytes(const std::filesystem::path& path) {
  std::error_code ec;
  std::uintmax_t bytes = std::filesystem::file_size(path, ec);
  if (ec) bytes = 0;
  const std::uintmax_t walBytes = std::filesystem::file_size(path.string() + "-wal", ec);
  return ec ? bytes : bytes + walBytes;
}

}  // namespace

std::span<const std::string_view> viewNames() { return kViewNames; }

std::optional<ViewId> viewFromName(std::string_view name) {
  for (std::size_t i = 0; i < kViewNames.size(); ++i)
    if (kViewNames[i] == name) return static_cast<ViewId>(i);
  return std::nullopt;
}

std::string_view viewName(ViewId view) { return kViewNames.at(static_cast<std::size_t>(view)); }
std::string_view viewTitle(ViewId view) { return kViewTitles.at(static_cast<std::size_t>(view)); }

AppState::AppState()
    : profilesView_(std::make_unique<ProfilesView>()), sessionView_(std::make_unique<SessionView>()) {}
AppState::~AppState() = default;
AppState::AppState(AppState&&) noexcept = default;
AppState& AppState::operator=(AppState&&) noexcept = default;

std::string EditorState::problemOf(std::string_view field) const {
  std::string out;
  for (const auto& p : problems)
    if (p.field == field) out += (out.empty() ? "" : "; ") + p.message;
  return out;
}

// ---------------------------------------------------------------- store

void AppState::openStore(const std::filesystem::path& path, bool addSamplesIfNew) {
  dbPath = path;
  store.reset();
  storeError.clear();
  storeBackups.clear();
  undoStack.clear();
  try {
    const bool isNew = !std::filesystem::exists(path);
    // The integrity check reads the whole file: on a large one it is left to
    // the background reader, so the first frame does not wait for it.
    integrityPending_ = databaseBytes(path) > kReadAtOnceBytes;
    store = std::make_unique<Store>(path, StoreOptions{.checkIntegrity = !integrityPending_});
    if (addSamplesIfNew && isNew && store->profileCount() == 0) {
      auto samples = readProfilesCsv(assets::sample_companies);
      if (samples.problems.empty()) {
        const auto ids = store->saveAll(samples.profiles);
        // A first session too, so that sharing has something to show.
        const auto session = store->createSession("Sample companies", "The seven companies RoleFit starts with.");
        store->addToSession(session.id, ids);
      }
    }
    reloadProfiles();
  } catch (const std::exception& e) {
    store.reset();
    storeError = e.what();
    // A damaged database comes with the backups that could replace it.
    if (const auto* corrupt = dynamic_cast<const CorruptDatabaseError*>(&e)) storeBackups = corrupt->backups();
    loader_.reset();
    pendingRead_.reset();
    setProfileList(std::make_shared<ProfileList>());
  }
}

void AppState::restoreNewestBackup() {
  if (storeBackups.empty()) return;
  try {
    const auto damaged = Store::restoreBackup(dbPath, storeBackups.front());
    openStore(dbPath, /*addSamplesIfNew=*/false);
    if (store) toast(fmt::format("Backup restored; the damaged file is kept as {}", damaged.filename().string()));
  } catch (const std::exception& e) {
    showError(fmt::format("The backup could not be restored: {}", e.what()));
  }
}

void AppState::reloadProfiles() {
  if (!store) return;
  try {
    roleModels = store->activeRoleModels();
    roleModelCopies = store->roleModelCopies();
    profiles_.clear();
    evaluations_.clear();
    startReading();
    reloadSessions();
    if (editor.open && !editor.isNew) {
      if (auto stored = store->profile(editor.saved.id); !stored || store->inBin(editor.saved.id)) {
        editor = EditorState{};  // deleted (or an undone add): nothing left to edit
      } else {
        const bool wasDirty = editor.dirty();
        editor.saved = *stored;
        if (!wasDirty) editor.draft = *stored;  // keep what the user is typing
        editor.revisions = store->revisions(editor.saved.id);
        refreshEditor();
      }
    }
    dataVersion_ = store->dataVersion();
  } catch (const std::exception& e) {
    showError(fmt::format("Could not read the profiles: {}", e.what()));
  }
}

void AppState::startReading() {
  // The earlier reader first: the new one takes over the results of the
  // list shown, which nobody may change while it reads them.
  loader_.reset();
  pendingRead_.reset();
  linesReady_ = false;
  ProfileListReader::Options options{.checkIntegrity = integrityPending_, .previous = profileList};
  if (databaseBytes(dbPath) <= kReadAtOnceBytes && !integrityPending_) {
    // A few thousand profiles at most: read now, a few milliseconds.
    ProfileListReader reader(dbPath, roleModels, std::move(options));
    while (reader.step(std::numeric_limits<std::size_t>::max()) != ProfileListReader::Phase::Done) {}
    auto list = reader.takeList();
    for (const auto& r : reader.takeResults()) list->setResult(r);
    setProfileList(std::move(list));
    return;
  }
  // The first frame first: until the window has shown one, the read waits
  // (windowShown), so a large database never delays or slows it.
  pendingRead_ = std::move(options);
  if (windowShown_) startPendingRead();
}

void AppState::startPendingRead() {
  if (!pendingRead_) return;
  loader_ = std::make_unique<ProfileListLoader>(dbPath, roleModels, std::move(*pendingRead_), wakeWindow);
  pendingRead_.reset();
}

void AppState::windowShown() {
  windowShown_ = true;
  startPendingRead();
}

void AppState::setProfileList(std::shared_ptr<ProfileList> list) {
  profileList = std::move(list);
  ++listGeneration_;
  forgetProfile();
}

void AppState::forgetProfile() {
  std::vector<std::string> kept = selection_;
  std::erase_if(kept, [&](const std::string& id) { return !profileList->find(id); });
  if (kept.size() != selection_.size()) setSelection(std::move(kept));
  if (!currentId.empty() && !profileList->find(currentId)) currentId.clear();
  profiles_.clear();
}

bool AppState::receiveProfiles() {
  if (!loader_) return false;
  // Asked before taking what it has: the reader appends its last results and
  // marks itself finished in one step, so once finished is seen, taking
  // after it loses nothing.
  const bool finished = loader_->finished();
  bool changed = false;
  if (!linesReady_)
    if (auto list = loader_->takeList()) {
      setProfileList(std::move(list));
      linesReady_ = true;
      changed = true;
    }
  if (linesReady_) {
    auto results = loader_->takeResults();
    if (!results.empty()) {
      setResults(results);
      changed = true;
    }
  }
  if (finished) {
    if (auto failure = loader_->failure()) {
      loader_.reset();
      if (failure->damaged) {
        // As when opening finds the damage: the app offers the backups.
        store.reset();
        storeError = failure->message;
        storeBackups = std::move(failure->backups);
        setProfileList(std::make_shared<ProfileList>());
      } else {
        showError(fmt::format("Could not read the profiles: {}", failure->message));
      }
      return true;
    }
    if (linesReady_) {
      integrityPending_ = false;
      loader_.reset();
    }
  }
  return changed;
}

void AppState::waitForProfiles() {
  startPendingRead();
  if (!loader_) return;
  loader_->wait();
  receiveProfiles();
}

AppState::LoadProgress AppState::loadProgress() const {
  LoadProgress progress{.reading = loader_ != nullptr || pendingRead_.has_value(),
                        .linesReady = linesReady_,
                        .total = profileList->size(),
                        .scored = profileList->scoredCount()};
  if (loader_ && !linesReady_) {
    const auto reader = loader_->progress();
    progress.total = reader.total;
    progress.read = reader.linesRead;
  }
  return progress;
}

void AppState::reloadSessions() {
  sessions = store->sessions();
  if (!currentSessionId.empty() &&
      std::none_of(sessions.begin(), sessions.end(), [&](const SessionInfo& s) { return s.id == currentSessionId; }))
    currentSessionId.clear();
  if (currentSessionId.empty() && !sessions.empty()) currentSessionId = sessions.front().id;
  currentSessionMembers = sessionMembers(currentSessionId);
}

bool AppState::refreshIfChangedElsewhere() {
  if (!store) return false;
  try {
    if (store->dataVersion() == dataVersion_) return false;
    reloadProfiles();
    return true;
  } catch (const std::exception&) {
    return false;  // a busy database is asked again on the next wake-up
  }
}

const ProfileLine* AppState::lineById(std::string_view id) const {
  const auto i = profileList->find(id);
  return i ? &(*profileList)[*i] : nullptr;
}

const Profile* AppState::profileById(std::string_view id) {
  if (!store || !profileList->find(id)) return nullptr;
  const std::string key(id);
  if (const auto it = profiles_.find(key); it != profiles_.end()) return &it->second;
  try {
    auto stored = store->profile(id);
    if (!stored) return nullptr;
    return &profiles_.emplace(key, std::move(*stored)).first->second;
  } catch (const std::exception& e) {
    showError(fmt::format("Could not read the profile: {}", e.what()));
    return nullptr;
  }
}

const Evaluation& AppState::evaluationOf(const Profile& profile) {
  auto& slot = evaluations_[profile.id];
  if (slot.first != profile.revision || slot.second.roleModelVersion != roleModels.version || profile.revision == 0)
    slot = {profile.revision, evaluate(profile, roleModels)};
  return slot.second;
}

// ---------------------------------------------------------------- selection

bool AppState::isSelected(std::string_view id) const {
  return selected_.contains(id);
}

void AppState::setSelection(std::vector<std::string> ids) {
  selected_.clear();  // views into the old strings
  selection_ = std::move(ids);
  selected_.reserve(selection_.size());
  for (const auto& id : selection_) selected_.insert(id);
}

void AppState::select(const std::string& id, bool add) {
  if (add) {
    std::vector<std::string> ids = selection_;
    if (auto it = std::find(ids.begin(), ids.end(), id); it != ids.end()) ids.erase(it);
    else ids.push_back(id);
    setSelection(std::move(ids));
  } else {
    setSelection({id});
  }
  currentId = id;
}

void AppState::setResults(std::span<const ProfileList::Result> results) {
  for (const auto& r : results) profileList->setResult(r);
  ++resultsGeneration_;
}

std::vector<std::string> AppState::idsOf(std::span<const std::uint32_t> lines) const {
  std::vector<std::string> ids;
  ids.reserve(lines.size());
  for (std::uint32_t i : lines) ids.emplace_back((*profileList)[i].id());
  return ids;
}

void AppState::selectAll(std::span<const std::uint32_t> lines) {
  // Ids, not line numbers: an intent applied before this one may re-read the profiles.
  emit(intent::SelectAll{idsOf(lines)});
}

// ---------------------------------------------------------------- commands

bool AppState::runCommand(Command command) {
  bool done = false;
  try {
    undoStack.run(*this, std::move(command));
    done = true;
  } catch (const ValidationError& e) {
    showError(fmt::format("Not saved: {}", e.what()));
  } catch (const std::exception& e) {
    showError(e.what());
  }
  reloadProfiles();
  return done;
}

void AppState::undo() {
  if (!undoStack.canUndo()) return;
  const std::string label = undoStack.undoLabel();
  try {
    undoStack.undo(*this);
    toast(fmt::format("Undone: {}", label));
  } catch (const std::exception& e) {
    showError(fmt::format("Could not undo \"{}\": {}", label, e.what()));
  }
  reloadProfiles();
}

void AppState::redo() {
  if (!undoStack.canRedo()) return;
  const std::string label = undoStack.redoLabel();
  try {
    undoStack.redo(*this);
    toast(fmt::format("Redone: {}", label));
  } catch (const std::exception& e) {
    showError(fmt::format("Could not redo \"{}\": {}", label, e.what()));
  }
  reloadProfiles();
}

// ---------------------------------------------------------------- frame-level

void AppState::toast(std::string text) {
  // Intents also run outside a frame (tests, start-up): time starts at 0 there.
  const double now = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0;
  toasts.push_back({std::move(text), now + kToastSeconds});
}

void AppState::showError(std::string text) { errorText = std::move(text); }

bool AppState::requestQuit() {
  if (editor.dirty() && !quitConfirmed) {
    afterUnsaved = {AfterUnsaved::Kind::Quit, {}};
    askUnsaved = true;
    return false;
  }
  quitConfirmed = true;
  return true;
}

void AppState::saveThenContinue() {
  askUnsaved = false;
  if (!trySaveEditor()) {
    view = ViewId::Editor;  // the form shows what to correct
    afterUnsaved = {};
    return;
  }
  discardThenContinue();  // nothing is left to discard: this only continues
}

void AppState::discardThenContinue() {
  askUnsaved = false;
  const AfterUnsaved next = afterUnsaved;
  afterUnsaved = {};
  editor = EditorState{};
  switch (next.kind) {
    case AfterUnsaved::Kind::Quit:
      quitConfirmed = true;
      quitRequested = true;
      break;
    case AfterUnsaved::Kind::OpenProfile: openEditor(next.profileId); break;
    case AfterUnsaved::Kind::NewProfile: newProfile(); break;
    case AfterUnsaved::Kind::None: break;
  }
}

void AppState::emit(Intent intent) {
  if (drawingViews_) queuedIntents_.push_back(std::move(intent));
  else apply(intent);
}

namespace {
template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;
}  // namespace

void AppState::apply(const Intent& intent) {
  std::visit(Overloaded{
                 [&](const intent::OpenView& i) { openView(i.view); },
                 [&](const intent::Select& i) { select(i.id, i.add); },
                 [&](const intent::SelectAll& i) { setSelection(i.ids); },
                 [&](const intent::PickSession& i) { pickSession(i.id); },
                 [&](const intent::NewProfile&) { newProfile(); },
                 [&](const intent::OpenEditor& i) { openEditor(i.id); },
                 [&](const intent::SaveEditor&) { saveEditor(); },
                 [&](const intent::RevertEditor&) { revertEditor(); },
                 [&](const intent::CompareRevision& i) { compareRevision(i.revision); },
                 [&](const intent::RestoreRevision& i) { restoreRevision(i.id, i.revision); },
                 [&](const intent::DuplicateProfile& i) { duplicateProfile(i.id); },
                 [&](const intent::DeleteProfiles& i) { deleteProfiles(i.ids); },
                 [&](const intent::Undo&) { undo(); },
                 [&](const intent::Redo&) { redo(); },
                 [&](const intent::CopyRoleModel& i) { copyRoleModel(i.role); },
                 [&](const intent::SaveRoleModelCopy& i) { saveRoleModelCopy(i.copy); },
                 [&](const intent::DeleteRoleModelCopy& i) { deleteRoleModelCopy(i.id); },
                 [&](const intent::CreateSessionFromSelection& i) { createSessionFromSelection(i.name); },
                 [&](const intent::RenameSession& i) { renameSession(i.id, i.name); },
                 [&](const intent::DeleteSession& i) { deleteSession(i.id); },
                 [&](const intent::AddSelectionToSession& i) { addSelectionToSession(i.id); },
                 [&](const intent::RemoveFromSession& i) { removeFromSession(i.id, i.profileIds); },
                 [&](const intent::ChooseExportFile& i) { chooseExportFile(i.sessionId); },
                 [&](const intent::ChooseImportFile&) { chooseImportFile(); },
                 [&](const intent::PathChosen& i) { pathChosen(i.choice, i.path); },
                 [&](const intent::PreviewImport& i) { previewImport(i.paths); },
                 [&](const intent::ApplyImport&) { applyImport(); },
                 [&](const intent::CancelImport&) { cancelImport(); },
                 [&](const intent::ChooseConflict& i) { chooseConflict(i.item, i.choice); },
                 [&](const intent::ChooseForAllConflicts& i) {
                   if (importPlan) chooseForAll(*importPlan, i.choice);
                 },
                 [&](const intent::TakeField& i) { takeField(i.item, i.field, i.take); },
                 [&](const intent::SetExportFormat& i) { exportFormat = i.format; },
                 [&](const intent::ReloadProfiles&) { reloadProfiles(); },
                 [&](const intent::RestoreNewestBackup&) { restoreNewestBackup(); },
                 [&](const intent::SetTheme& i) { theme = i.theme; },
                 [&](const intent::ShowAbout&) { aboutOpen = true; },
                 [&](const intent::Quit&) { quitRequested = true; },
                 [&](const intent::DismissError&) { errorText.clear(); },
                 [&](const intent::SaveThenContinue&) { saveThenContinue(); },
                 [&](const intent::DiscardThenContinue&) { discardThenContinue(); },
                 [&](const intent::CancelUnsaved&) { cancelUnsaved(); },
             },
             intent);
}

void AppState::beginViews() {
  drawingViews_ = true;
  // Views hold pointers into these for the frame: they are only trimmed
  // between frames.
  if (profiles_.size() > 256) profiles_.clear();
  if (evaluations_.size() > 256) evaluations_.clear();
}

void AppState::runQueuedIntents() {
  drawingViews_ = false;
  // Intents emitted now apply at once, so none is queued while the list is worked off.
  lastFrameIntents = std::move(queuedIntents_);
  queuedIntents_.clear();
  for (const auto& intent : lastFrameIntents) apply(intent);
}

void AppState::cancelUnsaved() {
  askUnsaved = false;
  if (afterUnsaved.kind == AfterUnsaved::Kind::Quit) quitRequested = false;
  afterUnsaved = {};
}

}  // namespace rolefit::ui
