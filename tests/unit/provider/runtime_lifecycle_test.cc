// The resource runtime's shared lifecycle rules, against a fake resource (notes/<name>.txt files) on
// an in-memory store.
#include <gtest/gtest.h>

#include "internal/gitops/memory_store.h"
#include "provider/runtime/lifecycle.h"

namespace aoa::runtime {
namespace {

using cty::Type;
using cty::Value;
using schema::AttributePath;

struct NoteModel {
  String name, text, mood, id, commit;
  StringMap tags;
  bool operator==(const NoteModel&) const = default;
  static constexpr auto fields() {
    return std::tuple{field("name", &NoteModel::name), field("text", &NoteModel::text), field("mood", &NoteModel::mood),
                      field("id", &NoteModel::id),     field("commit", &NoteModel::commit),
                      field("tags", &NoteModel::tags)};
  }
};

class NoteResource final : public Resource<NoteModel> {
 public:
  explicit NoteResource(bool marker_names_type = true) {
    info_.marker_names_type = marker_names_type;
    schema_.block = schema::BlockBuilder()
                        .attribute("name", Type::string())
                        .required()
                        .requires_replace()
                        .rule(schema::Rule::custom("Invalid name", "no spaces", [](const Value& v) {
                          return v.as_string().find(' ') == std::string::npos ? "" : "spaces in " + v.as_string();
                        }))
                        .attribute("text", Type::string())
                        .optional()
                        .multiline()
                        .attribute("mood", Type::string())
                        .optional()
                        .computed()
                        .default_value(Value::string("calm"))
                        .rule(schema::Rule::one_of("Invalid mood", {"calm", "loud"}))
                        .attribute("tags", Type::map(Type::string()))
                        .optional()
                        .computed()
                        .default_value(Value::map(Type::string(), {}))
                        .attribute("id", Type::string())
                        .computed()
                        .attribute("commit", Type::string())
                        .computed()
                        .build();
  }
  const ResourceInfo& info() const override { return info_; }
  const schema::Schema& schema() const override { return schema_; }
  std::optional<std::string> id_of(const NoteModel& m) const override {
    return m.name.is_known() ? std::optional<std::string>(m.name.get()) : std::nullopt;
  }
  void validate(const NoteModel& c, schema::Diagnostics& d) const override {
    ++validated;
    if (c.mood.is_known() && c.mood.get() == "loud" && !c.text.is_null())
      d.error("Too loud", "A loud note has no text.", AttributePath::root("text"));
  }
  void modify_plan(PlanStep<NoteModel>& step) const override {
    auto id = id_of(step.planned);
    step.planned.id = id ? String(*id) : String::unknown();
    seen_replaces = step.replaces;
    step.replaces_own = own;
    step.rewrite = rewrite;
  }
  std::optional<Existing> existing(const NoteModel& planned, const provider::ProviderContext& ctx) const override {
    const std::string path = "notes/" + planned.name.get() + ".txt";
    return Existing{"fake_note/" + planned.name.get(), [&ctx, path] { return ctx.store->read(path).has_value(); },
                    "Note already exists", "Import it.", AttributePath::root("name")};
  }
  NoteModel create(const NoteModel& p, ApplyStep& s) const override { return write(p, s); }
  NoteModel update(const NoteModel&, const NoteModel& p, ApplyStep& s) const override { return write(p, s); }
  void destroy(const NoteModel& prior, ApplyStep& s) const override {
    destroyed_with = s.planned_private();
    destroy_replacing = s.replacing();
    if (prior.text.value_or("") == "pinned") {
      s.diags().error("Note is pinned", "Unpin it first.", AttributePath::root("text"));
      return;
    }
    s.commit({{{"notes/" + prior.name.get() + ".txt", std::nullopt}}, "Delete note"});
  }
  bool validate_after_rule_errors() const override { return after_rule_errors; }
  void plan_destroy(const NoteModel& prior, DestroyPlan& step) const override {
    step.replaced = recreated;
    if (prior.text.value_or("") == "pinned") step.diags.warning("Note is pinned", "The apply will refuse.", AttributePath::root("text"));
  }
  std::optional<NoteModel> read(const NoteModel& current, ReadStep& s) const override {
    auto text = s.ctx.store->read("notes/" + current.name.get() + ".txt");
    if (!text) return std::nullopt;
    NoteModel m = current;
    m.text = *text;
    return m;
  }
  mutable int validated = 0;
  bool after_rule_errors = false;
  mutable std::string destroyed_with;  // the planned private data the last destroy saw
  mutable bool destroy_replacing = false;  // what ApplyStep::replacing() said to the last destroy
  mutable std::string seen_replaces;    // PlanStep::replaces of the last plan
  bool own = false;                     // modify_plan sets PlanStep::replaces_own
  bool rewrite = false;                 // modify_plan sets PlanStep::rewrite
  bool recreated = false;               // plan_destroy sets DestroyPlan::replaced

