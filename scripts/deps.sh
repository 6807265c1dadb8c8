#!/usr/bin/env bash
# Installs the Debian packages hicgen needs to build and test, when any is missing.
# As root it runs apt-get itself; otherwise it prints the exact command and fails, so a
# newcomer is never left guessing which package is missing.
set -euo pipefail
pkgs=(gcc make pkg-config libgsl-dev libyaml-dev libpq-dev zlib1g-dev libcmocka-dev libssl-dev
      postgresql postgresql-client gzip coreutils time)
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "hicgen: missing Debian packages: ${missing[*]}" >&2
    echo "install them with:  sudo sh -c '$cmd'" >&2
    exit 1
fi
echo "hicgen: installing ${missing[*]}" >&2
sh -c "$cmd" >&2
