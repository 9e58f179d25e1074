# Podium — set-up, build, test, demo. `make demo` and `make test` work on a fresh Debian/Ubuntu
# machine with Swift 6: they install the system packages the build needs first.
SHELL := /bin/bash
# bubblewrap: the sandbox of code rounds; python3: the demo's code round and the archives the tests make.
SYSTEM_PACKAGES := libsqlite3-dev libcurl4-openssl-dev zlib1g-dev bubblewrap python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE_BIN = $(shell swift build -c release --show-bin-path)
TEST_BINARY = $(shell swift build --show-bin-path)/PodiumPackageTests.xctest

.PHONY: deps build release install uninstall test test-postgres test-clock browser-deps browser-test torture fuzz api-fuzz openapi lint format demo demo-cli bench crosscheck scorers-readme clean

## Install missing system packages (apt-get; sudo when not root).
deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	swift build

release: deps
	swift build -c release --product podium
	swift build -c release --product ensemble

## Put podium and ensemble on the PATH: $(PREFIX)/bin, with the templates, static files, scorers and
## demo competitions in $(PREFIX)/share/podium (an installed podium finds them there from any folder).
PREFIX ?= /usr/local
install: release
	$(SUDO) install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/podium
	$(SUDO) install -m 755 $(RELEASE_BIN)/podium $(RELEASE_BIN)/ensemble $(DESTDIR)$(PREFIX)/bin/
	$(SUDO) rm -rf $(DESTDIR)$(PREFIX)/share/podium/web $(DESTDIR)$(PREFIX)/share/podium/scorers \
	  $(DESTDIR)$(PREFIX)/share/podium/competitions
	$(SUDO) cp -R web scorers competitions $(DESTDIR)$(PREFIX)/share/podium/
	@echo "installed $(DESTDIR)$(PREFIX)/bin/podium and $(DESTDIR)$(PREFIX)/bin/ensemble"

uninstall:
	$(SUDO) rm -f $(DESTDIR)$(PREFIX)/bin/podium $(DESTDIR)$(PREFIX)/bin/ensemble
	$(SUDO) rm -rf $(DESTDIR)$(PREFIX)/share/podium

## Lint (swift format, config in .swift-format), then build and run every test.
test: deps lint
	swift build --build-tests
	swift test --skip-build

## The storage, platform, web and notifier suites again, on a real PostgreSQL that the script starts (and
## installs with apt when missing) on a free loopback port: a fresh database per test.
test-postgres: deps
	swift build --build-tests
	scripts/with-postgres.sh swift test --skip-build --filter "StorageTests|PlatformTests|WebServerTests|NotificationsTests"

lint:
	swift format lint --strict -r Sources Tests
	@scripts/check-fuzz-manifest.sh

## Nothing may depend on today's date: the whole suite with the wall clock a year ahead and a year back
## (scripts/with-clock.sh moves the wall clock only, as on a machine set to another date; each run is killed
## and fails if it hangs), then the PostgreSQL suites a year ahead and the browser test a year back. The test
## binary runs directly: the compiler's caches would not trust files dated a year away.
test-clock: deps browser-deps
	swift build --build-tests
	scripts/with-clock.sh +365d --limit 900 $(TEST_BINARY) --testing-library swift-testing
	scripts/with-clock.sh -365d --limit 900 $(TEST_BINARY) --testing-library swift-testing
	scripts/with-clock.sh +365d --limit 1200 scripts/with-postgres.sh $(TEST_BINARY) --testing-library swift-testing \
	  --filter "StorageTests|PlatformTests|WebServerTests|NotificationsTests"
	scripts/with-clock.sh -365d --limit 900 bench/.venv/bin/python Tests/browser/test_pages.py \
	  $$(swift build --show-bin-path)/podium

## Debian's chromium and chromium-driver, and selenium into bench/.venv, when missing.
browser-deps:
	@command -v chromedriver >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver; }
	@[ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
	@bench/.venv/bin/python -c "import selenium" 2>/dev/null || bench/.venv/bin/pip install -q selenium

## Drive the pages in a real headless browser.
browser-test: deps browser-deps
	swift build --product podium
	bench/.venv/bin/python Tests/browser/test_pages.py $$(swift build --show-bin-path)/podium

format:
	swift format -i -r Sources Tests

## The main job: a fresh demo (competitions, teams, qualifying open, baselines scored) served on
## http://127.0.0.1:8080/ until Ctrl-C. The tokens and URLs to open are printed first.
demo: release
	$(RELEASE_BIN)/podium demo

## The same story from the command line, without a server: podium score on an example, then a
## hackathon on the platform core (scripts/demo-platform.sh).
demo-cli: release
	@echo "$$ podium score --solution examples/score/solution.csv --metric f1_macro --target species examples/score/submission.csv"
	@$(RELEASE_BIN)/podium score --solution examples/score/solution.csv --metric f1_macro --target species \
	  examples/score/submission.csv
	@echo
	@echo "$$ podium score ... examples/score/broken.csv   (a file with mistakes: every problem is listed, exit 1)"
	@$(RELEASE_BIN)/podium score --solution examples/score/solution.csv --metric f1_macro --target species \
	  examples/score/broken.csv || true
	@echo; echo "=== A hackathon on the platform core: scripts/demo-platform.sh ==="
	@scripts/demo-platform.sh $(RELEASE_BIN)/podium

## Crash, concurrency and load suites against the release binary (installs wrk when missing), then the
## topology suite (2 replicas + 2 workers) on a throw-away PostgreSQL; loopback only, every loop bounded.
torture: deps
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk; }
	swift build -c release --product podium
	python3 scripts/torture/run.py $(RELEASE_BIN)/podium
	scripts/with-postgres.sh python3 scripts/torture/run.py $(RELEASE_BIN)/podium topology

## libFuzzer over the CSV reader and submission validation for FUZZ_SECONDS (default 60); not in CI.
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/check-fuzz-manifest.sh
	cd fuzz && swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
	mkdir -p fuzz/corpus fuzz/crashes && cp -n Tests/WebServerTests/BadInput/*.csv Tests/WebServerTests/BadInput/*.zip fuzz/corpus/ 2>/dev/null || true
	cd fuzz && ./.build/debug/podium-fuzz -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=crashes/ corpus

## schemathesis (PyPI, into bench/.venv), all its checks, against a live podium serve with a team's and the
## organiser's token, API_FUZZ_SECONDS each (default 120): no 5xx, every answer as web/static/openapi.json says.
api-fuzz: deps
	scripts/api-fuzz.sh

## Rewrite web/static/openapi.json from scripts/make-openapi.py.
openapi:
	python3 scripts/make-openapi.py

## Benchmarks against pandas + scikit-learn (installs them into bench/.venv from PyPI).
bench: deps
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk; }
	swift build -c release --product podium
	python3 bench/all.py

## podium score --json against scikit-learn on fresh random files.
crosscheck: deps
	scripts/crosscheck-sklearn.sh

## Regenerate the catalogue in scorers/README.md from the code.
scorers-readme: build
	@catalogue=$$($$(swift build --show-bin-path)/podium scorers --markdown) && \
	python3 -c 'import sys; p="scorers/README.md"; s=open(p).read(); a="<!-- catalogue:begin -->"; b="<!-- catalogue:end -->"; \
	open(p,"w").write(s[:s.index(a)+len(a)] + "\n" + sys.argv[1] + "\n" + s[s.index(b):])' "$$catalogue"

clean:
	rm -rf .build
