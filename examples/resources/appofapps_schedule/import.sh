terraform import appofapps_schedule.nightly ml-platform/prod/fraud/nightly
