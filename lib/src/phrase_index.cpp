#include "phrase_index.hpp"

#include <algorithm>
#include <cstring>

#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

constexpr std::uint32_t kMagic = 0x78646970;  // "pidx"

void put(std::string& out, std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }

}  // namespace

std::string PhraseIndex::build(std::vector<Entry> entries) {
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (*a.tokens != *b.tokens) return *a.tokens < *b.tokens;
    return std::pair{a.rule, a.alt} < std::pair{b.rule, b.alt};
  });
  struct Node {
    std::vector<std::pair<std::string, std::uint32_t>> edges;  // sorted: entries come sorted
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ends;
  };
  std::vector<Node> trie(1);
  for (const Entry& e : entries) {
    std::uint32_t n = 0;
    for (const std::string& key : *e.tokens) {
      auto& edges = trie[n].edges;
      if (!edges.empty() && edges.back().first == key) {
        n = edges.back().second;
      } else {
        const auto child = static_cast<std::uint32_t>(trie.size());
        edges.emplace_back(key, child);
        trie.emplace_back();
        n = child;
      }
    }
    auto& ends = trie[n].ends;
    if (ends.empty() || ends.back() != std::pair{e.rule, e.alt}) ends.emplace_back(e.rule, e.alt);
  }
  std::string nodes, edges, ends, pool;
  std::uint32_t edge_count = 0, end_count = 0;
  for (const Node& n : trie) {
    put(nodes, edge_count);
    put(nodes, static_cast<std::uint32_t>(n.edges.size()));
    put(nodes, end_count);
    put(nodes, static_cast<std::uint32_t>(n.ends.size()));
    for (const auto& [key, child] : n.edges) {
      put(edges, static_cast<std::uint32_t>(pool.size()));
      put(edges, static_cast<std::uint32_t>(key.size()));
      put(edges, child);
      pool += key;
    }
    for (const auto& [rule, alt] : n.ends) {
      put(ends, rule);
      put(ends, alt);
    }
    edge_count += static_cast<std::uint32_t>(n.edges.size());
    end_count += static_cast<std::uint32_t>(n.ends.size());
  }
  std::string out;
  put(out, kMagic);
  put(out, static_cast<std::uint32_t>(trie.size()));
  put(out, edge_count);
  put(out, end_count);
  put(out, static_cast<std::uint32_t>(pool.size()));
  return out + nodes + edges + ends + pool;
}

PhraseIndex PhraseIndex::view(std::string_view bytes, std::uint32_t rule_offset) {
  PhraseIndex p;
  p.bytes_ = bytes;
  p.offset_ = rule_offset;
  p.parse();
  return p;
}

PhraseIndex PhraseIndex::own(std::string bytes, std::uint32_t rule_offset) {
  PhraseIndex p;
  p.owned_ = std::move(bytes);
  p.bytes_ = p.owned_;
  p.offset_ = rule_offset;
  p.parse();
  return p;
}

PhraseIndex& PhraseIndex::operator=(PhraseIndex&& o) noexcept {
  const bool owning = !o.owned_.empty() && o.bytes_.data() == o.owned_.data();
  owned_ = std::move(o.owned_);
  bytes_ = owning ? std::string_view(owned_) : o.bytes_;
  offset_ = o.offset_;
  valid_ = o.valid_;
  nodes_ = o.nodes_, edges_ = o.edges_, ends_ = o.ends_, pool_ = o.pool_;
  wildcards_ = o.wildcards_;
  node_at_ = o.node_at_, edge_at_ = o.edge_at_, end_at_ = o.end_at_, pool_at_ = o.pool_at_;
  // The root map's keys point into the bytes: when they moved, point again.
  if (owning) {
    root_.clear();
    if (valid_) index_root();
  } else {
    root_ = std::move(o.root_);
  }
  o.valid_ = false;
  return *this;
}

std::uint32_t PhraseIndex::u32(std::size_t at) const {
  std::uint32_t v;
  std::memcpy(&v, bytes_.data() + at, sizeof v);
  return v;
}

void PhraseIndex::parse() {
  valid_ = false;
  if (bytes_.size() < 20 || u32(0) != kMagic) return;
  nodes_ = u32(4), edges_ = u32(8), ends_ = u32(12), pool_ = u32(16);
  node_at_ = 20;
  edge_at_ = node_at_ + std::size_t{16} * nodes_;
  end_at_ = edge_at_ + std::size_t{12} * edges_;
  pool_at_ = end_at_ + std::size_t{8} * ends_;
  valid_ = nodes_ > 0 && pool_at_ + pool_ == bytes_.size();
  wildcards_ = valid_ && bytes_.substr(pool_at_).find(kWildcard) != std::string_view::npos;
  if (valid_) index_root();
}

void PhraseIndex::index_root() {
  root_.clear();
  const std::uint32_t first = u32(node_at_), count = u32(node_at_ + 4);
  root_.reserve(count);
  for (std::uint32_t k = first; k < first + count; ++k) {
    const std::size_t e = edge_at_ + std::size_t{12} * k;
    root_.emplace(bytes_.substr(pool_at_ + u32(e), u32(e + 4)), u32(e + 8));
  }
}

std::uint32_t PhraseIndex::child(std::uint32_t node, std::string_view key) const {
  if (node == 0) {
    auto it = root_.find(key);
    return it == root_.end() ? 0 : it->second;
  }
  const std::size_t at = node_at_ + std::size_t{16} * node;
  std::uint32_t lo = u32(at), hi = lo + u32(at + 4);
  while (lo < hi) {
    const std::uint32_t mid = lo + (hi - lo) / 2;
    const std::size_t e = edge_at_ + std::size_t{12} * mid;
    const std::string_view k = bytes_.substr(pool_at_ + u32(e), u32(e + 4));
    const int c = k.compare(key);
    if (c == 0) return u32(e + 8);
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return 0;
}

void PhraseIndex::emit(std::uint32_t node, std::uint32_t first, std::uint32_t last,
                       std::vector<std::pair<std::uint32_t, PhraseMatch>>& out) const {
  const std::size_t at = node_at_ + std::size_t{16} * node;
  const std::uint32_t begin = u32(at + 8), count = u32(at + 12);
  for (std::uint32_t k = begin; k < begin + count; ++k) {
    const std::size_t e = end_at_ + std::size_t{8} * k;
    out.push_back({u32(e) + offset_, PhraseMatch{first, last, u32(e + 4)}});
  }
}

void PhraseIndex::walk(const Tokens& tokens, std::uint32_t node, std::uint32_t first, std::uint32_t j,
                       std::vector<std::pair<std::uint32_t, PhraseMatch>>& out) const {
  for (; j < tokens.size(); ++j) {
    const Token& t = tokens[j];
    if (wildcards_ && t.word() && j > first) {
      if (const std::uint32_t any = child(node, kWildcard)) {
        emit(any, first, j + 1, out);
        walk(tokens, any, first, j + 1, out);
      }
    }
    node = child(node, tokens.key(t));
    if (node == 0) return;
    emit(node, first, j + 1, out);
  }
}

void PhraseIndex::match(const Tokens& tokens, std::vector<std::pair<std::uint32_t, PhraseMatch>>& out) const {
  if (!valid_) return;
  const auto n = static_cast<std::uint32_t>(tokens.size());
  for (std::uint32_t i = 0; i < n; ++i) walk(tokens, 0, i, i, out);
}

}  // namespace tactful::detail
