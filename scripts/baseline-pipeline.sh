#!/usr/bin/env bash
# The shell pipeline Hallmark's line speed is compared with (issue 20): per unit, with standard tools and no serial
# step at all, a P-256 key generated in a SoftHSM2 token (pkcs11-tool), a CSR signed by that key in the token
# (openssl req through OpenSSL's pkcs11 engine, libengine-pkcs11-openssl), the certificate signed by a CA
# (openssl x509 -req), the certificate written to the token (pkcs11-tool --write-object) and the unit inserted into
# a database (sqlite3, its default synchronous commit). Units run one after another, as such a script would.
#
#   scripts/baseline-pipeline.sh [--units N] [--work-dir DIR]
#
# Prints one line: pipeline units=N seconds=S units_per_s=X. Everything lives in a fresh work directory (removed
# afterwards unless --work-dir is given); the token's PINs are made up for the run and passed by environment or file,
# never on a command line.
set -euo pipefail

units=20
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --units) units=$2; shift 2 ;;
    --work-dir) work=$2; shift 2 ;;
    *) echo "baseline-pipeline: unknown argument $1 (use --units N, --work-dir DIR)" >&2; exit 2 ;;
  esac
done
case "$units" in ''|*[!0-9]*|0) echo "baseline-pipeline: --units takes a positive number" >&2; exit 2 ;; esac

module=${SOFTHSM2_MODULE:-/usr/lib/softhsm/libsofthsm2.so}
engine_dir=$(openssl version -e | sed -n 's/^ENGINESDIR: "\(.*\)"$/\1/p')
for need in pkcs11-tool openssl sqlite3 softhsm2-util; do
  command -v "$need" >/dev/null || { echo "baseline-pipeline: $need is missing (scripts/packages.sh)" >&2; exit 3; }
done
[ -r "$module" ] || { echo "baseline-pipeline: SoftHSM2 ($module) is missing (Debian package softhsm2)" >&2; exit 3; }
[ -r "$engine_dir/pkcs11.so" ] || {
  echo "baseline-pipeline: OpenSSL's pkcs11 engine is missing (Debian package libengine-pkcs11-openssl)" >&2; exit 3; }

umask 077
if [ -z "$work" ]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/hallmark-baseline.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/tokens" "$work/units"
export SOFTHSM2_CONF="$work/softhsm2.conf"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$work/tokens" > "$SOFTHSM2_CONF"
pin=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
so_pin=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
printf '%s' "$pin" > "$work/pin"
export BASELINE_PIN="$pin" BASELINE_SO_PIN="$so_pin"
pkcs11-tool --module "$module" --init-token --label baseline --so-pin "env:BASELINE_SO_PIN" >/dev/null 2>&1
pkcs11-tool --module "$module" --token-label baseline --init-pin --login --login-type so --so-pin "env:BASELINE_SO_PIN" \
  --new-pin "env:BASELINE_PIN" >/dev/null 2>&1

# the CA: a P-256 key and a self-signed certificate, in files (openssl x509 signs with them)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ca.key" -out "$work/ca.pem" \
  -subj "/CN=Baseline CA" -days 30 2>/dev/null
sqlite3 "$work/units.db" "create table units (serial text primary key, cert_sha256 text not null, issued_at text not null);"
cat > "$work/openssl.cnf" <<CNF
openssl_conf = init
[init]
engines = engines
[engines]
pkcs11 = pkcs11
[pkcs11]
engine_id = pkcs11
dynamic_path = $engine_dir/pkcs11.so
MODULE_PATH = $module
init = 0
[req]
distinguished_name = dn
[dn]
CNF

unit() {
  local n=$1 serial id
  serial=$(printf 'BL-%06d' "$n")
  id=$(printf '%04x' "$n")
  pkcs11-tool --module "$module" --token-label baseline --login --pin "env:BASELINE_PIN" --keypairgen \
    --key-type EC:prime256v1 --label "dev-$serial" --id "$id" >/dev/null 2>&1
  OPENSSL_CONF="$work/openssl.cnf" openssl req -new -engine pkcs11 -keyform engine \
    -key "pkcs11:token=baseline;object=dev-$serial;type=private?pin-source=file:$work/pin" \
    -subj "/CN=$serial/serialNumber=$serial" -out "$work/units/$serial.csr" 2>/dev/null
  openssl x509 -req -in "$work/units/$serial.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -set_serial "0x$id$RANDOM" \
    -days 365 -outform DER -out "$work/units/$serial.der" 2>/dev/null
  pkcs11-tool --module "$module" --token-label baseline --login --pin "env:BASELINE_PIN" --write-object \
    "$work/units/$serial.der" --type cert --label "dev-$serial" --id "$id" >/dev/null 2>&1
  sqlite3 "$work/units.db" "insert into units values ('$serial', '$(sha256sum "$work/units/$serial.der" | cut -c1-64)', datetime('now'));"
}

unit 0   # warm-up, not counted (page cache, first engine load)
start=$(date +%s%N)
for n in $(seq 1 "$units"); do
  unit "$n"
done
end=$(date +%s%N)
rows=$(sqlite3 "$work/units.db" "select count(*) from units;")
[ "$rows" -eq $((units + 1)) ] || { echo "baseline-pipeline: $rows units in the database, not $((units + 1))" >&2; exit 1; }
awk -v n="$units" -v ns=$((end - start)) 'BEGIN { printf "pipeline units=%d seconds=%.2f units_per_s=%.2f\n", n, ns / 1e9, n / (ns / 1e9) }'
