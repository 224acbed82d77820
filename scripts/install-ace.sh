#!/usr/bin/env bash
# Installs DAISY Ace (the EPUB accessibility checker) for tests/ace/check-ace.sh,
# if it is missing:
#   - Debian's chromium (Ace drives it through puppeteer; puppeteer's own
#     browser download is skipped, it cannot be fetched here),
#   - node and npm (Debian's nodejs/npm) if there is no node/npm at all,
#   - @daisy/ace-cli, pinned in tests/ace/package.json + package-lock.json,
#     into tests/ace/node_modules with `npm ci`.
# Idempotent: does nothing (and prints nothing) when all is in place.
set -euo pipefail
cd "$(dirname "$0")/.."

ace_dir=tests/ace
stamp="$ace_dir/node_modules/.install-ace.stamp"

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive

# apt-get, retried while another apt/dpkg (another installer) holds the lock.
apt_retry() {
  local try
  for try in $(seq 1 30); do
    if $sudo apt-get -o DPkg::Lock::Timeout=120 "$@"; then
      return 0
    fi
    echo "install-ace: apt-get $1 failed (lock held?), retry $try/30 in 10s" >&2
    sleep 10
  done
  echo "install-ace: apt-get $* kept failing" >&2
  return 1
}

# --- Debian packages ---------------------------------------------------------
missing=()
dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed" \
  || missing+=(chromium)
# Keep any node/npm already on the machine (e.g. a newer one from elsewhere);
# take Debian's only when there is none.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-ace: installing Debian packages: ${missing[*]}"
  apt_retry update -qq
  apt_retry install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Ace itself ---------------------------------------------------------------
want="$(sha256sum "$ace_dir/package.json" "$ace_dir/package-lock.json" | sha256sum | cut -d' ' -f1) node=$(node --version)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
   && [ -f "$ace_dir/node_modules/@daisy/ace-cli/bin/ace.js" ]; then
  exit 0
fi
echo "install-ace: npm ci in $ace_dir"
# Ace 1.4.x declares node >=20 but runs on Debian 12's node 18 as well; the
# engines check only warns. Install scripts are skipped: the only one is
# puppeteer's browser download, which we replace with Debian's chromium.
(
  cd "$ace_dir"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund \
    --loglevel=error
)
printf '%s\n' "$want" > "$stamp"
echo "install-ace: $(node "$ace_dir/node_modules/@daisy/ace-cli/bin/ace.js" --version | tail -n1) installed"
