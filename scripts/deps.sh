#!/usr/bin/env bash
# Installs the Debian packages hicgen needs to build and test, when any is missing.
# As root it runs apt-get itself; otherwise it prints the exact command and fails, so a
# newcomer is never left guessing which package is missing.
set -euo pipefail
# clang: the second sanitizer build and the libFuzzer harnesses of `make check`
pkgs=(gcc make pkg-config libgsl-dev libyaml-dev libpq-dev zlib1g-dev libcmocka-dev libssl-dev
      postgresql postgresql-client gzip coreutils time clang)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

install() { # packages...
    [ $# -eq 0 ] && return 0
    local cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $*"
    if [ "$(id -u)" -ne 0 ]; then
        echo "hicgen: missing Debian packages: $*" >&2
        echo "install them with:  sudo sh -c '$cmd'" >&2
        exit 1
    fi
    echo "hicgen: installing $*" >&2
    sh -c "$cmd" >&2
}

missing=()
for p in "${pkgs[@]}"; do installed "$p" || missing+=("$p"); done
install "${missing[@]}"

# clang's sanitizer and fuzzer runtimes are only "recommended" by clang, and their package is
# named after clang's major version (libclang-rt-14-dev on Debian 12): installed when a
# fuzzer with ASan cannot be linked yet
fuzz_links() {
    local t
    t=$(mktemp -d)
    echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { return (int)(d == 0) + (int)n * 0; }' >"$t/f.c"
    clang -fsanitize=fuzzer,address,undefined -o "$t/f" "$t/f.c" >/dev/null 2>&1
    local rc=$?
    rm -rf "$t"
    return $rc
}
if ! fuzz_links; then
    major=$(clang --version | sed -n 's/.*clang version \([0-9][0-9]*\)\..*/\1/p' | head -1)
    install "libclang-rt-$major-dev"
fi
