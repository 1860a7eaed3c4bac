# Sourced by .ci/setup and .ci/run: install the Debian packages of .ci/system-packages.txt that are missing.
install_system_packages() {
  local list missing="" pkg sudo=""
  list="$(dirname "${BASH_SOURCE[0]}")/system-packages.txt"
  for pkg in $(grep -v '^#' "$list"); do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
  done
  [ -z "$missing" ] && return 0
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing system packages:$missing"
  $sudo apt-get update -q && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
}
