"""The index on disk: every file of a version has a checksum, and damage is named with the way to rebuild."""

import json
import shutil

import pytest

from kb import IndexDamaged, build_index, load_index
from kb.build import index_is_current
from kb.check import run_checks
from kb.store import MANIFEST, read_index
from tests.conftest import DATA, fixture_settings

FILES = ["sections.jsonl", "headings.npy", "units.npy", "vectors/default__vector_store.json", MANIFEST]


@pytest.fixture
def built(tmp_path, fake_embedder):
    shutil.copytree(DATA / "content", tmp_path / "content")
    settings = fixture_settings(tmp_path, content_dir=tmp_path / "content", query_encoder="torch")  # a fake model
    build_index(settings, embedder=fake_embedder)
    return settings


def _bm25_files(settings):
    root = settings.index_dir.resolve()
    return sorted(p.relative_to(root).as_posix() for p in (root / "bm25").rglob("*") if p.is_file())


def _truncate(settings, name):
    path = settings.index_dir.resolve() / name
    path.write_bytes(path.read_bytes()[: max(1, path.stat().st_size // 2)])


def test_the_manifest_holds_a_checksum_of_every_other_file(built):
    manifest = json.loads((built.index_dir / MANIFEST).read_text())
    assert set(manifest["files"]) == set(FILES[:-1]) | set(_bm25_files(built))
    assert all(len(digest) == 64 for digest in manifest["files"].values())


def test_every_truncated_file_is_named_with_how_to_rebuild(built, fake_embedder):
    names = FILES + _bm25_files(built)
    assert len(names) >= 8
    pristine = {n: (built.index_dir.resolve() / n).read_bytes() for n in names}
    for name in names:
        _truncate(built, name)
        with pytest.raises(IndexDamaged) as caught:
            load_index(built, embedder=fake_embedder)
        message = str(caught.value)
        assert "is damaged" in message and "taoguide build --force" in message
        assert (name in message) or name == MANIFEST and "manifest.json" in message
        failed = [c for c in run_checks(built) if not c.ok]
        assert any(c.name == "index" and "damaged" in c.detail for c in failed), name
        (built.index_dir.resolve() / name).write_bytes(pristine[name])
    load_index(built, embedder=fake_embedder)  # restored: loads again


def test_a_missing_file_is_named(built, fake_embedder):
    (built.index_dir.resolve() / "units.npy").unlink()
    with pytest.raises(IndexDamaged, match="units.npy is missing"):
        read_index(built.index_dir)


def test_a_damaged_index_is_not_up_to_date_and_the_next_build_replaces_it(built, fake_embedder):
    _truncate(built, "units.npy")
    assert not index_is_current(built, fake_embedder.model_id)
    report = build_index(built, embedder=fake_embedder)
    assert not report.up_to_date
    load_index(built, embedder=fake_embedder)
