// data "appofapps_schedule_preview": the next fire times of a cron expression or recurrence in an
// IANA time zone, from any instant, with the same rules (and DST behaviour) as appofapps_schedule.
// Writes nothing.
#pragma once

#include "schema/provider.h"

namespace aoa::provider {

class SchedulePreviewDataSource final : public schema::DataSource {
 public:
  SchedulePreviewDataSource();
  const schema::Schema& schema() const override { return schema_; }
  void validate(const cty::Value& config, schema::Diagnostics& diags) const override;
  cty::Value read(const cty::Value& config, schema::Diagnostics& diags) const override;

 private:
  schema::Schema schema_;
};

}  // namespace aoa::provider
