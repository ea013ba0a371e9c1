#!/bin/sh
# Writes the httpconform(1) man page from the binary's own --help: the
# program's help, then each subcommand's (and theirs, e.g. `fuzz merge`) as
# it prints it, so the page cannot drift from the flags. Run by the build
# (harness/cli/CMakeLists.txt) after the binary is linked.
# usage: scripts/man_page.sh BINARY VERSION OUTPUT
set -eu
bin="$1"
version="$2"
out="$3"

# The names listed under "Subcommands:" of one help text.
subcommands() {
  "$bin" "$@" --help | awk '
    /^Subcommands:/ { on = 1; next }
    on && /^[^ ]/ { on = 0 }
    on && /^  [a-z][a-z0-9-]* / { print $1 }'
}

# Help text as roff: no-fill, backslashes escaped, no line read as a request.
verbatim() {
  printf '.nf\n'
  sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"
  printf '.fi\n'
}

# One subsection per command, depth first.
section() {
  printf '.SS "httpconform %s"\n' "$*"
  "$bin" "$@" --help | verbatim
  for sub in $(subcommands "$@"); do
    section "$@" "$sub"
  done
}

tmp="$out.tmp"
{
  summary=$("$bin" --help | head -n 1 | sed -e 's/^httpconform: //' -e 's/\\/\\e/g')
  printf '.TH HTTPCONFORM 1 "" "httpconform %s" "User Commands"\n' "$version"
  printf '.SH NAME\nhttpconform \\- %s\n' "$summary"
  printf '.SH SYNOPSIS\n.B httpconform\n.I SUBCOMMAND\n[\\fIOPTIONS\\fR]\n'
  printf '.SH DESCRIPTION\n'
  "$bin" --help | tail -n +2 | verbatim
  printf '.SH COMMANDS\n'
  for sub in $(subcommands); do
    section "$sub"
  done
  printf '.SH "SEE ALSO"\n'
  printf 'Under the installation prefix (\\fI/usr\\fR for the Debian package): the JSON Schemas\n'
  printf 'of case files and reports in\n.IR share/httpconform/schemas ,\n'
  printf 'the README, the case format and the verdict rules in\n.IR share/doc/httpconform .\n'
} >"$tmp"
mv "$tmp" "$out"
