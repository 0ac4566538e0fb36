# The two commands of the README, plus the pieces they are made of.
#   make demo   install what is missing, build, run the main job
#   make test   install what is missing, build, run every test (ctest)
BUILD    ?= build
JOBS     ?= $(shell nproc)
MAKEFLAGS += --no-print-directory
CMAKE_FLAGS ?=

.PHONY: all deps configure build test demo generate check-generated test-sanitize bench clean

all: build

deps:
	@scripts/bootstrap.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Regenerate generated/ from schema/ (the only way generated/ changes).
generate: build
	@$(BUILD)/codegen/sockspec-gen generate --out generated schema/*.yaml

check-generated: build
	@$(BUILD)/codegen/sockspec-gen generate --check --out generated schema/*.yaml

demo: build
	@scripts/demo.sh $(BUILD)

test-sanitize:
	@$(MAKE) test BUILD=build-sanitize CMAKE_FLAGS="-DSOCKSPEC_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug"

bench: build
	@$(BUILD)/bench/bench_codec --benchmark_min_time=0.2

clean:
	rm -rf $(BUILD) build-sanitize
