# tests/fuzz/fuzz.mk - libFuzzer harnesses for the worker's parsers (tests/fuzz/README.md).
#   make fuzz         build every harness into build/fuzz/NAME, run each for FUZZ_SECONDS (60)
#   make fuzz-short   the same, 10 seconds each (make test)
# Both run FUZZ_JOBS (2) harnesses at a time and fail on any crash, leak, UBSan report or timeout,
# and on any input in tests/fuzz/crashes/ that still fails (FUZZ_REPLAY=no skips those).
#   make fuzz-crashes replay tests/fuzz/crashes/ only
# Included by the top Makefile after it defines BUILD, WARN, DEP_CFLAGS, DEP_LIBS and APP, whose
# sources it compiles again with clang (not the gcc objects), instrumented for coverage.

FUZZ_SECONDS ?= 60
FUZZ_JOBS    ?= 2
FUZZ_REPLAY  ?= yes
# clang; the libFuzzer runtime (only recommended by clang-14, so not there with
# --no-install-recommends); llvm for llvm-symbolizer, so reports show file:line
FUZZ_PKGS    := clang libclang-rt-14-dev llvm
FUZZ_CC      ?= clang

FUZZ_NAMES   := query cookie http_body router session money app_json grantcsv shape totp filetype registercsv
FUZZ_NAMES   += statcsv
FUZZ_DIR      = $(BUILD)/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS   = $(WARN) -O1 -g -D_GNU_SOURCE -Ifcgi -I$(BUILD) $(DEP_CFLAGS) $(FUZZ_SAN)
FUZZ_HDRS    := $(wildcard fcgi/*/*.h fcgi/*/*.def) $(BUILD)/gen/api_ops.h tests/fuzz/fuzz.h
# extra flags for the project's sources only (none: they build warning-free with clang too)
FUZZ_SRC_CFLAGS :=

# The project sources each harness links (fcgi/LAYER/NAME.c), and the longest input it gets.
FUZZ_SRC_query      := http/query
FUZZ_SRC_cookie     := http/query
FUZZ_SRC_http_body  := http/http http/router core/util core/utf8 domain/valid
FUZZ_SRC_router     = $(APP)
FUZZ_SRC_session    := http/auth http/query core/log core/utf8 core/util
FUZZ_SRC_money      := domain/money domain/valid
FUZZ_SRC_app_json   := domain/application domain/scheme domain/valid core/utf8
FUZZ_SRC_grantcsv   := domain/grantcsv domain/csvread domain/csv domain/money domain/valid core/util core/utf8
FUZZ_SRC_shape      := http/shape gen/api_ops domain/valid core/utf8
# svc/totp.c uses the db layer for its use cases (not called here), so it links with the rest
FUZZ_SRC_totp        = $(CORE)
FUZZ_SRC_filetype   := domain/filetype domain/zip core/util core/utf8
FUZZ_SRC_registercsv := domain/registercsv domain/csvread domain/csv domain/valid core/util core/utf8
FUZZ_SRC_statcsv    := domain/statcsv domain/csvread domain/money domain/valid core/util core/utf8
# api/h_meta.c serves the OpenAPI document the top Makefile generates
FUZZ_OBJ_router      = $(FUZZ_DIR)/obj/openapi_data.o

FUZZ_MAXLEN_query     := 4096
FUZZ_MAXLEN_cookie    := 4096
FUZZ_MAXLEN_http_body := 70000
FUZZ_MAXLEN_router    := 2048
FUZZ_MAXLEN_session   := 1024
FUZZ_MAXLEN_money     := 256
FUZZ_MAXLEN_app_json  := 65536
FUZZ_MAXLEN_grantcsv  := 65536
FUZZ_MAXLEN_shape     := 4096
FUZZ_MAXLEN_totp      := 512
FUZZ_MAXLEN_filetype  := 65536
FUZZ_MAXLEN_registercsv := 65536
FUZZ_MAXLEN_statcsv   := 65536

FUZZ_BINS     = $(FUZZ_NAMES:%=$(FUZZ_DIR)/%)

.PHONY: fuzz fuzz-short fuzz-build fuzz-crashes

fuzz-build: $(FUZZ_BINS)

$(FUZZ_DIR)/obj/%.o: fcgi/%.c $(FUZZ_HDRS) | $(BUILD)/.deps
	@mkdir -p $(@D)
	@echo '  CC    $< (fuzz)'
	@$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SRC_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_DIR)/obj/gen/%.o: $(BUILD)/gen/%.c $(FUZZ_HDRS) | $(BUILD)/.deps
	@mkdir -p $(@D)
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_DIR)/obj/openapi_data.o: $(BUILD)/openapi_data.c | $(BUILD)/.deps
	@mkdir -p $(@D)
	@$(FUZZ_CC) -std=c17 -Wall -Wextra -Werror $(FUZZ_SAN) -c -o $@ $<

$(FUZZ_DIR)/harness/%.o: tests/fuzz/fuzz_%.c $(FUZZ_HDRS) | $(BUILD)/.deps
	@mkdir -p $(@D)
	@echo '  CC    $< (fuzz)'
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

define FUZZ_LINK
$(FUZZ_DIR)/$(1): $(FUZZ_DIR)/harness/$(1).o $(FUZZ_SRC_$(1):%=$(FUZZ_DIR)/obj/%.o) $(FUZZ_OBJ_$(1))
	@echo '  LD    $$@ (fuzz)'
	@$$(FUZZ_CC) $$(FUZZ_SAN) -fsanitize=fuzzer -o $$@ $$^ $$(DEP_LIBS)
endef
$(foreach n,$(FUZZ_NAMES),$(eval $(call FUZZ_LINK,$(n))))

# $(1) = seconds per harness. Then the inputs of tests/fuzz/crashes/ are replayed (FUZZ_REPLAY=no
# skips that): each is a bug a harness found, which fails the run until it is fixed.
define FUZZ_RUN
	@mkdir -p $(FUZZ_DIR)
	@rm -f $(FUZZ_DIR)/*.summary
	@printf '%s\n' $(foreach n,$(FUZZ_NAMES),'$(n) $(FUZZ_MAXLEN_$(n))') | \
	  xargs -P $(FUZZ_JOBS) -L 1 sh tests/fuzz/run.sh $(1) $(FUZZ_DIR); rc=$$?; \
	  if [ $$rc -ne 0 ]; then echo "fuzz: failed; all results:"; cat $(FUZZ_NAMES:%=$(FUZZ_DIR)/%.summary) 2>/dev/null; fi; \
	  if [ "$(FUZZ_REPLAY)" != no ]; then sh tests/fuzz/replay.sh $(FUZZ_DIR) || rc=1; fi; \
	  exit $$rc
endef

fuzz: $(FUZZ_BINS)
	$(call FUZZ_RUN,$(FUZZ_SECONDS))

fuzz-short: $(FUZZ_BINS)
	$(call FUZZ_RUN,10)

fuzz-crashes: $(FUZZ_BINS)
	@sh tests/fuzz/replay.sh $(FUZZ_DIR)
