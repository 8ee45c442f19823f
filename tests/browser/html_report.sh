#!/usr/bin/env bash
# Opens the `audit --html` page in a real headless browser (Debian's
# chromium): it must render (a screenshot) and its DOM must hold the report's
# sections, charts and highlighted examples. Skips (77) without chromium.
set -euo pipefail
tactful=$1 data=$2 out=$3
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "skipped: no chromium (TACTFUL_DEV_TOOLS=1 scripts/install-deps installs it)"
  exit 77
fi
mkdir -p "$out"
"$tactful" audit --format jsonl --html "$out/report.html" "$data/audit/zendesk.json" "$data/audit/dated.jsonl" >/dev/null
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,2000 --user-data-dir="$out/profile")
timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$out/report.html" >"$out/dom.html" 2>/dev/null
timeout 120 "$browser" "${flags[@]}" --screenshot="$out/report.png" "file://$out/report.html" >/dev/null 2>&1
fail() { echo "FAIL: $*"; exit 1; }
for want in 'id="distribution"' 'id="habits"' 'id="rules"' 'id="trend"' 'id="worst"' 'id="errors"' \
            '<polyline' '<rect' 'respect.tone.calm-down' '<mark class="warning"' '>Jo<' '>Lee<'; do
  grep -qF "$want" "$out/dom.html" || fail "the rendered DOM lacks $want"
done
[[ -s $out/report.png ]] || fail "no screenshot"
size=$(stat -c %s "$out/report.png")
(( size > 20000 )) || fail "the screenshot is nearly empty ($size bytes)"
# The PNG header holds the page size the browser painted.
python3 - "$out/report.png" <<'PY'
import struct, sys
with open(sys.argv[1], "rb") as f:
    head = f.read(24)
assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", head[16:24])
assert (w, h) == (1200, 2000), f"unexpected screenshot size {w}x{h}"
PY
echo "ok: rendered $(grep -o '<section' "$out/dom.html" | wc -l) sections, screenshot $size bytes"
