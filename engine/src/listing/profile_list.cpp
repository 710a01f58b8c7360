#include "rolefit/listing/profile_list.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "rolefit/model/fields.hpp"
#include "rolefit/scoring/evaluate.hpp"
#include "rolefit/store/store.hpp"

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#elif defined(_WIN32)
#include <windows.h>
#endif

namespace rolefit {
namespace {

constexpr std::size_t kTextBlock = 64 * 1024;

// The industry as stored (contract spelling), parsed as the store reads it:
// its place among the field table's choices, which are in enum order. (Not
// through a thread_local scratch profile: mingw-w64 frees a thread_local's
// storage before its destructor runs at thread exit.)
Industry industryOf(std::string_view id, std::string_view stored) {
  static const FieldInfo* field = findField("industry");
  const auto choice = std::find(field->choices.begin(), field->choices.end(), stored);
  if (choice != field->choices.end()) return static_cast<Industry>(choice - field->choices.begin());
  Profile rejected;
  const auto problem = setFieldText(rejected, *field, stored);
  throw StoreError(fmt::format("stored profile {} has a bad industry: {}", id, problem.value_or("unknown")));
}

ProfileList::Result resultOf(std::uint32_t line, const Scores& scores) {
  return {line, scores.recommendation, {scores.fit[0], scores.fit[1]}};
}

}  // namespace

// ---------------------------------------------------------------- list

std::uint32_t ProfileList::hashId(std::string_view id) {
  // FNV-1a: the same on every platform, unlike std::hash.
  std::uint32_t h = 2166136261u;
  for (unsigned char c : id) h = (h ^ c) * 16777619u;
  return h;
}

std::string_view ProfileLine::updatedAt() const {
  const auto end = std::find(updatedAt_.begin(), updatedAt_.end(), '\0');
  return {updatedAt_.data(), static_cast<std::size_t>(end - updatedAt_.begin())};
}

std::string_view ProfileList::keep(std::string_view text) {
  if (text.size() > blockLeft_) {
    const std::size_t size = std::max(kTextBlock, text.size());
    blocks_.push_back(std::make_unique<char[]>(size));
    blockAt_ = blocks_.back().get();
    blockLeft_ = size;
  }
  if (!text.empty()) std::memcpy(blockAt_, text.data(), text.size());
  const std::string_view kept(blockAt_, text.size());
  blockAt_ += text.size();
  blockLeft_ -= text.size();
  return kept;
}

void ProfileList::reserve(std::size_t lines) {
  lines_.reserve(lines);
  byId_.reserve(lines);
  byName_.reserve(lines);
}

ProfileLine& ProfileList::add(std::string_view id, std::string_view name, std::string_view updatedAt) {
  // Past the contract's limits only in a file edited by hand: cut, for display.
  constexpr std::size_t kMost = 0xFFFF;
  id = id.substr(0, kMost);
  name = name.substr(0, kMost);
  ProfileLine& line = lines_.emplace_back();
  const auto keptId = keep(id);
  const auto keptName = keep(name);
  line.idAt_ = keptId.data();
  line.idSize_ = static_cast<std::uint16_t>(keptId.size());
  line.nameAt_ = keptName.data();
  line.nameSize_ = static_cast<std::uint16_t>(keptName.size());
  std::copy_n(updatedAt.data(), std::min(updatedAt.size(), line.updatedAt_.size()), line.updatedAt_.begin());
  return line;
}

void ProfileList::setResult(const Result& result) {
  ProfileLine& line = lines_.at(result.line);
  if (!line.scored) ++scored_;
  line.scored = true;
  line.recommendation = result.recommendation;
  line.fit = result.fit;
}

void ProfileList::index() {
  const std::size_t from = byId_.size();
  for (std::size_t i = from; i < lines_.size(); ++i)
    byId_.emplace_back(hashId(lines_[i].id()), static_cast<std::uint32_t>(i));
  const auto middle = byId_.begin() + static_cast<std::ptrdiff_t>(from);
  std::sort(middle, byId_.end());
  std::inplace_merge(byId_.begin(), middle, byId_.end());

  const std::size_t named = byName_.size();
  for (std::size_t i = named; i < lines_.size(); ++i) byName_.push_back(static_cast<std::uint32_t>(i));
  const auto firstNew = byName_.begin() + static_cast<std::ptrdiff_t>(named);
  const auto less = [this](std::uint32_t a, std::uint32_t b) { return nameLess(lines_[a], lines_[b]); };
  std::sort(firstNew, byName_.end(), less);
  std::inplace_merge(byName_.begin(), firstNew, byName_.end(), less);
}

bool ProfileList::nameLess(const ProfileLine& lineA, const ProfileLine& lineB) {
  const std::string_view a = lineA.name(), b = lineB.name();
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    // SQLite's NOCASE: ASCII letters only; other bytes compare as they are.
    auto fold = [](char c) {
      const auto u = static_cast<unsigned char>(c);
      return u >= 'A' && u <= 'Z' ? static_cast<unsigned char>(u + 32) : u;
    };
    const unsigned char x = fold(a[i]), y = fold(b[i]);
    if (x != y) return x < y;
  }
  if (a.size() != b.size()) return a.size() < b.size();
  return lineA.id() < lineB.id();
}

