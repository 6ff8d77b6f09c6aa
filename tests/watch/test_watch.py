"""``alignspec check --watch``: which specs each change re-analyses, what each run reports, and
stopping; driven by an injected change source, and once by the real watcher in a subprocess."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from alignspec.check import CheckOptions, check
from alignspec.cli import main
from alignspec.cli.watch import CLEAR_SCREEN, INTERRUPTED, Watcher, run_watch

SHARED = "kind Agent\nkind Objective\nrelation pursues(Agent, Objective)\n"
RENAMED = SHARED.replace("pursues", "pursued")
MIDDLE = 'import "shared.align" as S\nrelation wants(S.Agent, S.Objective)\n'
IMPORTER = ('import "middle.align" as M\nimport "shared.align" as S\n'
            "concept goal_directed(x: S.Agent) := S.pursues(x, o), M.wants(x, o)\n"
            "claim: satisfiable goal_directed\n")
LONELY = "kind Lonely\n"


def _specs(directory: Path) -> dict[str, Path]:
    files = {"shared": SHARED, "middle": MIDDLE, "importer": IMPORTER, "lonely": LONELY}
    paths = {}
    for name, text in files.items():
        paths[name] = directory / f"{name}.align"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def _edit(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def _watch(arguments, steps, stdout=None, compare=False):
    """Run the watch loop over ``arguments``; each step edits files and returns the paths to
    report as changed. Returns the exit status, the runs and the directories watched by each
    change source. With ``compare``, each run's findings must be those of a fresh check."""
    runs = []
    watched = []
    remaining = iter(steps)

    def changes(directories):
        watched.append(directories)
        for step in remaining:
            yield step()

    def report(run):
        runs.append(run)
        if compare:
            assert _findings(run.result) == _findings(check([str(a) for a in arguments]))
        return run.result.exit_status()

    status = run_watch([str(a) for a in arguments], CheckOptions(), report, changes=changes,
                       stdout=stdout or io.StringIO(), stderr=io.StringIO())
    return status, runs, watched


def _analysed(run):
    return sorted(Path(p).stem for p in run.analysed)


def _findings(result):
    return sorted((d.code, Path(d.span.file).name, d.span.line) for d in result.diagnostics)


def test_a_changed_import_re_analyses_its_importers_and_only_them(tmp_path):
    paths = _specs(tmp_path)
    status, runs, watched = _watch([tmp_path], [
        lambda: {_edit(paths["shared"], RENAMED)},
        lambda: {_edit(paths["lonely"], LONELY + "kind Alone\n")},
        lambda: {_edit(paths["shared"], SHARED)},
    ])
    assert [_analysed(run) for run in runs] == [
        ["importer", "lonely", "middle", "shared"],
        ["importer", "middle", "shared"],
        ["lonely"],
        ["importer", "middle", "shared"],
    ]
    assert ("AS200", "importer.align", 3) in _findings(runs[1].result)
    assert ("AS200", "importer.align", 3) not in _findings(runs[3].result)
    assert status == runs[-1].result.exit_status() == 0
    assert watched == [[str(tmp_path.resolve())]]


def test_each_run_reports_what_check_would(tmp_path):
    paths = _specs(tmp_path)
    _, runs, _ = _watch([tmp_path], [lambda: {_edit(paths["shared"], RENAMED)},
                                     lambda: {_edit(paths["middle"], MIDDLE.replace("S.Objective", "S.Agent"))},
                                     lambda: {_edit(paths["shared"], SHARED)}], compare=True)
    assert len(runs) == 4
    assert _findings(runs[1].result) != _findings(runs[0].result)


def test_an_import_that_did_not_parse_re_analyses_its_importer_once_fixed(tmp_path):
    paths = _specs(tmp_path)
    paths["shared"].write_text("kind Agent kind\n", encoding="utf-8")
    _, runs, _ = _watch([paths["importer"]], [lambda: {_edit(paths["shared"], SHARED)}])
    assert "AS205" in {code for code, _, _ in _findings(runs[0].result)}
    assert _analysed(runs[1]) == ["importer"]
    assert _findings(runs[1].result) == _findings(check([str(paths["importer"])]))


def test_new_specs_are_checked_and_removed_ones_dropped(tmp_path):
    paths = _specs(tmp_path)
    (tmp_path / "sub").mkdir()
    extra = tmp_path / "sub" / "extra.align"

    def add():
        return {_edit(extra, "kind Extra\n")}

    def remove():
        paths["lonely"].unlink()
        return {str(paths["lonely"])}

    _, runs, watched = _watch([tmp_path], [add, remove])
    assert _analysed(runs[1]) == ["extra"]
    assert "lonely" not in {Path(f).stem for f in runs[2].result.files}
    assert "extra" in {Path(f).stem for f in runs[2].result.files}
    assert str((tmp_path / "sub").resolve()) in watched[0]


