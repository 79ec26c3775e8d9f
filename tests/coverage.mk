# tests/coverage.mk - `make coverage`: line coverage of the C worker (gcovr) and of the pages'
# JavaScript (V8 coverage from Chromium, reported by c8). Included by the top Makefile, after its own
# variables (APP, CORE, UNITS, WARN, DEP_CFLAGS, DEP_LIBS, HDRS, BUILD, TEMPLATE, WEB_SRC), or run as
#   make -f Makefile -f tests/coverage.mk coverage
#
# What it does (tests/coverage/run.sh runs the tests and the reports):
#   - builds build/cov/portal and build/cov/tests/* from the same sources as the Makefile's APP and
#     CORE lists, with --coverage -O0 -g (WARN and DEP_CFLAGS as in the normal build);
#   - builds build/cov/web/, the pages with their JavaScript not minified, not tree-shaken and with
#     inline source maps (web/build.mjs with tests/coverage/web-build-hook.mjs preloaded; WEB_DIST);
#   - deletes the old counts, runs the unit tests, the integration suite and the browser suite
#     against build/cov/portal (the browser suite served build/cov/web through WEB_ROOT, with
#     tests/coverage/browser-hook.mjs preloaded to collect each page's V8 coverage into
#     build/cov/js/raw/); every stack stops its workers with SIGTERM, and they leave through exit(),
#     which writes the .gcda counts;
#   - prints
#       C line coverage: 71.3% (4123/5780 lines, fcgi/)
#       JS line coverage: 64.0% (1234/1928 lines, web/src/js)
#     (gcovr's lines, over unit, integration and browser tests; for JS the lines with code, c8's own
#     figure, which also counts blank and comment lines, on the line after), with the per-file tables in build/cov/c/coverage.txt and build/cov/js/coverage.txt and
#     annotated HTML in build/cov/c/index.html and build/cov/js/index.html.
# The figures are printed even when a test fails; make coverage then exits non-zero.
# Variables: COV_JOBS (integration test files at once, 4), COV_BROWSER_JOBS (2).

COV              := $(BUILD)/cov
COV_PKGS         := gcovr
COV_JOBS         ?= 4
COV_BROWSER_JOBS ?= 2
COV_CFLAGS       := --coverage -O0 -g
COV_ALL_CFLAGS    = $(WARN) $(COV_CFLAGS) -D_GNU_SOURCE -Ifcgi -I$(BUILD) $(DEP_CFLAGS)
COV_OBJS          = $(APP:%=$(COV)/obj/%.o) $(COV)/obj/core/main.o
COV_CORE_OBJS     = $(CORE:%=$(COV)/obj/%.o)
COV_UNIT_BINS     = $(UNITS:%=$(COV)/tests/%)
COV_WEB          := $(COV)/web
COV_HOOKS        := tests/coverage/web-build-hook.mjs tests/coverage/esbuild-shim.mjs

.PHONY: coverage coverage-build coverage-clean

coverage: deps web coverage-build $(TEMPLATE)/.ready
	@COV=$(CURDIR)/$(COV) COV_UNIT_BINS="$(COV_UNIT_BINS:%=$(CURDIR)/%)" COV_JOBS=$(COV_JOBS) \
	  COV_BROWSER_JOBS=$(COV_BROWSER_JOBS) tests/coverage/run.sh

coverage-build: $(COV)/.pkgs $(COV)/portal $(COV_UNIT_BINS) $(COV_WEB)/index.html

coverage-clean:
	rm -rf $(COV)

# gcovr, when the top Makefile's PKGS does not bring it (PKGS += $(COV_PKGS) there makes this a no-op)
$(COV)/.pkgs: | $(BUILD)/.deps
	@missing=""; for p in $(COV_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "make: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "make: missing Debian packages. Run:  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
	@mkdir -p $(@D) && touch $@

$(COV)/obj/gen/%.o: $(BUILD)/gen/%.c $(HDRS)
	@mkdir -p $(@D)
	@$(CC) $(COV_ALL_CFLAGS) -c -o $@ $<

$(COV)/obj/%.o: fcgi/%.c $(HDRS) | $(BUILD)/.deps
	@mkdir -p $(@D)
	@echo '  CC    $< (coverage)'
	@$(CC) $(COV_ALL_CFLAGS) -c -o $@ $<

# openapi_data.o is only data: the normal build's object will do
$(COV)/portal: $(COV_OBJS) $(BUILD)/obj/openapi_data.o
	@echo '  LD    $@'
	@$(CC) $(COV_CFLAGS) -o $@ $^ $(DEP_LIBS)

$(COV)/tests/%: tests/unit/%.c $(COV_CORE_OBJS) $(HDRS)
	@mkdir -p $(@D)
	@echo '  TEST  $@ (coverage)'
	@$(CC) $(COV_ALL_CFLAGS) -o $@ $< $(COV_CORE_OBJS) $(DEP_LIBS) -lcmocka

$(COV_WEB)/index.html: $(WEB_SRC) $(COV_HOOKS) web/node_modules/.installed
	cd web && WEB_DIST=$(CURDIR)/$(COV_WEB) node --import $(CURDIR)/tests/coverage/web-build-hook.mjs build.mjs
