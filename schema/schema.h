// Provider/resource schema description and a fluent builder.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "schema/rules.h"
#include "schema/type.h"
#include "schema/value.h"

namespace aoa::schema {

struct Attribute {
  std::string name;
  cty::Type type;
  std::string description;
  bool required = false, optional = false, computed = false, sensitive = false, deprecated = false;
  // Declared rules (schema/rules.h), checked with the attribute's path in every diagnostic.
  std::vector<Rule> rules;
  size_t max_bytes = kDefaultMaxBytes;  // for every string in the value
  bool multiline = false;               // strings may contain newline, carriage return and tab
  bool requires_replace = false;        // a change replaces the object (documented; the runtime plans it)
  cty::Value default_value;             // used where the configuration is null; null = no default
};

enum class Nesting { Single, Group, List, Set, Map };

struct Block;

struct NestedBlock {
  std::string type_name;
  Nesting nesting = Nesting::List;
  std::shared_ptr<const Block> block;
  int64_t min_items = 0, max_items = 0;
  bool requires_replace = false;  // a change of the block replaces the object
};

struct Block {
  std::vector<Attribute> attributes;
  std::vector<NestedBlock> block_types;
  std::string description;
  bool deprecated = false;

  // Object type with one attribute per attribute and per nested block type (protocol doc 4.2):
  // SINGLE/GROUP -> object, LIST -> list(object), SET -> set(object), MAP -> map(object).
  // Note: Terraform uses tuple/object instead of list/map for LIST/MAP blocks containing a
  // `dynamic` attribute; that form is not implemented (BlockBuilder rejects dynamic attributes
  // inside LIST/SET/MAP nested blocks).
  cty::Type implied_type() const;
  const Attribute* find_attribute(const std::string& name) const;
  const NestedBlock* find_block(const std::string& type_name) const;
};

struct Schema {
  int64_t version = 0;
  Block block;
};

// Fluent builder. Modifiers (required/optional/computed/sensitive/description/deprecated and the
// declared rules) apply to the most recent attribute(); requires_replace() to the most recent
// attribute or block; min_items/max_items to the most recent block(); description/deprecated
// before any attribute or block apply to the block being built. build() validates (Terraform's
// internal_validate rules) and throws std::logic_error naming the problem.
class BlockBuilder {
 public:
  BlockBuilder& description(std::string text);
  BlockBuilder& deprecated(bool value = true);
  BlockBuilder& attribute(std::string name, cty::Type type);
  BlockBuilder& required();
  BlockBuilder& optional();
  BlockBuilder& computed();
  BlockBuilder& sensitive();
  BlockBuilder& rule(Rule r);
  BlockBuilder& max_bytes(size_t n);
  BlockBuilder& multiline();
  BlockBuilder& requires_replace();
  BlockBuilder& default_value(cty::Value v);
  BlockBuilder& block(std::string type_name, Nesting nesting, Block nested);
  BlockBuilder& block(std::string type_name, Nesting nesting, const BlockBuilder& nested);
  BlockBuilder& min_items(int64_t n);
  BlockBuilder& max_items(int64_t n);
  Block build() const;

 private:
  enum class Current { None, Attribute, Block };
  Block block_;
  Current current_ = Current::None;
  Attribute& current_attribute(const char* what);
  NestedBlock& current_block(const char* what);
};

// Validates a block tree; throws std::logic_error. Called by BlockBuilder::build().
void validate_block(const Block& block, const std::string& where = "");

}  // namespace aoa::schema
