#!/usr/bin/env bash
# The wrong kind of target, found before the run (harness/cli/preflight.h),
# and certificate verification through the CLI. Every server runs on
# 127.0.0.1 and is stopped by PID:
#   - a TLS port given as http://, a plain port given as https://, an SSH
#     banner, binary noise, a server that never answers: exit 3 with one
#     line naming the cause, in bounded time (the never-answering one within
#     30 s with default flags);
#   - --http 2 against nginx without HTTP/2 (plain and TLS): exit 3, one line;
#     with HTTP/2 (h2 over TLS, h2c): the run goes ahead;
#   - a self-signed certificate: refused by default (exit 3, one line naming
#     --cacert and -k), accepted with --cacert and with -k, the choice
#     recorded in the report and used by replay;
#   - a target that stops answering during the run: stopped after
#     --max-timeouts silent cases, exit 3, reports written and incomplete.
# usage: target_kind_test.sh HTTPCONFORM_BINARY SOURCE_DIR
set -uo pipefail
bin="$1"; src="$2"
source "$src/tests/test_lib.sh"
on_exit+=('[[ -s "$tmp/ng/nginx.pid" ]] && kill "$(cat "$tmp/ng/nginx.pid")" 2>/dev/null')

odd() { start_fixture odd_server.py "$@"; }  # odd MODE [CERT KEY]: sets $port

# expect3 NAME PATTERN MAX_SECONDS ARGS...: exit 3, exactly one line on
# stderr matching PATTERN, nothing on stdout, within MAX_SECONDS.
expect3() {
  local name="$1" pattern="$2" max="$3"; shift 3
  local start end rc
  start=$(date +%s.%N)
  "$bin" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
  end=$(date +%s.%N)
  local took; took=$(python3 -c "print(f'{$end - $start:.1f}')")
  if [[ $rc -ne 3 ]]; then fail "$name: exit $rc, want 3"; cat "$tmp/err"; return; fi
  if [[ $(wc -l < "$tmp/err") -ne 1 ]]; then fail "$name: stderr is not one line:"; cat "$tmp/err"; return; fi
  grep -Eq -- "$pattern" "$tmp/err" || { fail "$name: \"$(cat "$tmp/err")\" does not match /$pattern/"; return; }
  [[ ! -s "$tmp/out" ]] || { fail "$name: wrote to stdout"; cat "$tmp/out"; return; }
  python3 -c "import sys; sys.exit(0 if $took <= $max else 1)" || { fail "$name: took $took s, bound $max s"; return; }
  ok "$name: exit 3 in $took s: $(cat "$tmp/err")"
}

# A self-signed certificate for 127.0.0.1 and localhost, made for this run.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null || { echo "openssl req failed"; exit 1; }

# --- TLS and plain ports swapped ---
odd tls "$tmp/cert.pem" "$tmp/key.pem"; tls_port=$port
odd http; http_port=$port
expect3 "TLS port given as http://" \
  "^httpconform: wrong kind of target: 127\.0\.0\.1:$tls_port speaks TLS, not plain HTTP; use https://127\.0\.0\.1:$tls_port/$" \
  10 run "http://127.0.0.1:$tls_port/"
expect3 "plain port given as https://" \
  "^httpconform: wrong kind of target: 127\.0\.0\.1:$http_port speaks plain HTTP, not TLS; use http://127\.0\.0\.1:$http_port/$" \
  10 run "https://127.0.0.1:$http_port/"

# --- Not HTTP at all ---
odd banner
expect3 "SSH banner" "is not an HTTP/1\.1 server: it answered GET / with \"SSH-2\.0-OpenSSH_9\.2p1 Debian-2\"$" \
  10 run "http://127.0.0.1:$port/"
expect3 "SSH banner given as https://" "is not an HTTP server: it answered \"SSH-2\.0-OpenSSH" \
  10 run "https://127.0.0.1:$port/"
odd garbage
expect3 "binary noise" 'is not an HTTP/1\.1 server: it answered GET / with "\\x00\\x01\\x02garbage' \
  10 run "http://127.0.0.1:$port/"

# --- Accepts and never answers (the must-show: default flags, exit 3 within 30 s) ---
odd silent; silent_port=$port
expect3 "never answers, default flags" \
  "^httpconform: target never answers: 127\.0\.0\.1:$silent_port accepted the connection but sent nothing within 10 s \(--timeout\)" \
  30 run "http://127.0.0.1:$silent_port/"
# Without the preflight, discovery's probes time out and the run stops there.
expect3 "never answers, --no-preflight: discovery stops it" \
  "^httpconform: target never answers: every discovery probe waited out its deadline" \
  10 run "http://127.0.0.1:$silent_port/" --no-preflight --timeout 1

