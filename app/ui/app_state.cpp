#include "ui/app_state.hpp"

namespace rolefit::ui {

std::span<const std::string_view> viewNames() { return kViewNames; }

std::optional<ViewId> viewFromName(std::string_view name) {
  for (std::size_t i = 0; i < kViewNames.size(); ++i)
    if (kViewNames[i] == name) return static_cast<ViewId>(i);
  return std::nullopt;
}

std::string_view viewName(ViewId view) { return kViewNames.at(static_cast<std::size_t>(view)); }
std::string_view viewTitle(ViewId view) { return kViewTitles.at(static_cast<std::size_t>(view)); }

std::string EditorState::problemOf(std::string_view field) const {
  std::string out;
  for (const auto& p : problems)
    if (p.field == field) out += (out.empty() ? "" : "; ") + p.message;
  return out;
}

void Selection::set(std::vector<std::string> ids) {
  hashed_.clear();  // views into the old strings
  ids_ = std::move(ids);
  hashed_.reserve(ids_.size());
  for (const auto& id : ids_) hashed_.insert(id);
  ++generation_;
}

const ProfileLine* AppState::lineById(std::string_view id) const {
  const auto i = profileList->find(id);
  return i ? &(*profileList)[*i] : nullptr;
}

std::vector<std::string> AppState::idsOf(std::span<const std::uint32_t> lines) const {
  std::vector<std::string> ids;
  ids.reserve(lines.size());
  for (std::uint32_t i : lines) ids.emplace_back((*profileList)[i].id());
  return ids;
}

const std::string& reportSubject(const AppState& state) {
  if (state.editor.open && !state.editor.isNew) return state.editor.saved.id;
  return state.currentId;
}

}  // namespace rolefit::ui
