"""scripts/system-packages.sh names or installs what `make test` needs, before anything runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitekit import REPO

SCRIPT = REPO / "scripts" / "system-packages.sh"
# Each command the script looks for, with the Debian package that provides it.
COMMAND_PACKAGES = {
    "make": "make",
    "cc": "gcc",
    "chromium": "chromium",
    "chromedriver": "chromium-driver",
    "node": "nodejs",
    "npm": "npm",
    "java": "default-jre-headless",
}
# The order the script names packages in: what it takes to make .venv first.
ALL_PACKAGES = ["python3-venv", "python3-dev", *COMMAND_PACKAGES.values()]
BASH = shutil.which("bash")


def stub(folder: Path, name: str, body: str = "exit 0") -> Path:
    """An executable `name` in `folder`; the script only looks these up, it never runs them."""
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def machine(tmp_path: Path, missing: set[str]) -> Path:
    """A folder to be the whole PATH: every command the script looks for, except `missing`.

    "python3-venv" in `missing` stands for a Python without ensurepip, as Debian's is until
    python3-venv is installed, and "python3-dev" for one without its headers; otherwise the
    interpreter running these tests stands in.
    """
    folder = tmp_path / "bin"
    folder.mkdir()
    for command, package in COMMAND_PACKAGES.items():
        if package not in missing:
            stub(folder, command)
    lacks = {"python3-venv": "*ensurepip*", "python3-dev": "*Python.h*"}
    cases = "".join(
        f"  {pattern}) echo 'missing' >&2; exit 1;;\n"
        for package, pattern in lacks.items()
        if package in missing
    )
    if cases:
        stub(folder, "python3", f'case "$*" in\n{cases}esac\nexec {sys.executable} "$@"')
    else:
        (folder / "python3").symlink_to(sys.executable)
    return folder


def run_script(path: Path, mode: str) -> subprocess.CompletedProcess[str]:
    """The real script, run by bash with `path` as the only PATH, so nothing else is found."""
    assert BASH, "bash runs the script"
    environment = {"PATH": str(path), "PYTHON": "python3", "HOME": str(path)}
    return subprocess.run(
        [BASH, str(SCRIPT), mode],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )


def missing_line(packages: list[str]) -> str:
    names = " ".join(packages)
    return f"missing system packages: {names}; install them with: sudo apt-get install -y {names}"


def test_with_everything_present_check_prints_nothing_and_succeeds(tmp_path: Path) -> None:
    done = run_script(machine(tmp_path, set()), "check")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.parametrize(
    "missing",
    [
        # The fresh machine of the issue: everything but chromedriver.
        ["chromium-driver"],
        ["chromium-driver", "default-jre-headless"],
        ["python3-venv", "nodejs", "npm"],
        ["python3-dev", "gcc"],
        ALL_PACKAGES,
    ],
)
def test_check_names_every_missing_package_in_one_line(tmp_path: Path, missing: list[str]) -> None:
    done = run_script(machine(tmp_path, set(missing)), "check")
    assert done.returncode != 0
    assert done.stdout == ""
    assert done.stderr == missing_line(missing) + "\n"


def test_install_without_apt_get_names_the_packages_and_fails(tmp_path: Path) -> None:
    # Not Debian (or no apt-get on PATH): nothing can be installed, whoever runs it.
    done = run_script(machine(tmp_path, {"chromium-driver"}), "install")
    assert done.returncode != 0
    assert done.stderr == missing_line(["chromium-driver"]) + "\n"


def fake_apt_get(folder: Path) -> Path:
    """An apt-get that logs each call with DEBIAN_FRONTEND and "installs" by adding stubs."""
    log = folder.parent / "apt-get.log"
    installs = " ".join(
        f'[ "$package" = {package} ] && printf "#!/bin/sh\\n" > "$here/{command}" '
        f'&& chmod 755 "$here/{command}";'
        for command, package in COMMAND_PACKAGES.items()
    )
    stub(
        folder,
        "apt-get",
        f'here="$(dirname "$0")"\n'
        f'echo "$DEBIAN_FRONTEND $*" >> "{log}"\n'
        f'[ "$1" = install ] && for package in "$@"; do {installs} done\n'
        "exit 0",
    )
    return log


@pytest.mark.skipif(os.geteuid() != 0, reason="only root installs packages")
def test_install_as_root_updates_once_and_installs_only_the_missing(tmp_path: Path) -> None:
    folder = machine(tmp_path, {"chromium-driver", "default-jre-headless"})
    # The fake apt-get's own shell needs these; the script under test never calls them.
    for tool in ("dirname", "chmod"):
        real = shutil.which(tool)
        assert real, f"{tool} runs the fake apt-get"
        (folder / tool).symlink_to(real)
    log = fake_apt_get(folder)

    done = run_script(folder, "install")

    assert done.returncode == 0, done.stderr
    assert log.read_text(encoding="utf-8").splitlines() == [
        "noninteractive update -qq",
        "noninteractive install -y -qq chromium-driver default-jre-headless",
    ]
    # Now present, so a second run (as `make test` after .ci/run) does nothing at all.
    again = run_script(folder, "install")
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root would install")
def test_install_when_not_root_never_calls_apt_get(tmp_path: Path) -> None:
    folder = machine(tmp_path, {"chromium-driver"})
    log = fake_apt_get(folder)
    done = run_script(folder, "install")
    assert done.returncode != 0
    assert done.stderr == missing_line(["chromium-driver"]) + "\n"
    assert not log.exists()


def dry_run(target: str) -> list[str]:
    """The commands `make -n target` would run, from the project's Makefile."""
    make = shutil.which("make")
    assert make, "make runs the project's targets"
    # A make running these tests leaves its flags (jobserver, -n) in the environment; drop them.
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    }
    done = subprocess.run(
        [make, "--no-print-directory", "-n", target],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=True,
    )
    return done.stdout.splitlines()


def test_make_test_checks_system_packages_before_anything_else() -> None:
    commands = dry_run("test")
    assert "scripts/system-packages.sh install" in commands[0]
    lint = next(index for index, line in enumerate(commands) if "ruff check" in line)
    suite = next(index for index, line in enumerate(commands) if line.endswith("bin/pytest"))
    assert 0 < lint < suite


def test_make_html_needs_no_browser_node_or_java() -> None:
    assert not any("system-packages" in line for line in dry_run("html"))
