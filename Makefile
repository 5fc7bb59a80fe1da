# assetd: build, test, benchmark. `make test` and `make run` work on a fresh Debian machine.
SWIFT ?= swift
# Packages the build and the tests need; the benchmarks add the peer downloaders.
APT_PACKAGES := libcurl4-openssl-dev libsqlite3-dev nginx-light curl openssl systemd
BENCH_PACKAGES := aria2 wget2
FUZZ_SECONDS ?= 600
TEST_FUZZ_SECONDS ?= 30

.PHONY: all deps build release test lint format fuzz bench run clean

all: build

deps:
	@scripts/install-deps.sh $(APT_PACKAGES)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test
	scripts/fuzz.sh $(TEST_FUZZ_SECONDS)

lint:
	scripts/format.sh --lint

format:
	scripts/format.sh

fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

bench: deps
	@scripts/install-deps.sh $(BENCH_PACKAGES)
	$(SWIFT) build -c release --product assetbench
	.build/release/assetbench parse
	.build/release/assetbench fetch
	.build/release/assetbench store
	.build/release/assetbench index

run: build
	@echo "assetd (the daemon) arrives with its issue; until then, what it would fetch from the seed article:"
	$(SWIFT) run assetctl parse ../shared/corpus/seed/000_b10a193bbb14a3d1.txt

clean:
	rm -rf .build