 private:
  NoteModel write(const NoteModel& p, ApplyStep& s) const {
    if (p.text.value_or("") == "fail") throw std::runtime_error("disk on fire");
    s.commit({{{"notes/" + p.name.get() + ".txt", p.text.value_or("")}}, "Write note"});
    return p;
  }
  schema::Schema schema_;
  ResourceInfo info_{"fake_note", "note", {{"name"}, "todo", "todo"}};
};

class LifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ctx = std::make_shared<provider::ProviderContext>();
    ctx->store = std::make_unique<gitops::MemoryStore>(gitops::StoreConfig{"memory"});
    ctx_ = ctx;
    holder_.set(ctx);
  }
  Type type() const { return note_->schema().block.implied_type(); }
  Value config(std::map<std::string, Value> attrs) const { return Value::object(type(), std::move(attrs)); }
  Value note(const std::string& name, const std::string& text = "hi") const {
    return config({{"name", Value::string(name)}, {"text", Value::string(text)}});
  }
  schema::PlanResponse plan(const Value& prior, const Value& config, const std::string& prior_private = "") const {
    Value proposed = config;
    if (!prior.is_null() && !config.is_null())
      for (const char* computed : {"id", "commit", "mood", "tags"})
        if (config.attr(computed).is_null()) proposed = proposed.with_attr(computed, prior.attr(computed));
    return lifecycle_.plan({prior, proposed, config, prior_private});
  }
  // Plans and applies a create; the new state.
  Value create(const Value& config) const {
    auto p = plan(Value::null(type()), config);
    EXPECT_FALSE(p.diagnostics.has_errors());
    auto a = lifecycle_.apply({Value::null(type()), p.planned_state, config, p.planned_private});
    EXPECT_FALSE(a.diagnostics.has_errors()) << a.diagnostics.items().front().detail;
    return a.new_state;
  }

  provider::ContextHolder holder_;
  std::shared_ptr<const provider::ProviderContext> ctx_;
  schema::StopToken stop_;
  provider::PlanOverlay overlay_;
  std::shared_ptr<NoteResource> note_ = std::make_shared<NoteResource>();
  Lifecycle<NoteResource> lifecycle_{note_, Services{holder_, stop_, overlay_}};
};

bool has(const schema::Diagnostics& d, const std::string& summary, const std::string& path) {
  for (const auto& i : d.items())
    if (i.summary == summary && (i.path ? i.path->to_string() : "") == path) return true;
  return false;
}

TEST_F(LifecycleTest, DeclaredRulesComeFirstThenTheResourcesOwnValidation) {
  schema::Diagnostics d;
  lifecycle_.validate(config({{"name", Value::string("a b")}, {"text", Value::string("x\x01")}}), d);
  EXPECT_TRUE(has(d, "Invalid name", "name"));
  EXPECT_TRUE(has(d, "Invalid characters", "text"));
  EXPECT_EQ(note_->validated, 0);
  schema::Diagnostics loud;
  lifecycle_.validate(config({{"name", Value::string("a")}, {"text", Value::string("x")}, {"mood", Value::string("loud")}}), loud);
  EXPECT_TRUE(has(loud, "Too loud", "text"));
}

TEST_F(LifecycleTest, AResourceMayValidateAfterARuleFailedToReportEveryProblem) {
  const Value bad = config({{"name", Value::string("a b")}, {"text", Value::string("x")}, {"mood", Value::string("loud")}});
  schema::Diagnostics first;
  lifecycle_.validate(bad, first);
  EXPECT_FALSE(has(first, "Too loud", "text"));
  note_->after_rule_errors = true;
  schema::Diagnostics every;
  lifecycle_.validate(bad, every);
  EXPECT_TRUE(has(every, "Invalid name", "name"));
  EXPECT_TRUE(has(every, "Too loud", "text"));
}

