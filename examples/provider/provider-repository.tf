provider "appofapps" {
  repository {
    url    = "../platform-gitops"
    branch = "main"
    path   = "clusters/ml"
  }
  author {
    name  = "Platform CI"
    email = "platform-ci@example.com"
  }
}
