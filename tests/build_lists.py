#!/usr/bin/env python3
"""CMake and meson build the same things: fails naming every difference.

Usage: tests/build_lists.py [SOURCE_ROOT]   (default: the repository holding this script)

A project is a folder whose CMakeLists.txt calls project(): the kit at the root and the consumer
example (tests/consumer, a user's project with both builds); its build files are every
CMakeLists.txt and meson.build below it, outside nested projects and build folders. For each
project, the two builds must name
  - the same .cpp and .hpp files (paths relative to the build file that names them),
  - the same executables and compiled libraries,
  - the same tests: every CMake add_test() has a meson test() of its name, every executable whose
    Catch2 cases CMake registers (catch_discover_tests) is run by a meson test(), and every meson
    test() is one of those.
Every tests/**/*.cpp and tools/*.cpp must be named by some build file. The fuzz targets
(tests/fuzz) are a CMake project only, on purpose: libFuzzer needs clang, and tests/fuzz/run.sh
builds them apart from both main builds; their sources count as named.

CMake runs each Catch2 case alone, by its name as a test spec, and escapes only , [ and ] in it:
a name that begins with - is read as an option (the run fails), and one that begins with ~, * or #,
ends with *, or holds a \\ or " selects other cases or none; a ; splits it into two tests that
select nothing (the case silently never runs). Every TEST_CASE name under tests/ must therefore be
free of those.
"""
import os
import re
import sys

# Projects with one build on purpose, and why (printed, so a reader of the test log knows).
CMAKE_ONLY = {"tests/fuzz": "libFuzzer targets, built with clang by tests/fuzz/run.sh"}
SOURCE = re.compile(r"[^\s'\"()]+\.(?:cpp|hpp)")


def strip_comments(text):
    """The text without its # comments (a # inside a quoted string stays)."""
    out, quote = [], None
    i = 0
    while i < len(text):
        c = text[i]
        if quote:
            out.append(c)
            if c == "\\" and i + 1 < len(text):
                out.append(text[i + 1])
                i += 1
            elif c == quote:
                quote = None
        elif c in "'\"":
            quote = c
            out.append(c)
        elif c == "#":
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def cmake_commands(text):
    """The (name, [arguments]) of every command of a CMake file, foreach() bodies unrolled."""
    commands = []
    for m in re.finditer(r"(\w+)\s*\(((?:[^()]|\([^()]*\))*)\)", strip_comments(text)):
        args = [a.strip('"') for a in re.findall(r'"[^"]*"|[^\s()]+', m.group(2))]
        commands.append((m.group(1).lower(), args))
    unrolled, i = [], 0
    while i < len(commands):
        name, args = commands[i]
        if name != "foreach":
            unrolled.append(commands[i])
            i += 1
            continue
        end = next(j for j in range(i, len(commands)) if commands[j][0] == "endforeach")
        var, items = args[0], args[1:]
        for item in items:
            for n, a in commands[i + 1:end]:
                unrolled.append((n, [x.replace("${%s}" % var, item) for x in a]))
        i = end + 1
    return unrolled


class Build:
    def __init__(self):
        self.sources = {}      # path -> the build file naming it
        self.executables = set()
        self.libraries = set()
        self.tests = set()       # add_test() names (CMake); test() names and what they run (meson)
        self.discovered = set()  # executables whose Catch2 cases CMake registers as tests

    def name(self, root, build_file, folder, token):
        # A source generated into the build folder is named as meson names it: by its name there.
        for prefix in ("${CMAKE_CURRENT_SOURCE_DIR}/", "${CMAKE_CURRENT_LIST_DIR}/", "${CMAKE_CURRENT_BINARY_DIR}/"):
            token = token.replace(prefix, "")
        path = os.path.normpath(os.path.join(folder, token))
        self.sources.setdefault(os.path.relpath(path, root), os.path.relpath(build_file, root))


def read_cmake(root, path, build):
    folder = os.path.dirname(path)
    with open(path, encoding="utf-8") as f:
        commands = cmake_commands(f.read())
    # function(F p ...): calls of F make an executable named by their first argument when its body
    # does add_executable(${p} ...), and register its Catch2 cases when it does catch_discover_tests(${p}).
    makers, discoverers, current = set(), set(), None
    for name, args in commands:
        if name == "function":
            current = args[:2]
        elif name == "endfunction":
            current = None
        elif current and len(current) == 2 and args[:1] == ["${%s}" % current[1]]:
            if name == "add_executable":
                makers.add(current[0].lower())
            elif name == "catch_discover_tests":
                discoverers.add(current[0].lower())
    for name, args in commands:
        if name in ("add_executable", "add_library", "target_sources") or name in makers:
            for token in args:
                if SOURCE.fullmatch(token):
                    build.name(root, path, folder, token)
        if not args or args[0].startswith("${"):
            continue
        if name == "add_executable" or name in makers:
            build.executables.add(args[0])
        if name == "catch_discover_tests" or name in discoverers:
            build.discovered.add(args[0])
        if name == "add_library" and not {"INTERFACE", "ALIAS", "IMPORTED"} & set(args):
            build.libraries.add(args[0])
        if name == "add_test":
            build.tests.add(args[args.index("NAME") + 1] if "NAME" in args else args[0])