TEST_F(LifecycleTest, ACreatePlansDefaultsWhereTheConfigurationIsNullAndAnUnknownCommit) {
  auto p = plan(Value::null(type()), note("todo"));
  ASSERT_FALSE(p.diagnostics.has_errors());
  EXPECT_EQ(p.planned_state.attr("mood"), Value::string("calm"));
  EXPECT_EQ(p.planned_state.attr("tags"), Value::map(Type::string(), {}));
  EXPECT_EQ(p.planned_state.attr("id"), Value::string("todo"));
  EXPECT_TRUE(p.planned_state.attr("commit").is_unknown());
  EXPECT_TRUE(p.requires_replace.empty());
}

TEST_F(LifecycleTest, RemovingAnArgumentReturnsItToItsDefault) {
  Value state = create(note("todo").with_attr("mood", Value::string("loud")).with_attr("text", Value::null(Type::string())));
  auto p = plan(state, config({{"name", Value::string("todo")}}));
  EXPECT_EQ(p.planned_state.attr("mood"), Value::string("calm"));
  EXPECT_TRUE(p.planned_state.attr("commit").is_unknown());
}

TEST_F(LifecycleTest, AnUnchangedObjectKeepsItsCommitAndAChangedOneGetsAnUnknownOne) {
  Value state = create(note("todo"));
  ASSERT_TRUE(state.attr("commit").is_known());
  EXPECT_EQ(plan(state, note("todo")).planned_state.attr("commit"), state.attr("commit"));
  auto changed = plan(state, note("todo", "new text"));
  EXPECT_TRUE(changed.planned_state.attr("commit").is_unknown());
  EXPECT_TRUE(changed.requires_replace.empty());
  EXPECT_EQ(changed.planned_private, "replaces=fake_note/todo");
}

TEST_F(LifecycleTest, ADeclaredRequiresReplaceAttributeThatChangesReplaces) {
  Value state = create(note("todo"));
  auto p = plan(state, note("done"));
  ASSERT_EQ(p.requires_replace.size(), 1u);
  EXPECT_EQ(p.requires_replace[0], AttributePath::root("name"));
}

TEST_F(LifecycleTest, DestroyPlansNothingAndApplyDeletes) {
  Value state = create(note("todo"));
  auto p = lifecycle_.plan({state, Value::null(type()), Value::null(type()), ""});
  EXPECT_TRUE(p.planned_state.is_null());
  auto a = lifecycle_.apply({state, Value::null(type()), Value::null(type()), ""});
  EXPECT_FALSE(a.diagnostics.has_errors());
  EXPECT_TRUE(a.new_state.is_null());
  EXPECT_FALSE(ctx_->store->read("notes/todo.txt").has_value());
}

TEST_F(LifecycleTest, ADestroyPlanIsTheResourcesToWarnAboutAndARefusedDestroyKeepsTheObject) {
  Value state = create(note("todo", "pinned"));
  auto p = lifecycle_.plan({state, Value::null(type()), Value::null(type()), ""});
  EXPECT_TRUE(p.planned_state.is_null());
  ASSERT_EQ(p.diagnostics.items().size(), 1u);
  EXPECT_EQ(p.diagnostics.items()[0].severity, schema::Severity::Warning);
  EXPECT_TRUE(has(p.diagnostics, "Note is pinned", "text"));
  EXPECT_TRUE(lifecycle_.plan({state, Value::null(type()), Value::null(type()), ""}).planned_private.empty());

  auto a = lifecycle_.apply({state, Value::null(type()), Value::null(type()), "replaces=fake_note/todo"});
  EXPECT_EQ(note_->destroyed_with, "replaces=fake_note/todo") << "the hook sees the plan's private data";
  ASSERT_EQ(a.diagnostics.items().size(), 1u);
  EXPECT_TRUE(has(a.diagnostics, "Note is pinned", "text"));
  EXPECT_EQ(a.diagnostics.items()[0].detail, "Unpin it first.");
  EXPECT_EQ(a.new_state, state) << "a refused destroy keeps the object";
  EXPECT_TRUE(ctx_->store->read("notes/todo.txt").has_value());
  EXPECT_TRUE(lifecycle_.plan({Value::null(type()), Value::null(type()), Value::null(type()), ""}).diagnostics.items().empty());
}

TEST_F(LifecycleTest, ACreateOverSomeoneElsesFilesIsAnErrorButItsOwnReplacementIsNot) {
  create(note("todo"));
  provider::set_short_quiet(std::chrono::milliseconds(1));
  auto clash = plan(Value::null(type()), note("todo"));
  EXPECT_TRUE(has(clash.diagnostics, "Note already exists", "name"));
  auto replacing = plan(Value::null(type()), note("todo"), "replaces=fake_note/todo");
  EXPECT_FALSE(replacing.diagnostics.has_errors());
  overlay_.note_in_state("fake_note/todo");
  auto tainted = plan(Value::null(type()), note("todo"));
  EXPECT_FALSE(tainted.diagnostics.has_errors());
  EXPECT_EQ(tainted.planned_private, "replaces=fake_note/todo");
}

