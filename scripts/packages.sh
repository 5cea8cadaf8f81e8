#!/usr/bin/env bash
# Debian packages Hallmark needs, and a function that installs the missing ones (as root) or says how.
# Sourced by ./hallmark and ./run-tests; the one place that names them.

# What `./hallmark demo` needs on a fresh Debian 12.
HALLMARK_RUN_PACKAGES=(openjdk-17-jdk-headless maven softhsm2 opensc)
# The lot report embeds these fonts (PDF/A): DejaVu for Latin, Greek, Cyrillic, Arabic, Hebrew; Droid Sans Fallback for CJK.
HALLMARK_RUN_PACKAGES+=(fonts-dejavu-core fonts-droid-fallback)
# What a JavaFX window needs (only when a display is used).
HALLMARK_UI_PACKAGES=(libgtk-3-0 libxtst6 libpangoft2-1.0-0 fontconfig fonts-dejavu-core)
# What the tests need besides: real clients and servers, and the headless toolkit's fonts.
HALLMARK_TEST_PACKAGES=(stm32flash socat openssl iproute2 golang-cfssl postgresql
  swtpm tpm2-tools libtpm2-pkcs11-1 libtpm2-pkcs11-tools libtss2-tcti-swtpm0 tpm2-abrmd libtss2-tcti-tabrmd0 dbus
  libpangoft2-1.0-0 fontconfig fonts-dejavu-core)
# What `hallmark bench` needs for the shell pipeline it compares the station with (scripts/baseline-pipeline.sh):
# pkcs11-tool, OpenSSL's pkcs11 engine, openssl, sqlite3 (issue 20).
HALLMARK_BENCH_PACKAGES=(opensc libengine-pkcs11-openssl openssl sqlite3)
HALLMARK_TEST_PACKAGES+=("${HALLMARK_BENCH_PACKAGES[@]}")
# pdfsig and pdftoppm (LotReportSignedIT, scripts/report-screenshots.sh) check and render the signed lot report.
HALLMARK_TEST_PACKAGES+=(poppler-utils)
# esptool-js (EsptoolJsIT) runs under Node; npm comes with NodeSource's nodejs, Debian's needs its npm package.
HALLMARK_TEST_PACKAGES+=(nodejs)
# NSS softoken (libsoftokn3.so) is the second PKCS#11 module the station's token tests run on (SecondModuleIT).
HALLMARK_TEST_PACKAGES+=(libnss3)
# PrometheusScrapeIT scrapes `provision --metrics` with Debian's Prometheus; scripts/package-test makes a clean
# Debian 12 root with debootstrap (scripts/package itself needs only the JDK's jlink/jpackage and dpkg-deb).
HALLMARK_TEST_PACKAGES+=(prometheus debootstrap)

# ensure_packages WHO PKG... : installs what is missing with apt-get as root; otherwise prints the
# exact command and returns 1.
ensure_packages() {
  local who=$1; shift
  local missing=()
  local p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "$who: missing Debian packages: ${missing[*]}" >&2
    echo "$who: install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "$who: installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
