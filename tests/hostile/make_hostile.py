#!/usr/bin/env python3
"""Writes the hostile session files in this folder (and the newer-minor
fixtures in ../fixtures/sessions) from assets/samples/example-session.json.

The binary writer below is a second, independent spelling of the binary
session layout (README "Session files"): cereal's portable binary archive,
little-endian, each type's 32-bit class version before its first instance,
64-bit sizes. Run it again after changing the format; the suite checks that
every file here is refused and that the fixtures import.
"""
import copy
import json
import math
import pathlib
import struct
import zlib

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "sessions"
EXAMPLE = json.loads((ROOT / "assets" / "samples" / "example-session.json").read_text())
DIMENSIONS = ["operations", "security", "budget_vendors", "information", "product", "architecture", "innovation",
              "customer_tech"]
STAGES = ["startup", "scaleup", "established", "enterprise"]
ROLES = ["cio", "cto", "hybrid"]
STRUCTURES = ["cio_led", "cto_led", "cio_and_cto", "hybrid", "cio_and_product_ctos"]
INDUSTRIES = ["software", "internet", "hardware", "telecom", "banking", "insurance", "healthcare", "pharma",
              "manufacturing", "retail", "logistics", "energy", "public_sector", "education", "media",
              "professional_services", "hospitality", "other"]
MODELS = ["product", "service", "platform", "mixed"]
BUDGETS = ["one", "two", "more"]
LEADERS = ["none", "cio", "cto", "both", "hybrid"]
JUDGEMENTS = ["regulatory_burden", "it_complexity", "goal_efficiency", "goal_cost", "goal_innovation", "goal_growth",
              "goal_customer", "goal_security", "goal_transformation", "goal_information", "cap_infrastructure",
              "cap_security", "cap_information", "cap_enterprise_systems", "cap_vendor", "cap_engineering",
              "cap_innovation", "cap_architecture"]
GOALS = ["goal_efficiency", "goal_cost", "goal_innovation", "goal_growth", "goal_customer", "goal_security",
         "goal_transformation", "goal_information"]
CAPS = ["cap_infrastructure", "cap_security", "cap_information", "cap_enterprise_systems", "cap_vendor",
        "cap_engineering", "cap_innovation", "cap_architecture"]


class Writer:
    def __init__(self):
        self.out = bytearray([1])  # little-endian marker
        self.versioned = set()

    def version(self, type_name):
        if type_name not in self.versioned:
            self.versioned.add(type_name)
            self.u32(0)

    def u8(self, v): self.out += struct.pack("<B", v)
    def u32(self, v): self.out += struct.pack("<I", v)
    def u64(self, v): self.out += struct.pack("<Q", v)
    def i64(self, v): self.out += struct.pack("<q", v)
    def f64(self, v): self.out += struct.pack("<d", v)

    def text(self, t):
        data = t if isinstance(t, bytes) else t.encode()
        self.u64(len(data))
        self.out += data


def role_model(w, m):
    w.version("RoleModel")
    for key in ("id", "name", "focus", "summary"):
        w.text(m[key])
    for key in ("sources", "skills"):
        w.u64(len(m[key]))
        for item in m[key]:
            w.text(item)
    w.version("Named8")
    for d in DIMENSIONS:
        w.f64(m["weights"][d])
    w.version("Named4")
    for s in STAGES:
        w.f64(m["stage_factor"][s])


