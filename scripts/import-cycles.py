#!/usr/bin/env python3
"""Reports import circles between the files of each crate; exits 1 if there is one.

A file depends on another when it names an item of it: a `crate::`, `super::` or `self::` path
(in a `use` or in code), a path through a child module (`plan::prepare`) or through a module
brought in by a `use` (`use crate::routes; routes::latest::PATH`). `mod x;` is no dependency:
it only says where a file sits. Each path resolves to the file of the deepest module it names
(`crate::routes::latest::PATH` -> routes/latest.rs, `crate::routes::Route` -> routes/mod.rs);
a module written inline (`mod tests { … }`) belongs to its file. Comments and string literals
are skipped, so paths in docs do not count.

Usage: scripts/import-cycles.py [PACKAGE_DIR…]   (default: every workspace member)
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|::|\$crate|.", re.S)


def strip(text):
    """The code without comments and string or char literals (each replaced by a space)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
            out.append(" ")
        elif m := re.compile(r'b?r(#*)"').match(text, i):
            if i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_"):
                out.append(c)
                i += 1
                continue
            end = text.find('"' + m.group(1), m.end())
            i = n if end < 0 else end + 1 + len(m.group(1))
            out.append(" ")
        elif c == '"' or (c == "b" and text.startswith('b"', i) and not (text[i - 1 : i].isalnum())):
            i += 2 if c == "b" else 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
            i += 1
            out.append(" ")
        elif c == "'":
            # A char literal ('a', '\n', '\u{1F600}') or a lifetime ('a): only the first closes.
            m = re.compile(r"'(\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'").match(text, i)
            if m:
                i = m.end()
                out.append(" ")
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def tokens(text):
    return [t for t in TOKEN.findall(strip(text)) if not t.isspace()]


class Crate:
    """One crate: its modules (a path of names -> the file it lives in) and their `mod` children."""

    def __init__(self, root_file):
        self.root = root_file
        self.modules = {}  # ("routes", "latest") -> Path
        self.children = {}  # module path -> {child name}
        self.add_file((), root_file)

    def add_file(self, mod_path, file):
        self.modules[mod_path] = file
        toks = tokens(file.read_text(encoding="utf-8"))
        # Where `mod x;` finds x.rs: beside lib.rs, main.rs and mod.rs, else in a folder of the
        # file's own name; inside an inline `mod a { mod x; }`, in that folder's a/.
        if file.name in ("lib.rs", "main.rs", "mod.rs") or mod_path == ():
            folder = file.parent
        else:
            folder = file.parent / file.stem
        _, declared = scopes(toks, mod_path)
        for scope, name, inline in declared:
            self.children.setdefault(scope, set()).add(name)
            child = scope + (name,)
            if inline:
                self.modules[child] = file
                continue
            here = folder.joinpath(*scope[len(mod_path) :])
            for candidate in (here / f"{name}.rs", here / name / "mod.rs"):
                if candidate.is_file():
                    self.add_file(child, candidate)
                    break

    def resolve(self, path):
        """The file of the deepest known module along an absolute path of names."""
        best = ()
        for k in range(1, len(path) + 1):
            if path[:k] in self.modules:
                best = path[:k]
            else:
                break
        return self.modules[best]

    def dependencies(self):
        """{file: {file it names}} for every file of the crate."""
        files = {}
        for mod_path, file in self.modules.items():
            files.setdefault(file, []).append(mod_path)
        edges = {f: set() for f in files}
        for file in files:
            file_mod = min(files[file], key=len)
            for path in self.paths_in(file, file_mod):
                target = self.resolve(path)
                if target != file:
                    edges[file].add(target)
        return edges

    def paths_in(self, file, file_mod):
        """Every absolute module path the file names, its inline modules' scopes followed."""
        toks = tokens(file.read_text(encoding="utf-8"))
        scope_at, _ = scopes(toks, file_mod)
        aliases = {}
        i = 0
        while i < len(toks):
            t, scope = toks[i], scope_at[i]
            aliases.setdefault(scope, {})
            if t == "use" and (i == 0 or toks[i - 1] != "::"):
                end = i + 1
                while end < len(toks) and toks[end] != ";":
                    end += 1
                for names, alias in use_leaves(toks[i + 1 : end]):
                    absolute = self.absolute(names, scope, aliases[scope])
                    if absolute is None:
                        continue
                    yield absolute
                    if alias != "*" and absolute in self.modules:
                        aliases[scope][alias] = absolute
                i = end + 1
                continue
            elif is_ident(t) and i + 1 < len(toks) and toks[i + 1] == "::" and (i == 0 or toks[i - 1] != "::"):
                names, j = [t], i + 1
                while j + 1 < len(toks) and toks[j] == "::" and is_ident(toks[j + 1]):
                    names.append(toks[j + 1])
                    j += 2
                absolute = self.absolute(names, scope, aliases[scope])
                if absolute is not None:
                    yield absolute
                i = j
                continue
            i += 1

    def absolute(self, names, scope, aliases):
        """A path as written in `scope`, from the crate root; None for another crate's."""
        head, rest = names[0], list(names[1:])
        if head == "crate":
            base = ()
        elif head == "self":
            base = scope
        elif head == "super":
            base = scope[:-1]
            while rest and rest[0] == "super":
                base, rest = base[:-1], rest[1:]
        elif head in self.children.get(scope, ()):
            base, rest = scope + (head,), rest
        elif head in aliases:
            base = aliases[head]
        else:
            return None
        return tuple(base) + tuple(rest)


