#!/usr/bin/env bash
# Fetch time, tidings against newsboat, on the same feeds served on 127.0.0.1, in one run,
# alternating: a first fetch (empty store / empty cache) and a second, unchanged one (each
# server answers 304 to the conditional GET). Both fetch 6 feeds at a time.
# Usage: benches/fetch_vs_newsboat.sh TIDINGS_BIN [N_ITEMS] [N_FEEDS] [RUNS]
# Needs python3 and newsboat (apt-get install newsboat). Feeds from ../shared/bench/gen_corpus.py
# (or GEN=path/to/gen_corpus.py). Prints the medians.
set -eu
BIN=$(realpath "$1") N=${2:-5000} K=${3:-100} R=${4:-5}
GEN=${GEN:-$(dirname "$0")/../../shared/bench/gen_corpus.py}
W=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null; rm -rf "$W"' EXIT
python3 "$GEN" "$W" "$N" "$K" >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 -d "$W/feeds" >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break; sleep 0.05; done
ls "$W/feeds" | grep '\.xml$' | sed "s|^|http://127.0.0.1:$PORT/|" > "$W/urls"
printf 'reload-threads 6\nshow-read-feeds yes\n' > "$W/nb.conf"
secs() { python3 - "$@" <<'PY'
import subprocess, sys, time
t = time.perf_counter(); r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(f"{time.perf_counter() - t:.3f}" if r.returncode == 0 else f"failed({r.returncode})")
PY
}
td1=(); td2=(); nb1=(); nb2=()
for i in $(seq "$R"); do
  H="$W/td$i"; mkdir -p "$H/config"
  while read -r u; do printf '[[feed]]\nurl = "%s"\n\n' "$u"; done < "$W/urls" > "$H/config/feeds.toml"
  TD=(env TIDINGS_CONFIG_DIR="$H/config" TIDINGS_DATA="$H/data" TIDINGS_CACHE="$H/cache" "$BIN" --articles "$H/articles" fetch)
  NB=(newsboat -u "$W/urls" -c "$W/nb$i.db" -C "$W/nb.conf" -x reload)
  td1+=("$(secs "${TD[@]}")"); nb1+=("$(secs "${NB[@]}")")
  td2+=("$(secs "${TD[@]}")"); nb2+=("$(secs "${NB[@]}")")
done
saved=$(find "$W/td1/articles" -name '*.md' | wc -l)
python3 - "${td1[*]}" "${td2[*]}" "${nb1[*]}" "${nb2[*]}" "$N" "$K" "$saved" <<'PY'
import statistics, sys
runs = [[float(x) for x in a.split()] for a in sys.argv[1:5]]
m = [statistics.median(r) for r in runs]
n, k, saved = sys.argv[5:8]
print(f"{k} feeds, {n} items on 127.0.0.1; tidings saved {saved} articles; medians of {len(runs[0])} runs")
print(f"first fetch:  tidings {m[0]:.3f}s  newsboat {m[2]:.3f}s  (tidings {runs[0]}, newsboat {runs[2]})")
print(f"second fetch: tidings {m[1]:.3f}s  newsboat {m[3]:.3f}s  (tidings {runs[1]}, newsboat {runs[3]})")
PY