TEST_F(LifecycleTest, ApplyTakesTheCommitItMadeAndReportsFailuresAsOneError) {
  Value state = create(note("todo"));
  EXPECT_EQ(state.attr("commit").as_string(), ctx_->store->tip());
  auto p = plan(Value::null(type()), note("bad", "fail"));
  auto a = lifecycle_.apply({Value::null(type()), p.planned_state, note("bad", "fail"), ""});
  ASSERT_TRUE(a.diagnostics.has_errors());
  EXPECT_EQ(a.diagnostics.items()[0].summary, "Could not write note");
  EXPECT_EQ(a.diagnostics.items()[0].detail, "disk on fire");
  EXPECT_TRUE(a.new_state.is_null());
}

TEST_F(LifecycleTest, NothingIsWrittenOnceTerraformAskedToStop) {
  auto p = plan(Value::null(type()), note("todo"));
  stop_.request_stop();
  auto a = lifecycle_.apply({Value::null(type()), p.planned_state, note("todo"), ""});
  EXPECT_EQ(a.diagnostics.items().at(0).summary, "Cancelled");
  EXPECT_FALSE(ctx_->store->read("notes/todo.txt").has_value());
}

TEST_F(LifecycleTest, ReadNotesTheObjectReturnsNullWhenGoneAndTheTipAfterAnImport) {
  Value state = create(note("todo"));
  auto r = lifecycle_.read({state, ""});
  EXPECT_EQ(r.new_state, state);
  EXPECT_TRUE(overlay_.in_state("fake_note/todo"));
  auto imported = lifecycle_.import_state("todo");
  ASSERT_FALSE(imported.diagnostics.has_errors());
  auto after_import = lifecycle_.read({imported.state, ""});
  EXPECT_EQ(after_import.new_state.attr("text"), Value::string("hi"));
  EXPECT_EQ(after_import.new_state.attr("commit").as_string(), ctx_->store->tip());
  lifecycle_.apply({state, Value::null(type()), Value::null(type()), ""});
  EXPECT_TRUE(lifecycle_.read({state, ""}).new_state.is_null());
}

TEST_F(LifecycleTest, ImportStartsFromTheIdPartsAndTheDefaults) {
  auto ok = lifecycle_.import_state("todo");
  ASSERT_FALSE(ok.diagnostics.has_errors());
  EXPECT_EQ(ok.state.attr("name"), Value::string("todo"));
  EXPECT_EQ(ok.state.attr("id"), Value::string("todo"));
  EXPECT_EQ(ok.state.attr("mood"), Value::string("calm"));
  auto parts = lifecycle_.import_state("a/b");
  ASSERT_TRUE(parts.diagnostics.has_errors());
  EXPECT_EQ(parts.diagnostics.items()[0].summary, "Invalid import ID");
  EXPECT_EQ(parts.diagnostics.items()[0].detail,
            "Import an fake_note by its name, e.g. `terraform import fake_note.todo todo`; got \"a/b\" (it has 2 "
            "part(s)).");
  auto rule = lifecycle_.import_state("a b");
  EXPECT_NE(rule.diagnostics.items().at(0).detail.find("(name: spaces in a b)"), std::string::npos);
}

TEST_F(LifecycleTest, PlanHooksSeeTheObjectAReplacementMovesAwayFrom) {
  Value state = create(note("todo"));
  auto update = plan(state, note("todo", "changed"));
  EXPECT_EQ(note_->seen_replaces, "todo") << "an update moves away from the prior object";
  EXPECT_EQ(update.planned_private, "replaces=fake_note/todo");
  plan(Value::null(type()), note("todo"), update.planned_private);
  EXPECT_EQ(note_->seen_replaces, "todo") << "the second plan of a replacement";
  plan(Value::null(type()), note("fresh"), "");
  EXPECT_EQ(note_->seen_replaces, "");
  plan(Value::null(type()), note("fresh"), "replaces=other_type/fresh");
  EXPECT_EQ(note_->seen_replaces, "") << "another type's marker names nothing here";
}

TEST_F(LifecycleTest, ACreateHookMayMarkTheObjectsFilesAsItsOwn) {
  EXPECT_EQ(plan(Value::null(type()), note("mine")).planned_private, "");
  note_->own = true;
  EXPECT_EQ(plan(Value::null(type()), note("mine")).planned_private, "replaces=fake_note/mine");
}

