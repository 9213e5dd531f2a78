// The generated argument and attribute reference of a schema block (docs_render.h).
#include "provider/cmd/docs_render.h"

#include <cctype>

#include "schema/json_codec.h"

namespace aoa::provider::docs {
namespace {

using cty::Type;
using schema::Attribute;
using schema::Block;
using schema::Nesting;
using schema::NestedBlock;
using schema::Rule;

bool is_argument(const Attribute& a) { return a.required || a.optional; }
bool is_read_only(const Attribute& a) { return a.computed && !a.optional && !a.required; }

bool holds_strings(const Type& t) {
  switch (t.kind()) {
    case Type::Kind::String: return true;
    case Type::Kind::List:
    case Type::Kind::Set: return holds_strings(t.element());
    case Type::Kind::Map: return true;  // map keys are strings
    case Type::Kind::Object:
      for (const auto& [_, at] : t.attributes())
        if (holds_strings(at)) return true;
      return false;
    case Type::Kind::Tuple:
      for (const auto& et : t.tuple_elements())
        if (holds_strings(et)) return true;
      return false;
    default: return false;
  }
}

// Whether some argument of `block` (nested blocks included) is held to the usual string limit.
bool has_usual_string_limit(const Block& block) {
  for (const auto& a : block.attributes)
    if (is_argument(a) && holds_strings(a.type) && a.max_bytes == schema::kDefaultMaxBytes && !a.multiline)
      return true;
  for (const auto& nb : block.block_types)
    if (nb.block && has_usual_string_limit(*nb.block)) return true;
  return false;
}

std::string value_text(const cty::Value& v) {
  if (v.type() == Type::string()) return v.as_string();
  if (v.type() == Type::number()) return v.as_number().to_string();
  if (v.type() == Type::boolean()) return v.as_bool() ? "true" : "false";
  return cty::encode_json(v, v.type());
}

std::string rule_text(const Rule& r, const Type& type) {
  std::string who = "Rule";
  if (r.target == Rule::Target::Keys) who = "Each key";
  if (r.target == Rule::Target::Elements) who = type.kind() == Type::Kind::Map ? "Each value" : "Each element";
  std::string out = who + ": " + r.description;
  if (!r.summary.empty()) out += " (*" + r.summary + "*)";
  return out + ".";
}

std::string string_limit_text(const Attribute& a) {
  const bool usual_size = a.max_bytes == schema::kDefaultMaxBytes;
  if (usual_size && !a.multiline) return "";
  std::string out = "At most " + std::to_string(a.max_bytes) + " bytes";
  return out + (a.multiline ? "; newlines and tabs are allowed." : ".");
}

void add_sentence(std::string& text, const std::string& sentence) {
  if (sentence.empty()) return;
  if (!text.empty()) text += ' ';
  text += sentence;
}

std::string with_period(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  if (!s.empty() && s.back() != '.' && s.back() != ':' && s.back() != ')') s += '.';
  return s;
}

std::string object_fields(const Type& t) {
  const Type* obj = &t;
  while (obj->is_collection()) obj = &obj->element();
  if (!obj->is_object()) return "";
  std::string out = "  Each object has";
  const char* sep = " ";
  for (const auto& [name, at] : obj->attributes()) {
    out += sep + ("`" + name + "` (" + type_name(at) + ")");
    sep = ", ";
  }
  return out + ".\n";
}

bool mentions(const std::string& text, const std::string& word) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find(word) != std::string::npos;
}

std::string attribute_entry(const Attribute& a, SchemaKind kind) {
  std::string head = "* `" + a.name + "` (" + type_name(a.type) + (a.sensitive ? ", sensitive" : "") +
                     (a.deprecated ? ", deprecated" : "") + ")";
  std::string text = with_period(a.description);
  if (!a.default_value.is_null() && !mentions(a.description, "default"))
    add_sentence(text, "Default `" + value_text(a.default_value) + "`.");
  for (const auto& r : a.rules) add_sentence(text, rule_text(r, a.type));
  if (is_argument(a) && holds_strings(a.type)) add_sentence(text, string_limit_text(a));
  if (a.requires_replace && kind == SchemaKind::Resource && !mentions(a.description, "replaces"))
    add_sentence(text, "Changing it replaces the resource.");
  return head + (text.empty() ? "" : " " + text) + "\n" + object_fields(a.type);
}

std::string nesting_text(const NestedBlock& nb) {
  std::string out;
  switch (nb.nesting) {
    case Nesting::Single:
    case Nesting::Group: out = "Block"; break;
    case Nesting::List: out = "Block List"; break;
    case Nesting::Set: out = "Block Set"; break;
    case Nesting::Map: out = "Block Map"; break;
  }
  if (nb.nesting == Nesting::Single || nb.nesting == Nesting::Group) return out;  // one block at most
  if (nb.min_items > 0 && nb.min_items == nb.max_items) return out + ", exactly " + std::to_string(nb.min_items);
  if (nb.min_items > 0) out += ", at least " + std::to_string(nb.min_items);
  if (nb.max_items > 0) out += ", at most " + std::to_string(nb.max_items);
  return out;
}

// GitHub's anchor for a heading: lower case, spaces to '-', other punctuation dropped.
std::string anchor(const std::string& heading) {
  std::string out;
  for (char c : heading) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (c == ' ')
      out += '-';
  }
  return out;
}

