#!/usr/bin/env bash
# Installs what `make demo` / `make test` need and is missing: Debian packages (apt) and the
# npm packages pinned by package-lock.json (npm ci). Idempotent and quiet when nothing is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_pkgs=(
  cmake make g++ pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libfmt-dev libyaml-cpp-dev libcli11-dev libssl-dev openssl libsimdjson-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js 20 may come from Debian's nodejs (+ npm) or from a nodejs package that bundles npm:
# ask for the commands, not the package names.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when package-lock.json changed since the last install.
if [ -f package-lock.json ]; then
  stamp=node_modules/.sockspec-lock.sha256
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "bootstrap: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
  fi
fi
