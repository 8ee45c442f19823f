#include "phrase_index.hpp"

#include <algorithm>
#include <cstring>

#include "rules/rule.hpp"

namespace tactful::detail {
namespace {

constexpr std::uint32_t kMagic = 0x32646970;  // "pid2"

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
  // Every distinct key once in the pool, in sorted order: a key's offset is
  // its id, and ids compare as the keys do, so each node's edges (sorted by
  // key) are sorted by id too and are searched by integer.
  std::vector<std::string_view> keys;
  for (const Node& n : trie) {
    for (const auto& edge : n.edges) keys.push_back(edge.first);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::string pool, table;
  WordTable<std::uint32_t> id_of;
  for (std::string_view k : keys) {
    id_of[k] = static_cast<std::uint32_t>(pool.size());
    put(table, static_cast<std::uint32_t>(pool.size()));
    put(table, static_cast<std::uint32_t>(k.size()));
    pool += k;
  }
  std::string nodes, edges, ends;
  std::uint32_t edge_count = 0, end_count = 0;
  for (const Node& n : trie) {
    put(nodes, edge_count);
    put(nodes, static_cast<std::uint32_t>(n.edges.size()));
    put(nodes, end_count);
    put(nodes, static_cast<std::uint32_t>(n.ends.size()));
    for (const auto& [key, child] : n.edges) {
      put(edges, *id_of.find(key));
      put(edges, child);
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
  put(out, static_cast<std::uint32_t>(keys.size()));
  put(out, static_cast<std::uint32_t>(pool.size()));
  return out + nodes + edges + ends + table + pool;
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
  nodes_ = o.nodes_, edges_ = o.edges_, ends_ = o.ends_, keys_ = o.keys_, pool_ = o.pool_;
  node_at_ = o.node_at_, edge_at_ = o.edge_at_, end_at_ = o.end_at_, key_at_ = o.key_at_, pool_at_ = o.pool_at_;
  // The vocabulary's keys point into the bytes: when they moved, point again.
  if (owning) {
    vocab_.clear();
    if (valid_) index_keys();
  } else {
    vocab_ = std::move(o.vocab_);
    wildcard_ = o.wildcard_;
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
  if (bytes_.size() < 24 || u32(0) != kMagic) return;
  nodes_ = u32(4), edges_ = u32(8), ends_ = u32(12), keys_ = u32(16), pool_ = u32(20);
  node_at_ = 24;
  edge_at_ = node_at_ + std::size_t{16} * nodes_;
  end_at_ = edge_at_ + std::size_t{8} * edges_;
  key_at_ = end_at_ + std::size_t{8} * ends_;
  pool_at_ = key_at_ + std::size_t{8} * keys_;
  valid_ = nodes_ > 0 && pool_at_ + pool_ == bytes_.size();
  if (valid_) index_keys();
}

void PhraseIndex::index_keys() {
  vocab_.clear();
  vocab_.reserve(keys_);
  wildcard_ = kNoKey;
  // The key table and the root's edges are both in id order: one pass pairs
  // each key with the root's child along it (most walks start there).
  std::uint32_t edge = u32(node_at_);
  const std::uint32_t root_end = edge + u32(node_at_ + 4);
  for (std::uint32_t k = 0; k < keys_; ++k) {
    const std::size_t e = key_at_ + std::size_t{8} * k;
    const std::uint32_t id = u32(e);
    while (edge < root_end && u32(edge_at_ + std::size_t{8} * edge) < id) ++edge;
    const bool root = edge < root_end && u32(edge_at_ + std::size_t{8} * edge) == id;
    const std::string_view key = bytes_.substr(pool_at_ + id, u32(e + 4));
    vocab_[key] = Key{id, root ? u32(edge_at_ + std::size_t{8} * edge + 4) : 0};
    if (key == kWildcard) wildcard_ = id;
  }
}

std::uint32_t PhraseIndex::child(std::uint32_t node, std::uint32_t id) const {
  const std::size_t at = node_at_ + std::size_t{16} * node;
  std::uint32_t lo = u32(at), hi = lo + u32(at + 4);
  while (lo < hi) {
    const std::uint32_t mid = lo + (hi - lo) / 2;
    const std::uint32_t k = u32(edge_at_ + std::size_t{8} * mid);
    if (k == id) return u32(edge_at_ + std::size_t{8} * mid + 4);
    if (k < id) {
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

void PhraseIndex::walk(const Tokens& tokens, std::span<const Key> keys, std::uint32_t node, std::uint32_t first,
                       std::uint32_t j, std::vector<std::pair<std::uint32_t, PhraseMatch>>& out) const {
  for (; j < keys.size(); ++j) {
    if (wildcard_ != kNoKey && tokens[j].word() && j > first) {
      if (const std::uint32_t any = child(node, wildcard_)) {
        emit(any, first, j + 1, out);
        walk(tokens, keys, any, first, j + 1, out);
      }
    }
    if (keys[j].id == kNoKey) return;
    node = node == 0 ? keys[j].root : child(node, keys[j].id);
    if (node == 0) return;
    emit(node, first, j + 1, out);
  }
}

void PhraseIndex::match(const Tokens& tokens, std::vector<std::pair<std::uint32_t, PhraseMatch>>& out) const {
  if (!valid_) return;
  // Each token's key looked up once; the walks compare integers from here.
  thread_local std::vector<Key> keys;
  if (keys.capacity() > (std::size_t{1} << 16) && tokens.size() < (std::size_t{1} << 16)) {
    keys = std::vector<Key>();  // after a huge draft, give the memory back
  }
  keys.resize(tokens.size());
  for (std::size_t j = 0; j < tokens.size(); ++j) {
    const Key* k = vocab_.find(tokens.key(tokens[j]));
    keys[j] = k ? *k : Key{};
  }
  const auto n = static_cast<std::uint32_t>(tokens.size());
  for (std::uint32_t i = 0; i < n; ++i) {
    if (keys[i].root != 0) walk(tokens, keys, 0, i, i, out);
  }
}

}  // namespace tactful::detail
