// Text helpers shared by the report writers and the campaign report of
// harness/netfuzz (library httpconform_text): UTF-8
// validation and repair, the one-character-per-byte encoding of raw bytes,
// escaping for HTML, XML and Markdown, and a readable rendering of wire bytes.
// Everything a server or a case file supplied passes through one of these
// before it reaches a report, so each writer's safety rests on this file.
// Bounds: every function is one forward pass, linear in its input, with no
// recursion, and writes at most a few bytes per input byte (\xNN, &#39;).
#ifndef HTTPCONFORM_REPORTS_TEXT_H_
#define HTTPCONFORM_REPORTS_TEXT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "harness/core/utf8.h"

namespace httpconform::reports {

// UTF-8 decoding and encoding (core/utf8.h), as the reports' own.
using core::AppendUtf8;
using core::DecodeUtf8;

/// Valid UTF-8 kept as is; every other byte 0xNN becomes U+00NN.
std::string SanitizeUtf8(std::string_view in);
/// Each byte 0xNN becomes U+00NN (ISO-8859-1), as UTF-8: exact and reversible.
std::string BytesToLatin1Utf8(std::string_view bytes);
/// Inverse of BytesToLatin1Utf8; nullopt on invalid UTF-8 or a code point above U+00FF.
std::optional<std::string> Latin1Utf8ToBytes(std::string_view text);

/// Sanitized, with & < > " ' as character references: safe in text and quoted attributes.
std::string HtmlEscape(std::string_view in);
/// Sanitized, with & < > " ' escaped and characters XML 1.0 forbids (§2.2) removed.
std::string XmlEscape(std::string_view in);
/// Sanitized, on one line, with Markdown and HTML punctuation neutralized (for table cells).
std::string MarkdownEscape(std::string_view in);

/// Wire bytes for people: printable text kept, CR/LF/TAB shown as \r \n \t
/// (a real line break follows each \n), any other control byte, invalid
/// UTF-8 byte or bidirectional-override character shown as \xNN or \u{NNNN}.
std::string ShowBytes(std::string_view bytes);
/// Text for people (reasons, messages, field values): as ShowBytes, except
/// that line breaks and tabs stay real and backslashes are not doubled.
std::string ShowText(std::string_view text);

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_TEXT_H_
