#!/usr/bin/env bash
# Renders pages of the lot report (docs/screenshots/report-*.png were made with it):
#   1. a real 2-unit demo lot: a SoftHSM2 station with simulated devices, the report signed in the token;
#   2. a seeded 1,000-unit lot with failures of five causes (station-app test class ReportSamples, signed with a
#      software EC key standing in for the token's audit key).
# Usage: scripts/report-screenshots.sh [OUT]   (default station-app/target/report-screenshots)
# Needs a packaged station with its test classes (mvn -pl station-app -am verify, or test-compile after ./hallmark
# built it) and poppler-utils (pdftoppm, pdfsig).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
OUT=${1:-$ROOT/station-app/target/report-screenshots}
mkdir -p "$OUT"
DATA=$(mktemp -d "${TMPDIR:-/tmp}/hallmark-report-XXXXXX")
trap 'rm -rf "$DATA"' EXIT

"$ROOT/hallmark" demo --count 2 --headless --data-dir "$DATA" --lot DEMO-2 >/dev/null || [ $? -eq 1 ]
"$ROOT/hallmark" lot report --lot DEMO-2 --data-dir "$DATA" --out "$OUT"
pdfsig "$OUT/lot-DEMO-2-conformity.pdf"

java -cp "$ROOT/station-app/target/test-classes:$ROOT/station-app/target/station-app.jar:$ROOT/station-app/target/lib/*" \
  dev.hallmark.app.report.ReportSamples "$OUT"

pdftoppm -r 80 -png "$OUT/lot-DEMO-2-conformity.pdf" "$OUT/demo-2"
pdftoppm -r 80 -png -f 1 -l 3 "$OUT/lot-1000.pdf" "$OUT/lot-1000"
pdftoppm -r 80 -png -f 28 -l 28 "$OUT/lot-1000.pdf" "$OUT/lot-1000"   # failed units (a CA outage)
pdftoppm -r 80 -png -f 38 -l 38 "$OUT/lot-1000.pdf" "$OUT/lot-1000"
pdftoppm -r 80 -png -f 1 -l 1 "$OUT/lot-scripts.pdf" "$OUT/lot-scripts"
ls "$OUT"/*.png
