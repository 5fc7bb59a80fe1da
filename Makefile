# assetd: build, test, benchmark. `make test` and `make run` work on a fresh Debian machine.
SWIFT ?= swift
# Packages the build and the tests need; the benchmarks add the peer downloaders.
APT_PACKAGES := libcurl4-openssl-dev libsqlite3-dev nginx-light curl openssl systemd
BENCH_PACKAGES := aria2 wget2 sqlite3
FUZZ_SECONDS ?= 600
# Arguments for `assetbench e2e` in `make bench`, e.g. E2E_ARGS="--concurrency 32 --articles 50 --images 2000".
E2E_ARGS ?=
TEST_FUZZ_SECONDS ?= 30

PREFIX ?= /usr/local
# Arguments `make run` passes to assetd, e.g. make run ARGS="--allow-private-networks true".
ARGS ?=

.PHONY: all deps build release test lint format fuzz torture bench run install clean

all: build

deps:
	@scripts/install-deps.sh $(APT_PACKAGES)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The short fuzz run goes first so that the test runner's summary closes the output.
test: deps lint
	scripts/fuzz.sh $(TEST_FUZZ_SECONDS)
	$(SWIFT) build --build-tests
	$(SWIFT) test

lint:
	scripts/format.sh --lint

format:
	scripts/format.sh

fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

# The torture suites at full size (20 SIGKILLs in a 5,000-asset run, a third of the answers faults, full disks,
# 1,000 hostile articles), then the parser fuzzer for FUZZ_SECONDS. `make test` runs the same suites smaller.
torture: deps
	$(SWIFT) build --build-tests
	ASSETD_TORTURE=full $(SWIFT) test --skip-build --filter Torture
	scripts/fuzz.sh $(FUZZ_SECONDS)

bench: deps
	@scripts/install-deps.sh $(BENCH_PACKAGES)
	$(SWIFT) build -c release
	.build/release/assetbench parse
	.build/release/assetbench fetch
	.build/release/assetbench store
	.build/release/assetbench index
	.build/release/assetbench e2e $(E2E_ARGS)

run: build
	exec .build/debug/assetd $(ARGS)

install: release
	install -D -m 0755 .build/release/assetd $(DESTDIR)$(PREFIX)/bin/assetd
	install -D -m 0755 .build/release/assetctl $(DESTDIR)$(PREFIX)/bin/assetctl
	install -D -m 0644 systemd/assetd.service $(DESTDIR)/etc/systemd/system/assetd.service
	install -D -m 0644 systemd/assetd.sysusers $(DESTDIR)/usr/lib/sysusers.d/assetd.conf
	[ -e $(DESTDIR)/etc/assetd/assetd.json ] || install -D -m 0644 Config/assetd.json $(DESTDIR)/etc/assetd/assetd.json

clean:
	rm -rf .build