# --- Stops answering during the run: --max-timeouts ---
# Two connections answered: the preflight's connect check and its GET.
odd stall-after=2
total=$("$bin" list --only conditional. --only range. | tail -n1 | awk '{print $1}')
start=$(date +%s)
"$bin" run "http://127.0.0.1:$port/" --no-discover --only conditional. --only range. --timeout 0.5 \
  --jobs 2 --max-timeouts 4 --report "json:$tmp/stalled.json" --report "markdown:$tmp/stalled.md" \
  >"$tmp/out" 2>"$tmp/err"; rc=$?
took=$(( $(date +%s) - start ))
[[ $rc -eq 3 ]] && ok "stalled target: exit 3 in ${took}s" || { fail "stalled target: exit $rc, want 3"; cat "$tmp/err"; }
grep -q "stopped early: 4 cases in a row got no byte from the server" "$tmp/err" ||
  fail "stalled target: stderr does not say it stopped early: $(cat "$tmp/err")"
python3 - "$tmp/stalled.json" "$total" <<'PY' || fail "stalled target: report"
import json, sys
r = json.load(open(sys.argv[1]))
total = int(sys.argv[2])
assert r["incomplete"] is True, "not marked incomplete"
assert r["stop_reason"].startswith("stopped early: 4 cases in a row"), r.get("stop_reason")
assert 4 <= len(r["results"]) < total, f'{len(r["results"])} results of {total}'
print(f'ok: stalled target: report incomplete, {len(r["results"])} of {total} cases, stop_reason recorded')
PY
grep -q "This run stopped early" "$tmp/stalled.md" || fail "stalled target: Markdown does not say it stopped early"
(( took <= 20 )) || fail "stalled target: took ${took}s"

# --- Certificates: verified by default, --cacert, -k ---
https="https://127.0.0.1:$tls_port/"
expect3 "self-signed refused by default" \
  "^httpconform: TLS certificate of 127\.0\.0\.1:$tls_port not accepted: certificate verify failed: self-signed certificate; trust it with --cacert FILE, or skip verification with -k/--insecure$" \
  10 run "$https"
"$bin" run "$https" --cacert "$tmp/cert.pem" --only conditional.if-none-match.304 \
  --report "json:$tmp/cacert.json" >"$tmp/out" 2>&1; rc=$?
[[ $rc -eq 0 || $rc -eq 1 ]] && ok "--cacert: the run ran (exit $rc)" || { fail "--cacert: exit $rc"; cat "$tmp/out"; }
"$bin" run "$https" -k --only conditional.if-none-match.304 --report "json:$tmp/insecure.json" \
  >"$tmp/out" 2>&1; rc=$?
[[ $rc -eq 0 || $rc -eq 1 ]] && ok "-k: the run ran (exit $rc)" || { fail "-k: exit $rc"; cat "$tmp/out"; }
python3 - "$tmp/cacert.json" "$tmp/insecure.json" "$tmp/cert.pem" <<'PY' || fail "reports do not record verification"
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert a["settings"]["tls"] == {"verify": True, "ca_file": sys.argv[3]}, a["settings"]["tls"]
assert b["settings"]["tls"] == {"verify": False, "ca_file": ""}, b["settings"]["tls"]
print("ok: the reports record verification on (with the CA file) and off")
PY
"$bin" run "https://localhost:$tls_port/" --cacert "$tmp/cert.pem" --only conditional.if-none-match.304 \
  >"$tmp/out" 2>&1; rc=$?
[[ $rc -eq 0 || $rc -eq 1 ]] && ok "--cacert with a host name (SNI, name check)" || { fail "--cacert localhost: exit $rc"; cat "$tmp/out"; }
# A certificate trusted but for another name: refused.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj /CN=other.example -addext "subjectAltName=DNS:other.example" \
  -keyout "$tmp/other-key.pem" -out "$tmp/other.pem" 2>/dev/null
odd tls "$tmp/other.pem" "$tmp/other-key.pem"
expect3 "trusted certificate for another name" "not accepted: certificate verify failed: IP address mismatch" \
  10 run "https://127.0.0.1:$port/" --cacert "$tmp/other.pem"
"$bin" run "$https" --cacert "$tmp/no-such.pem" >"$tmp/out" 2>"$tmp/err"; rc=$?
[[ $rc -eq 2 ]] && grep -q -- "--cacert" "$tmp/err" && ok "unreadable --cacert: exit 2" || { fail "unreadable --cacert: exit $rc"; cat "$tmp/err"; }
# Replay checks the certificate as the run did: -k recorded, no -k needed.
"$bin" replay "$tmp/insecure.json" conditional.if-none-match.304 >"$tmp/out" 2>&1; rc=$?
[[ $rc -eq 0 || $rc -eq 1 ]] && grep -q "TLS verification off" "$tmp/out" && ok "replay uses the recorded -k" ||
  { fail "replay of an -k run: exit $rc"; cat "$tmp/out"; }
