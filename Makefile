# 意见台账 taizhang. `make run` opens the window on the demo ledger;
# `make test` runs every test; `make bench` prints the benchmark table;
# `make dist` builds the Windows program, its installer and the .deb into
# out/dist/, and `make dist-check` checks them.
GO      ?= go
BIN     := taizhang
# Fyne parses the locale at start-up and logs an error for LANG=C.
export LANG := zh_CN.UTF-8

# Packages that run under the race detector (they hold the concurrency:
# storage, the index, the commands). The GUI packages run without it to keep
# the suite fast (a race build of Fyne needs a second cold build).
RACE_PKGS  = ./ledger/... ./search/... ./cli/... ./app/instance/...
GUI_PKG    = taizhang/app
OTHER_PKGS = $(shell $(GO) list ./... | grep -v -e '/ledger' -e '/search' -e '/cli$$' -e '/app/instance' -e '^taizhang/app$$')
BENCH     ?= .
BENCHTIME ?= 1x

# The version from git (.ci/dist/version) and the build time go into the
# program (taizhang --version, 帮助 → 关于).
VERSION     := $(shell ./.ci/dist/version)
DEB_VERSION := $(shell ./.ci/dist/version deb)
WIN_VERSION := $(shell ./.ci/dist/version win)
BUILD_DATE  := $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
XFLAGS      := -X taizhang/assets.Version=$(VERSION) -X taizhang/assets.BuildDate=$(BUILD_DATE)
DIST        ?= out/dist
MAINTAINER  ?= 意见台账 <taizhang@taizhang.invalid>

.PHONY: all deps build run test vet lint fmt-check bench clean licenses \
	dist dist-deps dist-linux dist-exe dist-setup dist-deb dist-check

all: build

deps:
	@./.ci/deps

build: deps
	$(GO) build -ldflags "$(XFLAGS)" -o $(BIN) .

run: build
	./$(BIN) --demo

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt 需要格式化：$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# staticcheck, pinned as a tool in go.mod (go get -tool): the module proxy is
# all a clean clone needs.
lint:
	$(GO) tool staticcheck ./...

# Package main's tests check the imports: only app imports Fyne, and no
# package outside tests imports testing (main_test.go).
test: deps fmt-check vet lint
	$(GO) test -race -count=1 -timeout 30m $(RACE_PKGS)
	$(GO) test -count=1 -timeout 30m $(OTHER_PKGS)
	@# The window's tests run on Fyne's test driver with one goroutine at a
	@# time touching widgets (app/serial_test.go), under the race detector.
	$(GO) test -race -count=1 -timeout 30m $(GUI_PKG)

# Benchmarks at 10^4 and 10^5 opinions; one iteration each by default
# (BENCHTIME=3x for steadier figures). Prints one table.
bench:
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchtime $(BENCHTIME) -benchmem -timeout 60m ./... 2>&1 | tee bench.out | $(GO) run ./.ci/benchtable

# The licences of every linked module, for the About dialog; a test
# (assets TestLicensesAreCurrent) fails when go.mod changed without this.
licenses:
	$(GO) run ./.ci/licenses -o assets/licenses.json

# Release artefacts, stripped (-s -w, -trimpath), into $(DIST):
# taizhang.exe, taizhang-VERSION-windows-x64-setup.exe, taizhang_VERSION_amd64.deb.
dist: dist-exe dist-setup dist-deb
	@echo; echo "构建完成（$(VERSION)）："; ls -l $(DIST)/taizhang.exe $(DIST)/*-setup.exe $(DIST)/*.deb

dist-deps:
	@./.ci/deps dist

dist-linux: dist-deps
	./.ci/dist/linux-bin $(DIST) "$(VERSION)" "$(BUILD_DATE)"

dist-exe: dist-deps
	./.ci/dist/windows-exe $(DIST) "$(VERSION)" "$(WIN_VERSION)" "$(BUILD_DATE)"

dist-setup: dist-exe
	./.ci/dist/windows-setup $(DIST) "$(VERSION)" "$(WIN_VERSION)"

dist-deb: dist-linux
	./.ci/dist/deb $(DIST) "$(DEB_VERSION)" "$(MAINTAINER)"

# Checks the artefacts of make dist: the .exe is a PE32+ GUI program and
# prints its version under wine; the installer installs and uninstalls
# under wine; the .deb has the right files, installs into a scratch root,
# and its program opens the window under Xvfb (screenshot in $(DIST)/shots).
dist-check: dist-deps
	./.ci/dist/check $(DIST) "$(VERSION)" "$(DEB_VERSION)"

clean:
	rm -rf $(BIN) bench.out out
