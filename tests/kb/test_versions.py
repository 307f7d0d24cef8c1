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


def test_a_build_removes_temporary_folders_an_interrupted_build_left(tmp_path):
    link = tmp_path / "index"
    left = tmp_path / ".index-20260101T000000-1-1.tmp"
    left.mkdir()
    (left / "units.npy").write_bytes(b"half")
    old = time.time() - 7200
    os.utime(left, (old, old))
    recent = tmp_path / ".index-20260101T000001-2-2.tmp"
    recent.mkdir()  # may belong to a build running now
    assert remove_leftovers(link) == [left]
    assert not left.exists() and recent.exists()


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
