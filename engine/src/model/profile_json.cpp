#include "rolefit/model/profile_json.hpp"

#include <cmath>

#include <fmt/format.h>

namespace rolefit {

std::string profileToJson(const Profile& p, Bookkeeping bookkeeping) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writeProfileJson(writer, p, bookkeeping);
  return {buffer.GetString(), buffer.GetSize()};
}

namespace {
bool isBookkeepingKey(std::string_view key) {
  return key == "id" || key == "revision" || key == "created_at" || key == "updated_at";
}
}  // namespace

void readProfileFields(const rapidjson::Value& object, Profile& out, std::vector<FieldProblem>& problems,
                       std::vector<std::string>* unknownKeys) {
  if (!object.IsObject()) {
    problems.push_back({"profile", "is not a JSON object"});
    return;
  }
  for (const auto& f : profileFields()) {
    const auto it = object.FindMember(rapidjson::Value(f.key.data(), static_cast<rapidjson::SizeType>(f.key.size())));
    const std::string key(f.key);
    if (it == object.MemberEnd() || it->value.IsNull()) {
      if (f.optional) {
        setFieldText(out, f, "");
        continue;
      }
      problems.push_back({key, "is missing"});
      continue;
    }
    const auto& v = it->value;
    switch (f.kind) {
      case FieldKind::Text:
      case FieldKind::Choice:
        if (!v.IsString()) {
          problems.push_back({key, "must be a string"});
          break;
        }
        if (auto problem = setFieldText(out, f, std::string_view(v.GetString(), v.GetStringLength())))
          problems.push_back({key, *problem});
        break;
      case FieldKind::Integer:
        if (v.IsInt64()) setFieldNumber(out, f, static_cast<double>(v.GetInt64()));
        else problems.push_back({key, "must be a whole number"});
        break;
      case FieldKind::Number:
        if (v.IsNumber() && std::isfinite(v.GetDouble())) setFieldNumber(out, f, v.GetDouble());
        else problems.push_back({key, "must be a finite number"});
        break;
    }
  }
  if (unknownKeys) {
    for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
      const std::string_view key(it->name.GetString(), it->name.GetStringLength());
      if (!findField(key) && !isBookkeepingKey(key)) unknownKeys->emplace_back(key);
    }
  }
}

}  // namespace rolefit
