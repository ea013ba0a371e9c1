#include "harness/runner/captures.h"

#include "harness/pattern/pattern.h"

namespace httpconform::runner {

std::optional<std::string> CaptureValue(const core::Capture& capture,
                                        const core::Response& response) {
  using Source = core::Capture::Source;
  switch (capture.source) {
    case Source::kStatus:
      return std::to_string(response.head.status);
    case Source::kHeader: {
      // Several field lines: their combined list value (RFC 9110 §5.3).
      std::vector<std::string> values = core::FieldValues(response.head.fields, capture.header);
      if (values.empty()) return std::nullopt;
      std::string value;
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) value += ", ";
        value += values[i];
      }
      return value;
    }
    case Source::kContentRegex:
    case Source::kHeaderRegex: {
      std::string_view text = response.content;
      if (capture.source == Source::kHeaderRegex) {
        const core::Field* f = core::FindField(response.head.fields, capture.header);
        if (f == nullptr) return std::nullopt;
        text = f->value;
      }
      // The loader refuses invalid patterns; one that slipped through finds nothing.
      auto pattern = pattern::Shared(capture.regex);
      if (!pattern) return std::nullopt;
      std::optional<std::string_view> found = (*pattern)->Capture(text);
      if (!found) return std::nullopt;
      return std::string(*found);
    }
  }
  return std::nullopt;
}

std::string ApplyCaptures(const std::vector<core::Capture>& captures,
                          const core::Response* response,
                          const std::function<void(const std::string&, const std::string&)>& set) {
  for (const core::Capture& c : captures) {
    std::optional<std::string> value =
        response != nullptr ? CaptureValue(c, *response) : std::nullopt;
    if (!value) return c.var;
    set(c.var, *value);
  }
  return "";
}

}  // namespace httpconform::runner
