// The Controller: the store and the profile list it reads (in the background
// for a large database), selection, the undo stack's runner and the
// frame-level plumbing (queued intents, toasts, errors, quitting). Intents on
// profiles are in controller_profiles.cpp, on sessions and files in
// controller_sessions.cpp.
#include "ui/controller.hpp"

#include <algorithm>
#include <limits>
#include <memory>

#include <fmt/format.h>

#include "rolefit/assets.hpp"
#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/util/files.hpp"
#include "rolefit/util/text.hpp"

namespace rolefit::ui {
namespace {
constexpr double kToastSeconds = 4.0;

// The database with its write-ahead log: what a full read goes through.
std::uintmax_t databaseBytes(const std::filesystem::path& path) {
  std::error_code ec;
  std::uintmax_t bytes = std::filesystem::file_size(path, ec);
  if (ec) bytes = 0;
  const std::uintmax_t walBytes = std::filesystem::file_size(pathFromUtf8(path.string() + "-wal"), ec);
  return ec ? bytes : bytes + walBytes;
}

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

Controller::Controller() = default;
Controller::~Controller() = default;
Controller::Controller(Controller&&) noexcept = default;
Controller& Controller::operator=(Controller&&) noexcept = default;

// ---------------------------------------------------------------- the database

void Controller::willOpenStore(const std::filesystem::path& path) {
  state_.dbPath = path;
  state_.storeOpening = true;
}

void Controller::openStore(const std::filesystem::path& path, bool addSamplesIfNew) {
  state_.dbPath = path;
  state_.storeOpening = false;
  store_.reset();
  state_.storeOpen = false;
  state_.storeError.clear();
  state_.storeBackups.clear();
  undoStack_.clear();
  refreshUndoLabels();
  try {
    const bool isNew = !std::filesystem::exists(path);
    // The integrity check reads the whole file: on a large one it is left to
    // the background reader, so the first frame does not wait for it.
    integrityPending_ = databaseBytes(path) > kReadAtOnceBytes;
    store_ = std::make_unique<Store>(path, StoreOptions{.checkIntegrity = !integrityPending_});
    if (addSamplesIfNew && isNew && store_->profileCount() == 0) {
      auto samples = readProfilesCsv(assets::sample_companies);
      if (samples.problems.empty()) {
        const auto ids = store_->saveAll(samples.profiles);
        // A first session too, so that sharing has something to show.
        const auto session = store_->createSession("Sample companies", "The seven companies RoleFit starts with.");
        store_->addToSession(session.id, ids);
      }
    }
    state_.storeOpen = true;
    state_.readOnly = store_->readOnly();
    reloadProfiles();
    if (state_.readOnly)
      toast(fmt::format("{} is read-only here: you can read, compare and export it, not change it",
                        path.filename().string()));
  } catch (const std::exception& e) {
    store_.reset();
    state_.storeOpen = false;
    state_.storeError = e.what();
    // A damaged database comes with the backups that could replace it.
    if (const auto* corrupt = dynamic_cast<const CorruptDatabaseError*>(&e)) state_.storeBackups = corrupt->backups();
    loader_.reset();
    pendingRead_.reset();
    setProfileList(std::make_shared<ProfileList>());
  }
}

void Controller::restoreNewestBackup() {
  if (state_.storeBackups.empty()) return;
  try {
    const auto damaged = Store::restoreBackup(state_.dbPath, state_.storeBackups.front());
    openStore(state_.dbPath, /*addSamplesIfNew=*/false);
    if (store_) toast(fmt::format("Backup restored; the damaged file is kept as {}", damaged.filename().string()));
  } catch (const std::exception& e) {
    showError(fmt::format("The backup could not be restored: {}", e.what()));
  }
}

void Controller::reloadProfiles() {
  if (!store_) return;
  try {
    state_.roleModels = store_->activeRoleModels();
    state_.roleModelCopies = store_->roleModelCopies();
    startReading();
    reloadSessions();
    auto& editor = state_.editor;
    if (editor.open && !editor.isNew) {
      if (auto stored = store_->profile(editor.saved.id); !stored || store_->inBin(editor.saved.id)) {
        closeEditor();  // deleted (or an undone add): nothing left to edit
      } else {
        const bool wasDirty = editor.dirty();
        editor.saved = *stored;
        if (!wasDirty) replaceDraft(*stored);  // what the user is typing stays
        editor.revisions = store_->revisions(editor.saved.id);
        refreshEditor();
      }
    }
    dataVersion_ = store_->dataVersion();
  } catch (const std::exception& e) {
    showError(fmt::format("Could not read the profiles: {}", e.what()));
  }
  // Every write is followed by this re-read: the one place to say so.
  if (afterWrite_) afterWrite_();
}

void Controller::startReading() {
  // The earlier reader first: the new one takes over the results of the
  // list shown, which nobody may change while it reads them.
  loader_.reset();
  pendingRead_.reset();
  linesReady_ = false;
  ProfileListReader::Options options{.checkIntegrity = integrityPending_, .previous = list_};
  if (databaseBytes(state_.dbPath) <= kReadAtOnceBytes && !integrityPending_) {
    // A few thousand profiles at most: read now, a few milliseconds.
    ProfileListReader reader(state_.dbPath, state_.roleModels, std::move(options));
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
  refreshLoadProgress();
}

void Controller::startPendingRead() {
  if (!pendingRead_) return;
  loader_ = std::make_unique<ProfileListLoader>(state_.dbPath, state_.roleModels, std::move(*pendingRead_), wakeWindow_);
  pendingRead_.reset();
}

void Controller::windowShown() {
  windowShown_ = true;
  startPendingRead();
}

void Controller::setProfileList(std::shared_ptr<ProfileList> list) {
  list_ = std::move(list);
  state_.profileList = list_;
  ++state_.listGeneration;
  forgetProfile();
  refreshLoadProgress();
}

void Controller::setResults(std::span<const ProfileList::Result> results) {
  for (const auto& r : results) list_->setResult(r);
  ++state_.resultsGeneration;
  refreshLoadProgress();
}

void Controller::forgetProfile() {
  std::vector<std::string> kept = state_.selection.ids();
  std::erase_if(kept, [&](const std::string& id) { return !list_->find(id); });
  if (kept.size() != state_.selection.ids().size()) state_.selection.set(std::move(kept));
  if (!state_.currentId.empty() && !list_->find(state_.currentId)) state_.currentId.clear();
}

bool Controller::receiveProfiles() {
  if (!loader_) return false;
  loader_->advance();  // where there are no threads, the reading happens here
  // Asked before taking what it has: the reader appends its last results and
  // marks itself finished in one step, so once finished is seen, taking
  // after it loses nothing.
  const bool finished = loader_->finished();
  bool changed = false;
  if (!linesReady_)
    if (auto list = loader_->takeList()) {
      linesReady_ = true;
      setProfileList(std::move(list));
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
        store_.reset();
        state_.storeOpen = false;
        state_.storeError = failure->message;
        state_.storeBackups = std::move(failure->backups);
        setProfileList(std::make_shared<ProfileList>());
      } else {
        showError(fmt::format("Could not read the profiles: {}", failure->message));
      }
      refreshLoadProgress();
      return true;
    }
    if (linesReady_) {
      integrityPending_ = false;
      loader_.reset();
    }
  }
  refreshLoadProgress();
  return changed || finished;
}

void Controller::waitForProfiles() {
  startPendingRead();
  if (!loader_) return;
  loader_->wait();
  receiveProfiles();
}

void Controller::refreshLoadProgress() {
  LoadProgress progress{.reading = loader_ != nullptr || pendingRead_.has_value(),
                        .linesReady = linesReady_,
                        .total = list_->size(),
                        .scored = list_->scoredCount()};
  if (loader_ && !linesReady_) {
    const auto reader = loader_->progress();
    progress.total = reader.total;
    progress.read = reader.linesRead;
  }
  state_.loadProgress = progress;
}

bool Controller::refreshIfChangedElsewhere() {
  if (!store_) return false;
  try {
    if (store_->dataVersion() == dataVersion_) return false;
    reloadProfiles();
    return true;
  } catch (const std::exception&) {
    return false;  // a busy database is asked again on the next wake-up
  }
}

std::optional<Profile> Controller::readProfile(const std::string& id) {
  if (!store_ || !list_->find(id)) return std::nullopt;
  try {
    return store_->profile(id);
  } catch (const std::exception& e) {
    showError(fmt::format("Could not read the profile: {}", e.what()));
    return std::nullopt;
  }
}

// The compare view's profiles, read and evaluated when what they are made of
// changed, not per frame; only while that view is open.
void Controller::refreshComparison() {
  if (state_.view != ViewId::Compare) {
    state_.comparison = {};
    comparisonOf_.reset();
    return;
  }
  ComparisonKey key{state_.selection.generation(), state_.listGeneration, state_.currentId,
                    state_.roleModels.version};
  if (comparisonOf_ == key) return;
  comparisonOf_ = key;
  Comparison comparison;
  comparison.selected = state_.selection.ids().size();
  auto add = [&](const std::string& id) {
    if (auto p = readProfile(id)) {
      auto evaluation = evaluate(*p, state_.roleModels);
      comparison.profiles.push_back({std::move(*p), std::move(evaluation)});
    }
  };
  // Beyond a dozen the overlaid chart is unreadable: only those shown are
  // read, and the rest of a large selection (100,000 after Select all) is not.
  for (const auto& id : state_.selection.ids()) {
    if (comparison.profiles.size() == kMostSideBySide) break;
    add(id);
  }
  if (comparison.profiles.size() <= 1) {
    // One profile: the current one, else the one selected, else the first by name.
    std::vector<EvaluatedProfile> chosen = std::move(comparison.profiles);
    comparison.profiles.clear();
    if (!state_.currentId.empty()) add(state_.currentId);
    if (comparison.profiles.empty() && !chosen.empty()) comparison.profiles = std::move(chosen);
    if (comparison.profiles.empty() && !list_->empty()) add(std::string((*list_)[list_->byName().front()].id()));
  }
  state_.comparison = std::move(comparison);
}

// ---------------------------------------------------------------- selection and views

void Controller::select(const std::string& id, bool add) {
  if (add) {
    std::vector<std::string> ids = state_.selection.ids();
    if (auto it = std::find(ids.begin(), ids.end(), id); it != ids.end()) ids.erase(it);
    else ids.push_back(id);
    state_.selection.set(std::move(ids));
  } else {
    state_.selection.set({id});
  }
  state_.currentId = id;
}

void Controller::openView(ViewId id) {
  state_.view = id;
  if (list_->empty()) return;
  const std::string first((*list_)[list_->byName().front()].id());
  if (id == ViewId::Editor && !state_.editor.open) openEditor(state_.currentId.empty() ? first : state_.currentId);
  if (id == ViewId::Compare && state_.currentId.empty() && state_.selection.ids().empty()) select(first, false);
  state_.view = id;
}

// ---------------------------------------------------------------- commands

bool Controller::runCommand(Command command) {
  if (!store_) return false;
  bool done = false;
  try {
    undoStack_.run(*store_, std::move(command));
    done = true;
  } catch (const ValidationError& e) {
    showError(fmt::format("Not saved: {}", e.what()));
  } catch (const std::exception& e) {
    showError(e.what());
  }
  reloadProfiles();
  refreshUndoLabels();
  return done;
}

void Controller::undo() {
  if (!store_ || !undoStack_.canUndo()) return;
  const std::string label = undoStack_.undoLabel();
  try {
    const Command* undone = undoStack_.undo(*store_);
    toast(fmt::format("Undone: {}", label));
    const std::vector<std::string> reselect = undone->selectWhenUndone;
    reloadProfiles();
    if (!reselect.empty()) state_.selection.set(reselect);
  } catch (const std::exception& e) {
    showError(fmt::format("Could not undo \"{}\": {}", label, e.what()));
    reloadProfiles();
  }
  refreshUndoLabels();
}

void Controller::redo() {
  if (!store_ || !undoStack_.canRedo()) return;
  const std::string label = undoStack_.redoLabel();
  try {
    undoStack_.redo(*store_);
    toast(fmt::format("Redone: {}", label));
  } catch (const std::exception& e) {
    showError(fmt::format("Could not redo \"{}\": {}", label, e.what()));
  }
  reloadProfiles();
  refreshUndoLabels();
}

void Controller::refreshUndoLabels() {
  state_.undoLabel = undoStack_.undoLabel();
  state_.redoLabel = undoStack_.redoLabel();
}

// ---------------------------------------------------------------- frame-level

void Controller::toast(std::string text) { state_.toasts.push_back({std::move(text), now_ + kToastSeconds}); }

void Controller::showError(std::string text) { state_.errorText = std::move(text); }

void Controller::reportError(std::string text) { showError(std::move(text)); }

void Controller::requestQuit() {
  if (!state_.canQuit) return;
  if (state_.editor.dirty()) {
    state_.unsavedQuestion = UnsavedQuestion{UnsavedQuestion::Kind::Quit, {}};
    return;
  }
  state_.quitting = true;
}

// The question's answers: save (when the form has problems, it stays open to
// show them and nothing else is done), or drop the changes; then what was
// asked for is done.
void Controller::answerUnsaved(bool save) {
  if (!state_.unsavedQuestion) return;
  const UnsavedQuestion next = *state_.unsavedQuestion;
  state_.unsavedQuestion.reset();
  if (save && !saveEditor()) {
    state_.view = ViewId::Editor;  // the form shows what to correct
    return;
  }
  closeEditor();
  switch (next.kind) {
    case UnsavedQuestion::Kind::Quit: state_.quitting = true; break;
    case UnsavedQuestion::Kind::OpenProfile: openEditor(next.profileId); break;
    case UnsavedQuestion::Kind::NewProfile: newProfile(); break;
    case UnsavedQuestion::Kind::None: break;
  }
}

void Controller::cancelUnsaved() { state_.unsavedQuestion.reset(); }

void Controller::emit(Intent intent) {
  if (inFrame_) {
    queued_.push_back(std::move(intent));
    return;
  }
  apply(intent);
}

void Controller::beginFrame(double now) {
  now_ = now;
  inFrame_ = true;
  std::erase_if(state_.toasts, [now](const Toast& t) { return t.expiresAt <= now; });
  refreshComparison();
  refreshTeam();
}

void Controller::endFrame() {
  inFrame_ = false;
  // Intents emitted now apply at once, so none is queued while the list is worked off.
  lastFrameIntents_ = std::move(queued_);
  queued_.clear();
  for (const auto& intent : lastFrameIntents_) {
    try {
      apply(intent);
    } catch (const std::exception& e) {
      showError(e.what());
    }
  }
}

void Controller::apply(const Intent& intent) {
  std::visit(Overloaded{
                 [&](const intent::OpenView& i) { openView(i.view); },
                 [&](const intent::Select& i) { select(i.id, i.add); },
                 [&](const intent::SelectAll& i) { state_.selection.set(i.ids); },
                 [&](const intent::PickSession& i) { pickSession(i.id); },
                 [&](const intent::NewProfile&) { newProfile(); },
                 [&](const intent::OpenEditor& i) { openEditor(i.id); },
                 [&](const intent::EditDraft& i) { editDraft(i.draft); },
                 [&](const intent::SaveEditor&) { saveEditor(); },
                 [&](const intent::RevertEditor&) { revertEditor(); },
                 [&](const intent::CompareRevision& i) { compareRevision(i.revision); },
                 [&](const intent::RestoreRevision& i) { restoreRevision(i.id, i.revision); },
                 [&](const intent::DuplicateProfile& i) { duplicateProfile(i.id); },
                 [&](const intent::DeleteProfiles& i) { deleteProfiles(i.ids); },
                 [&](const intent::SaveRating& i) { saveRating(i.rating); },
                 [&](const intent::AdoptConsensus& i) { adoptConsensus(i.profileId); },
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
                 [&](const intent::ExportBackup&) { chooseExportFile(std::nullopt, /*everything=*/true); },
                 [&](const intent::ChooseReportFile& i) { chooseReportFile(i.format); },
                 [&](const intent::ChooseImportFile&) { chooseImportFile(); },
                 [&](const intent::PathChosen& i) { pathChosen(i.choice, i.path); },
                 [&](const intent::PreviewImport& i) { previewImport(i.paths); },
                 [&](const intent::ApplyImport&) { applyImport(); },
                 [&](const intent::CancelImport&) { state_.importPlan.reset(); },
                 [&](const intent::ChooseConflict& i) { chooseConflict(i.item, i.choice); },
                 [&](const intent::ChooseForAllConflicts& i) {
                   if (state_.importPlan) chooseForAll(*state_.importPlan, i.choice);
                 },
                 [&](const intent::TakeField& i) { takeField(i.item, i.field, i.take); },
                 [&](const intent::SetExportFormat& i) { state_.exportFormat = i.format; },
                 [&](const intent::SetExportWithheld& i) { state_.exportWithheld.set(i.field, i.withheld); },
                 [&](const intent::ReloadProfiles&) {
                   reloadProfiles();
                   if (state_.loadProgress.reading) toast("Reading the profiles again");
                   else toast(fmt::format("{} profiles loaded", groupedThousands(static_cast<std::int64_t>(list_->size()))));
                 },
                 [&](const intent::RestoreNewestBackup&) { restoreNewestBackup(); },
                 [&](const intent::SetTheme& i) { state_.theme = i.theme; },
                 [&](const intent::ShowAbout&) { state_.aboutOpen = true; },
                 [&](const intent::CloseAbout&) { state_.aboutOpen = false; },
                 [&](const intent::CancelPathPrompt&) { state_.pathPrompt.open = false; },
                 [&](const intent::Quit&) { requestQuit(); },
                 [&](const intent::DismissError&) { state_.errorText.clear(); },
                 [&](const intent::SaveThenContinue&) { answerUnsaved(/*save=*/true); },
                 [&](const intent::DiscardThenContinue&) { answerUnsaved(/*save=*/false); },
                 [&](const intent::CancelUnsaved&) { cancelUnsaved(); },
             },
             intent);
}

}  // namespace rolefit::ui
