terraform import appofapps_model_version.fraud_12 fraud-scorer/12
