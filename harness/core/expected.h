// Expected<T>: a value or an Error, returned across module boundaries instead
// of throwing. Modelled on std::expected (C++23), reduced to what we use: a
// caller checks has_value() (or the bool conversion), then reads value() or
// error(). Expected<void> carries only success or an Error.
#ifndef HTTPCONFORM_CORE_EXPECTED_H_
#define HTTPCONFORM_CORE_EXPECTED_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace httpconform::core {

/// A failure: a stable machine-readable code and a message for people.
struct Error {
  std::string code;     ///< e.g. "connect", "timeout", "case-file", "usage".
  std::string message;  ///< One line, already saying where (file:line:col, host:port).
};

/// Builds an Error; `Unexpected` reads well at return sites.
inline Error MakeError(std::string code, std::string message) {
  return Error{std::move(code), std::move(message)};
}

/// A value of type T, or an Error.
template <typename T>
class Expected {
 public:
  Expected(T value) : data_(std::move(value)) {}      // NOLINT: implicit by design.
  Expected(Error error) : data_(std::move(error)) {}  // NOLINT: implicit by design.

  bool has_value() const { return data_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    assert(has_value());
    return std::get<0>(data_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(data_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(data_));
  }
  const Error& error() const {
    assert(!has_value());
    return std::get<1>(data_);
  }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> data_;
};

/// Success or an Error, with no value.
template <>
class Expected<void> {
 public:
  Expected() = default;
  Expected(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design.

  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_EXPECTED_H_
