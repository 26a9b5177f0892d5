#!/usr/bin/env bash
# Build the wheel, install it into a fresh venv and run the seed end to end from a folder
# that is not the checkout: kg build, kg query with the saved queries, kg validate, an HTML
# document (trafilatura's path), pip check. Prints the wheel's and the install's sizes.
# Run by .ci/run; on its own: bash scripts/check-wheel.sh   (PYTHON=python3.11 to choose)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kg-wheel.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/src" "$WORK/dist" "$WORK/run"

# the tracked files only, so the build leaves nothing behind in the checkout
(cd "$ROOT" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$WORK/src"
"$PYTHON" -m venv "$WORK/venv"
VPY="$WORK/venv/bin/python"
"$VPY" -m pip install --quiet --upgrade pip
"$VPY" -m pip wheel --quiet --no-deps --wheel-dir "$WORK/dist" "$WORK/src"
WHEEL="$(ls "$WORK"/dist/conflict_kg-*.whl)"
"$VPY" -m pip install --quiet "$WHEEL"
"$VPY" -m pip check

KG="$WORK/venv/bin/kg"
cd "$WORK/run"
cp -r "$ROOT/seeds" seeds
"$KG" build seeds/ -o out/seeds.ttl
"$KG" query list_statements out/seeds.ttl --param speaker="Vitaliy Ganchev"
test "$("$KG" query --list | wc -l)" -eq "$(ls "$ROOT"/queries/*.rq | wc -l)"
"$KG" validate out/seeds.ttl
cat > page.html <<'HTML'
<html><head><title>Shelling in Kharkiv</title></head><body><nav>Home | World</nav>
<article><h1>Shelling in Kharkiv</h1><p>Russian forces shelled Kharkiv on Tuesday, the
regional governor said. "The city is under fire," he told Reuters. Ukrainian troops
repelled an attack near Izium, the General Staff of the Armed Forces of Ukraine said.</p>
</article><footer>Copyright</footer></body></html>
HTML
"$KG" build page.html --date 2022-09-13 -o out/page.ttl --validate
SITE="$("$VPY" -c 'import kg, pathlib; print(pathlib.Path(kg.__file__).parent)')"
case "$SITE" in "$ROOT"*) echo "kg was imported from the checkout: $SITE" >&2; exit 1 ;; esac
echo "wheel: $(basename "$WHEEL") $(du -k "$WHEEL" | cut -f1) KB;" \
  "installed kg/: $(du -sk "$SITE" | cut -f1) KB; the venv with every dependency:" \
  "$(du -sm "$WORK/venv" | cut -f1) MB"
