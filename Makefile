# Build and install root-checklist like any command-line tool.
#
#   make                          release binary, man page and completions under .build-release-static/dist
#   make install PREFIX=DIR       (default /usr/local; DESTDIR honoured, for packagers)
#   make uninstall PREFIX=DIR     removes exactly what install wrote
#
PREFIX ?= /usr/local
DESTDIR ?=

SCRATCH := .build-release-static
DIST := $(SCRATCH)/dist
BINARY := $(SCRATCH)/release/root-checklist
GENERATE_MANUAL := .build/debug/generate-manual

bindir := $(DESTDIR)$(PREFIX)/bin
man1dir := $(DESTDIR)$(PREFIX)/share/man/man1
bashdir := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
zshdir := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
fishdir := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

# Every file install writes, paired with the file it comes from.
INSTALLED := $(bindir)/root-checklist $(man1dir)/root-checklist.1 $(bashdir)/root-checklist \
             $(zshdir)/_root-checklist $(fishdir)/root-checklist.fish
# The directories install may create, deepest first; uninstall removes those left empty, never PREFIX.
DIRECTORIES := $(man1dir) $(DESTDIR)$(PREFIX)/share/man $(bashdir) $(DESTDIR)$(PREFIX)/share/bash-completion \
               $(zshdir) $(DESTDIR)$(PREFIX)/share/zsh $(fishdir) $(DESTDIR)$(PREFIX)/share/fish \
               $(DESTDIR)$(PREFIX)/share $(bindir)

# What the binary is built from: make rebuilds when any of it is newer than the binary, so
# `make && sudo make install` builds as the user and installs as root without building again.
SOURCES := Package.swift $(shell find Sources Plugins Checklists -type f 2>/dev/null) \
           $(wildcard .git/HEAD .git/index .git/logs/HEAD)
GENERATED := $(DIST)/root-checklist $(DIST)/root-checklist.1 $(DIST)/root-checklist.bash \
             $(DIST)/_root-checklist $(DIST)/root-checklist.fish

.PHONY: all build install uninstall clean

all: build
build: $(GENERATED)

$(BINARY): $(SOURCES)
	scripts/build-release >/dev/null
	touch $@

$(GENERATED) &: $(BINARY)
	swift build --product generate-manual >&2
	mkdir -p $(DIST)
	cp $(BINARY) $(DIST)/root-checklist
	# Generated from the command definitions by swift-argument-parser's manual generator, so it
	# cannot drift from --help; dated by the commit, so the same commit gives the same page.
	$(GENERATE_MANUAL) $(DIST)/root-checklist --output-directory $(DIST) \
	    --date "$$(git log -1 --format=%cs 2>/dev/null || date -u +%F)"
	$(DIST)/root-checklist --generate-completion-script bash > $(DIST)/root-checklist.bash
	$(DIST)/root-checklist --generate-completion-script zsh > $(DIST)/_root-checklist
	$(DIST)/root-checklist --generate-completion-script fish > $(DIST)/root-checklist.fish

install: $(GENERATED)
	install -d $(bindir) $(man1dir) $(bashdir) $(zshdir) $(fishdir)
	install -m 0755 $(DIST)/root-checklist $(bindir)/root-checklist
	install -m 0644 $(DIST)/root-checklist.1 $(man1dir)/root-checklist.1
	install -m 0644 $(DIST)/root-checklist.bash $(bashdir)/root-checklist
	install -m 0644 $(DIST)/_root-checklist $(zshdir)/_root-checklist
	install -m 0644 $(DIST)/root-checklist.fish $(fishdir)/root-checklist.fish

uninstall:
	rm -f $(INSTALLED)
	-for d in $(DIRECTORIES); do [ -d "$$d" ] && rmdir --ignore-fail-on-non-empty "$$d"; done; true

clean:
	rm -rf $(DIST)
