# ssrtrack — build, test and run. See README.md.
#   make           build build/ssrtrack
#   make run       dependencies, build, demo database, then the dashboard
#   make test      dependencies, build, every test; ends with "N passed, N failed"
#   make asan      the same tests under AddressSanitizer and UBSan (build/asan/)
#   make fuzz      the libFuzzer drivers of tests/fuzz/, FUZZ_TIME seconds each (clang; build/fuzz/)
#   make faults    fault injection along every path of tests/e2e/test_faults.sh, the
#                  bigger ones too (long; add BUILD=build/asan SAN=1 for sanitizers)
#   make crash     the full crash test: 200 cycles of writers and SIGKILL (CRASH_CYCLES, CRASH_SEED)

BUILD ?= build
CC ?= cc
# libdeflate: the gzip of text responses and of the export's .gz files.
# zlib: libxlsxwriter links with -lz, whose development files it does not pull in.
PKGS := sqlite3 libmicrohttpd jansson libcmark libsodium libcurl xlsxwriter zlib libdeflate
# The Debian package that holds each pkg-config module (scripts/deps.sh installs them).
DEB_sqlite3 := libsqlite3-dev
DEB_libmicrohttpd := libmicrohttpd-dev
DEB_jansson := libjansson-dev
DEB_libcmark := libcmark-dev
DEB_libsodium := libsodium-dev
DEB_libcurl := libcurl4-openssl-dev
DEB_xlsxwriter := libxlsxwriter-dev
DEB_zlib := zlib1g-dev
DEB_libdeflate := libdeflate-dev

# Goals that only install, clean or call $(MAKE) again never read pkg-config:
# `make run` and `make test` install the packages first (scripts/deps.sh),
# then build in a second make that reads pkg-config after the install.
NOPKG_GOALS := run test asan deps clean fuzz faults crash bench
ifneq ($(filter-out $(NOPKG_GOALS),$(or $(MAKECMDGOALS),all)),)
ifeq ($(shell command -v pkg-config),)
$(error pkg-config is not installed: run scripts/deps.sh (or make deps) first)
endif
PKG_MISSING := $(strip $(foreach p,$(PKGS),$(if $(shell pkg-config --exists $(p) && echo y),,$(p))))
ifneq ($(PKG_MISSING),)
$(error missing packages: $(foreach p,$(PKG_MISSING),$(DEB_$(p)) (pkg-config $(p))); run scripts/deps.sh (or make deps) first)
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
# Not linked: opened at their first use (src/util/lazy_lib.h), since they
# bring some 30 libraries whose loading every command would pay for.
LAZY_PKGS := libmicrohttpd libcurl xlsxwriter
PKG_LIBS := $(shell pkg-config --libs $(filter-out $(LAZY_PKGS),$(PKGS)))
endif

