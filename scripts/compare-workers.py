#!/usr/bin/env python3
"""Send the same Python-worker contract requests to two services and report the differences.

Each request goes to base URL A and base URL B (for example the old Python worker and the
layer1 compatibility listener). The status and the JSON bodies are compared field by field:
objects by key, lists by position, numbers within a tolerance (so 7 equals 7.0). Lists of
objects that carry a "skill" key, as the parse routes return, are matched by skill name, so a
different order is not reported.

Requests come from a built-in set (health, /match cases, error cases, small parse requests)
plus files named on the command line:
  --resume FILE    a resume (PDF, DOCX or text) sent to /parse/resume as base64
  --job FILE       a job description: .txt as text, other files as base64, to /parse/job
  --requests FILE  JSON: one {"path", "request"} object, a list of them, or a recording
                   file {"cases": [...]} whose cases have "request" and optionally "path"
                   (default /match) and "name"

Exit status: 0 when every response matches, 1 when any differs, 2 on a usage error.
Standard library only.
"""

import argparse
import base64
import fnmatch
import json
import math
import pathlib
import sys
import urllib.error
import urllib.request

BUILTIN = [
    ("health", "GET", "/health", None),
    ("match exact and gap", "POST", "/match", {
        "candidate_skills": [{"skill": "Python"}, {"skill": "AWS"}],
        "requirements": [{"skill": "Python", "importance": 0.7},
                         {"skill": "Kubernetes", "importance": 0.3}]}),
    ("match zero and missing importance", "POST", "/match", {
        "candidate_skills": [{"skill": "java"}],
        "requirements": [{"skill": "java"}, {"skill": "go", "importance": 0.0}]}),
    ("match inferred", "POST", "/match", {
        "candidate_skills": [{"skill": "python"}, {"skill": "linux"}],
        "requirements": [{"skill": "python", "importance": 0.9},
                         {"skill": "linux", "importance": 0.7, "inferred": True},
                         {"skill": "bash", "importance": 0.7, "inferred": True}]}),
    ("match whitespace and duplicates", "POST", "/match", {
        "candidate_skills": [{"skill": " python "}, {"skill": "sql"}],
        "requirements": [{"skill": "python", "importance": 0.5},
                         {"skill": "sql", "importance": 0.5},
                         {"skill": "sql", "importance": 0.5}]}),
    ("match empty lists", "POST", "/match", {"candidate_skills": [], "requirements": []}),
    ("match no candidates", "POST", "/match", {
        "candidate_skills": [], "requirements": [{"skill": "python", "importance": 0.8}]}),
    ("error importance above one", "POST", "/match", {
        "candidate_skills": [], "requirements": [{"skill": "x", "importance": 1.5}]}),
    ("error negative experience", "POST", "/match", {
        "candidate_skills": [{"skill": "x", "experience_years": -1}], "requirements": []}),
    ("error missing requirements", "POST", "/match", {"candidate_skills": []}),
    ("error wrong types", "POST", "/match", {
        "candidate_skills": [{"skill": 3}], "requirements": [{"skill": "x", "inferred": "maybe"}]}),
    ("error missing content", "POST", "/parse/resume", {"filename": "a.txt"}),
    ("error bad padding", "POST", "/parse/resume", {"content_b64": "abc"}),
    ("non-alphabet base64", "POST", "/parse/resume", {"content_b64": "!!!!"}),
    ("error job without content", "POST", "/parse/job", {"title": "Engineer"}),
    ("error job empty text", "POST", "/parse/job", {"text": "", "title": "x"}),
    ("error job bad base64", "POST", "/parse/job", {"content_b64": "abc", "title": "x"}),
    ("parse job text", "POST", "/parse/job", {
        "title": "Backend Engineer",
        "text": "Required: Python, PostgreSQL and Docker. Nice to have: Kubernetes."}),
    ("parse resume text", "POST", "/parse/resume", {
        "filename": "resume.txt", "mime_type": "text/plain",
        "content_b64": base64.b64encode(
            b"Summary\nBackend engineer.\n\nSkills\nPython, Docker, PostgreSQL\n").decode()}),
]


def encode_file(path):
    return base64.b64encode(path.read_bytes()).decode("ascii")