def profile(w, p, patch=None):
    patch = patch or {}
    w.version("SessionProfile")
    w.text(patch.get("id", p["id"]))
    w.i64(p["revision"])
    w.text(p["created_at"])
    w.text(p["updated_at"])
    w.text(patch.get("name", p["name"]))
    w.u32(patch.get("industry", INDUSTRIES.index(p["industry"])))
    w.u32(MODELS.index(p["business_model"]))
    w.u32(STAGES.index(p["stage"]))
    w.i64(p["employees"])
    present = p["revenue_musd"] is not None
    w.u8(patch.get("revenue_present", 1 if present else 0))
    if present or "revenue" in patch:
        w.f64(patch.get("revenue", p["revenue_musd"] or 0.0))
    w.i64(p["product_lines"])
    w.f64(patch.get("tech_revenue_pct", p["tech_revenue_pct"]))
    w.i64(p["regulatory_burden"])
    w.i64(p["it_complexity"])
    w.u32(BUDGETS.index(p["leadership_budget"]))
    for g in GOALS:
        w.i64(p[g])
    for c in CAPS:
        w.i64(p[c])
    w.u32(LEADERS.index(p["leaders"]))
    w.text(p["notes"])
    seen = p["seen"]
    w.version("SeenEvaluation")
    w.u32(STRUCTURES.index(seen["recommendation"]))
    w.u32(STRUCTURES.index(seen["runner_up"]))
    w.f64(seen["margin"])
    w.version("Named3")
    for r in ROLES:
        w.f64(seen["fit"][r])
    w.version("Named8")
    for d in DIMENSIONS:
        w.f64(seen["needs"][d])
    w.u64(len(seen["reasons"]))
    for r in seen["reasons"]:
        w.version("SeenReason")
        for key in ("field", "factor", "rule", "source"):
            w.text(r[key])
        w.f64(r["weight"])
    w.text(seen["what_if"])


def payload(session, patches=None, count=None, name=None):
    patches = patches or {}
    w = Writer()
    w.version("Session")
    w.text(session["id"])
    w.text(name if name is not None else session["name"])
    for key in ("notes", "exported_by", "exported_at", "role_model_version"):
        w.text(session[key])
    w.u64(len(session["role_models"]))
    for m in session["role_models"]:
        role_model(w, m)
    profiles = session["profiles"]
    w.u64(count if count is not None else len(profiles))
    for i, p in enumerate(profiles):
        profile(w, p, patches.get(i))
    return bytes(w.out)


def rating(w, r):
    w.version("Rating")
    for key in ("profile_id", "rater", "rated_at"):
        w.text(r[key])
    w.version("Named18")
    for key in JUDGEMENTS:
        w.i64(r["values"][key])


def extension(withheld=(), ratings=(), newer=b""):
    """Format 1.1's payload tail: an archive of its own (what was withheld,
    the ratings, then whatever a later minor version adds), then its size."""
    w = Writer()
    w.u64(len(withheld))
    for name in withheld:
        w.text(name)
    w.u64(len(ratings))
    for r in ratings:
        rating(w, r)
    ext = bytes(w.out) + newer
    return ext + struct.pack("<Q", len(ext))


def binary(body, major=1, minor=0, size=None, crc=None):
    w = Writer()
    w.version("SessionHeader")
    w.text("rolefit-session")
    w.u32(major)
    w.u32(minor)
    w.text("0.1.0")
    w.u64(len(body) if size is None else size)
    w.u32(zlib.crc32(body) if crc is None else crc)
    return bytes(w.out) + body


def as_json(doc):
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode()