def test_a_new_directory_restarts_the_watcher_on_it(tmp_path):
    _specs(tmp_path)
    new = tmp_path / "new"

    def make_directory():
        new.mkdir()
        return {str(new)}

    _, runs, watched = _watch([tmp_path], [make_directory, lambda: {_edit(new / "more.align", "kind More\n")}])
    assert str(new.resolve()) not in watched[0] and str(new.resolve()) in watched[1]
    assert _analysed(runs[-1]) == ["more"]


def test_changes_that_concern_no_spec_cause_no_run_and_missed_changes_are_caught(tmp_path):
    paths = _specs(tmp_path)

    def unrelated():
        (tmp_path / "notes.txt").write_text("not a spec\n", encoding="utf-8")
        return {str(tmp_path / "notes.txt")}

    def unreported():
        _edit(paths["middle"], MIDDLE + "kind Spare\n")
        return set()

    _, runs, _ = _watch([tmp_path], [unrelated, lambda: set(), unreported])
    assert len(runs) == 2
    assert _analysed(runs[1]) == ["importer", "middle"]


def test_ctrl_c_stops_the_loop_with_status_130(tmp_path):
    _specs(tmp_path)

    def interrupt():
        raise KeyboardInterrupt

    status, runs, _ = _watch([tmp_path], [interrupt])
    assert (status, len(runs)) == (INTERRUPTED, 1)


class _Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("stream, cleared", [(_Terminal, True), (io.StringIO, False)])
def test_the_screen_is_cleared_before_each_run_only_on_a_terminal(tmp_path, stream, cleared):
    paths = _specs(tmp_path)
    out = stream()
    _watch([tmp_path], [lambda: {_edit(paths["lonely"], LONELY)}], stdout=out)
    assert out.getvalue().count(CLEAR_SCREEN) == (2 if cleared else 0)


def test_the_directories_watched_include_those_of_imports(tmp_path):
    library = tmp_path / "library"
    library.mkdir()
    (library / "shared.align").write_text(SHARED, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    spec = project / "spec.align"
    spec.write_text('import "../library/shared.align" as S\nconcept c(x: S.Agent) := S.pursues(x, o)\n',
                    encoding="utf-8")
    watcher = Watcher([str(spec)], CheckOptions(roots=[str(tmp_path)]))
    watcher.check()
    assert watcher.directories() == sorted([str(library.resolve()), str(project.resolve())])


def test_without_watchfiles_watch_is_a_usage_error(tmp_path, monkeypatch, capsys):
    _specs(tmp_path)
    monkeypatch.setitem(sys.modules, "watchfiles", None)
    assert main(["check", "--watch", str(tmp_path)]) == 2
    assert "watchfiles" in capsys.readouterr().err


def test_nothing_to_check_is_a_usage_error_before_watching(tmp_path):
    assert main(["check", "--watch", str(tmp_path / "missing.align")]) == 2


# The real watcher, in a subprocess


def _documents(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    documents, position = [], 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return documents
        try:
            document, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError:
            return documents   # a document still being written
        documents.append(document)


def _wait_for(condition, timeout: float, poke=None) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if poke is not None:
            poke()
        time.sleep(0.5)
    return condition()


def test_the_real_watcher_re_checks_an_importer_when_its_import_changes(tmp_path):
    pytest.importorskip("watchfiles", reason="--watch needs watchfiles (pip install watchfiles)")
    specs = tmp_path / "specs"
    specs.mkdir()
    paths = _specs(specs)
    out, err = tmp_path / "out.json", tmp_path / "err.txt"
    with open(out, "w") as stdout, open(err, "w") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "alignspec", "check", "--watch", "--format", "json",
                                    str(specs)], stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL)
    try:
        assert _wait_for(lambda: len(_documents(out)) >= 1, timeout=60), err.read_text()
        first = _documents(out)[0]
        assert not [d for d in first["diagnostics"] if d["severity"] == "error"]
        assert _wait_for(lambda: len(_documents(out)) >= 2, timeout=30,
                         poke=lambda: _edit(paths["shared"], RENAMED)), err.read_text()
        second = _documents(out)[1]
        assert {(d["code"], Path(d["file"]).name) for d in second["diagnostics"]} >= {("AS200", "importer.align")}
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == INTERRUPTED
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    assert os.path.exists(out)