TEST_F(LifecycleTest, ADestroyPlanMaySayItIsHalfOfAReplacementAndTheApplySeesIt) {
  Value state = create(note("todo"));
  EXPECT_EQ(lifecycle_.plan({state, Value::null(type()), Value::null(type()), ""}).planned_private, "");
  note_->recreated = true;
  auto half = lifecycle_.plan({state, Value::null(type()), Value::null(type()), ""});
  EXPECT_EQ(half.planned_private, "replaces=fake_note/todo");
  lifecycle_.apply({state, Value::null(type()), Value::null(type()), "replaces=fake_note/other"});
  EXPECT_FALSE(note_->destroy_replacing) << "another object's marker";
  state = create(note("todo"));
  lifecycle_.apply({state, Value::null(type()), Value::null(type()), half.planned_private});
  EXPECT_TRUE(note_->destroy_replacing);
}

TEST_F(LifecycleTest, AnUpdateHookMayRewriteTheFilesWithoutAChangedAttribute) {
  Value state = create(note("todo"));
  EXPECT_TRUE(plan(state, note("todo")).planned_state.attr("commit").is_known());
  note_->rewrite = true;
  auto p = plan(state, note("todo"));
  EXPECT_FALSE(p.planned_state.attr("commit").is_known());
  EXPECT_EQ(p.planned_state.attr("text"), state.attr("text"));
}

TEST_F(LifecycleTest, AResourceMayNameItsObjectsWithoutTheTypeInItsMarkers) {
  auto bare = std::make_shared<NoteResource>(/*marker_names_type=*/false);
  Lifecycle<NoteResource> lifecycle{bare, Services{holder_, stop_, overlay_}};
  Value state = create(note("todo"));
  Value changed = note("todo", "changed");
  auto update = lifecycle.plan({state, changed.with_attr("id", state.attr("id")).with_attr("commit", state.attr("commit"))
                                           .with_attr("mood", state.attr("mood")).with_attr("tags", state.attr("tags")),
                                changed, ""});
  EXPECT_EQ(update.planned_private, "replaces=todo");
  lifecycle.plan({Value::null(type()), note("todo"), note("todo"), "replaces=todo"});
  EXPECT_EQ(bare->seen_replaces, "todo");
  bare->recreated = true;
  EXPECT_EQ(lifecycle.plan({state, Value::null(type()), Value::null(type()), ""}).planned_private, "replaces=todo");
  lifecycle.apply({state, Value::null(type()), Value::null(type()), "replaces=todo"});
  EXPECT_TRUE(bare->destroy_replacing);
}

// A resource with the opt-in capabilities of a record-keeping resource: its own write error, hook
// diagnostics, a nested list block with defaults, and an import that builds the whole state.
struct ItemModel {
  String n, size;
  bool operator==(const ItemModel&) const = default;
  static constexpr auto fields() { return std::tuple{field("n", &ItemModel::n), field("size", &ItemModel::size)}; }
};
struct ShelfModel {
  String name, id;
  Field<std::vector<ItemModel>> item;
  bool operator==(const ShelfModel&) const = default;
  static constexpr auto fields() {
    return std::tuple{field("name", &ShelfModel::name), field("id", &ShelfModel::id), field("item", &ShelfModel::item)};
  }
};

class ShelfResource final : public Resource<ShelfModel> {
 public:
  ShelfResource() {
    schema::Block item = schema::BlockBuilder()
                             .attribute("n", Type::string())
                             .required()
                             .attribute("size", Type::string())
                             .optional()
                             .computed()
                             .default_value(Value::string("small"))
                             .build();
    schema_.block = schema::BlockBuilder()
                        .attribute("name", Type::string())
                        .required()
                        .attribute("id", Type::string())
                        .computed()
                        .block("item", schema::Nesting::List, item)
                        .build();
  }
  const ResourceInfo& info() const override {
    static const ResourceInfo i{"fake_shelf", "shelf", {{"name"}, "a", "a"}, "Could not stack the shelf"};
    return i;
  }
  const schema::Schema& schema() const override { return schema_; }
  std::optional<std::string> id_of(const ShelfModel& m) const override {
    return m.id.is_known() ? std::optional<std::string>(m.id.get()) : std::nullopt;
  }
  ShelfModel create(const ShelfModel& p, ApplyStep& s) const override {
    if (p.name.get() == "fail") throw std::runtime_error("too heavy");
    s.diags().warning("Dusty", "The shelf is dusty.");
    if (p.name.get() == "refuse") {
      s.diags().error("Refused", "Not this shelf.");
      return p;
    }
    ShelfModel out = p;
    out.id = p.name.get();
    return out;
  }
  ShelfModel update(const ShelfModel&, const ShelfModel& p, ApplyStep& s) const override { return create(p, s); }
  void destroy(const ShelfModel&, ApplyStep&) const override {}
  std::optional<ShelfModel> read(const ShelfModel& current, ReadStep&) const override { return current; }
  std::optional<ShelfModel> import_state(const std::map<std::string, std::string>& parts, ReadStep& s) const override {
    if (parts.at("name") == "gone") {
      s.diags.error("Shelf not found", "No such shelf.");
      return std::nullopt;
    }
    ShelfModel m;
    m.name = m.id = parts.at("name");
    m.item = std::vector<ItemModel>{{String("book"), String("large")}};
    return m;
  }
  schema::Schema schema_;
};

