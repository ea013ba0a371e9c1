#!/usr/bin/env python3
"""ctest `cflite_workflows`: the ClusterFuzzLite workflows and the OSS-Fuzz
project files are well formed and complete.

Checks, for .github/workflows/cflite_*.yml (parsed with PyYAML):
  - each has a name, a trigger and jobs; each job runs on a runner and has steps;
  - every step uses google/clusterfuzzlite/actions/{build_fuzzers,run_fuzzers}
    at one pinned ref, a run step comes after a build step in the same job,
    and both name the same sanitizer (coverage mode: the coverage build);
  - run steps have a known mode, integer fuzz-seconds and the GitHub token;
  - the four modes the project relies on are all there: code-change on pull
    requests, batch and prune and coverage on a schedule, and a push build
    that uploads for code-change fuzzing;
  - every step that reads or writes the corpus names the same storage
    repository and branches (the persisted corpus);
  - builds use the language of .clusterfuzzlite/project.yaml, and sanitizers
    it lists (or coverage).
For fuzz/oss-fuzz/: project.yaml has the keys OSS-Fuzz requires, the
Dockerfile starts from base-builder and clones the project and its
dependencies, and build.sh runs the project's ClusterFuzzLite build.

usage: cflite_workflows_test.py SOURCE_DIR
"""
import pathlib
import re
import sys

import yaml

ACTIONS = "google/clusterfuzzlite/actions/"
MODES = {"code-change", "batch", "prune", "coverage"}
STORAGE_KEYS = ("storage-repo", "storage-repo-branch", "storage-repo-branch-coverage")

failures = []


def fail(where, what):
    failures.append(f"{where}: {what}")


def triggers(doc):
    # YAML 1.1 reads the bare key `on` as the boolean True.
    value = doc.get("on", doc.get(True))
    if isinstance(value, str):
        return {value: None}
    if isinstance(value, list):
        return {k: None for k in value}
    return value or {}


def check_workflow(path, project_language, project_sanitizers, seen):
    where = path.name
    doc = yaml.safe_load(path.read_text())
    if not isinstance(doc, dict):
        fail(where, "not a YAML mapping")
        return
    for key in ("name", "jobs"):
        if key not in doc:
            fail(where, f"no '{key}'")
    on = triggers(doc)
    if not on:
        fail(where, "no trigger ('on')")
    if doc.get("permissions") not in ("read-all", {"contents": "read"}):
        fail(where, "permissions must be read-only (read-all)")
    refs = set()
    for job_name, job in (doc.get("jobs") or {}).items():
        jw = f"{where} job {job_name}"
        if "runs-on" not in job:
            fail(jw, "no 'runs-on'")
        steps = job.get("steps") or []
        if not steps:
            fail(jw, "no steps")
        matrix = ((job.get("strategy") or {}).get("matrix") or {}).get("sanitizer")
        build_sanitizer = None
        for step in steps:
            uses = step.get("uses", "")
            if not uses.startswith(ACTIONS) or "@" not in uses:
                fail(jw, f"step '{step.get('name')}' does not use a pinned ClusterFuzzLite action")
                continue
            action, ref = uses[len(ACTIONS):].split("@", 1)
            refs.add(ref)
            args = step.get("with") or {}
            sanitizer = args.get("sanitizer")
            if sanitizer is None:
                fail(jw, f"{action} names no sanitizer")
            elif sanitizer == "${{ matrix.sanitizer }}":
                if not matrix:
                    fail(jw, "matrix.sanitizer used without a matrix")
                sanitizers = list(matrix or [])
            else:
                sanitizers = [sanitizer]
            if action == "build_fuzzers":
                if args.get("language") != project_language:
                    fail(jw, f"language {args.get('language')!r}, project.yaml says "
                         f"{project_language!r}")
                for s in sanitizers:
                    if s != "coverage" and s not in project_sanitizers:
                        fail(jw, f"sanitizer {s} not in .clusterfuzzlite/project.yaml")
                build_sanitizer = sanitizer
                if args.get("upload-build"):
                    seen.add(("upload-build", tuple(on)))
                    check_storage(jw, args, seen)
            elif action == "run_fuzzers":
                if build_sanitizer is None:
                    fail(jw, "run_fuzzers before any build_fuzzers")
                elif build_sanitizer != sanitizer:
                    fail(jw, f"built with {build_sanitizer}, run with {sanitizer}")
                mode = args.get("mode")
                if mode not in MODES:
                    fail(jw, f"mode {mode!r} is not one of {sorted(MODES)}")
                if mode == "coverage" and sanitizer != "coverage":
                    fail(jw, "coverage mode needs the coverage build")
                if not isinstance(args.get("fuzz-seconds"), int) or args["fuzz-seconds"] <= 0:
                    fail(jw, "fuzz-seconds must be a positive integer")
                if args.get("github-token") != "${{ secrets.GITHUB_TOKEN }}":
                    fail(jw, "run_fuzzers needs github-token: ${{ secrets.GITHUB_TOKEN }}")
                check_storage(jw, args, seen)
                seen.add((mode, tuple(on)))
            else:
                fail(jw, f"unknown action {action}")
    if len(refs) > 1:
        fail(where, f"actions at several refs: {sorted(refs)}")


