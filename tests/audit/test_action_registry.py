"""Every action the code can record has a sentence in fi, sv and en.

The source is read, not run: every `audit_record(...)` call and every call that passes an
`action=` on to one (the inbox's state machine) is found in the syntax tree, so an action on a
path no other test exercises is still checked.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

from someluotsi.audit.registry import all_actions, all_target_kinds, event_subjects
from someluotsi.audit.sentences import _Fields

ROOT = Path(__file__).resolve().parents[2] / "someluotsi"
CODE = re.compile(r"^[a-z_]+\.[a-z_]+$")


def _module_constants(tree: ast.Module) -> dict[str, str]:
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    found[target.id] = node.value.value
    return found


def _module_tables(tree: ast.Module) -> dict[str, list[str]]:
    """Module-level dicts of literal strings (an action per state)."""
    found: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            values = [v.value for v in node.value.values if isinstance(v, ast.Constant)]
            for target in node.targets:
                if isinstance(target, ast.Name) and all(isinstance(v, str) for v in values):
                    found[target.id] = [str(v) for v in values]
    return found


def _parameters(tree: ast.Module) -> dict[ast.AST, set[str]]:
    """For each call, the parameter names of the function it sits in."""
    enclosing: dict[ast.AST, set[str]] = {}
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            names = {a.arg for a in func.args.args + func.args.kwonlyargs}
            for node in ast.walk(func):
                enclosing.setdefault(node, set()).update(names)
    return enclosing


def recorded_actions() -> tuple[set[str], list[str]]:
    """(action codes found in the source, problems: actions the test cannot read)."""
    codes: set[str] = set()
    problems: list[str] = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _module_constants(tree)
        tables = _module_tables(tree)
        parameters = _parameters(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            for keyword in node.keywords:
                if keyword.arg != "action":
                    continue
                value = keyword.value
                where = f"{path.relative_to(ROOT.parent)}:{node.lineno}"
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    if CODE.match(value.value) or name == "audit_record":
                        codes.add(value.value)
                elif isinstance(value, ast.Name) and value.id in constants:
                    codes.add(constants[value.id])
                elif isinstance(value, ast.Name) and value.id in parameters.get(node, set()):
                    continue  # passed through; its callers' literals are checked
                elif (
                    isinstance(value, ast.Subscript)
                    and isinstance(value.value, ast.Name)
                    and value.value.id in tables
                ):
                    codes.update(tables[value.value.id])
                elif isinstance(value, ast.Subscript) and isinstance(value.value, ast.Dict):
                    for item in value.value.values:
                        if isinstance(item, ast.Constant) and isinstance(item.value, str):
                            codes.add(item.value)
                elif name == "audit_record":
                    problems.append(f"{where}: write the action as a literal or a constant")
    return codes, problems


def test_the_source_names_every_action_it_records() -> None:
    codes, problems = recorded_actions()
    assert problems == []
    # The finder itself works: actions recorded directly, through the state machine and
    # through a module constant are all found.
    assert {"message.viewed", "message.assigned", "channel_health.summary_sent"} <= codes


def test_every_recorded_action_has_a_sentence() -> None:
    codes, _problems = recorded_actions()
    registered = {action.code for action in all_actions()}
    assert sorted(codes - registered) == []


def test_no_sentence_for_an_action_nothing_records() -> None:
    codes, _problems = recorded_actions()
    registered = {action.code for action in all_actions()}
    assert sorted(registered - codes) == []


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_sentence_and_label_is_translated_and_formats(language: str) -> None:
    with translation.override(language):
        for action in all_actions():
            sentence, label = str(action.sentence), str(action.label)
            # Every field formats (missing ones become a dash) and none is left raw.
            shown = sentence % _Fields(actor="Maija Mäkelä")
            assert "%(" not in shown, action.code
            assert label
            assert label != action.code
            if language != "en":
                with translation.override("en"):
                    english = str(action.sentence)
                assert sentence != english, f"{action.code} has no {language} sentence"
        for kind in all_target_kinds():
            assert str(kind.label)


def test_list_events_name_every_message_as_a_subject() -> None:
    subjects = event_subjects(
        action="messages.listed", target_type="", target_id="", data={"ids": [3, 5]}
    )
    assert subjects == [("inbox.message", "3"), ("inbox.message", "5")]


def test_subjects_of_old_shaped_data_do_not_fail() -> None:
    subjects = event_subjects(
        action="escalation.created",
        target_type="inbox.escalation",
        target_id="7",
        data={"addressees": None},
    )
    assert ("inbox.escalation", "7") in subjects