class ShelfLifecycleTest : public LifecycleTest {
 protected:
  Type shelf_type() const { return shelf_->schema().block.implied_type(); }
  Value shelf(const std::string& name, std::vector<Value> items) const {
    const Type t = shelf_type();
    return Value::object(t, {{"name", Value::string(name)}, {"item", Value::list(t.attribute("item").element(), items)}});
  }
  Value item(const std::string& n, const Value& size = Value::null(Type::string())) const {
    return Value::object(shelf_type().attribute("item").element(), {{"n", Value::string(n)}, {"size", size}});
  }
  std::shared_ptr<ShelfResource> shelf_ = std::make_shared<ShelfResource>();
  Lifecycle<ShelfResource> shelves_{shelf_, Services{holder_, stop_, overlay_}};
};

TEST_F(ShelfLifecycleTest, DefaultsApplyInEachElementOfAListBlock) {
  const Value config = shelf("a", {item("x"), item("y", Value::string("large"))});
  // An update where Terraform proposes the prior size of an element the configuration leaves unset.
  const Value prior = shelf("a", {item("x", Value::string("large")), item("y", Value::string("small"))})
                          .with_attr("id", Value::string("a"));
  const Value proposed = shelf("a", {item("x", Value::string("large")), item("y", Value::string("large"))})
                             .with_attr("id", Value::string("a"));
  auto p = shelves_.plan({prior, proposed, config, ""});
  ASSERT_FALSE(p.diagnostics.has_errors());
  const auto& items = p.planned_state.attr("item").elements();
  EXPECT_EQ(items.at(0).attr("size"), Value::string("small")) << "the default, not the prior value";
  EXPECT_EQ(items.at(1).attr("size"), Value::string("large")) << "configured";
}

TEST_F(ShelfLifecycleTest, HookDiagnosticsComeThroughAndAnErrorKeepsThePriorState) {
  const Value ok = shelf("a", {});
  auto a = shelves_.apply({Value::null(shelf_type()), ok, ok, ""});
  ASSERT_FALSE(a.diagnostics.has_errors());
  EXPECT_EQ(a.diagnostics.items().at(0).summary, "Dusty");
  EXPECT_EQ(a.new_state.attr("id"), Value::string("a"));
  const Value refuse = shelf("refuse", {});
  auto r = shelves_.apply({Value::null(shelf_type()), refuse, refuse, ""});
  EXPECT_EQ(r.diagnostics.items().back().summary, "Refused");
  EXPECT_TRUE(r.new_state.is_null());
  const Value fail = shelf("fail", {});
  auto f = shelves_.apply({Value::null(shelf_type()), fail, fail, ""});
  EXPECT_EQ(f.diagnostics.items().at(0).summary, "Could not stack the shelf") << "the resource's write error";
  EXPECT_EQ(f.diagnostics.items().at(0).detail, "too heavy");
}

TEST_F(ShelfLifecycleTest, AnImportHookBuildsTheWholeState) {
  auto i = shelves_.import_state("a");
  ASSERT_FALSE(i.diagnostics.has_errors());
  EXPECT_EQ(i.state.attr("id"), Value::string("a"));
  EXPECT_EQ(i.state.attr("item"), Value::list(shelf_type().attribute("item").element(), {item("book", Value::string("large"))}));
  auto gone = shelves_.import_state("gone");
  EXPECT_EQ(gone.diagnostics.items().at(0).summary, "Shelf not found");
  EXPECT_TRUE(gone.state.is_null());
  EXPECT_EQ(shelves_.import_state("a/b").diagnostics.items().at(0).summary, "Invalid import ID") << "parts first";
}

