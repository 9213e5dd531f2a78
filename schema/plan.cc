#include "schema/plan.h"

namespace aoa::schema {

using cty::Type;
using cty::Value;

namespace {
bool known_nonnull(const Value& v) { return v.is_known() && !v.is_null(); }

const Value& attr_or_null(const Value& obj, const std::string& name) {
  static const Value kNull;
  if (known_nonnull(obj) && obj.type().kind() == Type::Kind::Object && obj.has_attr(name)) return obj.attr(name);
  return kNull;
}
}  // namespace

bool equal_ignoring_computed(const Block& block, const Value& a, const Value& b) {
  if (!known_nonnull(a) || !known_nonnull(b) || a.type().kind() != Type::Kind::Object ||
      b.type().kind() != Type::Kind::Object)
    return a == b;
  for (const auto& at : block.attributes) {
    if (at.computed && !at.optional) continue;
    if (a.has_attr(at.name) != b.has_attr(at.name)) return false;
    if (a.has_attr(at.name) && a.attr(at.name) != b.attr(at.name)) return false;
  }
  for (const auto& nb : block.block_types) {
    if (a.has_attr(nb.type_name) != b.has_attr(nb.type_name)) return false;
    if (!a.has_attr(nb.type_name)) continue;
    const Value& av = a.attr(nb.type_name);
    const Value& bv = b.attr(nb.type_name);
    const Block& inner = *nb.block;
    if (nb.nesting == Nesting::Single || nb.nesting == Nesting::Group) {
      if (!equal_ignoring_computed(inner, av, bv)) return false;
      continue;
    }
    if (!known_nonnull(av) || !known_nonnull(bv)) {
      if (av != bv) return false;
      continue;
    }
    if (av.length() != bv.length()) return false;
    switch (nb.nesting) {
      case Nesting::List: {
        const auto& ea = av.elements();
        const auto& eb = bv.elements();
        for (size_t i = 0; i < ea.size(); ++i)
          if (!equal_ignoring_computed(inner, ea[i], eb[i])) return false;
        break;
      }
      case Nesting::Set: {
        const auto& ea = av.elements();
        const auto& eb = bv.elements();
        std::vector<bool> used(eb.size(), false);
        for (const auto& x : ea) {
          bool found = false;
          for (size_t j = 0; j < eb.size() && !found; ++j) {
            if (!used[j] && equal_ignoring_computed(inner, x, eb[j])) used[j] = found = true;
          }
          if (!found) return false;
        }
        break;
      }
      case Nesting::Map: {
        const auto& ma = av.entries();
        const auto& mb = bv.entries();
        for (const auto& [k, x] : ma) {
          auto it = mb.find(k);
          if (it == mb.end() || !equal_ignoring_computed(inner, x, it->second)) return false;
        }
        break;
      }
      default: break;
    }
  }
  return true;
}

namespace {
Value mark(const Block& block, const Value& proposed, const Value& config, const std::set<std::string>* keep,
           bool computed_only) {
  if (!known_nonnull(proposed) || proposed.type().kind() != Type::Kind::Object) return proposed;
  std::map<std::string, Value> out = proposed.entries();
  for (const auto& at : block.attributes) {
    if (!at.computed) continue;
    if (computed_only && at.optional) continue;
    if (keep && keep->count(at.name)) continue;
    auto it = out.find(at.name);
    if (it == out.end()) continue;
    if (attr_or_null(config, at.name).is_null()) it->second = Value::unknown(at.type);
  }
  for (const auto& nb : block.block_types) {
    auto it = out.find(nb.type_name);
    if (it == out.end()) continue;
    const Value& pv = it->second;
    const Value& cv = attr_or_null(config, nb.type_name);
    const Block& inner = *nb.block;
    switch (nb.nesting) {
      case Nesting::Single:
      case Nesting::Group: it->second = mark(inner, pv, cv, nullptr, computed_only); break;
      case Nesting::List: {
        if (!known_nonnull(pv)) break;
        std::vector<Value> elems;
        const auto& pe = pv.elements();
        for (size_t i = 0; i < pe.size(); ++i) {
          Value ce = (known_nonnull(cv) && i < cv.length()) ? cv.elements()[i] : Value();
          elems.push_back(mark(inner, pe[i], ce, nullptr, computed_only));
        }
        it->second = Value::list(pv.type().element(), std::move(elems));
        break;
      }
      case Nesting::Set: {
        if (!known_nonnull(pv)) break;
        std::vector<Value> elems;
        for (const auto& e : pv.elements()) elems.push_back(mark(inner, e, Value(), nullptr, true));
        it->second = Value::set(pv.type().element(), std::move(elems));
        break;
      }
      case Nesting::Map: {
        if (!known_nonnull(pv)) break;
        std::map<std::string, Value> entries;
        for (const auto& [k, e] : pv.entries()) {
          Value ce;
          if (known_nonnull(cv)) {
            auto ci = cv.entries().find(k);
            if (ci != cv.entries().end()) ce = ci->second;
          }
          entries.emplace(k, mark(inner, e, ce, nullptr, computed_only));
        }
        it->second = Value::map(pv.type().element(), std::move(entries));
        break;
      }
    }
  }
  return Value::object(proposed.type(), std::move(out));
}
}  // namespace

Value mark_computed_unknown(const Block& block, const Value& prior, const Value& proposed, const Value& config,
                            const std::set<std::string>& keep) {
  if (!known_nonnull(proposed)) return proposed;
  if (!prior.is_null() && equal_ignoring_computed(block, prior, proposed)) return proposed;
  return mark(block, proposed, config, &keep, false);
}

std::vector<AttributePath> requires_replace(const Value& prior, const Value& planned,
                                            const std::vector<std::string>& candidates) {
  std::vector<AttributePath> out;
  if (prior.is_null() || planned.is_null()) return out;
  for (const auto& name : candidates) {
    bool in_prior = prior.is_known() && prior.has_attr(name);
    bool in_planned = planned.is_known() && planned.has_attr(name);
    if (!planned.is_known()) {
      if (in_prior) out.push_back(AttributePath::root(name));
      continue;
    }
    if (!in_prior && !in_planned) continue;
    if (in_prior != in_planned) {
      out.push_back(AttributePath::root(name));
      continue;
    }
    const Value& pv = planned.attr(name);
    if (!pv.is_wholly_known() || pv != prior.attr(name)) out.push_back(AttributePath::root(name));
  }
  return out;
}

cty::Value carry_or_unknown(const cty::Value& prior, const cty::Value& planned, const std::string& attribute,
                            bool force_change) {
  cty::Value same = planned.with_attr(attribute, prior.attr(attribute));
  if (!force_change && same == prior) return same;
  return planned.with_attr(attribute, cty::Value::unknown(planned.type().attribute(attribute)));
}

}  // namespace aoa::schema
