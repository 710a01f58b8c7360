#include "ui/app_state.hpp"

#include <array>

#include <fmt/format.h>
#include <imgui.h>

#include "rolefit/assets.hpp"
#include "rolefit/csv/profiles_csv.hpp"

namespace rolefit::ui {
namespace {
constexpr std::array<std::string_view, 2> kViewNames{"welcome", "profiles"};
constexpr double kToastSeconds = 4.0;
}  // namespace

std::span<const std::string_view> viewNames() { return kViewNames; }

std::optional<ViewId> viewFromName(std::string_view name) {
  for (std::size_t i = 0; i < kViewNames.size(); ++i)
    if (kViewNames[i] == name) return static_cast<ViewId>(i);
  return std::nullopt;
}

std::string_view viewName(ViewId view) { return kViewNames.at(static_cast<std::size_t>(view)); }

void AppState::openStore(const std::filesystem::path& path, bool addSamplesIfNew) {
  dbPath = path;
  store.reset();
  storeError.clear();
  storeBackups.clear();
  try {
    const bool isNew = !std::filesystem::exists(path);
    store = std::make_unique<Store>(path);
    if (addSamplesIfNew && isNew && store->profileCount() == 0) {
      auto samples = readProfilesCsv(assets::sample_companies);
      if (samples.problems.empty()) store->saveAll(samples.profiles);
    }
    reloadProfiles();
  } catch (const std::exception& e) {
    store.reset();
    storeError = e.what();
    // A damaged database comes with the backups that could replace it.
    if (const auto* corrupt = dynamic_cast<const CorruptDatabaseError*>(&e)) storeBackups = corrupt->backups();
    profiles.clear();
    scores.clear();
    profileOrder.clear();
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
    profiles = store->profiles();
    roleModels = store->activeRoleModels();
    // The quick scores only (no reasons or what-if): cheap enough for 10,000 rows.
    scores.clear();
    scores.reserve(profiles.size());
    for (const auto& p : profiles) scores.push_back(score(p, roleModels));
    profileOrder.resize(profiles.size());
    for (std::size_t i = 0; i < profileOrder.size(); ++i) profileOrder[i] = i;
    profileOrderStale = true;
    dataVersion_ = store->dataVersion();
  } catch (const std::exception& e) {
    showError(fmt::format("Could not read the profiles: {}", e.what()));
  }
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

void AppState::toast(std::string text) {
  toasts.push_back({std::move(text), ImGui::GetTime() + kToastSeconds});
}

void AppState::showError(std::string text) { errorText = std::move(text); }

}  // namespace rolefit::ui
