// Every phrase of every phrase-based rule in one trie of folded tokens, laid
// out flat in one buffer: one walk over a text's tokens finds all matches.
// The default pack's index is built at build time and used in place from the
// binary, so loading it costs nothing.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "phrase.hpp"
#include "tokens.hpp"

namespace tactful::detail {

struct PhraseMatch;

class PhraseIndex {
 public:
  struct Entry {
    const Sequence* tokens;
    std::uint32_t rule, alt;
  };
  // The flat form of an index over these entries.
  static std::string build(std::vector<Entry> entries);
  // An index over `bytes`, which must outlive it (the embedded pack), or that owns them.
  static PhraseIndex view(std::string_view bytes, std::uint32_t rule_offset);
  static PhraseIndex own(std::string bytes, std::uint32_t rule_offset);

  PhraseIndex() = default;
  PhraseIndex(PhraseIndex&& o) noexcept { *this = std::move(o); }
  PhraseIndex& operator=(PhraseIndex&& o) noexcept;
  PhraseIndex(const PhraseIndex&) = delete;
  PhraseIndex& operator=(const PhraseIndex&) = delete;

  bool valid() const { return valid_; }
  std::size_t nodes() const { return nodes_; }
  // Appends (rule, match) for every phrase occurrence in `tokens`.
  void match(const Tokens& tokens, std::vector<std::pair<std::uint32_t, PhraseMatch>>& out) const;

 private:
  static constexpr std::uint32_t kNoKey = 0xFFFFFFFFu;
  // A token's key as the index knows it: its id (offset in the pool), and
  // the root's child along it (0: no phrase starts with it).
  struct Key {
    std::uint32_t id = kNoKey;
    std::uint32_t root = 0;
  };
  void parse();
  void index_keys();
  std::uint32_t u32(std::size_t at) const;
  // The child of `node` along key `id`, or 0 when there is none.
  std::uint32_t child(std::uint32_t node, std::uint32_t id) const;
  // Follows token j from `node` (exact key, and `*` for a word), recording ends.
  void walk(const Tokens& tokens, std::span<const Key> keys, std::uint32_t node, std::uint32_t first, std::uint32_t j,
            std::vector<std::pair<std::uint32_t, PhraseMatch>>& out) const;
  void emit(std::uint32_t node, std::uint32_t first, std::uint32_t last,
            std::vector<std::pair<std::uint32_t, PhraseMatch>>& out) const;
  // Every key of the index, looked up once per token of a text.
  WordTable<Key> vocab_;
  std::uint32_t wildcard_ = kNoKey;  // the id of `*`, when some phrase has one

  std::string owned_;
  std::string_view bytes_;
  std::uint32_t offset_ = 0;
  bool valid_ = false;
  std::uint32_t nodes_ = 0, edges_ = 0, ends_ = 0, keys_ = 0, pool_ = 0;
  std::size_t node_at_ = 0, edge_at_ = 0, end_at_ = 0, key_at_ = 0, pool_at_ = 0;
};

}  // namespace tactful::detail