TEST_F(ShelfLifecycleTest, SameArgumentsIgnoresComputedOnlyAttributesAndArgumentsKnownNeedsEveryArgument) {
  const schema::Block& b = shelf_->schema().block;
  const ShelfModel m = decode<ShelfModel>(shelf("a", {item("x")}));
  ShelfModel with_id = m;
  with_id.id = std::string("a");
  EXPECT_TRUE(same_arguments(b, m, with_id));
  ShelfModel renamed = m;
  renamed.name = std::string("b");
  EXPECT_FALSE(same_arguments(b, m, renamed));
  EXPECT_TRUE(arguments_known(b, m));
  ShelfModel unknown_id = m;
  unknown_id.id = String::unknown();
  EXPECT_TRUE(arguments_known(b, unknown_id)) << "id is computed only";
  ShelfModel unknown_items = m;
  unknown_items.item = Field<std::vector<ItemModel>>::unknown();
  EXPECT_FALSE(arguments_known(b, unknown_items));
  EXPECT_FALSE(same_arguments(b, m, unknown_items));
}

TEST(ModelCodecTest, TheModelMatchesTheSchemaAndKeepsPartlyUnknownValues) {
  NoteResource r;
  const Type t = r.schema().block.implied_type();
  auto [missing_in_schema, missing_in_model] = model_mismatch<NoteModel>(t);
  EXPECT_TRUE(missing_in_schema.empty());
  EXPECT_TRUE(missing_in_model.empty());
  Value partly = Value::object(t, {{"name", Value::string("n")},
                                   {"tags", Value::map(Type::string(), {{"a", Value::unknown(Type::string())},
                                                                        {"b", Value::string("x")}})}});
  NoteModel m = decode<NoteModel>(partly);
  EXPECT_TRUE(m.tags.is_unknown());
  EXPECT_TRUE(m.text.is_null());
  NoteModel changed = m;
  changed.id = std::string("n");
  Value out = encode_over(partly, m, changed, t);
  EXPECT_EQ(out.attr("tags"), partly.attr("tags"));
  EXPECT_EQ(out.attr("id"), Value::string("n"));
}

// A configured single block gets its attributes' defaults; an empty collection default keeps a
// prior null or empty value; a block the configuration leaves out stays null.
TEST(RuntimeRulesTest, DefaultsApplyInsideAConfiguredSingleBlock) {
  const schema::Block inner = schema::BlockBuilder()
                                  .attribute("every", Type::number())
                                  .optional()
                                  .computed()
                                  .default_value(Value::number(int64_t{1}))
                                  .attribute("days", Type::list(Type::string()))
                                  .optional()
                                  .computed()
                                  .default_value(Value::list(Type::string(), {}))
                                  .build();
  const schema::Block block = schema::BlockBuilder()
                                  .attribute("name", Type::string())
                                  .required()
                                  .block("repeat", schema::Nesting::Single, inner)
                                  .build();
  const Type t = block.implied_type();
  const Type rt = t.attribute("repeat");
  const Value config = Value::object(t, {{"name", Value::string("n")}, {"repeat", Value::object(rt, {})}});
  const Value planned = apply_defaults(block, config, Value::null(t), config);
  EXPECT_EQ(planned.attr("repeat").attr("every"), Value::number(int64_t{1}));
  EXPECT_EQ(planned.attr("repeat").attr("days"), Value::list(Type::string(), {}));

  const Value prior = Value::object(t, {{"name", Value::string("n")},
                                        {"repeat", Value::object(rt, {{"every", Value::number(int64_t{2})}})}});
  const Value again = apply_defaults(block, config, prior, config);
  EXPECT_EQ(again.attr("repeat").attr("every"), Value::number(int64_t{1})) << "removed from the configuration";
  EXPECT_TRUE(again.attr("repeat").attr("days").is_null()) << "the prior null list means none too";

  const Value without = Value::object(t, {{"name", Value::string("n")}});
  EXPECT_TRUE(apply_defaults(block, without, Value::null(t), without).attr("repeat").is_null());
}

