# 意见台账 taizhang. `make run` opens the window on the demo ledger;
# `make test` runs every test; `make bench` prints the benchmark table.
GO      ?= go
BIN     := taizhang
# Fyne parses the locale at start-up and logs an error for LANG=C.
export LANG := zh_CN.UTF-8

# Packages that run under the race detector (they hold the concurrency:
# storage, the index, the commands). The GUI packages run without it to keep
# the suite fast (a race build of Fyne needs a second cold build).
RACE_PKGS  = ./ledger/... ./search/... ./cli/...
GUI_PKG    = taizhang/app
OTHER_PKGS = $(shell $(GO) list ./... | grep -v -e '/ledger' -e '/search' -e '/cli$$' -e '^taizhang/app$$')
BENCH     ?= .
BENCHTIME ?= 1x

.PHONY: all deps build run test vet lint fmt-check bench clean

all: build

deps:
	@./.ci/deps

build: deps
	$(GO) build -o $(BIN) .

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

clean:
	rm -f $(BIN) bench.out
