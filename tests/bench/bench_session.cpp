// Session import speed against a floor that does the same unavoidable I/O,
// in the same process, in alternating rounds (limit 1.3x: issue 12).
// Subject: RoleFit's import of a 10,000-profile JSON session file into a new
// database (read, check every field, plan, write in one transaction).
// Floor: read the same file, parse it with RapidJSON into a DOM, create the
// same schema in a new database (WAL, synchronous=FULL) and insert the same
// profiles, the session and each profile's sender result in one transaction
// through prepared statements - with no checks at all.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "bench/paired.hpp"
#include "rolefit/csv/profiles_csv.hpp"
#include "rolefit/model/fields.hpp"
#include "rolefit/session/merge.hpp"
#include "rolefit/session/session.hpp"
#include "rolefit/store/migrations.hpp"
#include "rolefit/store/store.hpp"
#include "rolefit/util/files.hpp"
#include "rolefit/util/ids.hpp"
#include "support/support.hpp"

using namespace rolefit;
using namespace rolefit::test;
using rolefit::bench::Paired;
namespace fs = std::filesystem;

namespace {

std::size_t importFile(const fs::path& file, const fs::path& db) {
  Store store(db);
  std::vector<LoadedSession> files;
  files.push_back(readSessionFile(file));  // moved in: an initializer list would copy it
  auto plan = planImport(&store, std::move(files), {file.string()});
  return applyImport(store, plan).added;
}

std::string compactJson(const rapidjson::Value& value) {
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> writer(out);
  value.Accept(writer);
  return {out.GetString(), out.GetSize()};
}

void bindJson(SQLite::Statement& q, int index, const rapidjson::Value& v) {
  if (v.IsString()) q.bindNoCopy(index, v.GetString(), static_cast<int>(v.GetStringLength()));
  else if (v.IsInt64()) q.bind(index, static_cast<int64_t>(v.GetInt64()));
  else if (v.IsNumber()) q.bind(index, v.GetDouble());
  else q.bind(index);
}

// The floor: what any importer of this file into this schema must do.
std::size_t floorImport(const fs::path& file, const fs::path& path) {
  const FileBytes bytes = readWholeFile(file, std::size_t{1} << 30, "session files");
  rapidjson::Document doc;
  doc.Parse(bytes.view().data(), bytes.view().size());
  const auto& session = doc["session"];
  const auto& profiles = session["profiles"];

  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
  db.exec("PRAGMA page_size = 16384");
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = FULL");
  migrate(db, builtinMigrations());

  std::string columns = "id, revision, created_at, updated_at", marks = "?, ?, ?, ?";
  for (const auto& f : profileFields()) columns += ", " + std::string(f.key), marks += ", ?";
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement insert(db, "INSERT INTO profiles (" + columns + ") VALUES (" + marks + ")");
  SQLite::Statement member(db, "INSERT INTO session_profiles (session_id, profile_id, seen) VALUES (?, ?, ?)");
  SQLite::Statement addSession(db, "INSERT INTO sessions (id, name, role_models, created_at, updated_at) "
                                   "VALUES (?, ?, ?, ?, ?)");
  addSession.bindNoCopy(1, session["id"].GetString());
  addSession.bindNoCopy(2, session["name"].GetString());
  addSession.bind(3, compactJson(session["role_models"]));
  addSession.bindNoCopy(4, session["exported_at"].GetString());
  addSession.bindNoCopy(5, session["exported_at"].GetString());
  addSession.exec();
  std::size_t added = 0;
  for (const auto& p : profiles.GetArray()) {
    insert.reset();
    int index = 1;
    for (const char* key : {"id", "revision", "created_at", "updated_at"}) bindJson(insert, index++, p[key]);
    for (const auto& f : profileFields()) {
      const auto found = p.FindMember(rapidjson::StringRef(f.key.data(), f.key.size()));
      if (found == p.MemberEnd()) insert.bind(index++);
      else bindJson(insert, index++, found->value);
    }
    insert.exec();
    member.reset();
    member.bindNoCopy(1, session["id"].GetString());
    member.bindNoCopy(2, p["id"].GetString());
    member.bind(3, compactJson(p["seen"]));
    member.exec();
    ++added;
  }
  tx.commit();
  return added;
}

}  // namespace

int main() {
  TempDir dir;
  constexpr std::size_t kProfiles = 10'000;
  constexpr int kRounds = 11;
  auto csv = readProfilesCsv(generatedCsv(kProfiles, 42));
  for (auto& p : csv.profiles) p.id = newUuid();
  const Session session = makeSession("Benchmark", std::move(csv.profiles), builtinRoleModels(), "bench");
  const fs::path json = dir / "session.json", binary = dir / "session.bin";
  exportSession(json, session, SessionFormat::json);
  exportSession(binary, session, SessionFormat::binary);
  std::printf("session of %zu profiles: JSON %.1f MiB, binary %.1f MiB\n", kProfiles,
              static_cast<double>(fs::file_size(json)) / (1 << 20), static_cast<double>(fs::file_size(binary)) / (1 << 20));

  bool ok = true;
  const auto jsonImport = rolefit::bench::measure(
      Paired{
          .what = "import of the 10,000-profile JSON session into a new database",
          .floorWhat = "read the same file, RapidJSON DOM parse, create the schema and insert the same profiles, "
                       "session and sender results in one WAL + synchronous=FULL transaction, no checks",
          .limit = 1.3,
          .subject = [&](int round) {
            ok &= importFile(json, dir / ("json-" + std::to_string(round) + ".db")) == kProfiles;
          },
          .floor = [&](int round) {
            ok &= floorImport(json, dir / ("floor-" + std::to_string(round) + ".db")) == kProfiles;
          },
      },
      kRounds);
  // The binary format has no floor of its own: reported against the JSON one.
  std::vector<double> binaryTimes;
  for (int round = 0; round < 3; ++round)
    binaryTimes.push_back(rolefit::bench::secondsOf([&] {
      ok &= importFile(binary, dir / ("binary-" + std::to_string(round) + ".db")) == kProfiles;
    }));
  std::sort(binaryTimes.begin(), binaryTimes.end());
  std::printf("import of the binary session: %.3f s, the median of 3 (%.2fx the JSON floor's median; reported, no limit)\n",
              binaryTimes[1], binaryTimes[1] / jsonImport.floor);
  if (!ok) std::fprintf(stderr, "bench: an import failed\n");
  return ok && jsonImport.withinLimit ? 0 : 1;
}
