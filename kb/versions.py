"""Folders that readers use while a new version is built: write aside, check, swap in one step.

The index and the static site are both read by a running server while ``taoguide build``
replaces them. Each is a symlink (``build/index``, ``build/site``) to a hidden version folder
beside it. A build writes a new version into a ``.tmp`` folder, renames it when complete, and
points the symlink at it with one ``os.replace``; an interrupted build leaves the previous
version serving, and the next build removes the ``.tmp`` folders that are old enough to belong
to no running build. The version before the current one is kept (a reader may still be in it).
Every file of a version gets a SHA-256, so damage after the build is found and named.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

TMP_MAX_AGE_S = 3600  # a temporary build folder this old belongs to no running build


@contextlib.contextmanager
def new_version(link: Path) -> Iterator[Path]:
    """A fresh folder to write the next version of ``link`` into; swapped in when the block completes.

    An exception inside the block removes the folder and leaves the current version in place.
    """
    parent = link.parent
    parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(link)
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    final = parent / f".{link.name}-{stamp}"
    tmp = parent / f".{link.name}-{stamp}.tmp"
    tmp.mkdir()
    try:
        yield tmp
        os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    point(link, final)
    prune(link, keep=final)


def point(link: Path, target: Path) -> None:
    """Make ``link`` a symlink to ``target`` in one step (a real folder there, from an older layout, goes first)."""
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)
    tmp_link = link.parent / f".{link.name}.link-{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    tmp_link.symlink_to(target.name)
    os.replace(tmp_link, link)


def prune(link: Path, keep: Path) -> None:
    """Keep the current version and the one before it (a reader may still be loading it)."""
    versions = sorted((p for p in link.parent.glob(f".{link.name}-*") if p.is_dir() and p != keep
                       and not p.name.endswith(".tmp")), key=lambda p: p.stat().st_mtime)
    for old in versions[:-1]:
        shutil.rmtree(old, ignore_errors=True)


def remove_leftovers(link: Path, max_age_s: float = TMP_MAX_AGE_S) -> list[Path]:
    """Delete temporary folders that an interrupted build left beside ``link``: those whose build process
    (named in the folder) is gone, and any older than ``max_age_s`` (a build running now keeps its own)."""
    removed = []
    for tmp in link.parent.glob(f".{link.name}-*.tmp"):
        if tmp.is_dir() and (not _builder_alive(tmp) or time.time() - tmp.stat().st_mtime > max_age_s):
            shutil.rmtree(tmp, ignore_errors=True)
            removed.append(tmp)
    return removed


def _builder_alive(tmp: Path) -> bool:
    """Is the process that is writing this folder (".index-<time>-<pid>-<n>.tmp") still running?"""
    parts = tmp.name.removesuffix(".tmp").split("-")
    pid = int(parts[-2]) if len(parts) >= 3 and parts[-2].isdigit() else None
    if pid is None or pid == os.getpid():
        return pid is not None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def checksums(version: Path, skip: frozenset[str] = frozenset()) -> dict[str, str]:
    """SHA-256 of every file of a version, by path relative to it (``skip``: names left out, such as its manifest)."""
    out = {}
    for path in sorted(p for p in version.rglob("*") if p.is_file() and p.name not in skip):
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        out[path.relative_to(version).as_posix()] = digest.hexdigest()
    return out


def damage(version: Path, expected: dict[str, str], skip: frozenset[str] = frozenset()) -> str | None:
    """What is wrong with the files of a version ("units.npy does not match its checksum"), or None."""
    found = checksums(version, skip)
    for name, digest in expected.items():
        if name not in found:
            return f"{name} is missing"
        if found[name] != digest:
            return f"{name} does not match its checksum"
    extra = sorted(found.keys() - expected.keys())
    return f"{extra[0]} was not written by the build" if extra else None