// Each element of a list block gets its attributes' defaults, matched by position to the
// configuration (and to the prior, for an empty collection default); unknown elements stay.
TEST(RuntimeRulesTest, DefaultsApplyInEachElementOfAListBlock) {
  const schema::Block inner = schema::BlockBuilder()
                                  .attribute("name", Type::string())
                                  .required()
                                  .attribute("project", Type::string())
                                  .optional()
                                  .computed()
                                  .default_value(Value::string("default"))
                                  .attribute("tags", Type::list(Type::string()))
                                  .optional()
                                  .computed()
                                  .default_value(Value::list(Type::string(), {}))
                                  .build();
  const schema::Block block = schema::BlockBuilder().block("env", schema::Nesting::List, inner).build();
  const Type t = block.implied_type();
  const Type et = t.attribute("env").element();
  auto env = [&](const char* name, std::map<std::string, Value> more = {}) {
    more["name"] = Value::string(name);
    return Value::object(et, std::move(more));
  };
  const Value config = Value::object(t, {{"env", Value::list(et, {env("a"), env("b", {{"project", Value::string("p")}})})}});
  // Terraform proposes the prior's values where the configuration is null (matched by position).
  const Value prior = Value::object(t, {{"env", Value::list(et, {env("a", {{"project", Value::string("old")}}),
                                                                 env("b", {{"project", Value::string("p")}})})}});
  const Value planned = apply_defaults(block, prior, prior, config);
  EXPECT_EQ(planned.attr("env").elements()[0].attr("project"), Value::string("default")) << "removed from the configuration";
  EXPECT_EQ(planned.attr("env").elements()[1].attr("project"), Value::string("p")) << "configured";
  EXPECT_TRUE(planned.attr("env").elements()[0].attr("tags").is_null()) << "the prior null list means none too";
  const Value created = apply_defaults(block, config, Value::null(t), config);
  EXPECT_EQ(created.attr("env").elements()[0].attr("tags"), Value::list(Type::string(), {}));

  const Value partly = Value::object(t, {{"env", Value::list(et, {Value::unknown(et), env("b")})}});
  const Value out = apply_defaults(block, partly, Value::null(t), partly);
  EXPECT_TRUE(out.attr("env").elements()[0].is_unknown());
  EXPECT_EQ(out.attr("env").elements()[1].attr("project"), Value::string("default"));
  const Value unknown_list = Value::object(t, {{"env", Value::unknown(Type::list(et))}});
  EXPECT_EQ(apply_defaults(block, unknown_list, Value::null(t), unknown_list), unknown_list);
}

TEST(ModelCodecTest, AListOfModelsKeepsEachElementsKnownFields) {
  struct Item {
    String a, b;
    bool operator==(const Item&) const = default;
    static constexpr auto fields() { return std::tuple{field("a", &Item::a), field("b", &Item::b)}; }
  };
  struct Outer {
    Field<std::vector<Item>> items;
    bool operator==(const Outer&) const = default;
    static constexpr auto fields() { return std::tuple{field("items", &Outer::items)}; }
  };
  const Type it = Type::object({{"a", Type::string()}, {"b", Type::string()}});
  const Type t = Type::object({{"items", Type::list(it)}});
  const Value v = Value::object(
      t, {{"items", Value::list(it, {Value::object(it, {{"a", Value::string("x")}, {"b", Value::unknown(Type::string())}})})}});
  const Outer o = decode<Outer>(v);
  ASSERT_TRUE(o.items.is_known());
  EXPECT_EQ(o.items.get()[0].a, String(std::string("x")));
  EXPECT_TRUE(o.items.get()[0].b.is_unknown());
  EXPECT_FALSE(wholly_known(o)) << "an element's unknown field";
  EXPECT_EQ(encode(o, t), v);
  EXPECT_TRUE(decode<Outer>(Value::object(t, {{"items", Value::unknown(Type::list(it))}})).items.is_unknown());
}

TEST(ModelCodecTest, WhollyKnownLooksIntoNestedModels) {
  struct Inner {
    String a;
    bool operator==(const Inner&) const = default;
    static constexpr auto fields() { return std::tuple{field("a", &Inner::a)}; }
  };
  struct Outer {
    String b;
    Field<Inner> inner;
    bool operator==(const Outer&) const = default;
    static constexpr auto fields() { return std::tuple{field("b", &Outer::b), field("inner", &Outer::inner)}; }
  };
  Outer o;
  EXPECT_TRUE(wholly_known(o)) << "null fields are known";
  o.inner = Inner{String::unknown()};
  EXPECT_FALSE(wholly_known(o));
  o.inner = Inner{std::string("x")};
  EXPECT_TRUE(wholly_known(o));
  o.b = String::unknown();
  EXPECT_FALSE(wholly_known(o));
}

}  // namespace
}  // namespace aoa::runtime
