"""Reads JUnit XML back with junitparser (Debian's python3-junitparser, a consumer nobody here
wrote) and checks its counts: one test suite, TESTS checked test cases with unique names,
FAILURES of them failed, SKIPPED more skipped (the files a folder walk passed over), none in
error, the suite's time the sum of its cases'.
    /usr/bin/python3 check_junit.py REPORT.xml TESTS FAILURES SKIPPED
"""
import sys
from junitparser import Failure, JUnitXml, Skipped

path, checked, failures, skipped = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
tests = checked + skipped
suites = list(JUnitXml.fromfile(path))
problems = []
if len(suites) != 1:
    problems.append(f"{len(suites)} test suites, expected 1")
suite = suites[0]
cases = list(suite)
failed = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
names = [c.name for c in cases]
if (suite.tests, len(cases)) != (tests, tests):
    problems.append(f"tests={suite.tests} and {len(cases)} test cases, expected {tests}")
if (suite.failures, len(failed)) != (failures, failures):
    problems.append(f"failures={suite.failures} and {len(failed)} failed cases, expected {failures}")
skipped_cases = [c for c in cases if any(isinstance(r, Skipped) for r in c.result)]
if (suite.skipped, len(skipped_cases)) != (skipped, skipped):
    problems.append(f"skipped={suite.skipped} and {len(skipped_cases)} skipped cases, expected {skipped}")
if suite.errors:
    problems.append(f"errors={suite.errors}, expected 0")
if len(set(names)) != len(names):
    problems.append("test case names repeat")
if round(sum(c.time for c in cases), 3) != round(suite.time, 3):
    problems.append(f"suite time {suite.time} is not the sum of its cases' times")
for p in problems:
    print(f"{path}: {p}")
if not problems:
    print(f"{path}: junitparser reads {tests} tests, {failures} failures, {skipped} skipped")
sys.exit(1 if problems else 0)
