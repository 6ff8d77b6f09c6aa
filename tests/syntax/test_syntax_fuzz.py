"""Property tests: no text makes ``parse_source`` raise, and every diagnostic's span lies within
the text."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from syntax_support import parse, seed_text

SETTINGS = settings(max_examples=int(os.environ.get("ALIGNSPEC_FUZZ_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SEED = seed_text()
# The seed as tokens: words with primes, strings, comments, two-character operators, single
# characters and runs of white space; joining them gives the seed back.
TOKENS = re.findall(r"""[^\W\d]\w*['\u2032\u2033\u2034]*|"(?:[^"\\\n]|\\.)*"|#[^\n]*|:=|->|\s+|.""",
                    SEED)
assert "".join(TOKENS) == SEED
WORDS = [t for t in TOKENS if not t.isspace()]
LANGUAGE_PIECES = sorted(set(WORDS)) + ["{", "}", "(", ")", ",", ":", ":=", "->", "=>", "=", ".",
                                        '"', "\\", "\n", " ", "'", "′", "″", "@", ";", "\r"]


@SETTINGS
@given(st.text())
def test_arbitrary_text(text):
    parse(text)


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_arbitrary_unicode(text):
    parse(text)


@SETTINGS
@given(st.lists(st.sampled_from(LANGUAGE_PIECES), max_size=80).map(" ".join))
def test_sequences_of_language_pieces(text):
    parse(text)


@SETTINGS
@given(st.lists(st.sampled_from(LANGUAGE_PIECES), max_size=80).map("".join))
def test_sequences_of_language_pieces_without_spaces(text):
    parse(text)


MUTATION = st.tuples(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace"]),
                     st.integers(min_value=0, max_value=len(TOKENS) - 1),
                     st.integers(min_value=0, max_value=len(TOKENS) - 1),
                     st.sampled_from(LANGUAGE_PIECES))


def mutate(tokens: list[str], mutations) -> str:
    tokens = list(tokens)
    for kind, i, j, piece in mutations:
        i %= len(tokens) or 1
        j %= len(tokens) or 1
        if not tokens:
            tokens.append(piece)
        elif kind == "delete":
            del tokens[i]
        elif kind == "duplicate":
            tokens.insert(i, tokens[i])
        elif kind == "swap":
            tokens[i], tokens[j] = tokens[j], tokens[i]
        elif kind == "insert":
            tokens.insert(i, piece)
        else:
            tokens[i] = piece
    return "".join(tokens)


@SETTINGS
@given(st.lists(MUTATION, min_size=1, max_size=6))
def test_mutations_of_the_seed(mutations):
    parse(mutate(TOKENS, mutations))


@SETTINGS
@given(st.integers(min_value=0, max_value=len(SEED)))
def test_every_prefix_of_the_seed(length):
    parse(SEED[:length])


@SETTINGS
@given(st.integers(min_value=0, max_value=len(SEED) - 1), st.characters(codec="utf-8"))
def test_one_character_changed_in_the_seed(position, char):
    parse(SEED[:position] + char + SEED[position + 1:])
