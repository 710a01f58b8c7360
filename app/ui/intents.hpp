// What a view asks for, as a value. Views emit intents while they draw;
// the Controller applies them in order once the views are done (no list is
// re-read under a view's loop), wrapping the ones that change the store as
// undoable commands and turning every failure into a toast or a modal. A
// test can look at what a frame emitted as well as at the store.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "rolefit/model/profile.hpp"
#include "rolefit/report/report.hpp"
#include "rolefit/session/merge.hpp"
#include "rolefit/session/session.hpp"
#include "rolefit/store/store.hpp"
#include "ui/view_ids.hpp"

namespace rolefit::ui {

enum class FileChoice { ImportSession, ExportSession, ExportReport };
enum class Theme { Dark, Light };

namespace intent {

// Navigation and selection
struct OpenView { ViewId view; };
struct Select { std::string id; bool add = false; };  // add: Ctrl-click toggles
struct SelectAll { std::vector<std::string> ids; };
struct PickSession { std::string id; };

// Profiles (undoable)
struct NewProfile {};
struct OpenEditor { std::string id; };
struct EditDraft { Profile draft; };  // the editor's form changed
struct SaveEditor {};
struct RevertEditor {};
struct CompareRevision { std::int64_t revision = 0; };  // 0: none
struct RestoreRevision { std::string id; std::int64_t revision = 0; };
struct DuplicateProfile { std::string id; };
struct DeleteProfiles { std::vector<std::string> ids; };
struct Undo {};
struct Redo {};

// Team assessment
struct SaveRating { Rating rating; };
struct AdoptConsensus { std::string profileId; };  // undoable: a new revision

// Role-model copies (undoable)
struct CopyRoleModel { std::string role; };
struct SaveRoleModelCopy { RoleModelCopy copy; };
struct DeleteRoleModelCopy { std::string id; };

// Sessions (undoable)
struct CreateSessionFromSelection { std::string name; };
struct RenameSession { std::string id, name; };
struct DeleteSession { std::string id; };
struct AddSelectionToSession { std::string id; };
struct RemoveFromSession { std::string id; std::vector<std::string> profileIds; };

// Files
struct ChooseExportFile { std::optional<std::string> sessionId; };  // none: the selection (all when none selected)
struct ExportBackup {};  // every profile and session's members, whatever is selected
struct ChooseReportFile { ReportFormat format = ReportFormat::Html; };  // on the current profile
struct ChooseImportFile {};
struct PathChosen { FileChoice choice; std::string path; };
struct PreviewImport { std::vector<std::string> paths; };  // session files to read and plan
struct ApplyImport {};
struct CancelImport {};
// The import preview's choices (items are the plan's, by index)
struct ChooseConflict { std::size_t item = 0; ConflictChoice choice = ConflictChoice::keepMine; };
struct ChooseForAllConflicts { ConflictChoice choice = ConflictChoice::keepMine; };
struct TakeField { std::size_t item = 0; std::string field; bool take = false; };
struct SetExportFormat { SessionFormat format = SessionFormat::json; };
struct SetExportWithheld { Withheld field = Withheld::notes; bool withheld = false; };

// The database
struct ReloadProfiles {};
struct RestoreNewestBackup {};

// The window
struct SetTheme { Theme theme = Theme::Dark; };
struct ShowAbout {};
struct CloseAbout {};
struct CancelPathPrompt {};  // the in-app path question was cancelled
struct Quit {};          // asks first when something is unsaved
struct DismissError {};  // the error modal was acknowledged

// The "unsaved changes" question's answers
struct SaveThenContinue {};
struct DiscardThenContinue {};
struct CancelUnsaved {};

}  // namespace intent

using Intent = std::variant<intent::OpenView, intent::Select, intent::SelectAll, intent::PickSession,
                            intent::NewProfile, intent::OpenEditor, intent::EditDraft, intent::SaveEditor, intent::RevertEditor,
                            intent::CompareRevision, intent::RestoreRevision, intent::DuplicateProfile,
                            intent::DeleteProfiles, intent::Undo, intent::Redo, intent::SaveRating, intent::AdoptConsensus, intent::CopyRoleModel,
                            intent::SaveRoleModelCopy, intent::DeleteRoleModelCopy,
                            intent::CreateSessionFromSelection, intent::RenameSession, intent::DeleteSession,
                            intent::AddSelectionToSession, intent::RemoveFromSession, intent::ChooseExportFile,
                            intent::ExportBackup, intent::ChooseReportFile, intent::ChooseImportFile, intent::PathChosen, intent::PreviewImport,
                            intent::ApplyImport, intent::CancelImport, intent::ChooseConflict,
                            intent::ChooseForAllConflicts, intent::TakeField, intent::SetExportFormat, intent::SetExportWithheld,
                            intent::ReloadProfiles,
                            intent::RestoreNewestBackup, intent::SetTheme, intent::ShowAbout, intent::CloseAbout,
                            intent::CancelPathPrompt, intent::Quit,
                            intent::DismissError, intent::SaveThenContinue, intent::DiscardThenContinue,
                            intent::CancelUnsaved>;

// How a view hands over what it asks for: views read the app as const.
using EmitIntent = std::function<void(Intent)>;

}  // namespace rolefit::ui
