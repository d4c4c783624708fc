"""Files are replaced whole or not at all: a failed or interrupted write keeps the old file."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.atomic import OutputError, write_atomic


def test_write_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    target.write_text("old")
    write_atomic(target, "new content")
    assert target.read_text() == "new content"
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


def test_new_files_get_the_usual_permissions_and_old_ones_keep_theirs(tmp_path: Path) -> None:
    fresh = write_atomic(tmp_path / "new.html", "x")
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    kept = tmp_path / "kept.html"
    kept.write_text("old")
    kept.chmod(0o640)
    write_atomic(kept, "new")
    assert kept.stat().st_mode & 0o777 == 0o640


def test_full_disk_keeps_the_previous_file_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.html"
    target.write_text("previous")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match=r"cannot write .*out\.html: no space left on device"):
        write_atomic(target, "x" * 1000)
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


WRITER = """
import os, signal, sys, time
from kg.atomic import OutputError, write_atomic
from kg.cli import _terminate
signal.signal(signal.SIGTERM, _terminate)

def slow_disk(fd):
    print("writing", flush=True)
    time.sleep(30)

os.fsync = slow_disk
try:
    write_atomic(sys.argv[1], "y" * 1_000_000)
except KeyboardInterrupt:
    sys.exit(130)
"""


def test_sigterm_during_a_run_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    target.write_text("previous")
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "writing"
    assert len(list(tmp_path.iterdir())) == 2, "the temp file exists mid-write"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 130
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


READ_COMMANDS = [
    ["validate"],
    ["stats"],
    ["show", "upadacitinib"],
    ["rank", "dermatomyositis"],
    ["rank", "--all", "--format", "json"],
    ["explain", "upadacitinib", "dermatomyositis"],
    ["path", "JAK1", "vitiligo"],
]


def test_read_commands_never_touch_the_curated_files() -> None:
    from click.testing import CliRunner

    from kg.cli import main

    root = Path(__file__).resolve().parent.parent
    files = sorted([*root.glob("data/**/*.ttl"), *root.glob("ontology/*.ttl")])
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    for argv in READ_COMMANDS:
        assert CliRunner().invoke(main, argv).exit_code in (0, 1), argv
    assert sorted([*root.glob("data/**/*.ttl"), *root.glob("ontology/*.ttl")]) == files
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "map.html"
    real.parent.mkdir()
    real.write_text("old")
    (tmp_path / "hop.html").symlink_to("real/map.html")
    link = tmp_path / "map.html"
    link.symlink_to("hop.html")
    assert write_atomic(link, "new") == link
    assert link.is_symlink() and (tmp_path / "hop.html").is_symlink()
    assert real.read_text() == "new"
    assert sorted(p.name for p in real.parent.iterdir()) == ["map.html"]


# Real file systems that refuse writes: a tmpfs remounted read-only, and one too small for the
# output, each in a private mount namespace (unshare -m) so nothing outside the test sees them.
ON_A_SMALL_DISK = """
set -e
mount -t tmpfs -o size=64k tmpfs "$1"
echo previous > "$1/out.$2"
if [ "$3" = ro ]; then mount -o remount,ro "$1"; fi
set +e
"$4" -c 'from kg.cli import run; run()' "$5" -o "$1/out.$2"
echo "exit=$?"
ls -A "$1"
cat "$1/out.$2"
"""


def _can_mount() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="needs root and unshare to mount a private tmpfs")
@pytest.mark.parametrize("disk", ["ro", "full"])
@pytest.mark.parametrize(
    ("command", "suffix"), [("viz", "html"), ("export", "nt"), ("heatmap", "svg")]
)
def test_a_write_the_disk_refuses_is_a_clear_error(
    tmp_path: Path, disk: str, command: str, suffix: str
) -> None:
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", ON_A_SMALL_DISK, "sh", str(mount), suffix, disk,
         sys.executable, command],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    reason = "read-only file system" if disk == "ro" else "no space left on device"
    assert "exit=2" in result.stdout, result.stdout + result.stderr
    assert f"cannot write {mount}/out.{suffix}: {reason}" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    listing, content = result.stdout.split("exit=2\n")[1].split("\n", 1)
    assert listing == f"out.{suffix}", "no temp file stays"
    assert content == "previous\n", "the old file survives"
