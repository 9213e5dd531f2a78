// Rule 5: a protected target needs an approval naming who approved and the ticket.
#include "internal/promotion/decide_steps.h"

namespace aoa::promotion::detail {
namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

void check_approval(DecideState& s) {
  if (!s.context.target_protected) return;
  const std::string& to = s.request.to;
  const auto path = schema::AttributePath::root("approval");
  if (!s.request.approval) {
    s.decision.diagnostics.error(to + " is protected: an approval is required",
                                 "Add approval { approved_by = \"<who approved>\", ticket = \"<change ticket>\" } "
                                 "to promote to " + to + ".",
                                 path);
    return;
  }
  if (blank(s.request.approval->approved_by)) {
    s.decision.diagnostics.error("approval.approved_by must not be empty",
                                 to + " is protected: name the person who approved the promotion.",
                                 path.attr("approved_by"));
  }
  if (blank(s.request.approval->ticket)) {
    s.decision.diagnostics.error("approval.ticket must not be empty",
                                 to + " is protected: give the change ticket that records the approval.",
                                 path.attr("ticket"));
  }
}

}  // namespace aoa::promotion::detail
