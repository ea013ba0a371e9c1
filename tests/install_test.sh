#!/usr/bin/env bash
# Installed like a real tool: `cmake --install` into a temporary prefix gives
# a binary that runs on its own (cases embedded: --version, demo, lint of a
# case file valid against the installed schema), its man page and the JSON
# Schemas; `cpack -G DEB` gives a package whose control data and contents
# dpkg-deb shows. With CI=true as root (a clean Debian 12 runner), the
# package is installed with apt-get and its binary run (scripts/test.sh).
# usage: install_test.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build="$1"; src="$2"
source "$src/tests/test_lib.sh"

prefix="$tmp/prefix"
cmake --install "$build" --prefix "$prefix" > "$tmp/install.txt" 2>&1
check "cmake --install" 0 $?
bin="$prefix/bin/httpconform"
schemas="$prefix/share/httpconform/schemas"
for f in "$bin" "$prefix/share/man/man1/httpconform.1" "$schemas/case.schema.json" \
         "$schemas/report.schema.json" "$prefix/share/doc/httpconform/case-format.md"; do
  if [[ -s "$f" ]]; then ok "installed ${f#$prefix/}"; else fail "not installed: ${f#$prefix/}"; fi
done

"$bin" --version > "$tmp/version.txt" 2>&1
check "installed --version" 0 $?
says "version line" "httpconform " "$tmp/version.txt"

# The man page is the binary's own help, every subcommand included.
man -l -P cat "$prefix/share/man/man1/httpconform.1" > "$tmp/man.txt" 2>/dev/null ||
  sed 's/^\.[A-Z]*//' "$prefix/share/man/man1/httpconform.1" > "$tmp/man.txt"
for sub in run list lint demo "fuzz merge"; do says "man page: $sub" "httpconform $sub" "$tmp/man.txt"; done
"$bin" run --help | grep -- '--fail-on' | head -n 1 | sed 's/^ *//' > "$tmp/flag.txt"
says "man page: run's --fail-on as --help prints it" "$(cat "$tmp/flag.txt")" "$tmp/man.txt"

# A user's case file, valid against the installed schema, lints clean with the
# installed binary; the same file with a misspelled fault does not.
cat > "$tmp/mine.json" <<'JSON'
{
  "cases": [
    {
      "id": "mine.405.allow.patch",
      "title": "A 405 to PATCH on a read-only resource carries Allow",
      "spec": {
        "rfc": 9110,
        "section": "15.5.6",
        "level": "MUST",
        "quote": "The origin server MUST generate an Allow header field in a 405 response containing a list of the target resource's currently supported methods."
      },
      "codes": [405],
      "vars": {"readonly": "/static/hello.txt"},
      "killed_by": ["405-without-allow"],
      "steps": [
        {
          "request": {"method": "PATCH", "target": "${readonly}"},
          "require": {"status": 405, "because": "PATCH on ${readonly} is not refused with 405"},
          "expect": {"status": 405, "header": "Allow"}
        }
      ]
    }
  ]
}
JSON
python3 "$src/scripts/validate_json_schema.py" "$schemas/case.schema.json" "$tmp/mine.json" > "$tmp/schema.txt" 2>&1
check "user case valid against the installed case.schema.json" 0 $?
"$bin" lint "$tmp/mine.json" > "$tmp/lint.txt" 2>&1
check "installed lint of a valid case file" 0 $?
sed 's/405-without-allow/405-without-alow/' "$tmp/mine.json" > "$tmp/typo.json"
"$bin" lint "$tmp/typo.json" > "$tmp/typo.txt" 2>&1
check "installed lint of a misspelled fault" 2 $?
says "lint suggests the fault" "405-without-allow" "$tmp/typo.txt"

# The whole library against the embedded reference server, from the install.
(cd "$tmp" && "$bin" demo --out "$tmp/demo" --jobs 4 > "$tmp/demo.txt" 2>&1)
check "installed demo" 0 $?
[[ -s "$tmp/demo/report.json" ]] && ok "demo wrote report.json" || fail "demo wrote no report.json"

# The Debian package: built from the same install rules, checked with dpkg-deb.
if command -v dpkg-deb > /dev/null && command -v cpack > /dev/null; then
  cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/deb" > "$tmp/cpack.txt" 2>&1
  check "cpack -G DEB" 0 $?
  deb=$(ls "$tmp"/deb/httpconform_*.deb 2>/dev/null | head -n 1)
  if [[ -n "$deb" ]]; then
    ok "package ${deb##*/}"
    dpkg-deb -I "$deb" > "$tmp/info.txt"
    says "deb: package name" "Package: httpconform" "$tmp/info.txt"
    for dep in libcurl4 libssl3 libre2- libstdc++6; do says "deb depends on $dep" "$dep" "$tmp/info.txt"; done
    dpkg-deb -c "$deb" > "$tmp/contents.txt"
    for f in ./usr/bin/httpconform ./usr/share/man/man1/httpconform.1 \
             ./usr/share/httpconform/schemas/case.schema.json ./usr/share/doc/httpconform/README.md; do
      says "deb contains $f" "$f" "$tmp/contents.txt"
    done
    if [[ "${CI:-}" == true && $(id -u) -eq 0 ]]; then
      # Removed again afterwards unless it was installed before.
      if ! dpkg-query -W -f='${Status}' httpconform 2>/dev/null | grep -q "install ok installed"; then
        on_exit+=("apt-get remove -y httpconform > /dev/null 2>&1")
      fi
      (cd "$tmp/deb" && apt-get install -y "./${deb##*/}") > "$tmp/apt.txt" 2>&1
      check "apt-get install ./${deb##*/}" 0 $?
      /usr/bin/httpconform --version > "$tmp/v.txt" 2>&1
      check "packaged httpconform --version" 0 $?
      /usr/bin/httpconform lint "$tmp/mine.json" > "$tmp/v.txt" 2>&1
      check "packaged httpconform lint" 0 $?
    else
      echo "skip: apt-get install of the package (only with CI=true as root)"
    fi
  else
    fail "cpack wrote no httpconform_*.deb:"; cat "$tmp/cpack.txt"
  fi
else
  echo "skip: the package check (no dpkg-deb or cpack)"
fi
finish
