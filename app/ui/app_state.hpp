// The one application state, passed by reference to every view. Views read it
// and call its commands; only commands touch the store.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "rolefit/model/profile.hpp"
#include "rolefit/scoring/evaluate.hpp"
#include "rolefit/store/store.hpp"

namespace rolefit::ui {

enum class Theme { Dark, Light };
enum class ViewId { Welcome, Profiles };

std::span<const std::string_view> viewNames();
std::optional<ViewId> viewFromName(std::string_view name);
std::string_view viewName(ViewId view);

struct Toast {
  std::string text;
  double expiresAt = 0;  // ImGui time
};

class AppState {
 public:
  // Opens the store; on failure the app still runs and shows why.
  void openStore(const std::filesystem::path& path, bool addSamplesIfNew);

  // Re-reads profiles when another copy of RoleFit wrote to the database;
  // true when it did.
  bool refreshIfChangedElsewhere();
  void reloadProfiles();

  void toast(std::string text);
  void showError(std::string text);

  std::filesystem::path dbPath;
  std::unique_ptr<Store> store;
  std::string storeError;
  std::vector<std::filesystem::path> storeBackups;  // offered when the database is damaged

  // Sets the damaged database aside, puts the newest backup in its place and
  // opens it.
  void restoreNewestBackup();
  std::vector<Profile> profiles;
  RoleModelSet roleModels;                // the database's active role models
  std::vector<Scores> scores;             // scores[i] belongs to profiles[i]
  std::vector<std::size_t> profileOrder;  // display order of the profiles table
  bool profileOrderStale = true;          // re-sort before the next draw

  ViewId view = ViewId::Welcome;
  Theme theme = Theme::Dark;
  bool showAbout = false;
  bool quitRequested = false;
  std::string errorText;  // non-empty: an error modal waits for an answer
  std::vector<Toast> toasts;
  ImGuiTextFilter profilesFilter;

 private:
  std::int64_t dataVersion_ = -1;
};

}  // namespace rolefit::ui
