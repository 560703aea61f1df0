#!/usr/bin/env bash
# Debian packages the project uses outside npm: poppler-utils (pdfinfo/pdftotext: the tests read
# generated PDFs back with a real reader), fonts-dejavu-core (the font embedded in PDF packs) and
# chromium (the browser the web pages' tests drive with playwright-core; never a downloaded build).
# Installs them when missing and this is a Debian machine where we are root; otherwise says what
# is missing (the PDF read-back checks and the browser tests then skip with a clear message).
set -uo pipefail
missing=()
command -v pdfinfo >/dev/null || missing+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "[system-deps] installing ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") >/tmp/system-deps.log 2>&1 \
    || echo "[system-deps] WARNING: could not install ${missing[*]} (see /tmp/system-deps.log); PDF read-back checks or browser tests will be skipped"
else
  echo "[system-deps] WARNING: missing ${missing[*]}; install them with apt-get (PDF read-back checks and browser tests will be skipped)"
fi
exit 0
