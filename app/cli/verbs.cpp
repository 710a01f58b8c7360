#include "cli/verbs.hpp"

#include "cli/row_pipe.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <cstdio>
#include <optional>
#include <iostream>
#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>

#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/model/profile_json.hpp"
#include "rolefit/scoring/evaluation_json.hpp"
#include "rolefit/report/report.hpp"
#include "rolefit/session/merge.hpp"
#include "rolefit/session/session.hpp"
#include "rolefit/platform/console.hpp"
#include "rolefit/platform/paths.hpp"
#include "rolefit/store/store.hpp"
#include "rolefit/util/files.hpp"
#include "rolefit/util/ids.hpp"
#include "rolefit/util/parallel.hpp"
#include "rolefit/util/text.hpp"

namespace fs = std::filesystem;

namespace rolefit::app {

void refuse(const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); }

namespace {

// Read-only verbs on a database that does not exist see an empty one; they
// never create a file.
std::vector<Profile> loadProfiles(const fs::path& db) {
  if (!fs::exists(db)) return {};
  Store store(db);
  return store.profiles();
}

std::string clip(std::string_view text, std::size_t maxChars) {
  if (utf8Length(text) <= maxChars) return std::string(text);
  return std::string(firstCharacters(text, maxChars - 1)) + "…";
}

class ProgressBar {
 public:
  // Shown on a terminal, for work of at least `shownFrom` units.
  explicit ProgressBar(std::size_t shownFrom) : shownFrom_(shownFrom), enabled_(isatty(STDERR_FILENO) != 0) {}
  // `count` says what is done so far in words ("3000 profiles").
  void update(std::size_t done, std::size_t total, std::string_view count) {
    if (!enabled_ || total < shownFrom_ || total == 0) return;
    constexpr std::size_t kWidth = 30;
    const std::size_t filled = kWidth * done / total;
    std::fprintf(stderr, "\rImporting [%s%s] %3zu%%  %.*s", std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, ' ').c_str(), 100 * done / total, static_cast<int>(count.size()),
                 count.data());
    if (done == total) std::fputc('\n', stderr);
  }

 private:
  std::size_t shownFrom_;
  bool enabled_;
};

}  // namespace

int listProfiles(const fs::path& db, bool json) {
  if (json) {
    // Rows stream from the database into a buffer written in large blocks:
    // memory stays flat however many profiles there are, and the output
    // costs a few large writes instead of a call per byte.
    constexpr std::size_t kBlock = 256 * 1024;
    rapidjson::StringBuffer out(nullptr, kBlock + 64 * 1024);
    rapidjson::Writer<rapidjson::StringBuffer> writer(out);
    auto flush = [&] {
      std::fwrite(out.GetString(), 1, out.GetSize(), stdout);
      out.Clear();
    };
    writer.StartArray();
    if (fs::exists(db)) {
      Store store(db);
      store.forEachProfile([&](Profile&& p) {
        writeProfileJson(writer, p, Bookkeeping::With);
        if (out.GetSize() >= kBlock) flush();
      });
    }
    writer.EndArray();
    out.Put('\n');
    flush();
    return kExitOk;
  }
  const auto profiles = loadProfiles(db);
  if (profiles.empty()) {
    std::cout << "No profiles in " << db.string() << "\n";
    return kExitOk;
  }
  std::cout << fmt::format("{:<32}  {:<22}  {:<11}  {:>9}  {:<7}  {}\n", "NAME", "INDUSTRY", "STAGE", "EMPLOYEES",
                           "LEADERS", "ID");
  for (const auto& p : profiles)
    std::cout << fmt::format("{:<32}  {:<22}  {:<11}  {:>9}  {:<7}  {}\n", clip(p.name, 32), toString(p.industry),
                             toString(p.stage), p.employees, toString(p.leaders), p.id);
  return kExitOk;
}

