# vipguard. The README's two set-up commands are `make demo` (the main job) and `make test` (every test).
# Both install what they need and skip what is already there.

CARGO ?= cargo
BIN := target/release/vipguard
WASM_TARGET := wasm32-unknown-unknown
# wasm-bindgen-cli must be exactly the version the WASM package's Cargo.toml pins.
WASM_BINDGEN_VERSION := $(shell sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' crates/vipguard-wasm/Cargo.toml)
WASM_OUT := target/$(WASM_TARGET)/wasm/vipguard_wasm.wasm
WASM_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	--enable-mutable-globals --enable-reference-types --enable-multivalue
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test build pkg tools wasm-tools browser-tools challenge bench fuzz fuzz-tools fuzz-corpus \
	bench-scan avatar-bench avatar-page-bench wasm-bench ext-bench bulk-bench typosquat typosquat-report verdict-latency options-bench queue-bench \
	ext-scale package-size decode-bench scale-bench bio-model

## The main job: the demo profiles through the CLI, then the extension in headless Chromium over the
## demo pages (screenshots in target/demo/, a table of page, account, verdict, match).
demo: build
	$(BIN) scan --protected demo/protected.json demo/profiles.jsonl --format table
	node scripts/demo.mjs

## Everything, without running tests: the CLI, the WebAssembly package (pkg/), the extension
## (dist/chrome/, unpacked, and dist/vipguard-chrome.zip).
build: tools
	$(CARGO) build --release
	$(MAKE) --no-print-directory pkg
	bash scripts/build-extension.sh

## Every test: formatting; unit, property, fixture-table and CLI tests, with the fuzz corpus and every
## crash the fuzzers found replayed; the extension's picture header reader fuzzed in Node against the
## engine's decoder (tests/unit/, which runs the example image_dims); a short pass of every fuzz
## target; the WASM package in headless Chromium (a page and a service worker) against the native answers; the Firefox build through
## Mozilla's linter; the extension end to end in Chromium, and in Firefox ESR (tests/e2e/firefox.test.mjs,
## which serves its pages on 127.0.0.1:443 and so runs as root, as CI does).
test: build
	$(CARGO) fmt --check
	$(CARGO) test --release --features vipguard/internals
	$(CARGO) build --release --features vipguard/internals --example image_dims
	node --test tests/unit/
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_PASS_SECONDS)
	bash scripts/test-wasm.sh
	node_modules/.bin/web-ext lint --source-dir dist/firefox --warnings-as-errors
	node --test --test-concurrency=1 --test-timeout=600000 tests/e2e/

## Fuzzing (fuzz/README.md): every target for FUZZ_SECONDS seconds each, one after the other on one
## core (`make fuzz FUZZ_SECONDS=3600` for an hour a target); fails on any crash, hang or memory bomb.
FUZZ_TARGETS := list_json list_csv profiles_jsonl profiles_csv image enroll rgba snapshot check feed
FUZZ_SECONDS ?= 600
# `make test`'s pass: about two and a half minutes for the nine targets, after a build of about two.
FUZZ_PASS_SECONDS := 15
CARGO_FUZZ_VERSION := 0.13.2

fuzz: fuzz-tools
	bash scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

## cargo-fuzz of the pinned version, only when missing (it runs on the stable toolchain: fuzz/README.md).
fuzz-tools:
	@cargo fuzz --version 2>/dev/null | grep -qx "cargo-fuzz $(CARGO_FUZZ_VERSION)" \
		|| $(CARGO) install cargo-fuzz --version $(CARGO_FUZZ_VERSION) --locked

