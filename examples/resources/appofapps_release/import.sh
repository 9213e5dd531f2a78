terraform import appofapps_release.dev ml-platform/dev