// Evaluations are independent: worker threads evaluate batches of profiles
// while the database is still being read, each batch into a buffer of its
// own. The main thread prints the buffers in the order the profiles were
// read as they complete, between reads, and hands them back for later
// batches; reading waits when it runs too far ahead. A large run so touches a
// few batches' worth of memory, not the whole output's (36 MB for 10,000
// profiles, each page of it a fault to fill).
class EvaluationPipeline {
 public:
  // Nothing is printed before `printAfter` (when given) has completed; its
  // exception, if any, ends the run before the first byte.
  explicit EvaluationPipeline(const RoleModelSet& set, std::shared_future<void> printAfter = {})
      : set_(set), parts_(set), printAfter_(std::move(printAfter)) {
    const std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, kMaxShares);
    for (std::size_t w = 0; w < workers; ++w) threads_.emplace_back([this] { work(); });
    aheadLimit_ = 2 * workers;
  }
  ~EvaluationPipeline() { stop(); }

  void add(Profile&& p) {
    batch_.push_back(std::move(p));
    if (batch_.size() < kBatch) return;
    submit();
    printCompleted(aheadLimit_);
  }

  // Prints the rest and closes the JSON array.
  void finish() {
    submit();
    printCompleted(0);
    std::fputs("]\n", stdout);
    stop();
  }

 private:
  // Prints completed batches in order; waits for the next one while more
  // than `ahead` batches are submitted and not yet printed.
  void printCompleted(std::size_t ahead) {
    // While the gate has not passed, reading goes on, up to a bound on what is held.
    if (!openArray(ahead == 0 || submittedNotPrinted() > kHeldWhileGated)) return;
    for (;;) {
      std::unique_ptr<rapidjson::StringBuffer> out;
      {
        std::unique_lock lock(mutex_);
        if (printed_ == jobs_.size()) return;
        if (!jobs_[printed_].output) {
          if (jobs_.size() - printed_ <= ahead) return;
          done_.wait(lock, [&] { return jobs_[printed_].output != nullptr; });
        }
        out = std::move(jobs_[printed_].output);
        ++printed_;
      }
      if (out->GetSize() > 0) {
        if (anyPrinted_) std::fputc(',', stdout);
        std::fwrite(out->GetString(), 1, out->GetSize(), stdout);
        anyPrinted_ = true;
      }
      out->Clear();  // keeps its memory for a later batch
      std::lock_guard lock(mutex_);
      spare_.push_back(std::move(out));
    }
  }

  // Opens the JSON array once the gate has passed; false while it has not
  // and `mayWait` is false.
  bool openArray(bool mayWait) {
    if (arrayOpen_) return true;
    if (printAfter_.valid()) {
      if (!mayWait && printAfter_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
      printAfter_.get();
    }
    std::fputc('[', stdout);
    arrayOpen_ = true;
    return true;
  }
  std::size_t submittedNotPrinted() {
    std::lock_guard lock(mutex_);
    return jobs_.size() - printed_;
  }

  static constexpr std::size_t kBatch = 32;
  static constexpr std::size_t kHeldWhileGated = 64;  // batches: about 7.5 MB of results
  static constexpr std::size_t kBytesPerResult = 5 * 1024;  // 3.7 KB on average

  struct Job {
    std::vector<Profile> profiles;
    std::unique_ptr<rapidjson::StringBuffer> output;  // set when done
  };

  void submit() {
    if (batch_.empty()) return;
    {
      std::lock_guard lock(mutex_);
      jobs_.push_back({std::move(batch_), nullptr});
      pending_.push_back(jobs_.size() - 1);
    }
    batch_.clear();
    ready_.notify_one();
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

  void work() {
    while (true) {
      std::size_t k = 0;
      std::vector<Profile> profiles;
      std::unique_ptr<rapidjson::StringBuffer> out;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return closed_ || !pending_.empty(); });
        if (pending_.empty()) return;
        k = pending_.front();
        pending_.pop_front();
        profiles = std::move(jobs_[k].profiles);
        if (!spare_.empty()) {
          out = std::move(spare_.back());
          spare_.pop_back();
        }
      }
      // Sized for a batch up front: growing, it would copy itself onto fresh pages.
      if (!out) out = std::make_unique<rapidjson::StringBuffer>(nullptr, kBatch * kBytesPerResult);
      CompactJsonWriter<rapidjson::StringBuffer> writer(*out);
      for (std::size_t i = 0; i < profiles.size(); ++i) {
        if (i > 0) out->Put(',');
        writer.Reset(*out);  // one complete object per profile, joined by commas
        writeEvaluationJson(writer, profiles[i], evaluate(profiles[i], set_), set_, &parts_);
      }
      {
        std::lock_guard lock(mutex_);
        jobs_[k].output = std::move(out);
      }
      done_.notify_one();
    }
  }

  const RoleModelSet& set_;
  const EvaluationJsonParts parts_;
  std::vector<Profile> batch_;
  std::mutex mutex_;
  std::condition_variable ready_, done_;
  std::deque<Job> jobs_;  // a deque: a job stays where it is while others are added
  std::deque<std::size_t> pending_;
  std::vector<std::unique_ptr<rapidjson::StringBuffer>> spare_;
  bool closed_ = false;
  std::size_t printed_ = 0;  // jobs printed, all in order
  bool anyPrinted_ = false;
  std::shared_future<void> printAfter_;
  bool arrayOpen_ = false;
  std::size_t aheadLimit_ = 2;
  std::vector<std::thread> threads_;
};