// The first sentence of a description (its section below has all of it).
std::string first_sentence(const std::string& description) {
  size_t end = description.find(". ");
  return with_period(end == std::string::npos ? description : description.substr(0, end + 1));
}

std::string block_heading(const std::string& path) { return "`" + path + "` block"; }

std::string block_entry(const NestedBlock& nb, const std::string& path) {
  std::string text = nb.block ? first_sentence(nb.block->description) : "";
  add_sentence(text, "See [" + block_heading(path) + "](#" + anchor(block_heading(path)) + ").");
  return "* `" + nb.type_name + "` (" + nesting_text(nb) + ") " + text + "\n";
}

bool block_required(const NestedBlock& nb) { return nb.min_items > 0; }

// One list of entries: the attributes that `pick` selects, then the blocks that `pick_block` selects.
template <typename Pick, typename PickBlock>
std::string entries(const Block& b, const std::string& prefix, SchemaKind kind, Pick pick, PickBlock pick_block) {
  std::string out;
  for (const auto& a : b.attributes)
    if (pick(a)) out += attribute_entry(a, kind);
  for (const auto& nb : b.block_types)
    if (pick_block(nb)) out += block_entry(nb, prefix + nb.type_name);
  return out;
}

struct Lists {
  std::string required, optional, read_only;
};

Lists lists_of(const Block& b, const std::string& prefix, SchemaKind kind) {
  auto none = [](const NestedBlock&) { return false; };
  return {entries(b, prefix, kind, [](const Attribute& a) { return a.required; }, block_required),
          entries(b, prefix, kind, [](const Attribute& a) { return a.optional; },
                  [](const NestedBlock& nb) { return !block_required(nb); }),
          entries(b, prefix, kind, is_read_only, none)};
}

std::string section(const std::string& title, const std::string& body) {
  return body.empty() ? "" : title + "\n\n" + body + "\n";
}

std::string nested_sections(const Block& b, const std::string& prefix, SchemaKind kind) {
  std::string out;
  for (const auto& nb : b.block_types) {
    if (!nb.block) continue;
    const std::string path = prefix + nb.type_name;
    out += "### " + block_heading(path) + "\n\n";
    if (!nb.block->description.empty()) out += with_period(nb.block->description) + "\n\n";
    Lists l = lists_of(*nb.block, path + ".", kind);
    out += section("Required:", l.required) + section("Optional:", l.optional) + section("Read-only:", l.read_only);
    out += nested_sections(*nb.block, path + ".", kind);
  }
  return out;
}

}  // namespace

std::string type_name(const Type& t) {
  switch (t.kind()) {
    case Type::Kind::String: return "String";
    case Type::Kind::Number: return "Number";
    case Type::Kind::Bool: return "Bool";
    case Type::Kind::Dynamic: return "Dynamic";
    case Type::Kind::List: return "List of " + type_name(t.element());
    case Type::Kind::Set: return "Set of " + type_name(t.element());
    case Type::Kind::Map: return "Map of " + type_name(t.element());
    case Type::Kind::Tuple: return "Tuple";
    case Type::Kind::Object: return "Object";
  }
  return "Dynamic";
}

std::string schema_markdown(const Block& block, SchemaKind kind) {
  Lists top = lists_of(block, "", kind);
  std::string out = "## Argument reference\n\n";
  if (top.required.empty() && top.optional.empty()) out += "There are no arguments.\n\n";
  if (has_usual_string_limit(block))
    out += "A string argument is at most " + std::to_string(schema::kDefaultMaxBytes) +
           " bytes long and has no control characters, unless its entry says otherwise.\n\n";
  out += section("### Required", top.required) + section("### Optional", top.optional);
  out += nested_sections(block, "", kind);
  if (kind == SchemaKind::Provider) return out;
  out += "## Attribute reference\n\n";
  out += top.read_only.empty() ? "There are no attributes besides the arguments.\n" : top.read_only;
  return out;
}

}  // namespace aoa::provider::docs
