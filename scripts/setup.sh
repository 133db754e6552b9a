#!/usr/bin/env bash
# Installs every tool the project needs, pinned, into the ignored .tools/ folder (plus Debian's
# Chromium, which must live in /usr/bin). Idempotent: a second run does nothing and needs no
# network. Compiled tools are cached per version in $HIRLAP_TOOL_CACHE so a second clone on the
# same machine copies them instead of compiling for ten minutes.
#
# `scripts/setup.sh --fuzz` (make fuzz) also installs cargo-fuzz and fetches the crates of the
# fuzz/ project; nothing else needs them, so a plain set-up leaves them out.
set -euo pipefail
FUZZ=false
if [ "${1:-}" = --fuzz ]; then FUZZ=true; fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TOOLS="$ROOT/.tools"
CACHE="${HIRLAP_TOOL_CACHE:-$HOME/.cache/hirlap-tools}"
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
CARGO_FUZZ_VERSION=0.13.2
mkdir -p "$TOOLS/bin" "$CACHE"

say() { printf 'setup: %s\n' "$*"; }

# make test builds the workspace natively and for wasm, twice over (tests and release) and
# prerenders the site: a fresh clone measured 8.0 GB after make test (2026-12-05), and the
# check keeps room beyond that for the page cache of the tools and a growing tree. Fail now with
# a clear message, not in the middle of a compile with "No space left on device".
NEED_GB=${HIRLAP_DISK_GB:-15}
free_gb=$(df -Pk "$ROOT" | awk 'NR == 2 { print int($4 / 1024 / 1024) }')
if [ "$free_gb" -lt "$NEED_GB" ]; then
    echo "setup: only $free_gb GB free on $(df -P "$ROOT" | awk 'NR == 2 { print $6 }'); make test needs about $NEED_GB GB (set HIRLAP_DISK_GB to override)" >&2
    exit 1
fi

# The wasm-bindgen CLI must match the library in Cargo.lock exactly, or Trunk tries to download one.
wbg_version() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# 1. Rust target
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi

# 1b. The formatter and linter make test runs (make lint)
for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
        say "adding rust component $component"
        rustup component add "$component"
    fi
done

# 2. Debian Chromium and ChromeDriver (npm browser downloads fail on these machines)
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian chromium and chromium-driver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 2a. rsync: make bench checks that an rsync upload of a publish is the files press listed
if ! command -v rsync >/dev/null; then
    say "installing Debian rsync"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rsync >/dev/null
fi

# 2b. WordPress, MariaDB and PHP for make test-cms (a real WordPress on loopback, scripts/wordpress.sh)
if [ ! -f /usr/share/wordpress/wp-load.php ] || ! command -v mariadbd >/dev/null || ! command -v php >/dev/null \
    || ! php -m 2>/dev/null | grep -qx gd || ! php -m 2>/dev/null | grep -qx mysqli; then
    say "installing Debian wordpress, mariadb-server and php for the CMS tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordpress mariadb-server php-cli php-mysql php-xml \
        php-mbstring php-curl php-gd >/dev/null
fi

# 3. Cargo-installed tools, one cached build per version
cargo_tool() { # name version binary [extra cargo install flags…]
    local name=$1 version=$2 bin=$3; shift 3
    local have
    have=$("$TOOLS/bin/$bin" --version 2>/dev/null || true)
    if [[ "$have" == *"$version"* ]]; then return; fi
    local dir="$CACHE/$name-$version"
    if [ ! -x "$dir/bin/$bin" ]; then
        say "compiling $name $version (several minutes, once per machine)"
        cargo install "$name" --version "$version" --root "$dir" "$@"
    fi
    cp -f "$dir/bin/"* "$TOOLS/bin/"
}
cargo_tool trunk "$TRUNK_VERSION" trunk --locked
if [ ! -f Cargo.lock ]; then cargo generate-lockfile; fi
# --locked fails for wasm-bindgen-cli 0.2.130 (a locked dependency is gone from the registry).
cargo_tool wasm-bindgen-cli "$(wbg_version)" wasm-bindgen
if $FUZZ; then
    cargo_tool cargo-fuzz "$CARGO_FUZZ_VERSION" cargo-fuzz --locked
fi

# 4. npm packages (Playwright Test, binaryen's wasm-opt, audits), exactly as locked
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
# Never let Trunk find Debian's wasm-opt 108: it corrupts the output.
ln -sf "$ROOT/node_modules/.bin/wasm-opt" "$TOOLS/bin/wasm-opt"
"$TOOLS/bin/wasm-opt" --version | grep -q "version $BINARYEN_VERSION" || { echo "setup: wrong wasm-opt" >&2; exit 1; }

# 5. Crates, so every later build can run offline
cargo fetch --quiet
if $FUZZ; then
    (cd fuzz && cargo fetch --quiet)
fi

say "ready: $("$TOOLS/bin/trunk" --version), wasm-bindgen $("$TOOLS/bin/wasm-bindgen" --version | cut -d' ' -f2), wasm-opt $BINARYEN_VERSION, $(/usr/bin/chromium --version)"