std::optional<std::size_t> ProfileList::find(std::string_view id) const {
  const std::uint32_t h = hashId(id);
  auto it = std::lower_bound(byId_.begin(), byId_.end(), std::pair<std::uint32_t, std::uint32_t>{h, 0});
  for (; it != byId_.end() && it->first == h; ++it)
    if (lines_[it->second].id() == id) return it->second;
  return std::nullopt;
}

// ---------------------------------------------------------------- reader

struct ProfileListReader::Statements {
  std::optional<SQLite::Statement> lines;
  std::optional<Store::Cursor> cursor;
  bool inTransaction = false;
};

ProfileListReader::ProfileListReader(std::filesystem::path database, RoleModelSet roleModels, Options options)
    : database_(std::move(database)),
      roleModels_(std::move(roleModels)),
      options_(std::move(options)),
      statements_(std::make_unique<Statements>()),
      list_(std::make_unique<ProfileList>()) {
  list_->setRoleModelVersion(roleModels_.version);
}

ProfileListReader::~ProfileListReader() {
  // Statements before the connection they run on.
  statements_.reset();
  store_.reset();
}

void ProfileListReader::interrupt() {
  std::lock_guard lock(storeMutex_);
  interrupted_ = true;
  if (store_) store_->interrupt();
}

ProfileListReader::Phase ProfileListReader::step(std::size_t rows) {
  try {
    switch (phase_) {
      case Phase::Starting: startLines(); break;
      case Phase::Lines: readLines(rows); break;
      case Phase::Results: readResults(rows); break;
      case Phase::Done: break;
    }
  } catch (const SQLite::Exception& e) {
    throw StoreError(fmt::format("{}: {}", database_.string(), e.what()));
  }
  return phase_;
}

void ProfileListReader::startLines() {
  // A scan's pages are read once: a small cache keeps this connection's
  // memory small on a large database.
  auto store = std::make_unique<Store>(database_,
                                      StoreOptions{.readOnly = true, .checkIntegrity = false, .cacheKib = 512});
  {
    std::lock_guard lock(storeMutex_);
    if (interrupted_) throw StoreError(fmt::format("{}: reading the profiles was stopped", database_.string()));
    store_ = std::move(store);
  }
  // After the store is reachable by interrupt(): on a large file the check
  // takes a while, and closing the window must not wait for it.
  if (options_.checkIntegrity) store_->checkIntegrity();
  auto& db = store_->database();
  // One snapshot for both passes: the n-th row of the second is the n-th
  // line of the first.
  db.exec("BEGIN");
  statements_->inTransaction = true;
  total_ = static_cast<std::size_t>(
      db.execAndGet("SELECT count(*) FROM profiles WHERE deleted_at IS NULL").getInt64());
  list_->reserve(total_);
  statements_->lines.emplace(db,
                             "SELECT id, name, industry, employees, revision, updated_at FROM profiles "
                             "WHERE deleted_at IS NULL ORDER BY rowid");
  phase_ = Phase::Lines;
}

void ProfileListReader::readLines(std::size_t rows) {
  auto& q = *statements_->lines;
  const ProfileList* previous = options_.previous.get();
  const bool reuse = previous && previous->roleModelVersion() == roleModels_.version;
  for (std::size_t n = 0; n < rows; ++n) {
    if (!q.executeStep()) {
      statements_->lines.reset();
      list_->index();
      startResults();
      return;
    }
    const auto text = [&](int column) {
      const auto value = q.getColumn(column);
      return std::string_view(value.getText(), static_cast<std::size_t>(value.getBytes()));
    };
    const auto index = static_cast<std::uint32_t>(list_->size());
    ProfileLine& line = list_->add(text(0), text(1), text(5));
    line.industry = industryOf(line.id(), text(2));
    line.employees = q.getColumn(3).getInt64();
    line.revision = q.getColumn(4).getInt64();
    ++linesRead_;
    bool known = false;
    if (reuse)
      if (const auto before = previous->find(line.id())) {
        const ProfileLine& old = (*previous)[*before];
        if (old.scored && old.revision == line.revision) {
          list_->setResult({index, old.recommendation, old.fit});
          known = true;
        }
      }
    toScore_.push_back(!known);
    if (!known) ++resultsLeft_;
  }
}

void ProfileListReader::startResults() {
  if (resultsLeft_ == 0) {
    finish();
    return;
  }
  phase_ = Phase::Results;
  // A few changed profiles are looked up one by one; many are read in one
  // scan of the table, in the same order as the lines.
  if (resultsLeft_ * 8 <= total_) {
    for (std::size_t i = 0; i < toScore_.size(); ++i)
      if (toScore_[i]) fewToScore_.emplace_back(static_cast<std::uint32_t>(i), std::string((*list_)[i].id()));
  } else {
    statements_->cursor.emplace(store_->profilesInStorageOrder());
  }
}