// The profiles named by id or name, in the order asked; all when none named.
// An unknown or ambiguous name is refused before anything is printed.
std::optional<std::vector<Profile>> selectProfiles(Store* store, const fs::path& db, const std::vector<std::string>& keys) {
  if (keys.empty()) return store ? store->profiles() : std::vector<Profile>{};
  if (!store) {
    refuse(fmt::format("rolefit: {}: no such database", db.string()));
    return std::nullopt;
  }
  std::vector<Profile> out;
  for (const auto& key : keys) {
    auto found = store->findByIdOrName(key);
    if (found.empty()) {
      refuse(fmt::format("rolefit: no profile with id or name {}", quoteForMessage(key)));
      return std::nullopt;
    }
    if (found.size() > 1) {
      refuse(fmt::format("rolefit: {} names {} profiles; use an id ({}, {}, ...)", quoteForMessage(key), found.size(),
                         found[0].id, found[1].id));
      return std::nullopt;
    }
    out.push_back(std::move(found.front()));
  }
  return out;
}

// Every profile reads the whole file, and so does the integrity check that
// opening a store runs: here the check runs beside the reading and the
// evaluating, on a connection of its own, and nothing is printed before it
// has passed. (A store that needs upgrading is still checked before it is.)
int evaluateAllJson(const fs::path& db) {
  if (!fs::exists(db)) {
    const RoleModelSet set = builtinRoleModels();
    EvaluationPipeline(set).finish();
    return kExitOk;
  }
  // One pass over the rows: a cache the size of the file would only be
  // fresh memory to fill (a fault per page), never read again.
  Store store(db, StoreOptions{.checkIntegrity = false, .cacheKib = 1024});
  const std::shared_future<void> checked = std::async(std::launch::async, [db] {
    Store(db, StoreOptions{.readOnly = true, .checkIntegrity = false, .cacheKib = 512}).checkIntegrity();
  }).share();
  const RoleModelSet set = store.activeRoleModels();  // outlives the pipeline, which refers to it
  EvaluationPipeline pipeline(set, checked);
  try {
    store.forEachProfile([&](Profile&& p) { pipeline.add(std::move(p)); });
  } catch (const std::exception&) {
    checked.get();  // a damaged file: the check's message names the backups
    throw;
  }
  pipeline.finish();
  return kExitOk;
}

