"""Versioned folders: a new version is swapped in whole or not at all, and leftovers are cleaned."""

import os
import time

import pytest

from kb.versions import checksums, damage, new_version, remove_leftovers


def test_a_completed_version_is_swapped_in_and_the_one_before_kept(tmp_path):
    link = tmp_path / "site"
    for n in range(3):
        with new_version(link) as folder:
            (folder / "index.html").write_text(f"version {n}")
    assert link.is_symlink() and (link / "index.html").read_text() == "version 2"
    assert len([p for p in tmp_path.glob(".site-*") if p.is_dir()]) == 2


def test_an_interrupted_version_leaves_the_current_one_serving(tmp_path):
    link = tmp_path / "site"
    with new_version(link) as folder:
        (folder / "index.html").write_text("good")
    with pytest.raises(RuntimeError), new_version(link) as folder:
        (folder / "index.html").write_text("half")
        raise RuntimeError("killed mid-build")
    assert (link / "index.html").read_text() == "good"
    assert not list(tmp_path.glob(".site-*.tmp"))


def test_a_real_folder_from_an_older_layout_is_replaced_by_the_link(tmp_path):
    link = tmp_path / "site"
    link.mkdir()
    (link / "stale.html").write_text("old layout")
    with new_version(link) as folder:
        (folder / "index.html").write_text("new")
    assert link.is_symlink() and not (link / "stale.html").exists()


def _dead_pid():
    import subprocess
    import sys

    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(child.stdout)


def test_a_build_removes_temporary_folders_an_interrupted_build_left(tmp_path):
    link = tmp_path / "index"
    killed = tmp_path / f".index-20260101T000000-{_dead_pid()}-1.tmp"  # its build process is gone
    killed.mkdir()
    (killed / "units.npy").write_bytes(b"half")
    stale = tmp_path / f".index-20260101T000001-{os.getppid()}-2.tmp"  # a live pid, but hours old
    stale.mkdir()
    old = time.time() - 7200
    os.utime(stale, (old, old))
    running = tmp_path / f".index-20260101T000002-{os.getpid()}-3.tmp"  # a build running now
    running.mkdir()
    assert sorted(remove_leftovers(link)) == sorted([killed, stale])
    assert not killed.exists() and not stale.exists() and running.exists()


def test_damage_names_the_first_changed_missing_or_unexpected_file(tmp_path):
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("b")
    expected = checksums(tmp_path)
    assert set(expected) == {"a.txt", "sub/b.txt"} and damage(tmp_path, expected) is None
    (tmp_path / "sub" / "b.txt").write_text("B")
    assert damage(tmp_path, expected) == "sub/b.txt does not match its checksum"
    (tmp_path / "sub" / "b.txt").unlink()
    assert damage(tmp_path, expected) == "sub/b.txt is missing"
    (tmp_path / "sub" / "b.txt").write_text("b")
    (tmp_path / "c.txt").write_text("c")
    assert damage(tmp_path, expected) == "c.txt was not written by the build"
