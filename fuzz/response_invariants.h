// Invariants every parsed response must satisfy whatever the input, shared by
// the response fuzz targets. They restate the promises of response_parser.h:
// bounded memory (caps), non-fatal diagnostics recorded once per id, at most
// one fatal diagnostic and it is the last, field values trimmed and free of
// line terminators, and `complete` never set alongside a fatal diagnostic.
// The Dump() shown with a failure is built only when a check fails.
#ifndef HTTPCONFORM_FUZZ_RESPONSE_INVARIANTS_H_
#define HTTPCONFORM_FUZZ_RESPONSE_INVARIANTS_H_

#include <algorithm>
#include <cstddef>
#include <string>

#include "fuzz/fuzz_check.h"
#include "harness/core/message.h"
#include "harness/wire/response_parser.h"

namespace httpconform::fuzz {

/// Checks one field list against RFC 9110 §5.1/§5.5 as the parser promises it.
/// `nul_replaced`: a NUL was replaced with SP (RFC 9110 §5.5), which may leave
/// a value ending in SP. `dump` is a callable giving the text to show.
template <typename DumpFn>
inline void CheckFields(const core::Fields& fields, std::size_t max_fields, bool nul_replaced,
                        const DumpFn& dump) {
  CheckLazy(fields.size() <= max_fields, "more fields than the cap", dump);
  for (const core::Field& field : fields) {
    CheckLazy(!field.name.empty(), "empty field name kept", dump);
    CheckLazy(field.name.find_first_of(":\r\n") == std::string::npos, "':' or CR/LF in a name",
              dump);
    CheckLazy(field.value.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos,
              "CR, LF or NUL in a field value", dump);
    if (!field.value.empty() && !nul_replaced) {
      CheckLazy(field.value.front() != ' ' && field.value.front() != '\t' &&
                    field.value.back() != ' ' && field.value.back() != '\t',
                "field value not trimmed", dump);
    }
  }
}

/// CheckFields with a ready text.
inline void CheckFields(const core::Fields& fields, std::size_t max_fields, bool nul_replaced,
                        const std::string& dump) {
  CheckFields(fields, max_fields, nul_replaced, [&dump] { return dump; });
}

/// Checks `response`, parsed from `input_size` bytes with `limits`.
inline void CheckResponse(const core::Response& response, std::size_t input_size,
                          const wire::ParserLimits& limits) {
  const auto dump = [&response] { return wire::Dump(response); };
  const bool nul = core::FindDiagnostic(response.diagnostics, "field.invalid-char") != nullptr;
  const auto& diagnostics = response.diagnostics;
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    const core::Diagnostic& d = diagnostics[i];
    CheckLazy(d.offset <= input_size, "diagnostic offset past the input", dump);
    if (d.fatal) {
      CheckLazy(i + 1 == diagnostics.size(), "a diagnostic after a fatal one", dump);
      CheckLazy(!response.complete, "complete despite a fatal diagnostic", dump);
    } else {
      // Few diagnostics per response (once per id): a scan beats a set.
      for (std::size_t j = 0; j < i; ++j) {
        CheckLazy(diagnostics[j].fatal || diagnostics[j].id != d.id,
                  "non-fatal diagnostic recorded twice", dump);
      }
    }
  }
  CheckLazy(response.interim.size() <= limits.max_interim + 1, "more interim heads than the cap",
            dump);
  for (const core::ResponseHead& head : response.interim) {
    CheckLazy(head.status >= 100 && head.status <= 199 && head.status != 101, "interim not 1xx",
              dump);
    CheckFields(head.fields, limits.max_fields, nul, dump);
  }
  CheckFields(response.head.fields, limits.max_fields, nul, dump);
  CheckFields(response.trailers, limits.max_fields, nul, dump);
  CheckLazy(response.head.status >= 0 && response.head.status <= 999, "status out of 0..999", dump);
  CheckLazy(response.content.size() ==
                std::min<std::uint64_t>(response.content_size, limits.max_content_bytes),
            "kept content is not min(size, cap)", dump);
  CheckLazy(response.content_truncated == (response.content_size > limits.max_content_bytes),
            "content_truncated wrong", dump);
  CheckLazy(response.content_size <= input_size, "more content than input", dump);
  if (response.framing != core::Framing::kChunked) {
    CheckLazy(response.trailers.empty(), "trailers without chunked framing", dump);
  }
  if (response.complete) {
    CheckLazy(!response.head.version.empty(), "complete without a final head", dump);
  }
}

/// The invariants of CheckResponse that the parser's cheap views answer,
/// checked without building a core::Response (response_head: one parse per
/// input and nothing more). A failure shows the built response.
inline void CheckParserViews(const wire::ResponseParser& parser, std::size_t input_size,
                             const wire::ParserLimits& limits) {
  const auto dump = [&parser] { return wire::Dump(parser.response()); };
  const std::size_t count = parser.diagnostic_count();
  for (std::size_t i = 0; i < count; ++i) {
    const core::Diagnostic& d = parser.diagnostic(i);
    CheckLazy(d.offset <= input_size, "diagnostic offset past the input", dump);
    if (d.fatal) {
      CheckLazy(i + 1 == count, "a diagnostic after a fatal one", dump);
      CheckLazy(!parser.complete(), "complete despite a fatal diagnostic", dump);
    }
  }
  CheckLazy(parser.interim_count() <= limits.max_interim + 1, "more interim heads than the cap",
            dump);
  for (std::size_t i = 0; i < parser.interim_count(); ++i) {
    const int status = parser.interim_status(i);
    CheckLazy(status >= 100 && status <= 199 && status != 101, "interim not 1xx", dump);
  }
  CheckLazy(parser.field_count() <= limits.max_fields, "more fields than the cap", dump);
  CheckLazy(parser.status() >= 0 && parser.status() <= 999, "status out of 0..999", dump);
  CheckLazy(parser.content().size() ==
                std::min<std::uint64_t>(parser.content_size(), limits.max_content_bytes),
            "kept content is not min(size, cap)", dump);
  CheckLazy(parser.content_size() <= input_size, "more content than input", dump);
}

}  // namespace httpconform::fuzz

#endif  // HTTPCONFORM_FUZZ_RESPONSE_INVARIANTS_H_