def scopes(toks, base):
    """The module each token stands in (`base`, or an inline module below it), and every `mod`
    declaration as (the module it is declared in, its name, whether it is inline)."""
    scope_at, declared, stack, depth, scope, opening = [], [], [], 0, base, None
    for i, t in enumerate(toks):
        if t == "{":
            if opening:
                stack.append((opening, depth))
                scope, opening = opening, None
            depth += 1
        elif t == "}":
            depth -= 1
            if stack and stack[-1][1] == depth:
                stack.pop()
                scope = stack[-1][0] if stack else base
        elif t == "mod" and i + 2 < len(toks) and is_ident(toks[i + 1]) and toks[i + 2] in (";", "{"):
            declared.append((scope, toks[i + 1], toks[i + 2] == "{"))
            if toks[i + 2] == "{":
                opening = scope + (toks[i + 1],)
        scope_at.append(scope)
    return scope_at, declared


def is_ident(t):
    return bool(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", t)) and t not in ("as", "in", "for")


def use_leaves(toks):
    """`a::{b, c::d as e, self}` -> ([a, b], b), ([a, c, d], e), ([a], a)."""
    leaves = []

    def tree(i, prefix):
        names = list(prefix)
        while i < len(toks):
            t = toks[i]
            if t == "{":
                i += 1
                while i < len(toks) and toks[i] != "}":
                    i = tree(i, names)
                    if i < len(toks) and toks[i] == ",":
                        i += 1
                return i + 1
            if t == "*":
                leaves.append((names, "*"))
                return i + 1
            if t == "self" and names:
                leaves.append((names, names[-1]))
                return i + 1
            if is_ident(t) or t == "self":
                names = names + [t]
                i += 1
                if i < len(toks) and toks[i] == "::":
                    i += 1
                    continue
                alias = t
                if i + 1 < len(toks) and toks[i] == "as":
                    alias, i = toks[i + 1], i + 2
                leaves.append((names, alias))
                return i
            return i + 1  # `::` at the start, `pub(crate)`'s remains, …
        return i

    i = 0
    while i < len(toks):
        i = tree(i, [])
        if i < len(toks) and toks[i] == ",":
            i += 1
    return [(names, alias) for names, alias in leaves if names]


def cycles(edges):
    """Strongly connected components of more than one file (Tarjan): (files, one circle)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = [0]

    def connect(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append((sorted(component), walk(edges, set(component))))

    sys.setrecursionlimit(10_000)
    for v in sorted(edges):
        if v not in index:
            connect(v)
    return found


def walk(edges, component):
    """A shortest circle through the component's first file, for the report."""
    start = min(component)
    paths, seen = [[start]], {start}
    while paths:
        path = paths.pop(0)
        for w in sorted(edges[path[-1]]):
            if w == start:
                return path + [start]
            if w in component and w not in seen:
                seen.add(w)
                paths.append(path + [w])
    return sorted(component)


def crate_roots(package):
    roots = [package / "src" / "lib.rs", package / "src" / "main.rs"]
    for folder in ("src/bin", "tests"):
        roots += sorted((package / folder).glob("*.rs"))
    return [r for r in roots if r.is_file()]


def members():
    text = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    block = re.search(r"members\s*=\s*\[(.*?)\]", text, re.S)
    return [ROOT / m for m in re.findall(r'"([^"]+)"', block.group(1))] if block else [ROOT]


def main(argv):
    packages = [Path(a).resolve() for a in argv] or members()
    bad = 0
    for package in packages:
        for root in crate_roots(package):
            crate = Crate(root)
            for files, circle in cycles(crate.dependencies()):
                bad += 1
                shown = " -> ".join(str(f.relative_to(ROOT)) for f in circle)
                print(f"import circle in {root.relative_to(ROOT)}'s crate: {shown}")
                if len(files) > len(circle) - 1:
                    rest = ", ".join(str(f.relative_to(ROOT)) for f in files if f not in circle)
                    print(f"  the same circle also takes in: {rest}")
    if bad:
        print(f"import-cycles: {bad} circle(s)")
        return 1
    print(f"import-cycles: no circle in {len(packages)} packages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
