#!/bin/sh
# Installs what `npm run bench:detect` needs and CI does not: the peer
# detectors (licensecheck, licensee), GNU time for peak memory, and the Debian
# packages listed in bench/detect/debian-packages.txt, which bring copyright
# files for the Debian corpus and Go/Rust/Perl/Python sources for the source
# corpus. Does nothing when everything is there. Needs root (or sudo) for apt.
set -eu
cd "$(dirname "$0")/.."

want="licensecheck ruby-licensee time $(grep -v '^#' bench/detect/debian-packages.txt | tr '\n' ' ')"
missing=""
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "bench/setup.sh: installing:$missing" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing >&2
