// The binary form of rule specs: the default pack is converted from YAML at
// build time (tools/packc.cpp), so starting tactful parses no YAML.
#include <cstring>

#include "spec.hpp"

namespace tactful::detail {
namespace {

constexpr std::string_view kMagic = "tactful-pack-1\n";

class Writer {
 public:
  void u32(std::uint32_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void str(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
  }
  void mark(Mark m) {
    u32(m.line);
    u32(m.column);
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  std::uint32_t u32() {
    std::uint32_t v = 0;
    if (pos_ + sizeof v > in_.size()) {
      ok_ = false;
      return 0;
    }
    std::memcpy(&v, in_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  std::string str() { return std::string(view()); }
  std::string_view view() {
    const std::uint32_t n = u32();
    if (!ok_ || pos_ + n > in_.size()) {
      ok_ = false;
      return {};
    }
    std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  Mark mark() {
    Mark m;
    m.line = u32();
    m.column = u32();
    return m;
  }
  bool prefix(std::string_view p) {
    if (in_.substr(0, p.size()) != p) return false;
    pos_ = p.size();
    return true;
  }
  bool done() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

constexpr std::uint32_t kNone = 0xFFFFFFFF;

void write_opt(Writer& w, const std::optional<std::string>& s) {
  w.u32(s ? 1 : 0);
  if (s) w.str(*s);
}

std::optional<std::string> read_opt(Reader& r) {
  if (r.u32() == 0) return std::nullopt;
  return r.str();
}

}  // namespace

std::string write_pack(const std::vector<RuleSpec>& specs, std::string_view reply_index,
                       std::string_view customer_index) {
  Writer w;
  w.out().append(kMagic);
  w.u32(static_cast<std::uint32_t>(specs.size()));
  for (const RuleSpec& s : specs) {
    const RuleInfo& i = s.info;
    for (const std::string* f : {&i.id, &i.kind, &i.message, &i.rationale, &i.suggest, &i.fact, &i.file}) w.str(*f);
    w.u32(static_cast<std::uint32_t>(i.habit));
    w.u32(static_cast<std::uint32_t>(i.severity));
    w.u32(i.signal ? static_cast<std::uint32_t>(*i.signal) : kNone);
    w.u32(i.report);
    w.u32(i.customer_scope);
    w.u32(static_cast<std::uint32_t>(i.line));
    w.u32(static_cast<std::uint32_t>(i.unless_signals.size()));
    for (Signal sig : i.unless_signals) w.u32(static_cast<std::uint32_t>(sig));
    w.u32(static_cast<std::uint32_t>(i.examples.size()));
    for (const RuleExample& e : i.examples) {
      w.u32(e.must_fire);
      w.str(e.text);
      write_opt(w, e.span);
      write_opt(w, e.suggestion);
      w.str(e.context);
      w.str(e.customer_name);
      w.u32(static_cast<std::uint32_t>(e.line));
    }
    w.u32(static_cast<std::uint32_t>(s.params.size()));
    for (const auto& [key, p] : s.params) {
      w.str(key);
      w.u32(static_cast<std::uint32_t>(p.type));
      w.mark(p.mark);
      w.u32(static_cast<std::uint32_t>(p.items.size()));
      for (const auto& item : p.items) w.str(item);
      w.u32(static_cast<std::uint32_t>(p.entries.size()));
      for (const auto& [k, v] : p.entries) {
        w.str(k);
        w.str(v);
      }
      w.u32(static_cast<std::uint32_t>(p.item_marks.size()));
      for (const Mark& m : p.item_marks) w.mark(m);
    }
  }
  w.str(reply_index);
  w.str(customer_index);
  return std::move(w.out());
}

Result<Pack> read_pack(std::string_view bytes) {
  Reader r(bytes);
  if (!r.prefix(kMagic)) return make_error(ErrorCode::rule_invalid, "the embedded rule pack is not in a known format");
  const std::uint32_t count = r.u32();
  if (count > bytes.size()) return make_error(ErrorCode::rule_invalid, "the embedded rule pack is corrupt");
  std::vector<RuleSpec> specs(count);
  for (RuleSpec& s : specs) {
    if (!r.ok()) break;
    RuleInfo& i = s.info;
    for (std::string* f : {&i.id, &i.kind, &i.message, &i.rationale, &i.suggest, &i.fact, &i.file}) *f = r.str();
    i.habit = static_cast<Habit>(r.u32());
    i.severity = static_cast<Severity>(r.u32());
    if (const std::uint32_t sig = r.u32(); sig != kNone) i.signal = static_cast<Signal>(sig);
    i.report = r.u32() != 0;
    i.customer_scope = r.u32() != 0;
    i.line = r.u32();
    i.unless_signals.resize(std::min<std::size_t>(r.u32(), kSignalCount));
    for (Signal& sig : i.unless_signals) sig = static_cast<Signal>(std::min<std::uint32_t>(r.u32(), kSignalCount - 1));
    i.examples.resize(r.u32());
    for (RuleExample& e : i.examples) {
      if (!r.ok()) break;
      e.must_fire = r.u32() != 0;
      e.text = r.str();
      e.span = read_opt(r);
      e.suggestion = read_opt(r);
      e.context = r.str();
      e.customer_name = r.str();
      e.line = r.u32();
    }
    s.params.resize(r.u32());
    for (auto& [key, p] : s.params) {
      if (!r.ok()) break;
      key = r.str();
      p.type = static_cast<Param::Type>(r.u32());
      p.mark = r.mark();
      p.items.resize(r.u32());
      for (auto& item : p.items) item = r.str();
      p.entries.resize(r.u32());
      for (auto& [k, v] : p.entries) {
        k = r.str();
        v = r.str();
      }
      p.item_marks.resize(r.u32());
      for (Mark& m : p.item_marks) m = r.mark();
    }
  }
  Pack pack;
  pack.reply_index = r.view();
  pack.customer_index = r.view();
  if (!r.ok() || !r.done()) return make_error(ErrorCode::rule_invalid, "the embedded rule pack is truncated");
  pack.specs = std::move(specs);
  return pack;
}

}  // namespace tactful::detail
