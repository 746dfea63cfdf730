#!/usr/bin/env bash
# Prints development-corpus reports into one PDF of about PAGES pages with Debian's headless chromium, for
# `cgrid bench parse FILE.pdf` (the 200-page PDF of issue 24). Usage: report-pdf.sh OUT.pdf [PAGES]
set -euo pipefail
out=${1:?usage: report-pdf.sh OUT.pdf [PAGES]}
pages=${2:-200}
root=$(cd "$(dirname "$0")/../../.." && pwd)
html=$(mktemp --suffix=.html)
trap 'rm -f "$html"' EXIT
# About 1,600 characters of report text fill an A4 page at 14px; the plain-text reports are taken in name order
# (GBK and HTML-remnant copies left out) until the text would fill the pages asked for.
python3 - "$root/tests/corpus/dev/texts" "$pages" "$html" <<'PY'
import html, pathlib, sys
texts, pages, out = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
want, body, total = pages * 1600, [], 0
for f in sorted(texts.glob("dev-*.txt")):
    try:
        t = f.read_text(encoding="utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        continue
    if "<" in t[:2000]:
        continue
    body.append("".join(f"<p>{html.escape(l.strip())}</p>" for l in t.split("\n") if l.strip()))
    total += len(t)
    if total >= want:
        break
style = "body{font-family:'Noto Sans CJK SC',sans-serif;font-size:14px} p{text-indent:2em;margin:0 0 .3em}"
pathlib.Path(out).write_text(f"<!doctype html><html><head><meta charset='utf-8'><style>{style}</style></head><body>"
    + "<div style='page-break-after:always'></div>".join(body) + "</body></html>", encoding="utf-8")
PY
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$out" "$html" 2>/dev/null
python3 -c "import re,sys; d=open(sys.argv[1],'rb').read(); print(sys.argv[1], len(re.findall(rb'/Type\s*/Page[^s]', d)), 'pages')" "$out"
