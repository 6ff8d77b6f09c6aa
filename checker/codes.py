"""The registry of finding codes: one entry per finding, with its stable name, code and doc."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from .diagnostics import Severity

DOC_HEADINGS = ("What it means", "Why it matters", "Example", "How to fix")


@dataclass(frozen=True)
class Code:
    """A registered finding: ``code`` (AS + number, grouped by stage), kebab-case ``name``,
    default severity, one-line summary and a doc with the four ``DOC_HEADINGS``."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: dict[str, str]


def _code(code: str, name: str, severity: Severity, summary: str, **doc: str) -> Code:
    sections = {
        "What it means": doc.get("what", ""),
        "Why it matters": doc.get("why", ""),
        "Example": doc.get("example", ""),
        "How to fix": doc.get("fix", ""),
    }
    return Code(code, name, severity, summary, sections)


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def _example(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


# AS1xx: reading and parsing; AS2xx: names, kinds and imports; AS3xx: reasoning;
# AS4xx: scenarios.
CODES: tuple[Code, ...] = (
    _code(
        "AS100", "syntax-error", ERROR, "the text is not in the language",
        what="The parser could not read the file as AlignSpec: at the reported position it met a "
        "token or character that no statement of the language allows there. The message says "
        "what it found and what it expected instead.",
        why="Nothing after a syntax error can be trusted: the file is not checked any further, so "
        "its claims, scenarios and declarations go unverified until the text parses.",
        example=_example("""
            kind Optimizer
            kind Model
            relation trains(Optimizer Model)    # the two kinds need a comma between them
        """),
        fix="Look at the caret and at the list of expected tokens. Common causes are a missing "
        "comma between arguments, a reserved word used as a name, an unclosed string or brace, "
        "`:=` missing before a concept body, and a doc string or `source` clause in the wrong "
        "place (in a concept they come before `:=`).",
    ),
    _code(
        "AS101", "input-error", ERROR, "the file cannot be read as a spec (encoding, NUL byte, size)",
        what="The file could not be turned into text for the parser: it is not valid UTF-8, it "
        "contains a NUL byte, or it is larger than the checker's size limit (16 MiB). The "
        "location points at the first offending byte when there is one. A leading byte-order "
        "mark and CRLF or CR line ends are accepted.",
        why="A spec is defined as a UTF-8 text file. Guessing another encoding could silently "
        "change names (two spellings of one name would no longer match), and NUL bytes or huge "
        "files are almost always a binary or generated file passed by mistake.",
        example=_example("""
            # saved as Latin-1 instead of UTF-8: the byte for "è" is not valid UTF-8
            kind Modèle
        """),
        fix="Re-save the file as UTF-8 (without changing its text), remove stray NUL bytes, and "
        "check that the path really names a `.align` spec. A spec that is legitimately very "
        "large can be split into several files joined with `import`.",
    ),
    _code(
        "AS200", "unknown-name", ERROR, "a name that is not declared",
        what="The spec uses a kind, relation, concept, framing, individual or import alias that "
        "is declared nowhere it can see: not in this spec, and not (through a qualified name "
        "`prefix.name`) in an imported one.",
        why="An undeclared name has no meaning, so no axiom, claim or expectation that mentions "
        "it can be checked. It is usually a typo or a forgotten declaration or import.",
        example=_example("""
            kind Model
            concept trained(m: Model) := trains(b, m)    # no relation `trains` is declared
        """),
        fix="Declare the name (`relation trains(Optimizer, Model)`), correct its spelling, or "
        "import the spec that declares it and use the qualified name (`import agents as a` then "
        "`a.trains`). Names are case-sensitive and prime marks count: `L'` and `L′` differ.",
    ),
    _code(
        "AS201", "duplicate-name", ERROR, "a name declared twice in one spec",
        what="Two declarations in the same spec use the same name. Kinds, relations, concepts, "
        "framings, rules, claims and scenarios share one namespace, so `kind X` and `concept X` "
        "clash as well.",
        why="Every use of the name would be ambiguous. The checker reports the second "
        "declaration and points back to the first rather than picking one.",
        example=_example("""
            kind Model "a system produced by training"
            kind Model "a trained policy"
        """),
        fix="Rename one of the two declarations, or merge them into one. To refine an imported "
        "notion, declare a new name (`kind TrainedPolicy: m.Model`) instead of redeclaring it.",
    ),
    _code(
        "AS202", "arity-mismatch", ERROR, "an atom with the wrong number of arguments",
        what="An atom has a different number of arguments from its declaration: a kind takes "
        "exactly one, a relation exactly two, and a concept as many as it has parameters. A "
        "claim that uses bare concept names on both sides also needs concepts of equal arity.",
        why="An atom with the wrong number of arguments has no meaning, so the statement that "
        "contains it cannot be turned into axioms or queries.",
        example=_example("""
            kind Optimizer
            kind Model
            relation trains(Optimizer, Model)
            concept trained(m: Model) := trains(m)    # trains takes two arguments
        """),
        fix="Supply the missing arguments or drop the extra ones (`trains(b, m)`). For a claim "
        "between concepts of different arity, write the formulas out as atoms with explicit "
        "variables instead of bare concept names.",
    ),
    _code(
        "AS203", "kind-mismatch", ERROR, "a variable or individual forced into two disjoint kinds",
        what="How a variable or individual is used forces it into two kinds declared disjoint: "
        "for example it is a concept parameter of one kind and also the argument of a relation "
        "whose signature demands the other. This is a static check over kind declarations, "
        "relation signatures, concept parameters and `disjoint` only; framing rules are not "
        "consulted. It covers concept bodies, rules, claims and scenario facts, not `expect`.",
        why="The statement can never apply to anything: a concept with such a body is empty, a "
        "rule never fires, a scenario is contradictory. That is almost always a mistake in an "
        "argument's position or in a relation's signature.",
        example=_example("""
            kind Model
            kind Objective
            disjoint Model, Objective
            relation optimizes(Model, Objective)
            concept self_goal(m: Model) := optimizes(m, m)    # m would be a Model and an Objective
        """),
        fix="Check the order of the arguments and the signature of the relation involved, and "
        "whether the two kinds really are disjoint. If the concept is meant to be empty, say so "
        "with a claim `unsatisfiable CONCEPT`; the mismatch is then not reported.",
    ),
    _code(
        "AS204", "circular-definition", ERROR,
        "a concept, kind hierarchy or extends chain that depends on itself",
        what="A definition refers back to itself: a concept whose body uses itself directly or "
        "through other concepts, a kind that is (through its parents) its own parent, or a "
        "framing that extends itself through an `extends` chain. The related locations list "
        "the cycle.",
        why="Concepts are expanded in place, so a self-dependent concept would expand forever; a "
        "cyclic kind hierarchy or `extends` chain has no well-defined set of axioms.",
        example=_example("""
            kind Agent
            concept trusted(x: Agent) := vouched(x)
            concept vouched(x: Agent) := trusted(x)
        """),
        fix="Break the cycle. Give one concept a body of atoms that does not mention the other, "
        "or, if the intent is a recursive property, express it as a framing rule over a "
        "relation (rules may be recursive as long as the framing stays weakly acyclic). For kinds "
        "and framings, remove the parent or `extends` entry that closes the loop.",
    ),
    _code(
        "AS205", "import-error", ERROR, "an import that cannot be loaded",
        what="An `import` could not be resolved: the file or library spec does not exist, the "
        "path leads outside the directories the checker is allowed to read, or the imports "
        "form a cycle (a spec that imports itself directly or indirectly).",
        why="Names from the missing spec stay undeclared, so everything that uses them is "
        "unchecked. Reading outside the allowed roots is refused so that checking a spec "
        "cannot read arbitrary files.",
        example=_example("""
            import "../common/agents.align" as agents    # no such file next to this spec
            kind Model: agents.System
        """),
        fix="Correct the path (it is relative to the importing file), or use the name of a "
        "shipped library spec (`import NAME` loads `ontology/NAME.align`). Move shared specs "
        "inside the allowed roots. For a cycle, move the declarations both specs need into a "
        "third spec that both import.",
    ),
    _code(
        "AS206", "unused-declaration", INFO, "a kind, relation or concept that nothing uses",
        what="A kind, relation or concept is declared but no other statement refers to it: no "
        "concept, rule, claim or scenario, and no other declaration's signature or parents.",
        why="An unused declaration contributes nothing to any check. It is often left over "
        "from an edit, or a sign that a claim or scenario meant to exercise it is missing.",
        example=_example("""
            kind Model
            kind Objective                      # declared, never used
            concept trained(m: Model) := Model(m)
            claim: satisfiable trained
        """),
        fix="Remove the declaration, or use it: add the claim or scenario that was meant to test "
        "it. This is an info finding and does not fail a check.",
    ),
    _code(
        "AS207", "unused-suppression", INFO, "a suppression comment that suppresses nothing",
        what="A comment `# alignspec: ignore[CODE, ...]` (or a bare `# alignspec: ignore`) names no "
        "finding that occurs where it applies: on its own line, or, when the comment is alone on its "
        "line, on the line after. Also reported for a code or name in the brackets that is not a "
        "finding's, and for a comment that cannot be read (an unclosed bracket).",
        why="A suppression that no longer matches anything hides nothing today but will silently "
        "hide a new finding of the same code on that line tomorrow. It is usually left over from a "
        "finding that was fixed, or it names the wrong code or the wrong line.",
        example=_example("""
            kind Agent
            concept active(x: Agent) := Agent(x)    # alignspec: ignore[AS303]
            claim: satisfiable active
        """),
        fix="Remove the comment, or the codes in it that match nothing; if a finding was meant, "
        "move the comment onto the line where the finding starts (or the line above it) and name "
        "the code the finding shows (`alignspec check` prints it in brackets). This is an info "
        "finding and does not fail a check.",
    ),
    _code(
        "AS300", "non-terminating-framing", ERROR, "a framing whose rules are not weakly acyclic",
        what="The rules of a framing (its own, the ones it extends, and the relation and kind "
        "axioms) are not weakly acyclic: some rule invents a new entity whose facts make the same "
        "rule, or another on the cycle, invent yet another one. The related locations name the "
        "rules on the offending cycle.",
        why="For such rules the chase may never end, so the checker cannot give exact answers. "
        "Claims under the framing are reported as unknown, and its classification and scenarios "
        "are skipped.",
        example=_example("""
            kind Agent
            relation trains(Agent, Agent)
            framing regress {
                # b is a new Agent, who needs a trainer, who needs a trainer...
                rule everyone_trained: Agent(a) -> trains(b, a)
            }
        """),
        fix="Break the cycle of invented entities: let the head reuse a variable from the body "
        "instead of a fresh one, restrict the rule with a kind the invented entity does not "
        "have (for example a separate kind for base optimizers), or drop the rule and state "
        "its intent as a claim.",
    ),
    _code(
        "AS301", "unsatisfiable-concept", ERROR, "a concept with no possible member under a framing",
        what="Under the named framing no world satisfying its axioms has a member of the "
        "concept: chasing the concept's canonical instance fails. It is reported once, under "
        "the first framing where it happens, and not again under framings that extend it.",
        why="An empty concept implies and is equivalent to every other concept, so claims about "
        "it hold vacuously and say nothing. It usually means the framing's rules contradict the "
        "concept's definition or a disjointness.",
        example=_example("""
            kind Optimizer
            kind Model
            kind Heuristic: Model
            disjoint Heuristic, Optimizer
            relation builds(Optimizer, Model)
            concept built_heuristic(p: Heuristic) := builds(b, p)
            framing everything_searches {
                rule built_searches: builds(b, m) -> Optimizer(m)
            }
        """),
        fix="If the emptiness is the point (the framing rules out such members), acknowledge it "
        "with `claim under F: unsatisfiable CONCEPT`. Otherwise find the axioms that conflict "
        "(the related locations and details list them) and weaken the rule, the disjointness or "
        "the concept body.",
    ),
    _code(
        "AS302", "claim-failed", ERROR, "a claim that does not hold",
        what="A claim does not hold under its framing: an `implies` has a counterexample, a "
        "`does not imply` is in fact entailed, an `equivalent` fails in one direction, a "
        "`distinct` holds in both, or a `satisfiable`/`unsatisfiable` claim gets the opposite "
        "answer. A failed implication comes with a counterexample scenario and the atoms of the "
        "right side that found no match; a failed non-implication comes with a justification.",
        why="A claim is what the spec asserts about its vocabulary. When it fails, either the "
        "assertion is wrong or the axioms are missing a premise the author had in mind.",
        example=_example("""
            kind Optimizer
            kind Model
            kind MesaOptimizer: Model, Optimizer
            concept trained(m: Model) := Model(m)
            concept searcher(m: MesaOptimizer) := MesaOptimizer(m)
            claim: trained implies searcher    # a trained model need not search
        """),
        fix="Read the counterexample: it is a small world where the left side holds and the "
        "right does not, printed as a `scenario` block you can paste into the spec. Add the "
        "missing premise as a rule of a framing and claim under it, or change the claim "
        "(`does not imply`, `distinct`) if the failure is the intended point. For a failed "
        "non-implication, the justification names the axioms to question.",
    ),
    _code(
        "AS303", "concept-collapse", WARNING, "satisfiable concepts that are equivalent under a framing",
        what="Two or more satisfiable concepts of equal arity imply one another under a framing, "
        "so in that framing they pick out exactly the same things. The finding names the whole "
        "equivalence class and is reported once, under the first framing where that class "
        "appears.",
        why="A vocabulary exists to draw distinctions; when two terms collapse, arguments that "
        "use them as different may be equivocating. The collapse may also be the intended "
        "result of a framing, which is why it is a warning.",
        example=_example("""
            kind Optimizer
            kind Model
            relation trains(Optimizer, Model)
            concept trained(m: Model) := trains(b, m)
            concept has_trainer(m: Model) := trains(t, m)
        """),
        fix="If the collapse is intended, acknowledge it with `claim under F: A equivalent B` "
        "(for a class of more than two, with claims that connect all its members). Otherwise "
        "find what should tell them apart and add it to one definition, or merge the two "
        "concepts into one.",
    ),
    _code(
        "AS304", "budget-exceeded", WARNING,
        "a chase or search stopped at its limit; the answer is unknown",
        what="A chase or a homomorphism search reached one of its limits before finishing: the new "
        "entities or the new facts a chase may add, or the steps of a search. The message says "
        "which limit, and the option that raises it. The claim, classification or expectation it "
        "served is reported as unknown; the checker never guesses an answer.",
        why="An unknown answer is not a pass: the statement is unverified, and a spec relying on "
        "it may be wrong without anyone noticing. This is a warning, so `--strict` (or "
        "`strict = true` in the configuration) makes a run with an unknown answer fail.",
        example=_example("""
            kind Node
            kind L0: Node
            kind L1: Node
            kind L2: Node
            relation left(Node, Node)
            relation right(Node, Node)
            framing binary_tree {
                rule split0: L0(x) -> left(x, a), L1(a), right(x, b), L1(b)
                rule split1: L1(x) -> left(x, a), L2(a), right(x, b), L2(b)
                # ... and so on for thirty levels: the chase doubles at every level
            }
            concept root(x: L0) := L0(x)
            claim under binary_tree: satisfiable root
        """),
        fix="Raise the limit the message names, if the run allows it: `--max-entities`, "
        "`--max-facts` or `--max-steps` on the command line, or `max-entities`, `max-facts`, "
        "`max-steps` in the configuration. Or make the problem smaller: split a framing whose "
        "rules invent many entities, avoid rules that multiply entities at every step, and state "
        "claims over smaller formulas.",
    ),
    _code(
        "AS305", "restated-premise", INFO, "a claim that holds only because a rule states it",
        what="A claim holds under its framing, but only because of one rule (a rule of the framing, "
        "or a definition) that says the same thing: without that rule the claim does not hold, the "
        "rule alone (with the kind and relation declarations) entails the claim, and the claim read "
        "as a rule entails the rule back. The result is assumed, not derived. For `implies` the "
        "claim is read as the rule `left -> right`; for `unsatisfiable` and `excludes` as "
        "`formula -> false`; an `equivalent` claim restates a rule when either direction does. "
        "Concepts are unfolded before comparing.",
        why="Such a claim looks like a finding of the framing, but it is one of its premises written "
        "twice. A reader of the report should not take it for evidence.",
        example=_example("""
            kind Model
            kind Objective
            relation pursues(Model, Objective)
            relation behaves_by(Model, Objective)
            framing b1 {
                rule behaviour_follows: pursues(m, o) -> behaves_by(m, o)
            }
            claim under b1: pursues(m, o) implies behaves_by(m, o)    # the rule, restated
        """),
        fix="If the claim is meant as an explicit statement of the premise, keep it and say so in "
        "its doc string. Otherwise derive it from more basic premises, or state the claim that "
        "uses the premise (what follows from it) instead.",
    ),
    _code(
        "AS306", "vacuous-claim", INFO, "a non-implication that holds only for lack of any connection",
        what="A `does not imply` or `distinct` claim holds, but only because, in every direction "
        "that fails, the right side needs a primitive kind or relation that nothing can derive: no "
        "rule of any framing of the spec or of what it imports, no definition and no declaration "
        "has it in its head, and the left side does not contain it. Kinds that relation signatures "
        "or the kind hierarchy derive are not primitive.",
        why="Such a non-implication cannot fail under any framing of the spec: it says nothing about "
        "the concepts beyond the fact that the vocabulary never connects them. It looks like a "
        "result, but no premise could have made it otherwise.",
        example=_example("""
            kind Model
            kind Human
            relation trained_by(Model, Human)
            relation approved_by(Model, Human)
            concept trained(m: Model) := trained_by(m, h)
            concept approved(m: Model) := approved_by(m, h)
            claim: trained does not imply approved    # nothing ever derives approved_by
        """),
        fix="If the framings are meant to connect the two sides, add the rule that would (and see "
        "whether the claim still holds). If the point is that the vocabulary keeps them apart, say "
        "so in the claim's doc string.",
    ),
    _code(
        "AS400", "expectation-failed", ERROR, "a scenario expectation that does not pass",
        what="In a scenario, an `expect ATOM` whose atom does not follow from the facts under "
        "the scenario's framing, or an `expect not ATOM` whose atom does follow. For a concept "
        "atom about an individual outside the concept's kinds, the message says the concept is "
        "not applicable rather than false.",
        why="Scenarios are the spec's test cases: a failed expectation means the definitions or "
        "the framing do not say what the author believes they say about a concrete case.",
        example=_example("""
            kind Optimizer
            kind Model
            relation trains(Optimizer, Model)
            concept trained(m: Model) := trains(b, m)
            scenario lone_model {
                Model policy
                expect trained(policy)    # no fact says who trains policy
            }
        """),
        fix="Add the missing facts to the scenario, add the missing rule to its framing, or "
        "correct the expectation. Remember that `expect not` only checks that the atom does not "
        "follow; nothing is assumed false.",
    ),
    _code(
        "AS401", "inconsistent-scenario", ERROR, "scenario facts that violate an axiom",
        what="The facts of a scenario, chased under its framing, contradict an axiom: they put "
        "an individual into two disjoint kinds, trigger a rule with head `false`, or force two "
        "differently named individuals to be equal (names are unique in scenarios). The details "
        "name the axiom and the facts involved.",
        why="From contradictory facts everything follows, so the scenario's expectations would "
        "be meaningless; they are not evaluated.",
        example=_example("""
            kind Optimizer
            kind Objective
            relation optimizes(Optimizer, Objective) functional
            scenario two_goals {
                Optimizer sgd
                Objective loss, proxy
                optimizes(sgd, loss)
                optimizes(sgd, proxy)    # functional: loss and proxy would be one individual
            }
        """),
        fix="Remove or correct the conflicting fact, use one individual where two names were "
        "meant to be the same, or reconsider the axiom (a `functional` property, a "
        "disjointness, a framing rule) if the scenario describes a real case.",
    ),
    _code(
        "AS402", "cycle-in-acyclic", ERROR, "a cycle of a relation declared acyclic",
        what="In a scenario, the facts (after the chase under its framing) contain a cycle of "
        "edges of a relation declared `acyclic`. The related locations list the facts on the "
        "cycle.",
        why="`acyclic` is an axiom: a cycle contradicts it just as a disjointness violation "
        "would, and the levels of an acyclic relation are undefined on a cycle.",
        example=_example("""
            kind Agent
            relation trains(Agent, Agent) acyclic
            scenario loop {
                Agent a, b
                trains(a, b)
                trains(b, a)
            }
        """),
        fix="Remove one of the facts on the cycle, or a framing rule that closes it. If cycles "
        "are legitimate for the relation, drop `acyclic` from its declaration.",
    ),
)

(
    SYNTAX_ERROR, INPUT_ERROR,
    UNKNOWN_NAME, DUPLICATE_NAME, ARITY_MISMATCH, KIND_MISMATCH, CIRCULAR_DEFINITION, IMPORT_ERROR,
    UNUSED_DECLARATION, UNUSED_SUPPRESSION,
    NON_TERMINATING_FRAMING, UNSATISFIABLE_CONCEPT, CLAIM_FAILED, CONCEPT_COLLAPSE, BUDGET_EXCEEDED,
    RESTATED_PREMISE, VACUOUS_CLAIM,
    EXPECTATION_FAILED, INCONSISTENT_SCENARIO, CYCLE_IN_ACYCLIC,
) = CODES

BY_CODE = {c.code: c for c in CODES}
BY_NAME = {c.name: c for c in CODES}


def _check_registry() -> None:
    """Every code is unique and well formed, each constant above is the code its name says,
    and every doc has its four headings filled in; a mistake here fails at import time."""
    if len(BY_CODE) != len(CODES) or len(BY_NAME) != len(CODES):
        raise AssertionError("finding codes and names must be unique")
    constants = {name: value for name, value in globals().items() if isinstance(value, Code)}
    for constant, code in constants.items():
        if constant != code.name.upper().replace("-", "_"):
            raise AssertionError(f"constant {constant} holds the code {code.name}")
    for code in CODES:
        if not re.fullmatch(r"AS[1-4][0-9]{2}", code.code) or not re.fullmatch(r"[a-z]+(-[a-z]+)*", code.name):
            raise AssertionError(f"malformed finding code {code.code} {code.name}")
        if code.name.upper().replace("-", "_") not in constants:
            raise AssertionError(f"finding {code.name} has no constant")
        if any(not code.doc.get(heading, "").strip() for heading in DOC_HEADINGS):
            raise AssertionError(f"finding {code.name} lacks a section of its doc")


_check_registry()


def lookup(code_or_name: str) -> Code | None:
    """Find a registered code by its code (``AS302``, any case) or its name (``claim-failed``)."""
    key = code_or_name.strip()
    return BY_CODE.get(key.upper()) or BY_NAME.get(key.lower())
