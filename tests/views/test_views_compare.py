"""The comparison of framings: relations of every pair of concepts, disagreements first."""

from __future__ import annotations

import json

from alignspec.views import compare


def test_the_pair_of_the_thread_comes_first(seed):
    comparison = compare(seed.analysis.framings)
    first = comparison.rows[0]
    assert (first.left, first.right) == ("objective_robust", "inner_aligned")
    relations = dict(zip(comparison.framings, first.relations))
    assert relations["hubinger2020"] == "implied by"
    assert relations["harris"] == "equivalent"
    assert relations[None] == "incomparable"
    assert first.disagree


def test_disagreements_come_before_agreements(seed):
    rows = compare(seed.analysis.framings).rows
    flags = [r.disagree for r in rows]
    assert flags == sorted(flags, reverse=True)
    assert not any(r.left == "inner_aligned_to" or r.right == "inner_aligned_to" for r in rows)


def test_unsatisfiable_and_three_member_class(tricky):
    comparison = compare(tricky.analysis.framings)
    by_pair = {(r.left, r.right): dict(zip(comparison.framings, r.relations)) for r in comparison.rows}
    assert by_pair[("user", "maker")] == {None: "incomparable", "merged": "equivalent", "strict": "unsatisfiable"}
    assert by_pair[("owning_user", "user_of")]["strict"] == "implies"


def test_cli_compare_first_row_and_concept_filter(cli, seed_path):
    status, out, _ = cli("compare", seed_path, "--format", "json")
    assert status == 0
    rows = json.loads(out)["rows"]
    first = rows[0]
    assert (first["left"], first["right"]) == ("objective_robust", "inner_aligned")
    by_framing = {r["framing"]: r["relation"] for r in first["relations"]}
    assert by_framing["hubinger2020"] == "implied by" and by_framing["harris"] == "equivalent"
    status, out, _ = cli("compare", seed_path, "--concept", "built_heuristic", "--framing", "harris", "--format", "json")
    rows = json.loads(out)["rows"]
    assert rows and all("built_heuristic" in (r["left"], r["right"]) for r in rows)
    assert all(len(r["relations"]) == 1 for r in rows)


def test_cli_compare_text_and_markdown(cli, seed_path):
    status, out, _ = cli("compare", seed_path)
    assert status == 0
    assert out.splitlines()[2].split() == ["*", "objective_robust", "inner_aligned", "incomparable", "implied", "by",
                                           "equivalent", "implied", "by", "equivalent"]
    status, out, _ = cli("compare", seed_path, "--format", "markdown", "--framing", "hubinger2020", "--framing", "harris")
    assert out.splitlines()[2] == "| `objective_robust` | `inner_aligned` | implied by | equivalent | yes |"
