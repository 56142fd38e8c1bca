#!/usr/bin/env bash
# Install the Debian packages protocolgen needs beyond Python wheels, when they are missing:
#   - Pango and HarfBuzz: WeasyPrint lays out the PDF synopses with them;
#   - fonts-noto-cjk: Chinese/Japanese/Korean glyphs (site names in seed 004), so PDFs never
#     show empty boxes; fonts-dejavu-core: the Latin text face the synopsis CSS names first.
# Runs apt-get only as root on a Debian-like system; otherwise it says what is missing.
set -euo pipefail

# Capture the listings first: with pipefail, `cmd | grep -q` fails when grep exits early and
# cmd dies of SIGPIPE, which would look like "missing".
libs=$(ldconfig -p 2>/dev/null || true)
fonts=$(fc-list : family 2>/dev/null || true)
missing=()
grep -q 'libpango-1.0.so' <<<"$libs" || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
grep -q 'libharfbuzz-subset.so' <<<"$libs" || missing+=(libharfbuzz-subset0)
grep -qi 'Noto Sans CJK' <<<"$fonts" || missing+=(fonts-noto-cjk)
grep -qi 'DejaVu Sans' <<<"$fonts" || missing+=(fonts-dejavu-core)
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
