# Makefile - builds, runs and tests the integration-grants portal.
#   make run     install what is missing, build, start MariaDB + workers + nginx under var/, serve :8080
#   make stop    stop what make run started
#   make test    install, build, unit tests (plain and ASan+UBSan), integration and browser tests
#   make bench   throughput and latency as ratios against this machine's own limits
#   make coverage  line coverage of the C code (gcovr) and of the pages' JavaScript (c8)
#   make fuzz    every libFuzzer harness for FUZZ_SECONDS (60) each
# Variables: PORT (8080), WORKERS (0 = 2 per core), VAR_DIR (var).

CC      ?= cc
PORT    ?= 8080
WORKERS ?= 0
VAR_DIR ?= $(CURDIR)/var
export PORT WORKERS VAR_DIR

PKGS      := libfcgi-dev libmariadb-dev mariadb-server mariadb-client nginx-light libjansson-dev \
             libsodium-dev liboath-dev zlib1g-dev libcmocka-dev pkg-config wrk chromium curl nodejs tzdata
DEP_CFLAGS = $(shell pkg-config --cflags libmariadb jansson libsodium liboath zlib 2>/dev/null)
DEP_LIBS   = -lfcgi -pthread $(shell pkg-config --libs libmariadb jansson libsodium liboath zlib 2>/dev/null)

WARN    := -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
CFLAGS  ?= -O2 -g
ALL_CFLAGS = $(WARN) $(CFLAGS) -D_GNU_SOURCE -Ifcgi -I$(BUILD) $(DEP_CFLAGS)
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# The worker's sources by layer (fcgi/LAYER/NAME.c); main.c only in the program, the rest also in
# unit tests. docs/architecture.md describes the layers; `make layers` checks who includes whom.
CORE    := core/util core/utf8 core/jw core/config core/log \
           http/query http/shape http/params gen/api_ops http/router http/http http/problem http/json http/auth \
           http/session http/session_step \
           domain/valid domain/rules domain/casestate domain/money domain/application domain/letter \
           domain/csv domain/csvread domain/grantcsv domain/registercsv domain/register domain/zip domain/filetype \
           domain/publication domain/budget domain/scheme \
           db/db db/db_tx db/db_calls db/db_users db/db_apps db/db_cases db/db_casework db/db_publish db/db_totp \
           db/db_register db/db_idem db/db_schemes \
           svc/outbox svc/grantimport svc/register svc/signers svc/submit svc/case_steps svc/case_views svc/accounts \
           svc/orgs svc/staff svc/calls svc/publish svc/drafts svc/attachments svc/totp svc/idem svc/status \
           api/h_common
# publishing a year from its page: the preview, the withdrawal and their log
CORE    += db/db_publog svc/publication
CORE    += domain/callrules db/db_calladmin svc/calladmin svc/calladmin_doc
# IMDi's allocations, administration costs and the statistics import
CORE    += domain/statcsv db/db_alloc svc/allocations svc/statimport
APP     := $(CORE) api/routes core/worker core/master api/h_meta api/h_calls api/h_auth api/h_staff \
           api/h_orgs api/h_signers api/h_apps api/h_cases api/h_casework api/h_followup api/h_publish api/h_totp
APP     += api/h_calladmin
APP     += api/h_alloc
UNITS   := test_router test_query test_valid test_rules test_http test_problem test_db_tx test_config \
           test_auth test_application test_case test_letter test_money test_utf8 test_jw test_case_steps test_db_stmts \
           test_shape test_totp test_filetype test_register test_publication test_budget
UNITS   += test_callrules
UNITS   += test_scheme
UNITS   += test_statcsv

BUILD   := build
OBJS     = $(APP:%=$(BUILD)/obj/%.o) $(BUILD)/obj/core/main.o $(BUILD)/obj/openapi_data.o
ASAN_OBJS = $(APP:%=$(BUILD)/asan/%.o) $(BUILD)/asan/core/main.o $(BUILD)/asan/openapi_data.o
HDRS    := $(wildcard fcgi/*/*.h fcgi/*/*.def) $(BUILD)/gen/api_ops.h

.PHONY: lint-openapi layers all deps run stop reload status test unit unit-asan integration smoke browser bench clean web

all: layers $(BUILD)/portal $(BUILD)/asan/portal web

