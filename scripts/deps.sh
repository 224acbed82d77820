#!/usr/bin/env bash
# Installs the Debian packages autochitect needs to build and test, if missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libyaml-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev libzip-dev
  libcairo2-dev libqpdf-dev libpng-dev libdeflate-dev libfreetype-dev libharfbuzz-dev libhyphen-dev librsvg2-dev libidn2-dev
  libglib2.0-dev libssl-dev libcmocka-dev
  # libhyphen's patterns for the book languages src/layout/hyphen.c knows
  hyphen-af hyphen-be hyphen-bg hyphen-ca hyphen-cs hyphen-da hyphen-de hyphen-el hyphen-en-gb
  hyphen-en-us hyphen-es hyphen-fr hyphen-gl hyphen-hr hyphen-hu hyphen-id hyphen-is hyphen-it
  hyphen-lt hyphen-lv hyphen-mn hyphen-nl hyphen-no hyphen-pl hyphen-pt-br hyphen-pt-pt hyphen-ro
  hyphen-ru hyphen-sk hyphen-sl hyphen-sr hyphen-sv hyphen-uk hyphen-zu
  epubcheck default-jre-headless librsvg2-bin poppler-utils qpdf mupdf-tools unzip python3 python3-yaml strace bc time valgrind clang libclang-rt-14-dev
  libjpeg-turbo-progs  # cjpeg: the JPEG pictures of bench/gen_book.py --images
)

missing=()
# npm fetches the highlighting grammars (scripts/grammars.sh); keep a node/npm
# already on the machine.
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
bash "$(dirname "$0")/grammars.sh"