# The project's flags live in ST_* variables, so that CFLAGS, LDFLAGS and
# LDLIBS given on the command line (make CFLAGS=-g) add to them.
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-missing-field-initializers -Wno-format-truncation
OPT ?= -O2 -g
ST_CFLAGS := $(OPT) -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(WARN) -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) -MMD -MP
ST_LDFLAGS := -Wl,--as-needed
ST_LDLIBS := $(PKG_LIBS) -lpthread -lm
ifdef SAN
ST_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
ST_LDFLAGS += -fsanitize=address,undefined
endif
# The library as the fuzz drivers link it: coverage for libFuzzer, ASan, UBSan.
ifdef FUZZ
ST_CFLAGS += -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -Wno-unknown-warning-option
ST_LDFLAGS += -fsanitize=address,undefined
endif
ALL_CFLAGS = $(ST_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(ST_LDFLAGS) $(LDFLAGS)
ALL_LDLIBS = $(ST_LDLIBS) $(LDLIBS)

LIB_SRC := $(sort $(shell find src -name '*.c' ! -path 'src/cli/main.c'))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/embedded.o
EMBED := $(sort $(shell find data -type f 2>/dev/null))
UNIT_SRC := $(sort $(shell find tests/unit -name 'test_*.c'))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# Fuzz drivers: tests/fuzz/fuzz_NAME.c, corpus tests/fuzz/corpus/NAME/ (docs/testing.md).
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
REPLAY_BIN := $(FUZZ_NAMES:%=$(BUILD)/fuzz-replay/%)
FUZZ_TIME ?= 60

.PHONY: all run run-built test test-built asan faults crash deps check clean bench fuzz fuzz-build
all: $(BUILD)/ssrtrack

$(BUILD)/ssrtrack: $(BUILD)/obj/src/cli/main.o $(BUILD)/libssrtrack.a
	@echo "  LINK $@"
	@$(CC) $(ALL_LDFLAGS) -o $@ $^ $(ALL_LDLIBS)

$(BUILD)/libssrtrack.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/obj/%.o: %.c | $(BUILD)/gen/embedded.h
	@mkdir -p $(dir $@)
	@echo "  CC   $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(dir $@)
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Files under data/ are compiled into the binary (one binary, nothing beside it).
$(BUILD)/gen/embedded.c $(BUILD)/gen/embedded.h: $(EMBED) $(BUILD)/tools/embed
	@mkdir -p $(BUILD)/gen
	@$(BUILD)/tools/embed $(BUILD)/gen/embedded $(EMBED)

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	@$(CC) -std=c11 -O2 -Wall -Wextra -Werror -o $@ $<

# The link checker's tests and benchmark serve their cases from this.
$(BUILD)/tools/testhttpd: tests/tools/testhttpd.c
	@mkdir -p $(dir $@)
	@$(CC) -std=c11 -O2 -Wall -Wextra -Werror -pthread -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/test.h tests/unit/store/db_files.h $(BUILD)/libssrtrack.a
	@mkdir -p $(dir $@)
	@echo "  TEST $@"
	@$(CC) $(ALL_CFLAGS) -Itests/unit $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libssrtrack.a $(ALL_LDLIBS)

# Each driver with a main that replays files (tests/fuzz/replay.c): the
# corpora run in every `make test`, with the ordinary compiler.
$(BUILD)/fuzz-replay/replay.o: tests/fuzz/replay.c tests/fuzz/fuzz.h
	@mkdir -p $(dir $@)
	@$(CC) $(ALL_CFLAGS) -Itests/fuzz -c -o $@ $<

$(BUILD)/fuzz-replay/%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(BUILD)/fuzz-replay/replay.o $(BUILD)/libssrtrack.a
	@echo "  FUZZ $@"
	@$(CC) $(ALL_CFLAGS) -Itests/fuzz $(ALL_LDFLAGS) -o $@ $< $(BUILD)/fuzz-replay/replay.o $(BUILD)/libssrtrack.a $(ALL_LDLIBS)

# Each driver linked with libFuzzer (only with FUZZ=1 and clang; see fuzz).
$(BUILD)/fuzzers/%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(BUILD)/libssrtrack.a
	@mkdir -p $(dir $@)
	@echo "  FUZZ $@"
	@$(CC) $(ALL_CFLAGS) -Itests/fuzz $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libssrtrack.a $(ALL_LDLIBS)

fuzz-build: $(FUZZ_NAMES:%=$(BUILD)/fuzzers/%)

fuzz:
	@scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang FUZZ=1 OPT="-O1 -g" fuzz-build
	@tests/fuzz/run.sh build/fuzz $(FUZZ_TIME)

deps:
	@scripts/deps.sh

# run and test install what is missing first, then build and go on in a
# second make, which reads pkg-config only once the packages are there.
run:
	@scripts/deps.sh run
	@$(MAKE) --no-print-directory run-built

run-built: all
	@scripts/run-demo.sh $(BUILD)/ssrtrack

test:
	@scripts/deps.sh
	@$(MAKE) --no-print-directory test-built

test-built: all $(UNIT_BIN) $(REPLAY_BIN) $(BUILD)/tools/testhttpd
	@BUILD=$(BUILD) tests/run.sh

asan:
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 OPT="-O1 -g" test

faults:
	@scripts/deps.sh
	@$(MAKE) --no-print-directory all
	@FAULTS_FULL=1 BIN=$(abspath $(BUILD))/ssrtrack bash tests/e2e/test_faults.sh | tee $(BUILD)/faults.log; \
	 echo "$$(grep -c '^ok' $(BUILD)/faults.log) passed, $$(grep -c '^not ok' $(BUILD)/faults.log) failed"; \
	 ! grep -q '^not ok' $(BUILD)/faults.log

crash:
	@$(MAKE) --no-print-directory all
	@BIN=$(CURDIR)/$(BUILD)/ssrtrack python3 tests/crash/crash.py

bench:
	@$(MAKE) --no-print-directory all $(BUILD)/tools/testhttpd
	@bench/run.sh

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