def file_requests(args):
    """Build (name, method, path, body) tuples from the files named on the command line."""
    requests = []
    for name in args.resume:
        path = pathlib.Path(name)
        requests.append((f"resume {path.name}", "POST", "/parse/resume",
                         {"filename": path.name, "content_b64": encode_file(path)}))
    for name in args.job:
        path = pathlib.Path(name)
        if path.suffix.lower() == ".txt":
            body = {"text": path.read_text(encoding="utf-8"), "title": path.stem}
        else:
            body = {"content_b64": encode_file(path), "filename": path.name, "title": path.stem}
        requests.append((f"job {path.name}", "POST", "/parse/job", body))
    for name in args.requests:
        document = json.loads(pathlib.Path(name).read_text(encoding="utf-8"))
        if isinstance(document, dict) and "cases" in document:
            cases = document["cases"]
        elif isinstance(document, list):
            cases = document
        else:
            cases = [document]
        for index, case in enumerate(cases):
            label = case.get("name", f"{pathlib.Path(name).name}[{index}]")
            requests.append((label, "POST", case.get("path", "/match"), case["request"]))
    return requests


def call(base, method, path, body, headers, timeout):
    """Send one request; return (status, parsed JSON or raw text)."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(base.rstrip("/") + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for header in headers:
        key, _, value = header.partition(":")
        request.add_header(key.strip(), value.strip())
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        return None, f"request failed: {error}"
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw.decode("utf-8", "replace")


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def by_skill(items):
    """Return the list as {skill: item} when every item is an object with a "skill" key."""
    if not items or not all(isinstance(item, dict) and "skill" in item for item in items):
        return None
    keyed = {}
    for item in items:
        keyed.setdefault(str(item["skill"]), item)
    return keyed if len(keyed) == len(items) else None


def diff(a, b, path, tolerance, out):
    """Append (path, a, b) for every field that differs."""
    if is_number(a) and is_number(b):
        if not math.isclose(a, b, rel_tol=0.0, abs_tol=tolerance):
            out.append((path, a, b))
    elif isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            child = f"{path}.{key}"
            if key not in a:
                out.append((child, "<absent>", b[key]))
            elif key not in b:
                out.append((child, a[key], "<absent>"))
            else:
                diff(a[key], b[key], child, tolerance, out)
    elif isinstance(a, list) and isinstance(b, list):
        keyed_a, keyed_b = by_skill(a), by_skill(b)
        if keyed_a is not None and keyed_b is not None:
            diff(keyed_a, keyed_b, path, tolerance, out)
            return
        for index in range(max(len(a), len(b))):
            child = f"{path}[{index}]"
            if index >= len(a):
                out.append((child, "<absent>", b[index]))
            elif index >= len(b):
                out.append((child, a[index], "<absent>"))
            else:
                diff(a[index], b[index], child, tolerance, out)
    elif a != b:
        out.append((path, a, b))


def short(value, width=70):
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base_a", help="base URL A, such as http://127.0.0.1:8000")
    parser.add_argument("base_b", help="base URL B, such as http://127.0.0.1:8001")
    parser.add_argument("--resume", action="append", default=[], help="resume file to parse")
    parser.add_argument("--job", action="append", default=[], help="job description file")
    parser.add_argument("--requests", action="append", default=[], help="JSON request file")
    parser.add_argument("--no-builtin", action="store_true", help="skip the built-in requests")
    parser.add_argument("--header-a", action="append", default=[],
                        help="extra header for A, such as 'Authorization: Bearer ...'")
    parser.add_argument("--header-b", action="append", default=[], help="extra header for B")
    parser.add_argument("--ignore", action="append", default=[],
                        help="glob of field paths to ignore, such as '$.summary.*.matched_skill'")
    parser.add_argument("--tolerance", type=float, default=1e-6,
                        help="absolute tolerance for numbers (default 1e-6)")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds to wait for each response (default 120)")
    args = parser.parse_args()

    try:
        requests = ([] if args.no_builtin else list(BUILTIN)) + file_requests(args)
    except (OSError, ValueError, KeyError) as error:
        print(f"error: cannot read a request file: {error}", file=sys.stderr)
        return 2

    differing = 0
    for name, method, path, body in requests:
        status_a, body_a = call(args.base_a, method, path, body, args.header_a, args.timeout)
        status_b, body_b = call(args.base_b, method, path, body, args.header_b, args.timeout)
        found = []
        if status_a != status_b:
            found.append(("status", status_a, status_b))
        diff(body_a, body_b, "$", args.tolerance, found)
        found = [f for f in found if not any(fnmatch.fnmatchcase(f[0], g) for g in args.ignore)]
        if not found:
            print(f"same  {method} {path}  {name}")
            continue
        differing += 1
        print(f"DIFF  {method} {path}  {name}")
        for field, value_a, value_b in found:
            print(f"      {field}\n        A: {short(value_a)}\n        B: {short(value_b)}")

    print(f"\n{len(requests)} requests, {differing} with differences")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
