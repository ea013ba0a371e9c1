// Exit codes of the httpconform command (a stable contract: CI scripts branch on them).
#ifndef HTTPCONFORM_CLI_EXIT_CODES_H_
#define HTTPCONFORM_CLI_EXIT_CODES_H_

namespace httpconform::cli {

inline constexpr int kExitOk = 0;           ///< No failure at the --fail-on level.
inline constexpr int kExitFailures = 1;     ///< Conformance failures (or errors) at that level.
inline constexpr int kExitUsage = 2;        ///< Bad flags or an invalid case file.
inline constexpr int kExitUnreachable = 3;  ///< The target could not be reached.
inline constexpr int kExitSigint = 130;     ///< Interrupted by SIGINT (reports still written).
inline constexpr int kExitSigterm = 143;    ///< Terminated by SIGTERM (reports still written).

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_EXIT_CODES_H_