## fuzz/corpus/ anew: seeds from the repository's data (fuzz/examples/seeds.rs), the kept corpus and
## what `make fuzz` found on this machine, minimised by libFuzzer to a small set that covers every edge
## they cover (a set cover of edges, not of hit counts: a fifth of the files for the same coverage).
## Inputs over 64 KB are left out but for the seeds (every snapshot is 145 KB or more: the index's
## table of key starts alone is 128 KB), to keep the corpus to about 2 MB.
fuzz-corpus: fuzz-tools
	rm -rf target/fuzz-seeds
	$(CARGO) run --release -p vipguard-fuzz --example seeds -- target/fuzz-seeds
	set -e; for t in $(FUZZ_TARGETS); do \
		rm -rf target/fuzz/cmin/$$t && mkdir -p target/fuzz/cmin/$$t; \
		for d in target/fuzz-seeds/$$t fuzz/corpus/$$t target/fuzz/corpus/$$t; do \
			if [ -d $$d ]; then cp -r $$d/. target/fuzz/cmin/$$t/; fi; \
		done; \
		cargo +stable fuzz cmin -s none --features libfuzzer $$t target/fuzz/cmin/$$t \
			-- -use_counters=0 -set_cover_merge=1; \
		find target/fuzz/cmin/$$t -type f -size +64k -delete; \
		find target/fuzz-seeds/$$t -type f -size +64k -exec cp {} target/fuzz/cmin/$$t/ \; ; \
		rm -rf fuzz/corpus/$$t && cp -r target/fuzz/cmin/$$t fuzz/corpus/$$t; \
	done
	du -sh fuzz/corpus

## pkg/: the WASM package (crates/vipguard-wasm) built for wasm32, bound by wasm-bindgen (--target web)
## as vipguard.js + vipguard_bg.wasm, and shrunk by wasm-opt.
pkg: wasm-tools node_modules/.package-lock.json
	$(CARGO) build -p vipguard-wasm --target $(WASM_TARGET) --profile wasm
	@# Bind and shrink only when cargo produced a new module (wasm-opt alone takes ~15 s), in a
	@# scratch folder moved into place at the end, so a failed run never leaves a half-made pkg/.
	@if [ ! -f pkg/vipguard_bg.wasm ] || [ $(WASM_OUT) -nt pkg/vipguard_bg.wasm ]; then \
		set -e; \
		echo "wasm-bindgen + wasm-opt -> pkg/"; \
		rm -rf pkg.tmp; \
		wasm-bindgen --target web --out-name vipguard --out-dir pkg.tmp $(WASM_OUT); \
		node_modules/.bin/wasm-opt -Os $(WASM_FEATURES) --strip-debug --strip-producers \
			pkg.tmp/vipguard_bg.wasm -o pkg.tmp/vipguard_bg.wasm; \
		rm -rf pkg && mv pkg.tmp pkg; \
	fi

tools: wasm-tools browser-tools node_modules/.package-lock.json

## The wasm32 target and wasm-bindgen-cli of the pinned version, each only when missing.
wasm-tools:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" \
		|| $(CARGO) install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

## Debian's chromium and chromium-driver, and firefox-esr with NSS's certutil and openssl (the Firefox
## suite serves its pages over TLS with a throwaway CA), for the browser tests, only when missing; Xvfb and
## xdotool for the one test that presses an extension's keyboard shortcut in a real window
## (tests/e2e/evidence-capture.test.mjs: headless Chromium never hands a key to an extension's commands).
browser-tools:
	@[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -x /usr/bin/firefox-esr ] \
		&& command -v certutil >/dev/null && command -v openssl >/dev/null \
		&& command -v Xvfb >/dev/null && command -v xdotool >/dev/null \
		|| { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium chromium-driver firefox-esr libnss3-tools openssl xvfb xdotool; }

## npm packages (binaryen's wasm-opt, playwright-core for Chromium, puppeteer-core for Firefox over
## WebDriver BiDi), from package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

## Accuracy on the generated challenge sets (tune on dev, report on report).
challenge:
	bash scripts/challenge-data.sh
	$(CARGO) run --release -p vipguard --example challenge -- target/challenge/dev
	$(CARGO) run --release -p vipguard --example challenge -- target/challenge/report

## The learned bio reader: measured leave-one-writer-out over the ten writers' sets against the phrase
## rules, the Faker namesake guard, then the model written for the engine (crates/vipguard/src/text/
## bio_model.bin) with its parity fixture (docs/accuracy.md, "A learned bio reader in the engine");
## scikit-learn pinned in bench/bios/requirements.txt, into target/.
BIO_SETS := dev dev2 report2 report3 report4 report6 report7 report8 report9 report10
bio-model:
	python3 -m pip install --quiet --target target/pydeps -r bench/bios/requirements.txt
	bash scripts/challenge-data.sh
	$(CARGO) build --release -p vipguard --example bios
	mkdir -p target/bios-per-bio
	for s in $(BIO_SETS); do PER_BIO=target/bios-per-bio/$$s.txt target/release/examples/bios bench/bios/$$s.jsonl > /dev/null || exit 1; done
	PYTHONPATH=target/pydeps python3 bench/bios/train_model.py --folds --faker target/challenge/report --faker-train target/challenge/dev --write

