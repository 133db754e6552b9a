# hirlap: `make serve` to work on the site, `make test` to check everything.
# Every target installs what is missing first (scripts/setup.sh: pinned, idempotent, offline once done).
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/.tools/bin:$(CURDIR)/node_modules/.bin:$(PATH)
# After set-up every build runs offline: a missing crate or tool must fail, not download.
OFFLINE := CARGO_NET_OFFLINE=true
# press runs in the `tool` profile (Cargo.toml): fast code, one compile for every use.
PRESS := $(OFFLINE) cargo run --quiet --profile tool -p press --
# The content compiler alone (no Leptos), as Trunk's pre-build hook runs it (Trunk.toml).
PRESS_BUILD := $(OFFLINE) cargo run --quiet --profile tool -p press --no-default-features --
WASM_TEST_ENV := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=60


.PHONY: setup content serve dist build-dist test lint test-native test-wasm test-e2e test-audit test-size test-cms bench size fuzz clean

setup:
	@scripts/setup.sh

content: setup
	$(PRESS_BUILD) build --content content --out build/content

# Trunk stops at start when a folder its [watch] ignore list names does not exist (a fresh clone
# has no build/, dist/ or public/_photos/ yet).
serve: setup
	@mkdir -p build dist target public/_photos
	$(OFFLINE) trunk serve

# The whole site: the app (Trunk's pre-build hook compiles the JSON tree into it), then one
# prerendered HTML page per route, feeds, sitemaps and hosting files.
dist: setup
	$(MAKE) --no-print-directory build-dist

build-dist:
	$(OFFLINE) trunk build --release
	$(PRESS) site --content content --dist dist
	@scripts/size.sh dist

size:
	@scripts/size.sh dist

test: setup
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory lint test-native test-wasm test-e2e test-audit test-size test-cms; \
	echo "make test: all layers passed in $$(( $$(date +%s) - start )) s"

# The house's formatting and lint: no import circle between the files of any crate
# (scripts/import-cycles.py), rustfmt.toml, and clippy with every warning an error, natively
# (the whole workspace, the UI with `ssr`) and on the browser build (`csr`, wasm32).
lint: setup
	python3 scripts/import-cycles.py
	scripts/url-literals.sh
	$(OFFLINE) cargo fmt --all --check
	$(OFFLINE) cargo clippy --quiet --workspace --all-targets -- -D warnings
	$(OFFLINE) cargo clippy --quiet -p hirlap --features csr --target wasm32-unknown-unknown --all-targets -- -D warnings

# The whole workspace natively: the UI is built with `ssr` only (press's), never with `csr`.
test-native:
	$(OFFLINE) cargo test --quiet --workspace

# press pull (crates/cms): a real WordPress on loopback (scripts/wordpress.sh) and a Drupal
# JSON:API fixture server; the WordPress is started and stopped by scripts/test-cms.sh.
test-cms: build-dist
	@scripts/test-cms.sh

test-wasm:
	$(OFFLINE) $(WASM_TEST_ENV) cargo test -p hirlap --features csr --target wasm32-unknown-unknown --test components

# Lighthouse accessibility, best practices and SEO at 100 on home, a section, a tag and an
# article, served as a CDN serves them (brotli, the _headers CSP): scripts/lighthouse.mjs.
test-audit: build-dist
	CHROME_PATH=/usr/bin/chromium node scripts/lighthouse.mjs audit

# The wasm + JS glue every reader downloads, gzip and brotli, within budgets/wasm.toml's band.
test-size: build-dist
	@scripts/size.sh --check dist

# End-to-end against the release build, served on loopback by tests/serve.mjs.
test-e2e: build-dist
	playwright test

bench: setup
	@scripts/bench.sh

# Coverage-guided fuzzing of every parser of outside input (cargo-fuzz, libFuzzer, on stable),
# FUZZ_SECONDS per target (default 60). Not part of make test, which replays the committed
# corpus and regressions instead (crates/fuzz-targets/tests/replay.rs; docs/FUZZING.md).
fuzz:
	@scripts/setup.sh --fuzz
	@scripts/fuzz.sh

clean:
	rm -rf dist build target/wasm32-unknown-unknown test-results artifacts