def read_meson(root, path, build):
    folder = os.path.dirname(path)
    with open(path, encoding="utf-8") as f:
        text = strip_comments(f.read())
    for s in re.findall(r"'((?:[^'\\]|\\.)*)'", text):
        if SOURCE.fullmatch(s):
            build.name(root, path, folder, s)
    variables = {}
    for var, kind, target in re.findall(r"(\w+)\s*=\s*(executable|static_library|shared_library|library)\(\s*'([^']+)'", text):
        (build.executables if kind == "executable" else build.libraries).add(target)
        variables[var] = target
    for test, runs in re.findall(r"\btest\(\s*'([^']+)'\s*,\s*(\w+)", text):
        build.tests.add((test, variables.get(runs)))


def is_build_folder(path):
    """A build folder (CMake's, meson's, or named build*), npm's node_modules or a hidden folder:
    not our sources."""
    names = os.listdir(path)
    return ("CMakeCache.txt" in names or "meson-private" in names or os.path.basename(path) == "node_modules" or
            os.path.basename(path).startswith(("build", ".")))


def projects(root):
    """{project folder: ([CMakeLists.txt...], [meson.build...])}, folders relative to root."""
    found = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not is_build_folder(os.path.join(folder, d)))
        rel = os.path.relpath(folder, root)
        owner = rel
        if "CMakeLists.txt" in files:
            with open(os.path.join(folder, "CMakeLists.txt"), encoding="utf-8") as f:
                starts = any(n == "project" for n, _ in cmake_commands(f.read()))
        else:
            starts = False
        if not starts:
            owner = max((p for p in found if p == "." or rel.startswith(p + os.sep)), key=len, default=None)
            if owner is None:
                continue
        lists = found.setdefault(owner, ([], []))
        if "CMakeLists.txt" in files:
            lists[0].append(os.path.join(folder, "CMakeLists.txt"))
        if "meson.build" in files:
            lists[1].append(os.path.join(folder, "meson.build"))
    return found


def compare(what, project, cmake, meson):
    """One line per name in one build's collection and not the other's; a dict gives where it is named."""
    cmake, meson = (c if isinstance(c, dict) else dict.fromkeys(c) for c in (cmake, meson))
    return [f"{name}: {what} of {build}{f' (named in {names[name]})' if names[name] else ''} but not of {other}, "
            f"in project {project}"
            for build, names, other, others in (("CMake", cmake, "meson", meson), ("meson", meson, "CMake", cmake))
            for name in sorted(names.keys() - others.keys())]


CASE_NAME = re.compile(r'\b(?:TEST_CASE|SCENARIO)\s*\(\s*"((?:[^"\\\\]|\\\\.)*)"')


def unselectable_case_names(root):
    """(file, name) of every Catch2 case whose name a test spec cannot select exactly."""
    found = []
    for folder, dirs, files in os.walk(os.path.join(root, "tests")):
        dirs[:] = [d for d in dirs if not is_build_folder(os.path.join(folder, d))]
        for f in (f for f in files if f.endswith(".cpp")):
            path = os.path.join(folder, f)
            with open(path, encoding="utf-8") as source:
                for name in CASE_NAME.findall(source.read()):
                    if name[:1] in "-~*#" or name.endswith("*") or "\\" in name or ";" in name:
                        found.append((os.path.relpath(path, root), name))
    return found


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    problems, named = [], set()
    for project, (cmake_files, meson_files) in sorted(projects(root).items()):
        cmake, meson = Build(), Build()
        for p in cmake_files:
            read_cmake(root, p, cmake)
        for p in meson_files:
            read_meson(root, p, meson)
        named |= cmake.sources.keys() | meson.sources.keys()
        if project in CMAKE_ONLY and not meson_files:
            print(f"{project}: CMake only ({CMAKE_ONLY[project]}): {len(cmake.sources)} sources")
            continue
        found = len(problems)
        problems += compare("a source", project, cmake.sources, meson.sources)
        problems += compare("an executable", project, cmake.executables, meson.executables)
        problems += compare("a compiled library", project, cmake.libraries, meson.libraries)
        # A meson test() that runs an executable whose Catch2 cases CMake registers stands for
        # those cases ('unit' runs unit_tests); any other test() is matched to add_test() by name.
        cases = "the Catch2 cases of "
        cmake_tests = cmake.tests | {cases + e for e in cmake.discovered}
        meson_tests = {cases + runs if runs in cmake.discovered else test for test, runs in meson.tests}
        problems += compare("a test", project, cmake_tests, meson_tests)
        if len(problems) == found:
            print(f"{project}: CMake and meson agree: {len(cmake.sources)} sources, "
                  f"{len(cmake.executables)} executables, {len(cmake.libraries)} libraries, {len(cmake_tests)} tests")
    tools = os.path.join(root, "tools")
    listed = [os.path.join("tools", f) for f in os.listdir(tools) if f.endswith(".cpp")]
    for folder, dirs, files in os.walk(os.path.join(root, "tests")):
        dirs[:] = [d for d in dirs if not is_build_folder(os.path.join(folder, d))]
        listed += [os.path.relpath(os.path.join(folder, f), root) for f in files if f.endswith(".cpp")]
    problems += [f"{f}: a source that no CMakeLists.txt or meson.build names" for f in sorted(listed) if f not in named]
    problems += [f"{f}: the case \"{n}\" cannot be run alone by its name (see this script's docstring)"
                 for f, n in unselectable_case_names(root)]
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
