terraform import appofapps_root.platform ml-platform