def check_storage(where, args, seen):
    storage = tuple(args.get(k) for k in STORAGE_KEYS)
    if None in storage:
        fail(where, f"the persisted corpus needs {', '.join(STORAGE_KEYS)}")
        return
    seen.add(("storage", storage))


def check_oss_fuzz(src):
    d = src / "fuzz" / "oss-fuzz"
    missing = [n for n in ("project.yaml", "Dockerfile", "build.sh") if not (d / n).is_file()]
    for name in missing:
        fail("fuzz/oss-fuzz", f"no {name}")
    if missing:
        return
    project = yaml.safe_load((d / "project.yaml").read_text())
    for key in ("homepage", "language", "primary_contact", "main_repo", "sanitizers",
                "fuzzing_engines"):
        if not project.get(key):
            fail("oss-fuzz/project.yaml", f"no '{key}'")
    if project.get("language") != "c++":
        fail("oss-fuzz/project.yaml", "language must be c++")
    docker = (d / "Dockerfile").read_text()
    if not re.search(r"^FROM gcr\.io/oss-fuzz-base/base-builder\b", docker, re.M):
        fail("oss-fuzz/Dockerfile", "must start FROM gcr.io/oss-fuzz-base/base-builder")
    if str(project.get("main_repo")) not in docker:
        fail("oss-fuzz/Dockerfile", "does not clone main_repo")
    if "fuzz/oss_fuzz_deps.sh" not in docker:
        fail("oss-fuzz/Dockerfile", "does not fetch the dependencies (fuzz/oss_fuzz_deps.sh)")
    if not re.search(r"^COPY build\.sh \$SRC/", docker, re.M):
        fail("oss-fuzz/Dockerfile", "does not copy build.sh to $SRC/")
    build = (d / "build.sh").read_text()
    if ".clusterfuzzlite/build.sh" not in build:
        fail("oss-fuzz/build.sh", "does not run .clusterfuzzlite/build.sh")
    cfl = (src / ".clusterfuzzlite" / "Dockerfile").read_text()
    if "fuzz/oss_fuzz_deps.sh" not in cfl:
        fail(".clusterfuzzlite/Dockerfile", "does not fetch the dependencies (fuzz/oss_fuzz_deps.sh)")


def main():
    src = pathlib.Path(sys.argv[1])
    project = yaml.safe_load((src / ".clusterfuzzlite" / "project.yaml").read_text())
    workflows = sorted((src / ".github" / "workflows").glob("cflite_*.yml"))
    if not workflows:
        fail(".github/workflows", "no cflite_*.yml")
    seen = set()
    for path in workflows:
        check_workflow(path, project.get("language"), project.get("sanitizers") or [], seen)
    modes = {m: on for m, on in seen if m != "storage"}
    wanted = {"code-change": "pull_request", "batch": "schedule", "prune": "schedule",
              "coverage": "schedule", "upload-build": "push"}
    for mode, trigger in wanted.items():
        if not any(m == mode and trigger in on for m, on in seen):
            fail(".github/workflows", f"no {mode} run triggered by {trigger}")
    storages = {s for m, s in seen if m == "storage"}
    if len(storages) != 1:
        fail(".github/workflows", f"the workflows must share one corpus storage, not {storages}")
    check_oss_fuzz(src)
    for f in failures:
        print("FAIL:", f)
    if not failures:
        print(f"ok: {len(workflows)} workflows, modes {sorted(m for m in modes)}, oss-fuzz files")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
