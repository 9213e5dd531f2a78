# A remote repository that Argo CD reads: fetched at every plan, pushed to before each apply
# returns. The token comes from an environment variable, read on every fetch and push.
provider "appofapps" {
  repository {
    url       = "https://github.com/example-org/platform-gitops.git"
    branch    = "main"
    path      = "clusters/ml"
    token_env = "GITOPS_TOKEN"
  }
  author {
    name  = "Platform CI"
    email = "platform-ci@example.com"
  }
}
