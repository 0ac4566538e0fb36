#!/usr/bin/env bash
# Runs the hello server on a free port and the socket.io-client of client.js against it.
# usage: run_test.sh <hello_server> <node>
set -euo pipefail
server=$1 node=$2
dir=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp)
"$server" 0 >"$out" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 100); do grep -q '^listening on ' "$out" && break; sleep 0.05; done
port=$(sed -n 's/^listening on //p' "$out")
[ -n "$port" ] || { echo "the server did not start"; exit 1; }
NODE_PATH="$dir/../../node_modules" timeout 20 "$node" "$dir/client.js" "$port"
