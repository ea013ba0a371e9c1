#include "reports/text.h"

#include <cstdio>

namespace httpconform::reports {
namespace {

// Bidirectional embedding, override and isolate controls: shown escaped so
// that server text cannot visually reorder a transcript ("Trojan Source").
bool IsBidiControl(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
         cp == 0x200F;
}

void AppendHexByte(unsigned char b, std::string* out) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02X", b);
  out->append(buf);
}

}  // namespace

std::string SanitizeUtf8(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size();) {
    char32_t cp;
    const std::size_t len = DecodeUtf8(in, i, &cp);
    if (len == 0) {
      AppendUtf8(static_cast<unsigned char>(in[i]), &out);
      ++i;
    } else {
      out.append(in.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string BytesToLatin1Utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (char c : bytes) AppendUtf8(static_cast<unsigned char>(c), &out);
  return out;
}

std::optional<std::string> Latin1Utf8ToBytes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp;
    const std::size_t len = DecodeUtf8(text, i, &cp);
    if (len == 0 || cp > 0xFF) return std::nullopt;
    out.push_back(static_cast<char>(cp));
    i += len;
  }
  return out;
}

std::string HtmlEscape(std::string_view in) {
  const std::string clean = SanitizeUtf8(in);
  std::string out;
  out.reserve(clean.size());
  for (char c : clean) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\0':
        // HTML parsers drop or replace NUL; show it instead of losing it.
        out += "&#xFFFD;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string XmlEscape(std::string_view in) {
  const std::string clean = SanitizeUtf8(in);
  std::string out;
  out.reserve(clean.size());
  for (std::size_t i = 0; i < clean.size();) {
    char32_t cp;
    const std::size_t len = DecodeUtf8(clean, i, &cp);  // Never 0: clean is valid UTF-8.
    // XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    const bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                         (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
    if (allowed) {
      switch (cp) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&apos;";
          break;
        default:
          out.append(clean, i, len);
      }
    }
    i += len;
  }
  return out;
}

std::string MarkdownEscape(std::string_view in) {
  const std::string clean = SanitizeUtf8(in);
  std::string out;
  out.reserve(clean.size());
  for (char c : clean) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
      case '\n':
      case '\t':
        out.push_back(' ');
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '#':
      case '!':
      case '~':
        // CommonMark §2.4: any ASCII punctuation may be backslash-escaped.
        out.push_back('\\');
        out.push_back(c);
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out.push_back(' ');
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

namespace {

std::string Show(std::string_view bytes, bool text) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (std::size_t i = 0; i < bytes.size();) {
    char32_t cp;
    const std::size_t len = DecodeUtf8(bytes, i, &cp);
    const unsigned char b = static_cast<unsigned char>(bytes[i]);
    if (len == 0) {
      AppendHexByte(b, &out);
      ++i;
      continue;
    }
    if (text && (cp == '\n' || cp == '\t' || cp == '\\')) {
      out.push_back(static_cast<char>(cp));
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\n') {
      out += "\\n\n";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\\') {
      out += "\\\\";  // So that a literal "\x41" in the data is not read as an escape.
    } else if (cp < 0x20 || cp == 0x7F) {
      AppendHexByte(b, &out);
    } else if ((cp >= 0x80 && cp < 0xA0) || IsBidiControl(cp) || cp == 0x2028 || cp == 0x2029 ||
               cp == 0xFEFF) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(bytes.substr(i, len));
    }
    i += len;
  }
  return out;
}

}  // namespace

std::string ShowBytes(std::string_view bytes) { return Show(bytes, /*text=*/false); }

std::string ShowText(std::string_view text) { return Show(text, /*text=*/true); }

}  // namespace httpconform::reports
