# The time zone name an Azure ML schedule YAML written by hand needs.
output "azureml_time_zone" {
  # "W. Europe Standard Time"
  value = provider::appofapps::azureml_time_zone("Europe/Berlin")
}
