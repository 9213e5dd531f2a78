# The configuration the terraform benchmarks share: N apps (variable n) in one root and
# environment, each depending on up to three earlier apps by reference, so Terraform orders them.
# Sourced by tf_apps_timing.sh and crash_trials.sh. With `release=1`, an appofapps_release takes
# every app (one commit per run from its first apply on); `version` sets every model version.

deps_of() {  # up to three earlier indices, deterministic
  local i=$1 out="" d
  for d in $(( i - 1 )) $(( i / 2 )) $(( i / 3 )); do
    if [ "$d" -ge 0 ] && [ "$d" -lt "$i" ] && [[ " $out " != *" $d "* ]]; then out="$out $d"; fi
  done
  echo $out
}

gen_apps() {
  local i d refs
  cat <<'HCL'
terraform {
  required_providers {
    appofapps = { source = "appofapps/appofapps" }
  }
}
provider "appofapps" {}
resource "appofapps_root" "ml" {
  name = "ml"
  environment {
    name      = "dev"
    cluster   = "aks-dev"
    namespace = "ml-dev"
  }
}
HCL
  for i in $(seq 0 $(( n - 1 ))); do
    refs=""
    for d in $(deps_of "$i"); do refs="$refs appofapps_app.a$d.name,"; done
    cat <<HCL
resource "appofapps_app" "a$i" {
  root            = appofapps_root.ml.name
  environment     = "dev"
  name            = "a$i"
  owner           = "team"
  namespace       = "ns-a$i"
  depends_on_apps = [${refs%,}]
  model {
    name    = "m$i"
    version = "${version:-1}"
  }
}
HCL
  done
  if [ "${release:-0}" = 1 ]; then
    refs=""
    for i in $(seq 0 $(( n - 1 ))); do refs="$refs appofapps_app.a$i.id,"; done
    cat <<HCL
resource "appofapps_release" "dev" {
  root        = appofapps_root.ml.name
  environment = "dev"
  apps        = [${refs%,}]
}
HCL
  fi
}
