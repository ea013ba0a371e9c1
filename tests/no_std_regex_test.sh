#!/usr/bin/env bash
# ctest `no_std_regex`: regular expressions are RE2 only (harness/pattern).
# Fails when a C or C++ source anywhere in the tree (product, tests, fuzz,
# bench) includes <regex> or names the standard library's regex types or
# functions: libstdc++'s matcher recurses once per byte of the text and
# crashed the run on a 4.7 MB page. It first proves that it can fail: a
# planted file in a scratch tree must be caught.
# usage: no_std_regex_test.sh SOURCE_DIR
set -uo pipefail
src="${1:?usage: no_std_regex_test.sh SOURCE_DIR}"

pattern='#[[:space:]]*include[[:space:]]*<regex>|std::[A-Za-z_]*regex|std::w?[cs]match\b'

# scan DIR: the offending lines, as FILE:LINE:TEXT; status 0 when there are none.
scan() {
  local hits
  hits=$(find "$1" \( -name build -o -name .git -o -name node_modules \) -prune -o -type f \
           \( -name '*.cc' -o -name '*.h' -o -name '*.cpp' -o -name '*.hpp' -o -name '*.cxx' \
              -o -name '*.hh' -o -name '*.c' -o -name '*.inc' -o -name '*.ipp' \) -print0 |
         xargs -0 -r grep -nE "$pattern" --)
  [[ -z "$hits" ]] && return 0
  printf '%s\n' "$hits"
  return 1
}

scratch="$(mktemp -d)"; trap 'rm -rf "$scratch"' EXIT
status=0
for planted in '#include <regex>' '#  include<regex>' 'std::regex re("a");' \
               'auto it = std::sregex_iterator();' 'std::smatch m;'; do
  mkdir -p "$scratch/harness/x"
  printf 'int x;\n%s\n' "$planted" > "$scratch/harness/x/planted.cc"
  if scan "$scratch" >/dev/null; then
    echo "self-check failed: the scan missed: $planted"
    status=1
  fi
done

if ! scan "$src"; then
  echo "std::regex is not allowed: use RE2 through harness/pattern/pattern.h"
  status=1
fi
[[ $status -eq 0 ]] && echo "no std::regex in $src"
exit $status
