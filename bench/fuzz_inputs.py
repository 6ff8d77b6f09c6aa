"""The inputs of the fuzzing harness (``bench/fuzz.py`` and ``tests/fuzz/``), as Hypothesis
strategies.

Every input is the bytes of one spec file, made in one of five ways (its *family*):

- ``tokens``: a base spec (a library spec, an example or a generated spec) changed a few times by
  deleting, duplicating, swapping, copying or replacing its lexemes (as the project's own lexer,
  ``alignspec.syntax.lexemes``, cuts it), or whole statements;
- ``unicode``: a base spec with bidirectional controls, invisible characters, unusual line breaks,
  NUL bytes, bytes that are not UTF-8, a byte-order mark, CRLF or CR line ends, or re-encoded as
  UTF-16;
- ``nesting``: specs written from scratch with deep structure: concepts built on concepts (in a
  chain, or a diamond on the same variable or on variables apart), chains of kinds,
  sub-relations, framings and rules, long atom lists, concepts of many parameters, scenarios of
  many individuals and facts;
- ``huge``: a spec with one huge statement: a long doc string, comment, name or source, many
  statements on one line, many blank lines, or a long run of unmatched brackets;
- ``imports``: a base spec that imports hostile paths (``..``, absolute paths, a path with a
  newline, the file itself, a directory, a symbolic link out of the directory, a name that is
  not in the library), with such files laid beside it.

Sizes are bounded by a ``Sizes`` value: small for the test suite, larger for the long run.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from alignspec.syntax.lexemes import lexemes

ROOT = Path(__file__).resolve().parent.parent
INPUT_NAME = "input.align"
"""The name every input is saved under, in a directory of its own (an import of ``input.align``
is an import of the input itself)."""


@dataclass(frozen=True)
class Base:
    """A spec to mutate: its name (where it came from) and its text."""

    name: str
    text: str


@dataclass(frozen=True)
class Extra:
    """A file laid beside the input: ``kind`` is ``file`` (``data`` its bytes), ``dir``,
    ``symlink`` (``data`` the target) or ``fifo``."""

    name: str
    kind: str
    data: bytes = b""


@dataclass(frozen=True)
class FuzzInput:
    """One input: the bytes of ``input.align``, the files to lay beside it, its family and a
    short description of how it was made."""

    data: bytes
    family: str
    origin: str
    extras: tuple[Extra, ...] = ()

    def write(self, directory: Path) -> Path:
        """Lay the input (and its extra files) out in ``directory``; the input's path."""
        for extra in self.extras:
            target = directory / extra.name
            target.parent.mkdir(parents=True, exist_ok=True)
            if extra.kind == "file":
                target.write_bytes(extra.data)
            elif extra.kind == "dir":
                target.mkdir(exist_ok=True)
            elif extra.kind == "symlink":
                target.symlink_to(extra.data.decode())
            elif extra.kind == "fifo":
                os.mkfifo(target)
        path = directory / INPUT_NAME
        path.write_bytes(self.data)
        return path


@dataclass(frozen=True)
class Sizes:
    """Upper bounds of the inputs' sizes: ``depth`` for chains and lists, ``diamond`` for the
    levels of a concept diamond (on variables apart, its expansion grows 1.6-fold a level),
    ``huge_bytes`` for one huge statement, ``mutations`` for the changes made to a base spec."""

    depth: int
    diamond: int
    huge_bytes: int
    mutations: int


SMALL = Sizes(depth=120, diamond=10, huge_bytes=64 * 1024, mutations=4)
LARGE = Sizes(depth=3000, diamond=26, huge_bytes=4 * 1024 * 1024, mutations=8)


# ---------------------------------------------------------------------------------------------
# base specs


