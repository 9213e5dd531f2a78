terraform import appofapps_app.fraud ml-platform/dev/fraud
