#!/bin/bash
# Debian packages the project needs; installed with apt-get when missing.
#   system_packages.sh test    what the test suite needs
set -e
case "$1" in
  test) wanted="chromium fonts-dejavu-core" ;;
  *) echo "usage: $0 test" >&2; exit 2 ;;
esac
missing=""
for p in $wanted; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "error: Debian packages missing:$missing. Install them as root: apt-get install$missing" >&2
  exit 1
fi
echo "Installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
