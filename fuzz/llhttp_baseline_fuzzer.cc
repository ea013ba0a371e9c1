// Not a target of ours: the baseline for fuzzing throughput (issue 8). llhttp
// 8.1 built exactly like our targets (ASan+UBSan, coverage instrumentation,
// libFuzzer), parsing each input as a response stream with callbacks that do
// nothing, then llhttp_finish() for the EOF, as a parser's own fuzz harness
// does. bench/fuzz_exec_rate.sh runs it beside response_head, with the same
// seeds, dictionary, max_len, seed and duration, and prints the ratio. It is
// left out of the smoke test and of the OSS-Fuzz packaging.
#include <llhttp.h>

#include <cstddef>
#include <cstdint>

namespace {

int NoData(llhttp_t*, const char*, std::size_t) { return 0; }
int NoEvent(llhttp_t*) { return 0; }

const llhttp_settings_t& Settings() {
  static const llhttp_settings_t settings = [] {
    llhttp_settings_t s;
    llhttp_settings_init(&s);
    s.on_message_begin = NoEvent;
    s.on_status = NoData;
    s.on_header_field = NoData;
    s.on_header_value = NoData;
    s.on_headers_complete = NoEvent;
    s.on_body = NoData;
    s.on_message_complete = NoEvent;
    return s;
  }();
  return settings;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16 * 1024) return -1;  // response_head's cap, for like-for-like runs.
  llhttp_t parser;
  llhttp_init(&parser, HTTP_RESPONSE, &Settings());
  llhttp_execute(&parser, reinterpret_cast<const char*>(data), size);
  llhttp_finish(&parser);
  return 0;
}