"$bin" replay "$tmp/cacert.json" conditional.if-none-match.304 >"$tmp/out" 2>&1; rc=$?
[[ $rc -eq 0 || $rc -eq 1 ]] && grep -q "curl --http1.1 -i --cacert '$tmp/cert.pem'" "$tmp/out" &&
  ok "replay uses the recorded --cacert, and so does its reproducer" || { fail "replay of a --cacert run: exit $rc"; cat "$tmp/out"; }

# --- --http 2 against servers with and without HTTP/2 (nginx) ---
if command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]]; then
  nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
  mkdir -p "$tmp/ng/tmp" "$tmp/ng/root"
  echo hello > "$tmp/ng/root/index.html"
  ports=()
  for _ in 1 2 3 4; do ports+=("$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"); done
  cert="ssl_certificate $tmp/cert.pem; ssl_certificate_key $tmp/key.pem;"
  cat > "$tmp/ng/nginx.conf" <<CONF
worker_processes 1;
daemon on;
pid $tmp/ng/nginx.pid;
error_log $tmp/ng/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $tmp/ng/tmp/body;
  proxy_temp_path $tmp/ng/tmp/proxy;
  fastcgi_temp_path $tmp/ng/tmp/fastcgi;
  uwsgi_temp_path $tmp/ng/tmp/uwsgi;
  scgi_temp_path $tmp/ng/tmp/scgi;
  server { listen 127.0.0.1:${ports[0]}; root $tmp/ng/root; }
  server { listen 127.0.0.1:${ports[1]} ssl; $cert root $tmp/ng/root; }
  server { listen 127.0.0.1:${ports[2]} ssl http2; $cert root $tmp/ng/root; }
  server { listen 127.0.0.1:${ports[3]} http2; root $tmp/ng/root; }
}
CONF
  "$nginx_bin" -c "$tmp/ng/nginx.conf" -p "$tmp/ng" -e "$tmp/ng/error.log" 2>/dev/null
  for _ in $(seq 50); do [[ -s "$tmp/ng/nginx.pid" ]] && break; sleep 0.1; done
  if [[ -s "$tmp/ng/nginx.pid" ]]; then
    only=(--only conditional.if-none-match.304 --cacert "$tmp/cert.pem")
    expect3 "--http 2 against HTTP/1.1-only nginx (h2c)" \
      "^httpconform: wrong kind of target: 127\.0\.0\.1:${ports[0]} does not offer HTTP/2 with prior knowledge \(h2c\): it answered the HTTP/2 connection preface with \"HTTP/1\.1 400 Bad Request\"; use --http 1\.1$" \
      10 run "http://127.0.0.1:${ports[0]}/" --http 2 "${only[@]}"
    expect3 "--http 2 against HTTP/1.1-only nginx (TLS)" \
      "^httpconform: wrong kind of target: 127\.0\.0\.1:${ports[1]} does not offer HTTP/2: TLS ALPN did not select h2 \(it refused a handshake offering only h2\); use --http 1\.1$" \
      10 run "https://127.0.0.1:${ports[1]}/" --http 2 "${only[@]}"
    expect3 "nginx TLS port given as http:// (it answers 400 in plain HTTP)" \
      "speaks TLS, not plain HTTP; use https://127\.0\.0\.1:${ports[1]}/$" \
      10 run "http://127.0.0.1:${ports[1]}/" "${only[@]}"
    for u in "https://127.0.0.1:${ports[2]}/" "http://127.0.0.1:${ports[3]}/"; do
      "$bin" run "$u" --http 2 "${only[@]}" >"$tmp/out" 2>&1; rc=$?
      [[ $rc -eq 0 || $rc -eq 1 ]] && ok "--http 2 against nginx with HTTP/2 ($u): the run ran" ||
        { fail "--http 2 against $u: exit $rc"; cat "$tmp/out"; }
    done
    expect3 "h2c-only nginx without --http 2" "answered GET / with an HTTP/2 frame: it speaks HTTP/2 only; try --http 2$" \
      10 run "http://127.0.0.1:${ports[3]}/" "${only[@]}"
  else
    fail "nginx did not start: $(cat "$tmp/ng/error.log" 2>/dev/null)"
  fi
else
  echo "skip: nginx not installed (scripts/install-deps.sh test)"
fi

finish