## Typosquatted brand handles from dnstwist's fuzzers, by technique (a dev set; see docs/accuracy.md).
## OLD=path/to/vipguard adds an older build's column.
typosquat:
	$(CARGO) build --release -p vipguard-cli
	bash scripts/typosquat.sh $(OLD)

## The report counterpart: ail-typo-squatting on other brands (bench/typosquat/brands_report.tsv).
typosquat-report:
	$(CARGO) build --release -p vipguard-cli
	bash scripts/typosquat.sh --report $(OLD)

## Speed: one check and index build at 100k accounts beside a linear scan; scan throughput.
bench:
	$(CARGO) bench -p vipguard --features internals --bench check
	$(CARGO) bench -p vipguard --features internals --bench avatar
	python3 scripts/bench-summary.py

bench-scan:
	$(CARGO) build --release
	bash scripts/bench-scan.sh

## Avatar robustness: builds the image set from Debian packages and scikit-image, then reports both halves.
avatar-bench:
	bash scripts/avatar-bench-data.sh
	$(CARGO) run --release -p vipguard --features internals --example avatar_bench -- dev
	$(CARGO) run --release -p vipguard --features internals --example avatar_bench -- report
	target/avatar-venv/bin/python bench/avatars/make_hard.py
	$(CARGO) run --release -p vipguard --features internals --example avatar_bench -- dev --hard
	$(CARGO) run --release -p vipguard --features internals --example avatar_bench -- report --hard

## A page of 50 accounts with 50 different pictures: the worker's longest stretch while it hashes them,
## beside the same page with one picture (scripts/avatar-page-bench.mjs).
avatar-page-bench: build
	node scripts/avatar-page-bench.mjs

## The WASM package in headless Chromium beside the native library: size, build, check, hash.
wasm-bench: pkg browser-tools
	bash scripts/wasm-bench.sh

## The extension on a timeline of 500 user cells, beside the same page without it.
ext-bench: build
	node scripts/ext-bench.mjs

## Time from DOMContentLoaded to the banner on a profile page, warm and cold, beside the content script
## and manifest as committed (scripts/verdict-latency.mjs).
verdict-latency: build
	node scripts/verdict-latency.mjs

## The options page with 100,000 protected accounts (COUNT=N for another size): validate, apply, reopen
## and search, each with its longest main-thread task (scripts/options-bench.mjs).
options-bench: build
	node scripts/options-bench.mjs

## The review queue stepping through 500 profiles (COUNT=N): time per step and long tasks
## (scripts/queue-bench.mjs).
queue-bench: build
	node scripts/queue-bench.mjs

## The bulk page with 10,000 lines: time to results and main-thread long tasks.
bulk-bench: build
	node scripts/bulk-bench.mjs

## The extension with 10, 10,000 and 100,000 protected accounts (synth.rs's lists), each in a fresh
## browser: the import, the worker's memory (JS heap, WebAssembly memory, the extension process), one
## check warm, and the first check after a worker restart (scripts/ext-scale.mjs; docs/benchmarks.md).
ext-scale: build
	node scripts/ext-scale.mjs 10 10000 100000

## Avatars hashed through the package's decoders and through the browser's, on the PDQ test pictures:
## time from bytes to hash and bits apart (bench/wasm/decode.mjs; docs/wasm.md).
decode-bench: pkg browser-tools
	node bench/wasm/decode.mjs

## The .wasm raw and gzipped, what each dependency costs, and each zip against its 1.5 MB limit
## (scripts/package-size.py; tests/e2e/package-size.test.mjs fails at the limit).
package-size: pkg
	bash scripts/build-extension.sh
	python3 scripts/package-size.py

## Issue 25's figures: 100,000 and 1,000,000 synthetic accounts (load and index time, peak memory, one
## check) and scan throughput at 10,000, this tree beside BASE (default e7f1a78), with Python's json.load
## of the same files (docs/benchmarks.md, "Scale").
scale-bench:
	bash scripts/scale-bench.sh $(BASE)
