terraform {
  required_providers {
    appofapps = {
      source = "appofapps/appofapps"
    }
  }
}

provider "appofapps" {}
