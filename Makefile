# hicgen — build, test, demo, benchmark.
#   make          build bin/hicgen and build/libhicgen.a
#   make demo     install what is missing, build, generate a small set, load it into a
#                 throwaway PostgreSQL and print a sample query's answer
#   make check    install what is missing, then every test: unit (cmocka), command line,
#                 bad input, PostgreSQL integration (files, direct load, failures, packages),
#                 the fidelity figures against their national targets (tests/fidelity),
#                 and unit, command-line and load tests again under ASan+UBSan (gcc), under
#                 ThreadSanitizer, and unit and command-line tests under clang's ASan+UBSan
#                 with float-cast-overflow; then each fuzz harness for 30 s
#   make fuzz     each libFuzzer harness for FUZZ_SECONDS (default 600)
#   make bench    the generation benchmark in bench/ (figures, not pass/fail)
#   make bench-load  direct load against psql \copy of the same files (figures)
#   make format   clang-format the C sources

PKGS      := gsl yaml-0.1 libpq zlib libcrypto
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
CC        ?= cc
OPT       ?= -O2 -g
WARN      := -Wall -Wextra -Werror
CFLAGS_ALL = -std=c11 $(OPT) $(WARN) -D_GNU_SOURCE -Iinclude -Isrc $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lpthread -lm $(EXTRA_LDFLAGS)
BUILD     ?= build
BIN       ?= bin

ALL_SRC  := $(sort $(shell find src -name '*.c'))
LIB_SRC  := $(filter-out src/cli/%,$(ALL_SRC))
TOOL_SRC := $(filter src/cli/%,$(ALL_SRC))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
TOOL_OBJ := $(TOOL_SRC:src/%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo check check-all unit unit-asan unit-tsan cli integration fidelity asan tsan \
        clang-asan unit-clang-asan fuzz fuzz-check bench bench-load format clean
all: $(BIN)/hicgen

deps:
	@scripts/deps.sh

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/libhicgen.a: $(LIB_OBJ)
	ar rcs $@ $^

$(BIN)/hicgen: $(TOOL_OBJ) $(BUILD)/libhicgen.a
	@mkdir -p $(BIN)
	$(CC) $(CFLAGS_ALL) -o $@ $(TOOL_OBJ) $(BUILD)/libhicgen.a $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(BUILD)/libhicgen.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(BUILD)/libhicgen.a $(LDLIBS_ALL) \
	    $(shell pkg-config --libs cmocka)

# The README's two commands. Each first installs missing packages, then re-enters make so
# that pkg-config sees them.
demo: deps
	@$(MAKE) --no-print-directory all
	@tests/demo.sh

check: deps
	@$(MAKE) --no-print-directory check-all

check-all: unit cli integration fidelity asan tsan clang-asan fuzz-check
	@echo "every suite passed: unit, cli (with bad input), integration, fidelity, asan, tsan, clang-asan, fuzz"

unit: $(TEST_BIN) $(BIN)/hicgen
	@tests/run_unit.sh $(TEST_BIN)

cli: $(BIN)/hicgen
	@tests/cli/run.sh
	@tests/cli/badinput.sh

integration: $(BIN)/hicgen
	@tests/integration/run.sh
	@tests/integration/load.sh

# the national figures a researcher checks first (specs/fidelity/targets.csv), on 100,000 persons
# × FY2022 loaded into a throwaway PostgreSQL; a fixed seed makes the figures exact, the
# tolerances are the targets' ranges (most ±10 %)
FIDELITY_PERSONS ?= 100000
fidelity: $(BIN)/hicgen
	@tests/fidelity/run.sh --persons $(FIDELITY_PERSONS) --check

# ASan + UBSan build of the library and unit tests, in its own build directory
asan:
	@$(MAKE) --no-print-directory BUILD=build/asan BIN=build/asan/bin OPT="-O1 -g" \
	    EXTRA_CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    EXTRA_LDFLAGS="-fsanitize=address,undefined" unit-asan

unit-asan: $(TEST_BIN) $(BIN)/hicgen
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 tests/run_unit.sh $(TEST_BIN)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 HICGEN=$(BIN)/hicgen \
	    tests/cli/run.sh
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 HICGEN=$(BIN)/hicgen \
	    tests/integration/load.sh

# ThreadSanitizer build of the library, unit and command-line tests and the direct load (the
# threaded parts: the generation pipeline, the COPY workers, cancellation), in its own directory
tsan:
	@$(MAKE) --no-print-directory BUILD=build/tsan BIN=build/tsan/bin OPT="-O1 -g" \
	    EXTRA_CFLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
	    EXTRA_LDFLAGS="-fsanitize=thread" unit-tsan

# the unit tests that run the threaded pipeline (the others are single-threaded models)
TSAN_TESTS := $(BUILD)/tests/test_core $(BUILD)/tests/test_receipts
unit-tsan: $(TSAN_TESTS) $(BIN)/hicgen
	@TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" tests/run_unit.sh $(TSAN_TESTS)
	@TSAN_OPTIONS="halt_on_error=1" HICGEN=$(BIN)/hicgen tests/cli/run.sh
	@TSAN_OPTIONS="halt_on_error=1" HICGEN=$(BIN)/hicgen tests/integration/load.sh

# clang's ASan + UBSan, float-cast-overflow included (gcc's UBSan does not check it): unit and
# command-line tests, in their own build directory
CLANG_SAN := address,undefined,float-cast-overflow,integer-divide-by-zero
clang-asan:
	@$(MAKE) --no-print-directory CC=clang BUILD=build/clang-asan BIN=build/clang-asan/bin \
	    OPT="-O1 -g" EXTRA_CFLAGS="-fsanitize=$(CLANG_SAN) -fno-omit-frame-pointer \
	    -fno-sanitize-recover=all" EXTRA_LDFLAGS="-fsanitize=$(CLANG_SAN)" unit-clang-asan

unit-clang-asan: $(TEST_BIN) $(BIN)/hicgen
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 tests/run_unit.sh $(TEST_BIN)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 HICGEN=$(BIN)/hicgen \
	    tests/cli/run.sh
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 HICGEN=$(BIN)/hicgen \
	    tests/cli/badinput.sh

# libFuzzer harnesses (tests/fuzz): a short bounded run in make check, a long one on demand
FUZZ_SECONDS ?= 600
fuzz-check:
	@tests/fuzz/run.sh 30

fuzz:
	@tests/fuzz/run.sh $(FUZZ_SECONDS)

bench: all
	@bench/bench.sh

bench-load: all
	@bench/load.sh

format:
	clang-format -i $(shell find src include tests/unit -name '*.[ch]')

clean:
	rm -rf build bin

-include $(LIB_OBJ:.o=.d) $(TOOL_OBJ:.o=.d)
