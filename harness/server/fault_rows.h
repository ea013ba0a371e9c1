// The fault table's rows, in two parts (faults.cc, fault_rows_later.cc) that
// AllFaults() joins and checks against the Fault enum. Internal to the faults
// library.
#ifndef HTTPCONFORM_SERVER_FAULT_ROWS_H_
#define HTTPCONFORM_SERVER_FAULT_ROWS_H_

#include <cstddef>

#include "harness/server/faults.h"

namespace httpconform::server {

struct FaultRow {
  Fault fault;
  const char* name;
  const char* description;
  const char* rule;
};

struct FaultRows {
  const FaultRow* rows;
  std::size_t size;
};

FaultRows FirstFaultRows();  // faults.cc
FaultRows LaterFaultRows();  // fault_rows_later.cc

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_FAULT_ROWS_H_
