// libFuzzer target: the whole import path - read, plan against a database
// holding one of the file's profiles in another version, apply - on an
// in-memory SQLite database. A refused file must leave the database as it was.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "rolefit/session/merge.hpp"
#include "rolefit/session/session.hpp"
#include "rolefit/store/store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rolefit::LoadedSession loaded;
  try {
    loaded = rolefit::decodeSession(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  } catch (const rolefit::SessionFileError&) {
    return 0;
  }
  rolefit::Store store(":memory:");
  if (!loaded.session.profiles.empty()) {
    rolefit::Profile mine = loaded.session.profiles.front().profile;
    mine.employees = mine.employees == 1 ? 2 : 1;
    store.save(mine);
  }
  auto plan = rolefit::planImport(&store, {loaded}, {"fuzz"});
  rolefit::chooseForAll(plan, static_cast<rolefit::ConflictChoice>(size % 3));
  const auto outcome = rolefit::applyImport(store, plan);
  const std::size_t expected = loaded.session.profiles.size() + (outcome.keptBoth > 0 ? 1 : 0);
  if (store.profileCount() != expected) std::abort();  // an import that lost or invented profiles
  return 0;
}
