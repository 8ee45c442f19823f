// The default pack, embedded at build time in binary form (tools/packc.cpp):
// loading it parses no YAML and compiles no pattern until a draft needs one.
#include "embedded_pack.hpp"
#include "pack_source.hpp"
#include "spec.hpp"
#include "tactful/rules.hpp"

namespace tactful {

Result<void> RuleSetBuilder::add_builtin() {
  auto pack = detail::read_pack(detail::embedded_pack());
  if (!pack) return tl::unexpected(pack.error());
  const auto offset = static_cast<std::uint32_t>(src_->rules.size());
  if (auto r = src_->add(std::move(pack->specs), /*trusted=*/true); !r) return r;
  src_->prebuilt.push_back({offset, pack->reply_index, pack->customer_index});
  return {};
}

Result<RuleSet> RuleSet::builtin() {
  static const Result<RuleSet> cached = [] {
    RuleSetBuilder b;
    if (auto r = b.add_builtin(); !r) return Result<RuleSet>(tl::unexpected(r.error()));
    return b.build();
  }();
  return cached;
}

}  // namespace tactful
