// render_sample DIR: writes the sample run (sample_run.h) in every format,
// plus an empty run and the sample run over two HTTP versions, into DIR, through WriteReport. ctest
// then validates the JSON files against report.schema.json with scripts/validate_json_schema.py, so
// the schema and the writer cannot drift apart unnoticed.
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "reports/report.h"
#include "reports/sample_run.h"

int main(int argc, char** argv) {
  using httpconform::reports::WriteReport;
  if (argc != 2) {
    std::fprintf(stderr, "usage: render_sample DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  if (::mkdir(dir.c_str(), 0777) != 0 && errno != EEXIST) {
    std::fprintf(stderr, "render_sample: %s: %s\n", dir.c_str(), std::strerror(errno));
    return 1;
  }
  const httpconform::core::RunResult sample = httpconform::reports::MakeSampleRunForTesting();
  const httpconform::core::RunResult dual = httpconform::reports::MakeDualRunForTesting();
  httpconform::core::RunResult empty;
  empty.tool_version = "0.1.0";
  const struct {
    const char* format;
    const char* file;
    const httpconform::core::RunResult* run;
  } outputs[] = {{"json", "sample.json", &sample},   {"html", "sample.html", &sample},
                 {"markdown", "sample.md", &sample}, {"junit", "sample.xml", &sample},
                 {"json", "empty.json", &empty},     {"html", "empty.html", &empty},
                 {"sarif", "sample.sarif", &sample}, {"ndjson", "sample.ndjson", &sample},
                 {"junit", "empty.xml", &empty},     {"sarif", "empty.sarif", &empty},
                 {"ndjson", "empty.ndjson", &empty}, {"json", "dual.json", &dual},
                 {"ndjson", "dual.ndjson", &dual},   {"junit", "dual.xml", &dual}};
  for (const auto& o : outputs) {
    const auto written = WriteReport(o.format, dir + "/" + o.file, *o.run);
    if (!written) {
      std::fprintf(stderr, "render_sample: %s: %s\n", written.error().code.c_str(),
                   written.error().message.c_str());
      return 1;
    }
  }
  return 0;
}
