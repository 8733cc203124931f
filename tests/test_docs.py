"""The README documents every command, make target, bench and environment variable."""

import re
from pathlib import Path

from cdthub.cli import build_parser
from cdthub.web.settings import env

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    missing = [name for name in sub.choices if f"cdthub {name}" not in README]
    assert not missing, f"README does not show: {missing}"


def test_the_two_commands_and_every_bench_are_documented():
    assert "make run" in README and "make test" in README
    for script in sorted((ROOT / "bench").glob("*.*")):
        assert f"bench/{script.name}" in README, f"bench/{script.name} is not described"


def test_every_make_target_has_help():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"\.PHONY:(.*?)\n\n", makefile, re.S).group(1).replace("\\", " ").split()
    helped = set(re.findall(r"^([a-z-]+):.*## ", makefile, re.M))
    assert set(phony) <= helped, set(phony) - helped


def test_every_environment_variable_is_documented():
    missing = [name for name in env.NAMES if f"`{name}`" not in README]
    assert not missing, f"README does not document: {missing}"


def test_the_environment_is_read_in_one_module():
    reads = re.compile(r"os\.environ\.get|os\.environ\[|os\.getenv|getenv\(")
    elsewhere = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "src").rglob("*.py")
        if path.name != "env.py" and reads.search(path.read_text(encoding="utf-8"))
    ]
    assert not elsewhere, f"read the environment in web/settings/env.py, not in {elsewhere}"