int evaluateProfiles(const fs::path& db, const std::vector<std::string>& keys, bool json) {
  if (json && keys.empty()) return evaluateAllJson(db);
  // One open of the database: each open runs its integrity check.
  std::optional<Store> store;
  if (fs::exists(db)) store.emplace(db);
  const RoleModelSet set = store ? store->activeRoleModels() : builtinRoleModels();
  const auto profiles = selectProfiles(store ? &*store : nullptr, db, keys);
  if (!profiles) return kExitRefused;
  if (json) {
    EvaluationPipeline pipeline(set);
    for (Profile p : *profiles) pipeline.add(std::move(p));
    pipeline.finish();
    return kExitOk;
  }
  if (profiles->empty()) {
    std::cout << "No profiles in " << db.string() << "\n";
    return kExitOk;
  }
  std::cout << fmt::format("{:<32}  {:<34}  {:>4}  {:>4}  {:>6}  {}\n", "NAME", "RECOMMENDATION", "CIO", "CTO",
                           "HYBRID", "RUNNER-UP (MARGIN)");
  for (const auto& p : *profiles) {
    const auto e = evaluate(p, set);
    std::cout << fmt::format("{:<32}  {:<34}  {:>4.0f}  {:>4.0f}  {:>6.0f}  {} ({:.1f})\n", clip(p.name, 32),
                             describe(e.scores.recommendation), e.scores.fit[0], e.scores.fit[1], e.scores.fit[2],
                             toString(e.scores.runnerUp), e.margin);
  }
  std::cout << fmt::format("Role models {}. `rolefit report NAME --format md` explains one.\n", set.version);
  return kExitOk;
}

int reportProfile(const fs::path& db, const std::string& key, const std::string& formatName, const std::string& output) {
  const auto format = reportFormatFromName(formatName);
  if (!format) {
    refuse(fmt::format("rolefit: --format: {} is not md, html or csv", quoteForMessage(formatName)));
    return kExitUsage;
  }
  std::optional<Store> store;
  if (fs::exists(db)) store.emplace(db);
  const auto profiles = selectProfiles(store ? &*store : nullptr, db, {key});
  if (!profiles) return kExitRefused;
  const Profile& profile = profiles->front();
  const RoleModelSet set = store ? store->activeRoleModels() : builtinRoleModels();
  const std::string report = reportFileText(profile, set, *format, store ? store->ratings(profile.id) : std::vector<Rating>{});
  if (output.empty() || output == "-") {
    // Its line ends as in a file: the CSV's CR LF would otherwise gain a CR on Windows.
    platform::setStdoutBinary();
    std::fwrite(report.data(), 1, report.size(), stdout);
    return kExitOk;
  }
  writeFileAtomically(pathFromUtf8(output), report);
  std::cout << fmt::format("Wrote the report on {} to {}\n", profile.name, output);
  return kExitOk;
}

int importCsv(const fs::path& db, const fs::path& file) {
  const std::string name = file.string();
  // Rows go to the database as the file's blocks are read (on a thread of
  // their own, checked there), in one transaction committed only if every
  // row is good: memory stays a few batches deep. The store opens at the
  // first good row, so a file refused at its header never creates a
  // database. A database that does not exist yet is written privately and
  // appears whole at the end (Store::publish); a file refused later leaves
  // nothing.
  CsvReadResult result;
  std::atomic<std::size_t> bytesRead = 0, fileSize = 0;
  PipeReader<CheckedProfile> reader([&](auto hand) {
    CsvProfileReader csv([&](Profile& profile) {
      hand(CheckedProfile(std::move(profile)));  // checked here, off the storing thread
    });
    readFileInBlocks(file, kMaxCsvBytes, "CSV files", [&](std::string_view block, std::size_t size) {
      fileSize = size;
      bytesRead += block.size();
      csv.feed(block);
    });
    result = csv.finish();
  });

  // An import stopped before its end (killed, the machine off) left its
  // private file; one unchanged for an hour and locked by nobody is not
  // coming back.
  for (const auto& left : Store::discardAbandonedPrivateFiles(db, std::chrono::hours(1)))
    std::cerr << fmt::format("rolefit: removed {}, left by an import that did not finish\n", left.string());
  const bool dbIsNew = !fs::exists(db);
  const fs::path writtenTo = dbIsNew ? Store::privateFileFor(db) : db;
  StoreOptions options;
  if (dbIsNew) options.privateFor = db;
  std::optional<Store> store;
  std::optional<Store::Batch> batch;
  auto abandon = [&] {
    batch.reset();  // rolled back
    store.reset();
    if (dbIsNew) Store::discardPrivateFile(writtenTo);  // nobody else knows its name
  };
  // By bytes of the file read: how many rows it holds is known only at its end.
  ProgressBar bar(256 * 1024);
  try {
    for (auto rows = reader.take(); !rows.empty(); rows = reader.take()) {
      if (!batch) batch.emplace(store.emplace(writtenTo, options).beginBatch());
      for (CheckedProfile& profile : rows) batch->save(profile);
      bar.update(bytesRead, fileSize, countOf(batch->saved(), "profile"));
    }
    reader.join();
    reader.rethrowIfFailed();
  } catch (...) {
    abandon();
    throw;  // the reader is stopped and waited for on the way out
  }
  if (reader.fileError()) {
    abandon();
    refuse(fmt::format("{}: {}", name, *reader.fileError()));
    return kExitRefused;
  }
  if (!result.problems.empty()) {
    abandon();
    for (const auto& problem : result.problems) refuse(describe(name, problem));
    refuse(fmt::format("{}: nothing imported ({})", name, countOf(result.problems.size(), "problem")));
    return kExitRefused;
  }
  try {
    if (batch) batch->commit();
    batch.reset();
    const bool written = store.has_value();
    store.reset();  // closed: the private file is complete
    if (written && dbIsNew) Store::publish(writtenTo, db);
  } catch (...) {
    abandon();
    throw;
  }
  bar.update(fileSize, fileSize, countOf(result.rows, "profile"));
  std::cout << fmt::format("Imported {} from {} into {}\n", countOf(result.rows, "profile"), name, db.string());
  return kExitOk;
}

