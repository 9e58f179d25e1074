#!/usr/bin/env bash
# Loads fuzz/Package.swift from a copy of the checkout in a folder NOT named like this one, so the fuzzer
# package keeps working whatever a clone's folder is called (SwiftPM names a path dependency after its
# folder). Fast: it resolves manifests only; `make fuzz` builds and runs the fuzzer.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
copy="$scratch/podium-elsewhere-$RANDOM"
mkdir -p "$copy/fuzz"
cp "$root/Package.swift" "$copy/"
cp -r "$root/Sources" "$copy/"
cp "$root/fuzz/Package.swift" "$copy/fuzz/"
cp -r "$root/fuzz/Sources" "$copy/fuzz/"
if ! out=$(cd "$copy/fuzz" && swift package dump-package 2>&1 >/dev/null); then
  echo "fuzz/Package.swift does not load from a checkout in $(basename "$copy")/:" >&2
  echo "$out" >&2
  exit 1
fi
echo "fuzz/Package.swift loads from a checkout named $(basename "$copy")"