void ProfileListReader::readResults(std::size_t rows) {
  for (std::size_t n = 0; n < rows && resultsLeft_ > 0; ++n) {
    std::optional<Profile> profile;
    std::uint32_t line = 0;
    if (statements_->cursor) {
      // Rows whose result was known are stepped over unread.
      while (nextLine_ < toScore_.size() && !toScore_[nextLine_]) {
        if (!statements_->cursor->skip()) break;
        ++nextLine_;
      }
      line = static_cast<std::uint32_t>(nextLine_++);
      profile = statements_->cursor->next();
    } else {
      line = fewToScore_[fewToScore_.size() - resultsLeft_].first;
      profile = store_->profile(fewToScore_[fewToScore_.size() - resultsLeft_].second);
    }
    if (!profile) throw StoreError(fmt::format("{}: a profile changed while the list was read", database_.string()));
    results_.push_back(resultOf(line, score(*profile, roleModels_)));
    --resultsLeft_;
  }
  if (resultsLeft_ == 0) finish();
}

void ProfileListReader::finish() {
  statements_->cursor.reset();
  statements_->lines.reset();
  if (statements_->inTransaction) store_->database().exec("COMMIT");
  statements_->inTransaction = false;
  toScore_ = {};
  fewToScore_ = {};
  phase_ = Phase::Done;
  std::lock_guard lock(storeMutex_);
  store_.reset();  // its cache and file handles are not needed any more
}

// ---------------------------------------------------------------- loader

ProfileListLoader::ProfileListLoader(std::filesystem::path database, RoleModelSet roleModels,
                                     ProfileListReader::Options options, std::function<void()> wake, bool onThread)
    : reader_(std::move(database), std::move(roleModels), std::move(options)),
      wake_(std::move(wake)),
      onThread_(onThread && kThreadsAvailable) {
  if (onThread_) thread_ = std::thread([this] { run(); });
}

ProfileListLoader::~ProfileListLoader() {
  if (!thread_.joinable()) return;
  stop_ = true;
  // The reader may be inside one long statement (the integrity check).
  reader_.interrupt();
  thread_.join();
}

bool ProfileListLoader::workStep() {
  try {
    const auto phase = reader_.step(512);
    std::lock_guard lock(mutex_);
    progress_ = {phase, reader_.total(), reader_.linesRead(), reader_.resultsLeft()};
    if (phase >= ProfileListReader::Phase::Results) {
      if (auto list = reader_.takeList()) {
        list_ = std::move(list);
        wakeDue_ = true;
      }
      auto results = reader_.takeResults();
      results_.insert(results_.end(), results.begin(), results.end());
    }
    if (phase == ProfileListReader::Phase::Done) finished_ = true;
    return finished_;
  } catch (const std::exception& e) {
    std::lock_guard lock(mutex_);
    Failure failure{.message = e.what(), .damaged = false, .backups = {}};
    if (const auto* damaged = dynamic_cast<const CorruptDatabaseError*>(&e)) {
      failure.damaged = true;
      failure.backups = damaged->backups();
    }
    if (!stop_) failure_ = std::move(failure);  // an interrupt asked for is no failure
    finished_ = true;
    return true;
  }
}

void ProfileListLoader::run() {
#if defined(__linux__)
  // The window's frames first: on a two-core laptop the reader would
  // otherwise take a core from the renderer.
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
#elif defined(_WIN32)
  SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_BELOW_NORMAL);
#endif
  using Clock = std::chrono::steady_clock;
  auto lastWake = Clock::now();
  while (!stop_) {
    const bool done = workStep();
    // A frame per chunk would redraw hundreds of times a second.
    if (std::exchange(wakeDue_, false) || done || Clock::now() - lastWake > std::chrono::milliseconds(100)) {
      lastWake = Clock::now();
      if (wake_ && !done) wake_();
    }
    if (done) break;
  }
  {
    std::lock_guard lock(mutex_);
    finished_ = true;
  }
  finishedChanged_.notify_all();
  if (!stop_ && wake_) wake_();
}

void ProfileListLoader::advance() {
  if (onThread_ || finished()) return;
  // About half a frame at 60 Hz: the page stays responsive while it reads.
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(8);
  while (!workStep() && std::chrono::steady_clock::now() < until) {
  }
}

ProfileListLoader::Progress ProfileListLoader::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

std::unique_ptr<ProfileList> ProfileListLoader::takeList() {
  std::lock_guard lock(mutex_);
  return std::move(list_);
}

std::vector<ProfileList::Result> ProfileListLoader::takeResults() {
  std::lock_guard lock(mutex_);
  return std::exchange(results_, {});
}

std::optional<ProfileListLoader::Failure> ProfileListLoader::failure() const {
  std::lock_guard lock(mutex_);
  return failure_;
}

bool ProfileListLoader::finished() const {
  std::lock_guard lock(mutex_);
  return finished_;
}

void ProfileListLoader::wait() {
  if (!onThread_) {
    while (!finished() && !workStep()) {
    }
    return;
  }
  std::unique_lock lock(mutex_);
  finishedChanged_.wait(lock, [this] { return finished_; });
}

}  // namespace rolefit
