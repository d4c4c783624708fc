"""Write files so that a crash or interrupt never leaves a half-written one behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.errors import JakkgError


class OutputError(JakkgError):
    """An output file that cannot be written: no such folder, read-only, disk full, ..."""


def output_target(path: Path | str, suffixes: tuple[str, ...] = ()) -> Path:
    """``path`` checked as a file to write: a file name (not a folder) in a folder that exists.

    ``suffixes`` (lower case, with the dot), when given, are the names the caller accepts.
    """
    target = Path(path)
    if str(path).endswith(os.sep) or _is_dir(target):
        raise OutputError(f"{target}: is a folder; give a file name to write")
    if suffixes and target.suffix.lower() not in suffixes:
        raise OutputError(f"{target}: the output file must end in {_or(suffixes)}")
    parent = target.parent
    if not _is_dir(parent):
        what = "not a folder" if _exists(parent) else "no such folder"
        raise OutputError(f"{parent}: {what}")
    return target


def write_atomic(path: Path | str, content: str | bytes) -> Path:
    """Write ``content`` to a temp file beside ``path``, fsync it, then rename over ``path``.

    A symlink is written through (its target is replaced, the link stays), as editors do. An
    OS failure (read-only, full disk, no permission) is an OutputError naming the file; the
    previous file stays intact and no temp file is left behind.
    """
    shown = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp = None
    try:
        target = Path(os.path.realpath(shown)) if shown.is_symlink() else shown
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name[:100]}.", suffix=".tmp", dir=target.parent or "."
        )
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        reason = (exc.strerror or str(exc)).lower()
        raise OutputError(f"cannot write {shown}: {reason}") from None
    except BaseException:
        _remove(tmp)
        raise
    return shown


def _remove(tmp: str | None) -> None:
    if tmp is not None:
        Path(tmp).unlink(missing_ok=True)


def _mode_for(target: Path) -> int:
    """The replaced file's mode, or what a plain ``open`` would give (0666 less the umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _is_dir(path: Path) -> bool:
    """``path.is_dir()`` that answers False for names the OS refuses (too long, bad bytes)."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _or(suffixes: tuple[str, ...]) -> str:
    return ", ".join(suffixes[:-1]) + " or " + suffixes[-1] if len(suffixes) > 1 else suffixes[0]