def library_bases() -> list[Base]:
    """The shipped library (``ontology/*.align``) and the examples (``examples/*.align``)."""
    paths = sorted((ROOT / "ontology").glob("*.align")) + sorted((ROOT / "examples").glob("*.align"))
    return [Base(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in paths]


def generated_bases(count: int, seed: int = 0) -> list[Base]:
    """``count`` specs from ``bench/generate.py``, in turn a parse spec (60-300 lines), a
    classification spec (8-40 concepts) and a scenario spec (100-500 facts, the three shapes)."""
    from bench.generate import SCENARIO_SHAPES, classification_spec, parse_spec, scenario_spec

    bases = []
    for i in range(count):
        s = seed * 100_003 + i
        if i % 3 == 0:
            bases.append(Base(f"generated/parse-{s}", parse_spec(60 + (i * 37) % 240, seed=s)))
        elif i % 3 == 1:
            bases.append(Base(f"generated/classification-{s}", classification_spec(8 + (i * 7) % 33, seed=s)))
        else:
            shape = SCENARIO_SHAPES[(i // 3) % len(SCENARIO_SHAPES)]
            bases.append(Base(f"generated/scenario-{shape}-{s}", scenario_spec(100 + (i * 53) % 400, shape, seed=s)))
    return bases


# ---------------------------------------------------------------------------------------------
# token mutations

TOP_LEVEL = frozenset({"SPEC", "IMPORT", "KIND", "DISJOINT", "RELATION", "RULE", "CONCEPT", "FRAMING", "CLAIM",
                       "SCENARIO"})
TOKEN_OPS = ("delete", "duplicate", "swap", "copy", "replace", "swap-same", "delete-statement",
             "duplicate-statement", "swap-statements")
KEEP_SYNTAX = ("replace", "swap-same", "delete-statement", "duplicate-statement", "swap-statements")
"""The operations that usually leave the text in the language, so that it reaches the reasoner."""


@functools.lru_cache(maxsize=512)
def _cut(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[tuple[int, int], ...]]:
    """``text`` as (the text between lexemes, the lexemes, their terminals, the statements as
    ranges of offsets into the text); ``len(gaps) == len(lexemes) + 1``. Comments are left in
    the gaps: changing them changes nothing."""
    found = [x for x in lexemes(text) if not x.is_comment]
    gaps, texts, types, position = [], [], [], 0
    for x in found:
        gaps.append(text[position:x.start])
        texts.append(x.text)
        types.append(x.type)
        position = x.end
    gaps.append(text[position:])
    starts, depth = [], 0
    for k, x in enumerate(found):
        if x.type in TOP_LEVEL and depth == 0:
            starts.append(k)
        depth += x.text == "{"
        depth -= x.text == "}" and depth > 0
    statements = tuple((found[a].start, found[b - 1].end) for a, b in zip(starts, starts[1:] + [len(found)]))
    return tuple(gaps), tuple(texts), tuple(types), statements


def mutate_tokens(text: str, ops: list[tuple[str, int, int]]) -> str:
    """Apply each ``(op, i, j)`` of ``ops`` in turn (see ``TOKEN_OPS``; ``i`` and ``j`` are taken
    modulo the number of lexemes, or of statements, of the text at that point). ``replace`` puts
    in the place of lexeme ``i`` another lexeme of the same terminal, and ``swap-same`` swaps
    them, so the text often stays in the language and reaches the later stages. A text that the
    lexer no longer cuts is returned as it is."""
    for op, i, j in ops:
        try:
            gaps, texts, types, statements = _cut(text)
        except Exception:  # the lexer's UnexpectedCharacters: nothing more to cut
            return text
        if not texts:
            return text
        if op in ("delete-statement", "duplicate-statement", "swap-statements"):
            if statements:
                text = _statement_op(text, op, statements[i % len(statements)], statements[j % len(statements)])
            continue
        i, j = i % len(texts), j % len(texts)
        out = list(texts)
        if op == "delete":
            out[i] = ""
        elif op == "duplicate":
            out[i] = out[i] + " " + out[i]
        elif op == "swap":
            out[i], out[j] = out[j], out[i]
        elif op == "copy":
            out[i] = texts[j] + " " + out[i]
        elif op in ("replace", "swap-same"):
            same = [k for k, kind in enumerate(types) if kind == types[i]]
            k = same[j % len(same)]
            out[i] = texts[k]
            if op == "swap-same":
                out[k] = texts[i]
        text = "".join(g + t for g, t in zip(gaps, out)) + gaps[-1]
    return text


def _statement_op(text: str, op: str, first: tuple[int, int], second: tuple[int, int]) -> str:
    (s, e), (s2, e2) = first, second
    if op == "delete-statement":
        return text[:s] + text[e:]
    if op == "duplicate-statement":
        return text[:e] + "\n" + text[s:e] + text[e:]
    if first == second:
        return text
    (s, e), (s2, e2) = sorted([first, second])
    return text[:s] + text[s2:e2] + text[e:s2] + text[s:e] + text[e2:]


@st.composite
def token_inputs(draw: st.DrawFn, bases: list[Base], sizes: Sizes = SMALL) -> FuzzInput:
    """A base spec with one to ``sizes.mutations`` lexeme or statement mutations; half of the
    time only those of ``KEEP_SYNTAX``."""
    base = draw(st.sampled_from(bases))
    chosen = draw(st.sampled_from([TOKEN_OPS, KEEP_SYNTAX]))
    ops = draw(st.lists(st.tuples(st.sampled_from(chosen), st.integers(0, 1 << 20), st.integers(0, 1 << 20)),
                        min_size=1, max_size=sizes.mutations))
    text = mutate_tokens(base.text, ops)
    described = ", ".join(f"{op} {i} {j}" for op, i, j in ops)
    return FuzzInput(text.encode("utf-8"), "tokens", f"{base.name}: {described}")


# ---------------------------------------------------------------------------------------------
# Unicode and bytes

BIDI = ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e",
        "\u200f", "\u061c")
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e")
LINE_BREAKS = ("\r", "\r\n", "\n\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1e")
OTHER_TEXT = ("\t", "\x00", "\x01", "\x1b[31m", "\x7f", "é", "e\u0301", "ℌ", "ǅ", "Ⅻ", "٣", "𝔄", "中文", "🙂",
              "\U0010ffff", "\ufffd", "\\", '"', "'", "′″‴", "\\n", "\"\\", "\u202eesrever\u202c",
              "\u2067\u2066\u2069\u2069")
BAD_BYTES = (b"\x00", b"\xff", b"\xfe", b"\xc3", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80",
             b"\xe2\x80", b"\xef\xbb\xbf")
PIECES = BIDI + INVISIBLE + LINE_BREAKS + OTHER_TEXT
WHOLE = ("bom", "crlf", "cr", "bom-crlf", "utf-16", "no-final-newline", "nul-end", "truncate-multibyte")
UNICODE_OPS = ("insert", "insert-in-token", "replace-name", "bytes", "whole")


def _names(text: str) -> list[tuple[int, int]]:
    try:
        return [(x.start, x.end) for x in lexemes(text) if x.type == "NAME"]
    except Exception:
        return []


def mutate_unicode(text: str, ops: list[tuple[str, int, int]]) -> bytes:
    """Apply each ``(op, i, j)``: insert ``PIECES[j]`` at offset ``i`` or inside the ``i``-th
    lexeme, turn the ``i``-th name into a Unicode one, insert ``BAD_BYTES[j]`` at byte ``i``,
    or transform the whole file (``WHOLE[j]``); offsets are taken modulo the length."""
    data: bytes | None = None
    for op, i, j in ops:
        if op in ("bytes", "whole"):
            data = data if data is not None else text.encode("utf-8")
            if op == "bytes":
                at = i % (len(data) + 1)
                data = data[:at] + BAD_BYTES[j % len(BAD_BYTES)] + data[at:]
            else:
                data = _whole(data, WHOLE[j % len(WHOLE)])
            continue
        if data is not None:
            text = data.decode("utf-8", errors="replace")
            data = None
        piece = PIECES[j % len(PIECES)]
        if op == "insert":
            at = i % (len(text) + 1)
            text = text[:at] + piece + text[at:]
        elif op == "insert-in-token":
            try:
                found = lexemes(text)
            except Exception:
                found = []
            if found:
                x = found[i % len(found)]
                at = x.start + max(1, (x.end - x.start) // 2)
                text = text[:at] + piece + text[at:]
        else:
            names = _names(text)
            if names:
                a, b = names[i % len(names)]
                text = text[:a] + UNICODE_NAMES[j % len(UNICODE_NAMES)](text[a:b]) + text[b:]
    return data if data is not None else text.encode("utf-8")


UNICODE_NAMES: tuple[Callable[[str], str], ...] = (
    lambda name: "α" + name,
    lambda name: name + "′″",
    lambda name: name.translate(str.maketrans("aeopcx", "аеорсх")),  # Cyrillic look-alikes
    lambda name: "ǅ" + name + "ℌ",
    lambda name: name + "\u0301",
    lambda name: "ﬁ" + name,
    lambda name: name.upper(),
    lambda name: "𝔄" + name,
)


def _whole(data: bytes, how: str) -> bytes:
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    if how == "crlf":
        return data.replace(b"\n", b"\r\n")
    if how == "cr":
        return data.replace(b"\n", b"\r")
    if how == "bom-crlf":
        return b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
    if how == "utf-16":
        return data.decode("utf-8", errors="replace").encode("utf-16")
    if how == "no-final-newline":
        return data.rstrip(b"\n")
    if how == "nul-end":
        return data + b"\x00"
    cut = max((k for k in range(len(data)) if data[k] >= 0xc0), default=None)
    return data if cut is None else data[:cut + 1]


@st.composite
def unicode_inputs(draw: st.DrawFn, bases: list[Base], sizes: Sizes = SMALL) -> FuzzInput:
    """A base spec (perhaps first mutated by lexemes) with one to four Unicode or byte changes."""
    base = draw(st.sampled_from(bases))
    token_ops = draw(st.lists(st.tuples(st.sampled_from(TOKEN_OPS), st.integers(0, 1 << 20),
                                        st.integers(0, 1 << 20)), max_size=2))
    ops = draw(st.lists(st.tuples(st.sampled_from(UNICODE_OPS), st.integers(0, 1 << 24), st.integers(0, 1 << 10)),
                        min_size=1, max_size=4))
    data = mutate_unicode(mutate_tokens(base.text, token_ops), ops)
    described = ", ".join(f"{op} {i} {j}" for op, i, j in token_ops + ops)
    return FuzzInput(data, "unicode", f"{base.name}: {described}")


# ---------------------------------------------------------------------------------------------
# deep nesting


def _concept_chain(n: int) -> list[str]:
    return (["kind K", "relation r(K, K)", "concept c0(x: K) := r(x, y)"]
            + [f"concept c{i}(x: K) := c{i - 1}(x)" for i in range(1, n)]
            + [f"claim: c{n - 1} implies c0", f"claim: c0 implies c{n - 1}",
               f"scenario s {{\n    K a, b\n    r(a, b)\n    expect c{n - 1}(a)\n}}"])


def _concept_diamond(n: int) -> list[str]:
    return (["kind K", "relation r(K, K)", "concept c0(x: K) := r(x, y)", "concept c1(x: K) := r(y, x)"]
            + [f"concept c{i}(x: K) := c{i - 1}(x), c{i - 2}(x)" for i in range(2, n)]
            + [f"claim: c{n - 1} implies c0", f"scenario s {{\n    K a, b\n    r(a, b)\n    r(b, a)\n"
               f"    expect c{n - 1}(a)\n}}"])


def _concept_diamond_apart(n: int) -> list[str]:
    return (["kind K", "relation r(K, K)", "concept c0(x: K) := r(x, y)", "concept c1(x: K) := r(y, x)"]
            + [f"concept c{i}(x: K) := c{i - 1}(x), r(x, y), c{i - 2}(y)" for i in range(2, n)]
            + [f"claim: c{n - 1} implies c0"])


def _kind_chain(n: int) -> list[str]:
    return (["kind K0"] + [f"kind K{i}: K{i - 1}" for i in range(1, n)]
            + [f"concept deepest(x: K{n - 1}) := K0(x)", "concept top(x: K0) := K0(x)",
               "claim: deepest implies top", f"scenario s {{\n    K{n - 1} a\n    expect K0(a)\n}}"])


def _relation_chain(n: int) -> list[str]:
    return (["kind K", "relation r0(K, K)"] + [f"relation r{i}(K, K): r{i - 1}" for i in range(1, n)]
            + [f"concept c(x: K) := r{n - 1}(x, y)", "concept d(x: K) := r0(x, y)", "claim: c implies d",
               f"scenario s {{\n    K a, b\n    r{n - 1}(a, b)\n    expect r0(a, b)\n}}"])


def _framing_chain(n: int) -> list[str]:
    return (["kind K", "kind L", "concept c(x: K) := K(x)", "concept d(x: K) := L(x)", "framing f0 {",
             "    rule start: K(x) -> L(x)", "}"]
            + [f"framing f{i} extends f{i - 1}" for i in range(1, n)]
            + [f"claim under f{n - 1}: c implies d", f"scenario s under f{n - 1} {{\n    K a\n    expect L(a)\n}}"])


def _rule_chain(n: int) -> list[str]:
    return ([f"kind P{i}" for i in range(n)] + ["concept first(x: P0) := P0(x)",
                                                 f"concept last(x: P0) := P{n - 1}(x)", "framing f {"]
            + [f"    rule step{i}: P{i - 1}(x) -> P{i}(x)" for i in range(1, n)]
            + ["}", "claim under f: first implies last",
               f"scenario s under f {{\n    P0 a\n    expect P{n - 1}(a)\n}}"])


def _existential_chain(n: int) -> list[str]:
    return ([f"kind P{i}" for i in range(n)] + ["kind T", "relation next(T, T)", "concept first(x: P0) := P0(x)",
                                                 "framing f {"]
            + [f"    rule grow{i}: P{i - 1}(x) -> next(x, y), P{i}(y)" for i in range(1, n)]
            + ["}", "claim under f: first implies first", "scenario s under f {\n    P0 a\n}"])


def _long_atoms(n: int) -> list[str]:
    body = ", ".join(f"r(x{i}, x{i + 1})" for i in range(n))
    return ["kind K", "relation r(K, K)", f"concept c(x0: K) := {body}", f"concept d(x0: K) := {body}",
            "claim: satisfiable c", "claim: c implies d", f"claim: {body} implies r(x0, x1)"]


def _many_parameters(n: int) -> list[str]:
    params = ", ".join(f"x{i}: K" for i in range(n))
    args = ", ".join(f"x{i}" for i in range(n))
    return ["kind K", f"relation r({', '.join(['K'] * n)}) functional",
            f"concept c({params}) := r({args})", f"claim: satisfiable c({args})"]


def _wide_scenario(n: int) -> list[str]:
    names = ", ".join(f"a{i}" for i in range(n))
    facts = "\n".join(f"    r(a{i}, a{i + 1})" for i in range(n - 1))
    return ["kind K", "relation r(K, K) transitive acyclic", "concept top(x: K) := r(x, y)",
            f"scenario s {{\n    K {names}\n{facts}\n    expect r(a0, a{n - 1})\n}}"]


def _wide_disjoint(n: int) -> list[str]:
    kinds = [f"kind K{i}" for i in range(n)]
    return kinds + [f"disjoint {', '.join(f'K{i}' for i in range(n))}", "concept c(x: K0) := K0(x)",
                    f"concept d(x: K{n - 1}) := K{n - 1}(x)", "claim: c excludes d"]


NESTINGS: dict[str, Callable[[int], list[str]]] = {
    "concept-chain": _concept_chain, "concept-diamond": _concept_diamond,
    "concept-diamond-apart": _concept_diamond_apart, "kind-chain": _kind_chain,
    "relation-chain": _relation_chain, "framing-chain": _framing_chain, "rule-chain": _rule_chain,
    "existential-chain": _existential_chain, "long-atoms": _long_atoms, "many-parameters": _many_parameters,
    "wide-scenario": _wide_scenario, "wide-disjoint": _wide_disjoint,
}


def nesting_text(shape: str, n: int) -> str:
    """The spec of one nesting ``shape`` (a key of ``NESTINGS``) at size ``n`` (at least 2)."""
    return "\n".join(NESTINGS[shape](max(n, 2))) + "\n"


@st.composite
def nesting_inputs(draw: st.DrawFn, sizes: Sizes = SMALL) -> FuzzInput:
    """A spec of deep or wide structure; a diamond of concepts (either shape) has at most
    ``sizes.diamond`` levels, every other shape at most ``sizes.depth`` elements."""
    shape = draw(st.sampled_from(sorted(NESTINGS)))
    top = sizes.diamond if shape.startswith("concept-diamond") else sizes.depth
    n = draw(st.integers(2, top))
    return FuzzInput(nesting_text(shape, n).encode("utf-8"), "nesting", f"{shape} {n}")


# ---------------------------------------------------------------------------------------------
# huge statements


def _huge_doc(n: int) -> str:
    chunk = 'objective \\"robust\\" \\n alignment \\\\ '
    return f'kind A "{(chunk * (n // len(chunk) + 1))[:n].rstrip(chr(92))}"\nconcept c(x: A) := A(x)\n'


HUGE: dict[str, Callable[[int], str]] = {
    "doc": _huge_doc,
    "comment": lambda n: "# " + "x" * n + "\nkind A\n",
    "name": lambda n: f"kind {'N' * n}\nconcept c(x: {'N' * n}) := {'N' * n}(x)\n",
    "source": lambda n: f'kind A "a" source "https://example.org/{"p/" * (n // 2)}"\n',
    "many-sources": lambda n: "kind A " + " ".join(f'source "s{i}"' for i in range(n // 12 + 1)) + "\n",
    "one-line": lambda n: " ".join(f"kind K{i}" for i in range(n // 8 + 1)) + "\n",
    "blank-lines": lambda n: "\n" * n + "kind A(\n",
    "wide-line": lambda n: " " * n + "kind A: B\n",
    "open-brackets": lambda n: "concept c(x: A) := " + "r(" * (n // 2) + "\n",
    "open-braces": lambda n: "scenario s " + "{" * n + "\n",
    "closing": lambda n: "kind A " + ")" * n + "\n",
    "string-run": lambda n: '"' + "a" * n + '"\n',
    "unterminated": lambda n: 'kind A "' + "a" * n,
    "individuals": lambda n: "kind K\nscenario s {\n    K " + ", ".join(f"i{k}" for k in range(n // 6 + 1))
                             + "\n}\n",
}


@st.composite
def huge_inputs(draw: st.DrawFn, sizes: Sizes = SMALL) -> FuzzInput:
    """A spec with one statement of up to ``sizes.huge_bytes`` bytes."""
    shape = draw(st.sampled_from(sorted(HUGE)))
    n = draw(st.integers(1, sizes.huge_bytes))
    return FuzzInput(HUGE[shape](n).encode("utf-8"), "huge", f"{shape} {n}")


# ---------------------------------------------------------------------------------------------
# hostile imports

HOSTILE_PATHS = (
    "..", "../..", "../" * 30 + "etc/passwd", "/", "/etc/passwd", "/dev/null", "/dev/zero", "/dev/urandom",
    "/dev/tty", "/proc/self/environ", "/proc/self/status", "/tmp", ".", "", " ", "./", INPUT_NAME,
    "./" + INPUT_NAME, "sub/../" + INPUT_NAME, "a\\nb.align", "\\n", "x.align\\n../../etc/passwd",
    "~/.bashrc", "$HOME/x.align", "file:///etc/passwd", "https://example.org/x.align", "C:\\\\x.align",
    "\\\\\\\\server\\\\share\\\\x.align", "x" * 300 + ".align", "a/" * 2100 + "x.align", "missing.align",
    "sub", "sub/", "dir.align", "link.align", "loop.align", "peer.align", "empty.align", "binary.align",
    "latin1.align", "vocabulary", "vocabulary.align", "ontology/vocabulary.align", "\\\"", "..\\\\..",
    "sub/deeper/../../" + INPUT_NAME, ".align", "...", "\u202e.align",
)
HOSTILE_NAMES = ("nonexistent", "__init__", "vocabulary", "comparison", "ontology", "align", "_", "Vocabulary",
                 "vocabulary′")
EXTRAS = (
    Extra("sub", "dir"), Extra("sub/deeper", "dir"), Extra("dir.align", "dir"),
    Extra("link.align", "symlink", b"/etc/passwd"), Extra("loop.align", "symlink", b"loop.align"),
    Extra("peer.align", "file", f'import "{INPUT_NAME}" as Back\nkind Peer\n'.encode()),
    Extra("empty.align", "file", b""), Extra("binary.align", "file", b"\x7fELF\x02\x01\x01\x00" + bytes(64)),
    Extra("latin1.align", "file", "kind Caf\u00e9\n".encode("latin-1")),
)


def import_line(path: str | None, name: str | None, alias: str | None) -> str:
    """``import "path"`` or ``import name``, with ``as alias`` when given (``path`` is written
    as it is: its backslashes are the string's escapes)."""
    target = f'"{path}"' if path is not None else name
    return f"import {target}" + (f" as {alias}" if alias else "")


@st.composite
def import_inputs(draw: st.DrawFn, bases: list[Base], sizes: Sizes = SMALL) -> FuzzInput:
    """A small spec, or a base spec, after one to three imports of hostile paths or names, with
    the files those paths may name laid beside it."""
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        alias = draw(st.sampled_from([None, "P", "Q", "vocabulary", "K"]))
        if draw(st.booleans()):
            lines.append(import_line(draw(st.sampled_from(HOSTILE_PATHS)), None, alias))
        else:
            lines.append(import_line(None, draw(st.sampled_from(HOSTILE_NAMES)), alias))
    if draw(st.booleans()):
        body = draw(st.sampled_from(bases)).text
    else:
        body = "kind A\nconcept c(x: A) := P.K(x), A(x)\nscenario s {\n    A a\n    expect c(a)\n}\n"
    return FuzzInput(("\n".join(lines) + "\n" + body).encode("utf-8"), "imports", " | ".join(lines), EXTRAS)


# ---------------------------------------------------------------------------------------------
# all of them

FAMILIES = ("tokens", "unicode", "nesting", "huge", "imports")
WEIGHTS = {"tokens": 4, "unicode": 3, "nesting": 1, "huge": 1, "imports": 1}
"""How often each family is drawn, relative to the others: the mutations of real specs are cheap
and varied; a nesting or huge input can take a minute."""


def fuzz_inputs(bases: list[Base], sizes: Sizes = SMALL, families: tuple[str, ...] = FAMILIES) -> st.SearchStrategy:
    """Inputs of the given families, drawn as often as ``WEIGHTS`` says; the mutation families
    change the specs of ``bases``."""
    strategies = {
        "tokens": token_inputs(bases, sizes),
        "unicode": unicode_inputs(bases, sizes),
        "nesting": nesting_inputs(sizes),
        "huge": huge_inputs(sizes),
        "imports": import_inputs(bases, sizes),
    }
    drawn = [f for round_ in range(max(WEIGHTS.values())) for f in families if WEIGHTS[f] > round_]
    return st.sampled_from(drawn).flatmap(strategies.__getitem__)


__all__ = [
    "FAMILIES", "INPUT_NAME", "LARGE", "SMALL", "WEIGHTS", "Base", "Extra", "FuzzInput", "Sizes", "fuzz_inputs",
    "generated_bases", "huge_inputs", "import_inputs", "library_bases", "mutate_tokens", "mutate_unicode",
    "nesting_inputs", "nesting_text", "token_inputs", "unicode_inputs",
]
