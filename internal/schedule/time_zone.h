// IANA time zones (what users write) and their Windows names (what Azure ML's `time_zone` takes).
//
// Zones come from the system tz database (/usr/share/zoneinfo, Debian's tzdata) through Howard
// Hinnant's date/tz API (implemented in internal/date_tz on abseil's time zones). Windows names
// come from ICU's copy of CLDR's windowsZones mapping; there is no table of our own.
//
// Limits of the data, stated so that nobody is surprised:
// * The zoneinfo files list each zone's transitions up to 2037 and end with the rule that
//   continues them; that rule is applied, so daylight saving time goes on after 2037.
// * ICU 72's data is older than the system tz database: zones added since (America/Ciudad_Juarez,
//   America/Coyhaique) are valid zones without a Windows name here.
#pragma once

#include <string>
#include <string_view>

#include <date/tz.h>

#include "internal/status/status.h"

namespace aoa::schedule {

// The zone for an IANA name ("Europe/Berlin", "UTC", aliases such as "Europe/Kiev"); names are
// case-sensitive. Invalid argument (empty) or not found (unknown) at field "time_zone", with a
// suggestion when a zone has nearly the same name (`unknown time zone "Europe/Berln"; did you mean
// "Europe/Berlin"?`). "localtime" (the host's zone, a file next to the database) is rejected.
Result<const date::time_zone*> locate_zone(std::string_view iana);

// The Windows time zone name Azure ML takes for a valid IANA name: "Europe/Berlin" -> "W. Europe
// Standard Time", "America/Los_Angeles" -> "Pacific Standard Time", "UTC" and "Etc/UTC" -> "UTC".
// Aliases resolve through ICU's canonical IDs ("Europe/Kiev" and "Europe/Kyiv" -> "FLE Standard
// Time"). Fails at field "time_zone" when the name is unknown (as locate_zone) or has
// no Windows equivalent: Antarctica/Troll, the legacy CET, EET, MET and WET, and the zones ICU 72
// does not know (see above).
Result<std::string> windows_zone(std::string_view iana);

}  // namespace aoa::schedule