namespace {

std::string shortText(const std::string& text) {
  std::string oneLine = text;
  std::replace(oneLine.begin(), oneLine.end(), '\n', ' ');
  return quoteForMessage(clip(oneLine, 40));
}

void printPlan(const ImportPlan& plan) {
  for (std::size_t f = 0; f < plan.files.size(); ++f) {
    const auto& loaded = plan.files[f];
    const auto& s = loaded.session;
    std::size_t counts[3] = {0, 0, 0};
    for (const auto& item : plan.items)
      if (item.file == f) ++counts[static_cast<std::size_t>(item.status)];
    std::cout << fmt::format("{}: session {} ({}), exported{}{}; format {}.{} ({}), RoleFit {}, role models {}\n",
                             plan.labels[f], quoteForMessage(s.name), countOf(s.profiles.size(), "profile"),
                             s.exportedBy.empty() ? "" : " by " + s.exportedBy,
                             s.exportedAt.empty() ? "" : " on " + s.exportedAt, loaded.file.major, loaded.file.minor,
                             toString(loaded.file.format), loaded.file.appVersion, s.roleModelVersion);
    std::cout << fmt::format("  new {}, unchanged {}, conflicting {}{}\n", counts[0], counts[1], counts[2],
                             s.ratings.empty() ? "" : "; " + countOf(s.ratings.size(), "rating"));
    if (!s.withheld.empty()) std::cout << fmt::format("  {}\n", withheldNotice(s.withheld));
    for (const auto& item : plan.items) {
      if (item.file != f || item.status != ImportStatus::conflict) continue;
      const auto& theirs = plan.incoming(item).profile;
      std::cout << fmt::format("  conflict: {} ({}){}\n", theirs.name, theirs.id, item.mineInBin ? " - yours is in the bin" : "");
      for (const auto& d : item.differences)
        std::cout << fmt::format("    {}: yours {}, theirs {}\n", d.field, shortText(d.mine), shortText(d.theirs));
    }
    for (const auto& notice : loaded.file.notices) std::cout << fmt::format("  {}\n", notice);
  }
}

}  // namespace

