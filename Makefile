# vipguard. The README's two set-up commands are `make demo` (the main job) and `make test` (every test).
# Both install what they need and skip what is already there.

CARGO ?= cargo
BIN := target/release/vipguard

.PHONY: demo test build challenge bench bench-scan avatar-bench

## The main job: check the bundled demo profiles against the bundled demo protected list.
demo: build
	$(BIN) scan --protected demo/protected.json demo/profiles.jsonl --format table

build:
	$(CARGO) build --release

## Every test: unit, property, fixture-table and CLI tests, plus formatting.
test:
	$(CARGO) fmt --check
	$(CARGO) test --release

## Accuracy on the generated challenge sets (tune on dev, report on report).
challenge:
	bash scripts/challenge-data.sh
	$(CARGO) run --release --example challenge -- target/challenge/dev
	$(CARGO) run --release --example challenge -- target/challenge/report

## Speed: one check and index build at 100k accounts beside a linear scan; scan throughput.
bench:
	$(CARGO) bench --bench check
	$(CARGO) bench --bench avatar
	python3 scripts/bench-summary.py

bench-scan: build
	bash scripts/bench-scan.sh

## Avatar robustness: builds the image set from Debian packages and scikit-image, then reports both halves.
avatar-bench:
	bash scripts/avatar-bench-data.sh
	$(CARGO) run --release --example avatar_bench -- dev
	$(CARGO) run --release --example avatar_bench -- report
