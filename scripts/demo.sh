#!/usr/bin/env bash
# `make demo`: regenerate generated/ from schema/ and show what came out.
# (The live monitoring demo replaces this once the server exists.)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
gen="$build/codegen/sockspec-gen"

echo "== sockspec-gen validate schema/*.yaml"
"$gen" validate schema/*.yaml && echo "   all schemas valid"
echo
echo "== sockspec-gen generate --out generated schema/*.yaml"
"$gen" generate --out generated schema/*.yaml
echo
echo "== what came out"
for f in schema/*.yaml; do
  api=$(basename "$f" .yaml)
  printf '%-12s %3d events  cpp %6d B  ts %6d B  docs %6d B\n' "$api" \
    "$(grep -c 'static constexpr sockspec::direction direction =' "generated/cpp/sockspec/gen/$api.hpp" || true)" \
    "$(wc -c < "generated/cpp/sockspec/gen/$api.hpp")" \
    "$(wc -c < "generated/ts/$api.ts")" \
    "$(wc -c < "generated/docs/$api.md")"
done
echo
echo "== one event, three outputs: chat send_message"
echo "-- C++ (generated/cpp/sockspec/gen/chat.hpp)"
awk '/^struct send_message \{/,/^\};/' generated/cpp/sockspec/gen/chat.hpp
echo "-- TypeScript (generated/ts/chat.ts)"
grep -m1 '^  "send_message":' generated/ts/chat.ts
grep -m1 -A6 '^export interface SendMessagePayload' generated/ts/chat.ts
echo "-- docs (generated/docs/chat.md)"
awk '/^#### `send_message`/{p=1} p&&/^#### `new_message`/{exit} p' generated/docs/chat.md | head -30
echo
if git diff --quiet -- generated 2>/dev/null; then
  echo "generated/ is up to date with schema/."
else
  echo "generated/ changed (schema/ was edited): review with 'git diff generated' and commit it."
fi
