# One entry point for everything the project runs.  `make test` is what CI runs.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
export PATH := $(BIN):$(PATH)
export ANSIBLE_COLLECTIONS_PATH := $(CURDIR)/.cache/collections
# Scenarios run by `make test`, the longest first, JOBS of them at a time.
SCENARIOS ?= cluster faults default jwt privacy letsencrypt mirror modules smoke
JOBS ?= 3
SCENARIO ?= default
VERSION := $(shell sed -n 's/^version: *//p' galaxy.yml)

.PHONY: help venv engine host-tools images image-bookworm image-trixie collection-path test checks unit inputs sanity lint molecule molecule-all demo demo-destroy bench build build-check docs docs-site docs-lint ee-check navigator-check report-browser report-screenshots changelog clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

venv: ## Install the pinned toolchain into .venv (once; again when the pins change)
	@scripts/venv

engine: ## Make sure a Docker engine answers (installs and starts one as root)
	@scripts/docker-engine

host-tools: ## Install the Debian tools the tests need on this machine (as root)
	@scripts/host-tools

images: image-bookworm image-trixie ## Build the Debian 12 and 13 base images (cached)

image-bookworm: engine host-tools
	@scripts/base-image bookworm >/dev/null

image-trixie: engine host-tools
	@scripts/base-image trixie >/dev/null

collection-path: venv
	@scripts/collection-path >/dev/null

# The scenarios hold the cores for most of the run and wait on their hosts
# for much of it; the checks run beside them, one at a time, on what is left.
# Each target's output is printed whole when it finishes.
test: ## Everything CI runs: the checks, and the Molecule scenarios beside them
	$(MAKE) --no-print-directory -j2 --output-sync=target molecule-all checks

checks: unit inputs sanity lint docs-lint build-check ee-check navigator-check report-browser ## Everything CI runs but the scenarios

unit: collection-path ## Python unit tests of the module layer
	PYTHONPATH=$(ANSIBLE_COLLECTIONS_PATH) pytest -p no:cacheprovider tests/unit

inputs: collection-path ## Every role input refuses a wrong value before anything changes (check mode, nothing runs on this machine)
	pytest -p no:cacheprovider tests/inputs

sanity: venv ## ansible-test sanity on a clean copy of the collection
	scripts/sanity

lint: collection-path ## ansible-lint (production profile), changelog fragments, generated role READMEs
	ansible-lint
	antsibull-changelog lint
	python scripts/role-docs --check

docs: venv ## Regenerate the role READMEs from their argument specs (aar-doc)
	python scripts/role-docs

docs-site: collection-path ## Build the docs site with antsibull-docs and Sphinx into .cache/docs-site/html
	scripts/docs-site

docs-lint: collection-path ## antsibull-docs lint-collection-docs: plugin and role docs render, every reference resolves
	scripts/docs-site lint

molecule: collection-path images ## One Molecule scenario: make molecule SCENARIO=default
	molecule test -s $(SCENARIO)

molecule-all: collection-path images ## Every scenario in SCENARIOS, JOBS at a time, with their durations
	scripts/molecule-all $(JOBS) $(SCENARIOS)

demo: collection-path image-bookworm ## Deploy Jitsi Meet into a local Debian 12 container (SELFHOSTED_JITSI_DEMO_UPSTREAM=1 for Jitsi's real repository)
	scripts/demo

demo-destroy: venv ## Remove the demo containers
	scripts/demo destroy

bench: collection-path image-bookworm ## Time the site playbook against an install by hand (BENCH_ROUNDS=3, BENCH_REF=<git rev>); docs/performance.md
	scripts/bench

build: venv ## Build the collection tarball users install
	ansible-galaxy collection build --force --output-path .

build-check: venv ## Build the tarball, install it into an empty path, load everything from it
	scripts/check-build

report-browser: collection-path host-tools ## The privacy report in headless chromium: no network request, readable at phone width, printable
	pytest -p no:cacheprovider tests/report

report-screenshots: collection-path host-tools ## Rewrite docs/images/privacy-report.{en,de}.png from the report of the default deployment
	scripts/report-screenshots

navigator-check: collection-path ## ansible-navigator (stdout, no EE) lists the site playbook and runs the health playbook on this machine, summary and failure included
	scripts/navigator-check

ee-check: venv ## The execution environment definitions: the collection's needs read by ansible-builder, a complete build context
	scripts/ee-check

clean: ## Remove caches (the base images stay; `docker rmi` them by hand)
	rm -rf .cache .pytest_cache selfhosted-jitsi-*.tar.gz