def main():
    session = EXAMPLE["session"]
    good = payload(session)
    files = {}

    # ---- binary
    flipped = bytearray(binary(good))
    flipped[len(flipped) // 2] ^= 0x20
    files["checksum.bin"] = bytes(flipped)
    files["truncated.bin"] = binary(good)[: len(binary(good)) // 2]
    files["header-only.bin"] = binary(good)[: len(binary(good)) - len(good)]
    files["payload-size-lie.bin"] = binary(good, size=len(good) + 1_000_000)
    files["trailing-bytes.bin"] = binary(good) + b"\x00" * 16
    files["newer-major.bin"] = binary(good, major=2)
    huge_name = bytearray(payload(session))
    # The session name's size is right after the endianness byte, the class
    # version and the id (8-byte size + 36 bytes).
    struct.pack_into("<Q", huge_name, 1 + 4 + 8 + 36, 1 << 62)
    files["huge-string.bin"] = binary(bytes(huge_name))
    files["huge-count.bin"] = binary(payload(session, count=1 << 40))
    files["bool-2.bin"] = binary(payload(session, {0: {"revenue_present": 2}}))
    files["enum-999.bin"] = binary(payload(session, {0: {"industry": 999}}))
    files["nan.bin"] = binary(payload(session, {0: {"tech_revenue_pct": math.nan}}))
    files["infinity.bin"] = binary(payload(session, {1: {"revenue_present": 1, "revenue": math.inf}}))
    files["invalid-utf8.bin"] = binary(payload(session, {0: {"name": b"Acme \xff\xfe"}}))
    files["duplicate-ids.bin"] = binary(payload(session, {1: {"id": session["profiles"][0]["id"]}}))
    files["empty-name.bin"] = binary(payload(session, {2: {"name": ""}}))
    files["foreign.bin"] = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    # format 1.1: the extension after the session (what was withheld, ratings)
    first = session["profiles"][0]
    out_of_range = {"profile_id": first["id"], "rater": "Dana", "rated_at": "",
                    "values": {key: first[key] for key in JUDGEMENTS}}
    out_of_range["values"]["cap_security"] = 9
    files["rating-out-of-range.bin"] = binary(good + extension(ratings=[out_of_range]), minor=1)
    lie = bytes([1]) + struct.pack("<Q", 0) + struct.pack("<Q", 1 << 40)  # no withheld, 2^40 ratings
    files["rating-count-lie.bin"] = binary(good + lie + struct.pack("<Q", len(lie)), minor=1)
    files["extension-size-lie.bin"] = binary(good + extension()[:-8] + struct.pack("<Q", 1 << 40), minor=1)
    files["withheld-unknown.bin"] = binary(good + extension(withheld=["salary"]), minor=1)

    # ---- JSON
    def variant(change):
        doc = copy.deepcopy(EXAMPLE)
        change(doc)
        return as_json(doc)

    def p0(doc):
        return doc["session"]["profiles"][0]

    text = as_json(EXAMPLE)
    files["empty.json"] = b""
    files["not-json.json"] = b"{ this is not json"
    files["truncated.json"] = text[: len(text) // 2]
    files["array-top.json"] = b"[1, 2, 3]\n"
    files["foreign.json"] = b'{"hello": "world"}\n'
    files["nan.json"] = text.replace(b'"tech_revenue_pct": ', b'"tech_revenue_pct": NaN, "x": ', 1)
    files["huge-number.json"] = text.replace(b'"tech_revenue_pct": ', b'"tech_revenue_pct": 1e999, "x": ', 1)
    files["deep-nesting.json"] = b'{"rolefit_session": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    files["wrong-format-name.json"] = variant(lambda d: d["rolefit_session"].update(format="another-app"))
    files["newer-major.json"] = variant(lambda d: d["rolefit_session"].update(major=2, minor=3))
    files["wrong-type-employees.json"] = variant(lambda d: p0(d).update(employees="many"))
    files["fraction-employees.json"] = variant(lambda d: p0(d).update(employees=12.5))
    files["negative-employees.json"] = variant(lambda d: p0(d).update(employees=-5))
    files["percent-over-100.json"] = variant(lambda d: p0(d).update(tech_revenue_pct=150))
    files["unknown-industry.json"] = variant(lambda d: p0(d).update(industry="spaceflight"))
    files["revenue-string.json"] = variant(lambda d: p0(d).update(revenue_musd="lots"))
    files["empty-name.json"] = variant(lambda d: p0(d).update(name=""))
    files["long-name.json"] = variant(lambda d: p0(d).update(name="A" * 100_000))
    files["invalid-utf8.json"] = text.replace(p0(EXAMPLE)["name"].encode(), b"Acme \xff\xfe", 1)
    files["duplicate-ids.json"] = variant(
        lambda d: d["session"]["profiles"][1].update(id=d["session"]["profiles"][0]["id"]))
    files["bad-uuid.json"] = variant(lambda d: p0(d).update(id="not-a-uuid"))
    files["missing-field.json"] = variant(lambda d: p0(d).pop("stage"))
    files["seen-unknown-structure.json"] = variant(lambda d: p0(d)["seen"].update(recommendation="ceo_led"))
    files["role-model-weight.json"] = variant(
        lambda d: d["session"]["role_models"][0]["weights"].update(operations=7))
    files["two-role-models.json"] = variant(lambda d: d["session"]["role_models"].pop())
    files["profiles-not-array.json"] = variant(lambda d: d["session"].update(profiles={"a": 1}))

    def with_ratings(change):
        def apply(d):
            d["rolefit_session"].update(minor=1, withheld=[])
            p = d["session"]["profiles"][0]
            # as cereal writes them: each type's version on its first instance
            d["session"]["ratings"] = [
                {"profile_id": p["id"], "rater": name, "rated_at": "2026-11-30T10:00:00Z",
                 "values": {key: p[key] for key in JUDGEMENTS}} for name in ("Ana", "Bo")]
            first = d["session"]["ratings"][0]
            d["session"]["ratings"][0] = {"cereal_class_version": 0, **first}
            first["values"] = {"cereal_class_version": 0, **first["values"]}
            d["session"]["ratings"][0]["values"] = first["values"]
            change(d)
        return variant(apply)

    def rating(d, i=0):
        return d["session"]["ratings"][i]

    files["rating-unknown-profile.json"] = with_ratings(
        lambda d: rating(d).update(profile_id="00000000-0000-4000-8000-000000000000"))
    files["rating-out-of-range.json"] = with_ratings(lambda d: rating(d, 1)["values"].update(goal_growth=6))
    files["rating-twice.json"] = with_ratings(lambda d: rating(d, 1).update(rater="Ana"))
    files["rating-long-rater.json"] = with_ratings(lambda d: rating(d).update(rater="R" * 100_000))
    files["rating-missing-value.json"] = with_ratings(lambda d: rating(d)["values"].pop("cap_vendor"))
    files["withheld-unknown.json"] = with_ratings(lambda d: d["rolefit_session"].update(withheld=["salary"]))

    for name, data in files.items():
        (HERE / name).write_bytes(data)

    # ---- newer minor versions: these import, and say what was not read
    FIXTURES.mkdir(parents=True, exist_ok=True)

    def newer(d):
        d["rolefit_session"]["minor"] = 4
        d["session"]["colour"] = "teal"
        for p in d["session"]["profiles"]:
            p["board_sponsor"] = "CFO"

    (FIXTURES / "newer-minor.json").write_bytes(variant(newer))
    extended = good + extension(newer=b"\x05newer")
    (FIXTURES / "newer-minor.bin").write_bytes(binary(extended, minor=4))
    (FIXTURES / "example.bin").write_bytes(binary(good))

    # ---- seeds for the binary fuzz target, which takes a bare payload
    seeds = ROOT / "tests" / "fuzz" / "corpus" / "binary"
    seeds.mkdir(parents=True, exist_ok=True)
    # (format 1.1: the session, then the extension with what was withheld and the ratings)
    (seeds / "example-payload").write_bytes(good + extension())
    small = copy.deepcopy(session)
    small["profiles"] = small["profiles"][:2]
    rated = [{"profile_id": p["id"], "rater": name, "rated_at": "2026-11-30T10:00:00Z",
              "values": {key: p[key] for key in JUDGEMENTS}} for p in small["profiles"] for name in ("Ana", "Bo")]
    (seeds / "two-profiles-payload").write_bytes(payload(small) + extension(ratings=rated))


if __name__ == "__main__":
    main()