int exportSessionFile(const fs::path& db, const fs::path& file, const ExportOptions& options) {
  SessionFormat format;
  if (options.format == "json") format = SessionFormat::json;
  else if (options.format == "binary") format = SessionFormat::binary;
  else {
    refuse(fmt::format("rolefit: --format: {} is not json or binary", quoteForMessage(options.format)));
    return kExitUsage;
  }
  if (!options.session.empty() && !options.profiles.empty()) {
    refuse("rolefit: --session and --profiles go one at a time");
    return kExitUsage;
  }
  if (!fs::exists(db)) {
    refuse(fmt::format("rolefit: {}: no such database", db.string()));
    return kExitRefused;
  }
  if (!options.name.empty() && (!isValidUtf8(options.name) || utf8Length(options.name) > kMaxNameLength)) {
    refuse(fmt::format("rolefit: --name: a session name must be 1-{} characters of text", kMaxNameLength));
    return kExitUsage;
  }
  std::string problem;
  const auto withheld = WithheldSet::parse(options.withhold, &problem);
  if (!withheld) {
    refuse(fmt::format("rolefit: --withhold: {}", problem));
    return kExitUsage;
  }
  Store store(db);  // once: each open runs the integrity check
  ExportRequest request{.sessionId = {}, .profileIds = {}, .name = options.name, .withhold = *withheld};
  if (!options.session.empty()) {
    const auto found = store.findSessions(options.session);
    if (found.size() != 1) {
      refuse(found.empty() ? fmt::format("rolefit: no session with id or name {}", quoteForMessage(options.session))
                           : fmt::format("rolefit: {} names {} sessions; use an id", quoteForMessage(options.session), found.size()));
      return kExitRefused;
    }
    request.sessionId = found.front().id;
  } else if (!options.profiles.empty()) {
    auto selected = selectProfiles(&store, db, options.profiles);
    if (!selected) return kExitRefused;
    for (auto& p : *selected) request.profileIds.push_back(std::move(p.id));
  }
  const Session session = sessionForExport(store, request, platform::userName());
  exportSession(file, session, format);
  std::cout << fmt::format("Exported {}{} to {} ({}){}\n", countOf(session.profiles.size(), "profile"),
                           session.ratings.empty() ? "" : " and " + countOf(session.ratings.size(), "rating"),
                           file.string(), toString(format),
                           session.withheld.empty() ? "" : fmt::format("; withheld: {}", fmt::join(session.withheld.names(), ", ")));
  return kExitOk;
}

int importSessionFiles(const fs::path& db, const std::vector<std::string>& files, bool dryRun, const std::string& onConflict) {
  std::optional<ConflictChoice> choice;
  if (!onConflict.empty()) {
    choice = conflictChoiceFrom(onConflict);
    if (!choice || *choice == ConflictChoice::pickFields) {
      refuse(fmt::format("rolefit: --on-conflict: {} is not keep-mine, take-theirs or keep-both", quoteForMessage(onConflict)));
      return kExitUsage;
    }
  }
  std::vector<LoadedSession> loaded;
  try {
    for (const auto& file : files) loaded.push_back(readSessionFile(pathFromUtf8(file)));
  } catch (const SessionFileError& e) {
    refuse(e.what());
    return kExitRefused;
  }
  // A dry run on a database that does not exist yet compares with nothing.
  std::optional<Store> store;
  if (!dryRun || fs::exists(db)) store.emplace(db, StoreOptions{.readOnly = dryRun});
  ImportPlan plan;
  try {
    plan = planImport(store ? &*store : nullptr, std::move(loaded), files);
  } catch (const SessionFileError& e) {
    refuse(e.what());
    return kExitRefused;
  }
  printPlan(plan);
  if (dryRun) {
    std::cout << "Nothing written (--dry-run).\n";
    return kExitOk;
  }
  const std::size_t conflicts = plan.count(ImportStatus::conflict);
  if (conflicts > 0 && !choice) {
    // The verb agrees with the count: "1 profile differs", "2 profiles differ".
    refuse(fmt::format("rolefit: {} from yours; choose --on-conflict keep-mine, take-theirs or keep-both "
                       "(nothing was imported)",
                       countOf(conflicts, "profile") + (conflicts == 1 ? " differs" : " differ")));
    return kExitRefused;
  }
  if (choice) chooseForAll(plan, *choice);
  ProgressBar bar(2000);
  const auto outcome = applyImport(*store, plan, [&](std::size_t done, std::size_t all) {
    bar.update(done, all, fmt::format("{}/{} profiles", done, all));
  });
  for (const auto& notice : outcome.notices) std::cout << notice << "\n";
  std::cout << fmt::format("Imported into {}: {}\n", db.string(), outcome.counts());
  return kExitOk;
}

}  // namespace rolefit::app