# ---- dependencies --------------------------------------------------------------------------
$(BUILD)/.deps: Makefile
	@missing=""; for p in $(PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "make: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "make: missing Debian packages. Run:  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
	@mkdir -p $(BUILD) && touch $@

deps: $(BUILD)/.deps web/node_modules/.installed tests/node_modules/.installed

web/node_modules/.installed: web/package-lock.json $(BUILD)/.deps
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

tests/node_modules/.installed: tests/package-lock.json $(BUILD)/.deps
	cd tests && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# ---- the worker program --------------------------------------------------------------------
$(BUILD)/openapi_data.c: fcgi/openapi.json | $(BUILD)/.deps
	@mkdir -p $(@D)
	@{ echo '/* generated from fcgi/openapi.json by the Makefile; do not edit */'; \
	   echo 'const unsigned char openapi_json[] = {'; \
	   od -An -v -tx1 $< | sed -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	   echo '0x00 };'; \
	   echo "const unsigned long openapi_json_len = $$(wc -c < $<);"; } > $@

# The request shapes (query parameters and bodies) and the operations' methods and paths, from the
# OpenAPI document: the one description of every request (fcgi/api/gen_shapes.mjs).
$(BUILD)/gen/api_ops.c: fcgi/openapi.json fcgi/api/gen_shapes.mjs | $(BUILD)/.deps
	@echo '  GEN   $@'
	@node fcgi/api/gen_shapes.mjs fcgi/openapi.json $(@D)
$(BUILD)/gen/api_ops.h: $(BUILD)/gen/api_ops.c
	@test -f $@

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c $(HDRS)
	@mkdir -p $(@D)
	@echo '  CC    $<'
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/asan/gen/%.o: $(BUILD)/gen/%.c $(HDRS)
	@mkdir -p $(@D)
	@echo '  CC    $< (asan)'
	@$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

$(BUILD)/obj/%.o: fcgi/%.c $(HDRS) | $(BUILD)/.deps
	@mkdir -p $(@D)
	@echo '  CC    $<'
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/asan/%.o: fcgi/%.c $(HDRS) | $(BUILD)/.deps
	@mkdir -p $(@D)
	@echo '  CC    $< (asan)'
	@$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

$(BUILD)/obj/openapi_data.o: $(BUILD)/openapi_data.c
	$(CC) -std=c17 -Wall -Wextra -Werror -Wno-missing-variable-declarations -c -o $@ $<

$(BUILD)/asan/openapi_data.o: $(BUILD)/openapi_data.c
	@mkdir -p $(@D)
	$(CC) -std=c17 -Wall -Wextra -Werror -c -o $@ $<

$(BUILD)/portal: $(OBJS)
	@echo '  LD    $@'
	@$(CC) $(CFLAGS) -o $@ $^ $(DEP_LIBS)

$(BUILD)/asan/portal: $(ASAN_OBJS)
	@echo '  LD    $@'
	@$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(DEP_LIBS)

# ---- the layers: who may include whom ------------------------------------------------------
layers:
	@fcgi/layers.sh

# ---- the web assets ------------------------------------------------------------------------
WEB_SRC := $(shell find web/src -type f 2>/dev/null) web/build.mjs
web: web/dist/index.html
web/dist/index.html: $(WEB_SRC) web/node_modules/.installed
	cd web && node build.mjs

# ---- running -------------------------------------------------------------------------------
# make run serves http://localhost:PORT: that is the portal's origin (nginx answers only its host,
# and changes must come from it) unless PUBLIC_URL says otherwise.
RUN_URL = $(or $(PUBLIC_URL),http://localhost:$(PORT))
run: deps $(BUILD)/portal web
	@PUBLIC_URL=$(RUN_URL) fcgi/portalctl start
	@echo
	@echo "  Tilskuddsportalen: $(RUN_URL)/"
	@echo "  Demo accounts (demo only), password Demo-passord-2026:"
	@echo "    saksbehandler@oslo.demo, beslutter@oslo.demo, admin@oslo.demo (also bergen, lillestrom, imdi;"
	@echo "    admin@imdi.demo is national admin), leder@frivillig.demo, medlem@frivillig.demo"
	@echo "  Decision makers and admins: second factor with the demo TOTP secret GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	@echo "    (oathtool --totp -b GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ prints the code)"
	@echo "  Logs: $(VAR_DIR)/log/   Stop: make stop"

stop:
	@fcgi/portalctl stop

reload status:
	@PUBLIC_URL=$(RUN_URL) fcgi/portalctl $@

# ---- tests ---------------------------------------------------------------------------------
UNIT_BINS      := $(UNITS:%=$(BUILD)/tests/%)
UNIT_ASAN_BINS := $(UNITS:%=$(BUILD)/tests/asan/%)
CORE_OBJS      := $(CORE:%=$(BUILD)/obj/%.o)
CORE_ASAN_OBJS := $(CORE:%=$(BUILD)/asan/%.o)

$(BUILD)/tests/%: tests/unit/%.c $(CORE_OBJS) $(HDRS)
	@mkdir -p $(@D)
	@echo '  TEST  $@'
	@$(CC) $(ALL_CFLAGS) -o $@ $< $(CORE_OBJS) $(DEP_LIBS) -lcmocka

$(BUILD)/tests/asan/%: tests/unit/%.c $(CORE_ASAN_OBJS) $(HDRS)
	@mkdir -p $(@D)
	@echo '  TEST  $@'
	@$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $< $(CORE_ASAN_OBJS) $(DEP_LIBS) -lcmocka

# One MariaDB data directory, installed, migrated and with the demo data, that every test stack
# copies instead of installing its own (mariadb-install-db is slow and not safe to run in parallel).
TEMPLATE := $(BUILD)/test-template
$(TEMPLATE)/.ready: $(wildcard sql/*.sql sql/demo/*) sql/migrate.sh fcgi/portalctl $(BUILD)/portal
	@echo '  DB    $(TEMPLATE)'
	@t=$(CURDIR)/$(TEMPLATE).$$$$; rm -rf $$t; \
	  export VAR_DIR=$$t DB_PORT= PORTAL_BIN=$(CURDIR)/$(BUILD)/portal; \
	  { fcgi/portalctl db-start >/dev/null && fcgi/portalctl migrate >/dev/null \
	    && fcgi/portalctl demo >/dev/null 2>$$t/log/demo.log && fcgi/portalctl db-stop >/dev/null; } \
	    || { fcgi/portalctl db-stop; rm -rf $$t; exit 1; }; \
	  rm -f $$t/db/ibtmp1 && touch $$t/.ready && rm -rf $(TEMPLATE) && mv $$t $(TEMPLATE)

unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do $$t; done

unit-asan: $(UNIT_ASAN_BINS)
	@set -e; for t in $(UNIT_ASAN_BINS); do ASAN_OPTIONS=detect_leaks=1 $$t; done

# The OpenAPI document: redocly lint, 0 errors.
lint-openapi: tests/node_modules/.installed
	@tests/lint-openapi.sh

# Every response the tests get is validated against the OpenAPI document (tests/lib/openapi.mjs);
# one coverage run per make invocation, so integration, smoke and browser add up.
ifndef OPENAPI_COVERAGE_RUN
OPENAPI_COVERAGE_RUN := make-$(shell date +%Y%m%d-%H%M%S)-$(shell echo $$PPID)
endif
export OPENAPI_COVERAGE_RUN

# Test files run in parallel: each starts its own stack from the template. The integration suite
# runs against the ASan+UBSan build; the plain build gets a smoke run and the browser suite.
TEST_JOBS ?= 6
integration: deps $(BUILD)/asan/portal web $(TEMPLATE)/.ready
	cd tests && PORTAL_BIN=$(CURDIR)/$(BUILD)/asan/portal node --test --test-concurrency=$(TEST_JOBS) integration/
	@head -1 var/test/openapi-coverage/$(OPENAPI_COVERAGE_RUN).txt

smoke: deps $(BUILD)/portal web $(TEMPLATE)/.ready
	cd tests && PORTAL_BIN=$(CURDIR)/$(BUILD)/portal node --test --test-concurrency=$(TEST_JOBS) integration/api.test.mjs integration/pool.test.mjs

browser: deps $(BUILD)/portal web $(TEMPLATE)/.ready
	cd tests && PORTAL_BIN=$(CURDIR)/$(BUILD)/portal node --test --test-concurrency=2 browser/
	@head -1 var/test/openapi-coverage/$(OPENAPI_COVERAGE_RUN).txt

test: deps all lint-openapi unit unit-asan fuzz-short integration smoke browser
	@echo "make test: all tests passed"

bench: deps $(BUILD)/portal web
	tests/bench/run.sh

clean:
	rm -rf $(BUILD) web/dist

# ---- coverage (tests/coverage.mk) and fuzzing (tests/fuzz/fuzz.mk) --------------------------
include tests/coverage.mk
include tests/fuzz/fuzz.mk
PKGS += $(COV_PKGS) $(FUZZ_PKGS)
