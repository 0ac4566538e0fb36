#!/usr/bin/env bash
# Fails when a documentation snippet drifted from its source: in docs/*.md, a line
# `<!-- snippet: PATH -->` must be followed by a fenced code block whose content is exactly the
# file PATH (relative to the repository root). Snippets so marked are compiled and tested there.
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0 count=0
for doc in docs/*.md; do
  while IFS=: read -r line path; do
    count=$((count + 1))
    path=$(echo "$path" | sed 's/^ *snippet: *//; s/ *-->.*$//')
    block=$(awk -v start="$line" 'NR > start && /^```/ { if (inside) exit; inside = 1; next }
                                  inside { print }' "$doc")
    if [ ! -f "$path" ]; then
      echo "$doc:$line: snippet source $path does not exist"; fail=1
    elif ! diff -u --label "$path" --label "$doc:$line" "$path" <(printf '%s\n' "$block"); then
      echo "$doc:$line: snippet differs from $path"; fail=1
    fi
  done < <(grep -n '<!-- snippet:' "$doc" | sed 's/:<!--/:/')
done
[ "$count" -gt 0 ] || { echo "no snippets found"; fail=1; }
[ $fail -eq 0 ] && echo "doc snippets: $count in sync"
exit $fail
