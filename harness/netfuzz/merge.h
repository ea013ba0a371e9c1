// `httpconform fuzz merge DIR...`: joins the findings of several campaigns
// (the shards of one, or runs on several machines) into one directory, each
// minimized reproducer once. See merge.cc.
#ifndef HTTPCONFORM_NETFUZZ_MERGE_H_
#define HTTPCONFORM_NETFUZZ_MERGE_H_

#include <string>
#include <vector>

#include "harness/core/expected.h"

namespace httpconform::netfuzz {

/// What a merge did.
struct MergeResult {
  int findings = 0;               ///< <id>.json + <id>.bin pairs read.
  std::vector<std::string> kept;  ///< Ids written to the output, in order.
  /// "DIR/<id> = <kept id>": findings whose reproducer was already kept.
  std::vector<std::string> duplicates;
};

/// Reads the findings (<id>.bin, <id>.json as `httpconform fuzz --out`
/// writes them) of every directory in `dirs`, in order and by name within a
/// directory, and copies into `out_dir` the first finding of each distinct
/// minimized reproducer: the bytes sent and how they were cut into timed
/// segments (the case file's request). Errors ("usage"): a directory that
/// cannot be read, a finding without its pair or with a case file that is
/// not one, an output that cannot be written.
core::Expected<MergeResult> MergeFindings(const std::vector<std::string>& dirs,
                                          const std::string& out_dir);

}  // namespace httpconform::netfuzz

#endif  // HTTPCONFORM_NETFUZZ_MERGE_H_
