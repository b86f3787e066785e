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
PKGS := sqlite3 libmicrohttpd jansson libcmark libsodium libcurl xlsxwriter
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-missing-field-initializers -Wno-format-truncation
OPT ?= -O2 -g
CFLAGS += $(OPT) -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(WARN) -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) -MMD -MP
LDLIBS += $(PKG_LIBS) -lpthread -lm
ifdef SAN
CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
# The library as the fuzz drivers link it: coverage for libFuzzer, ASan, UBSan.
ifdef FUZZ
CFLAGS += -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -Wno-unknown-warning-option
LDFLAGS += -fsanitize=address,undefined
endif

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

.PHONY: all run test asan faults crash deps check clean bench fuzz fuzz-build
all: $(BUILD)/ssrtrack

$(BUILD)/ssrtrack: $(BUILD)/obj/src/cli/main.o $(BUILD)/libssrtrack.a
	@echo "  LINK $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libssrtrack.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/obj/%.o: %.c | $(BUILD)/gen/embedded.h
	@mkdir -p $(dir $@)
	@echo "  CC   $<"
	@$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS) -c -o $@ $<

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
	@$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libssrtrack.a $(LDLIBS)

# Each driver with a main that replays files (tests/fuzz/replay.c): the
# corpora run in every `make test`, with the ordinary compiler.
$(BUILD)/fuzz-replay/replay.o: tests/fuzz/replay.c tests/fuzz/fuzz.h
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS) -Itests/fuzz -c -o $@ $<

$(BUILD)/fuzz-replay/%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(BUILD)/fuzz-replay/replay.o $(BUILD)/libssrtrack.a
	@echo "  FUZZ $@"
	@$(CC) $(CFLAGS) -Itests/fuzz $(LDFLAGS) -o $@ $< $(BUILD)/fuzz-replay/replay.o $(BUILD)/libssrtrack.a $(LDLIBS)

# Each driver linked with libFuzzer (only with FUZZ=1 and clang; see fuzz).
$(BUILD)/fuzzers/%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(BUILD)/libssrtrack.a
	@mkdir -p $(dir $@)
	@echo "  FUZZ $@"
	@$(CC) $(CFLAGS) -Itests/fuzz $(LDFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libssrtrack.a $(LDLIBS)

fuzz-build: $(FUZZ_NAMES:%=$(BUILD)/fuzzers/%)

fuzz:
	@scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang FUZZ=1 OPT="-O1 -g" fuzz-build
	@tests/fuzz/run.sh build/fuzz $(FUZZ_TIME)

deps:
	@scripts/deps.sh

run: deps all
	@scripts/run-demo.sh $(BUILD)/ssrtrack

test: deps all $(UNIT_BIN) $(REPLAY_BIN) $(BUILD)/tools/testhttpd
	@BUILD=$(BUILD) tests/run.sh

asan:
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 OPT="-O1 -g" test

faults: deps all
	@FAULTS_FULL=1 BIN=$(abspath $(BUILD))/ssrtrack bash tests/e2e/test_faults.sh | tee $(BUILD)/faults.log; \
	 echo "$$(grep -c '^ok' $(BUILD)/faults.log) passed, $$(grep -c '^not ok' $(BUILD)/faults.log) failed"; \
	 ! grep -q '^not ok' $(BUILD)/faults.log

crash: all
	@BIN=$(CURDIR)/$(BUILD)/ssrtrack python3 tests/crash/crash.py

bench: all $(BUILD)/tools/testhttpd
	@bench/run.sh

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
