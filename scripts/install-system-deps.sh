#!/usr/bin/env bash
# Install the Debian packages protocolgen needs beyond Python wheels, when they are missing:
#   - Pango and HarfBuzz: WeasyPrint lays out the PDF synopses with them;
#   - fonts-noto-cjk: Chinese/Japanese/Korean glyphs (site names in seed 004), so PDFs never
#     show empty boxes; fonts-dejavu-core: the Latin text face the synopsis CSS names first.
# Runs apt-get only as root on a Debian-like system; otherwise it says what is missing.
set -euo pipefail

missing=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so' || missing+=(libharfbuzz-subset0)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -qi 'DejaVu Sans' || missing+=(fonts-dejavu-core)
command -v fc-list >/dev/null 2>&1 || missing+=(fontconfig)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "warning: missing system packages: ${missing[*]}" >&2
  echo "         install them with your package manager (as root: apt-get install ${missing[*]})" >&2
fi
