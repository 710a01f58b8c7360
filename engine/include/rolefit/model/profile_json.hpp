// Profiles as JSON objects keyed by the contract's field names.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "rolefit/model/fields.hpp"
#include "rolefit/model/profile.hpp"

namespace rolefit {

enum class Bookkeeping : bool { Without, With };

template <typename Writer>
void writeProfileFields(Writer& w, const Profile& p) {
  for (const auto& f : profileFields()) {
    if (f.key == "revenue_musd" && !p.revenue_musd) {
      w.Key("revenue_musd");
      w.Null();
      continue;
    }
    w.Key(f.key.data(), static_cast<rapidjson::SizeType>(f.key.size()));
    switch (f.kind) {
      case FieldKind::Text:
      case FieldKind::Choice: {
        const auto text = fieldText(p, f);
        w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
        break;
      }
      case FieldKind::Integer: w.Int64(static_cast<std::int64_t>(fieldNumber(p, f))); break;
      case FieldKind::Number: w.Double(fieldNumber(p, f)); break;
    }
  }
}

template <typename Writer>
void writeProfileJson(Writer& w, const Profile& p, Bookkeeping bookkeeping) {
  w.StartObject();
  if (bookkeeping == Bookkeeping::With) {
    w.Key("id");
    w.String(p.id.c_str());
    w.Key("revision");
    w.Int64(p.revision);
    w.Key("created_at");
    w.String(p.created_at.c_str());
    w.Key("updated_at");
    w.String(p.updated_at.c_str());
  }
  writeProfileFields(w, p);
  w.EndObject();
}

std::string profileToJson(const Profile& p, Bookkeeping bookkeeping);

// Reads the contract fields of a JSON object into `out`. Every problem is
// added to `problems`, naming its field; keys outside the contract are listed
// in `unknownKeys` (when given) rather than refused, so a newer file's extra
// fields can be reported instead of failing the whole read.
void readProfileFields(const rapidjson::Value& object, Profile& out, std::vector<FieldProblem>& problems,
                       std::vector<std::string>* unknownKeys = nullptr);

}  // namespace rolefit
