"""Index builds: manifest, incremental re-embedding, atomic replacement, stale detection."""

import json
import shutil

import pytest

from kb import IndexMissing, IndexStale, build_index, load_index
from kb.search import verify_manifest
from kb.store import FORMAT_VERSION, Manifest, read_manifest
from tests.conftest import DATA, FakeEmbedder, fixture_settings


@pytest.fixture
def editable(tmp_path):
    """A writable copy of the fixture content and its settings."""
    shutil.copytree(DATA / "content", tmp_path / "content")
    return fixture_settings(tmp_path, content_dir=tmp_path / "content", query_encoder="torch")  # no export from a fake


def test_build_writes_a_manifest_with_model_dimension_chunker_and_hashes(editable, fake_embedder):
    report = build_index(editable, embedder=fake_embedder)
    manifest = read_manifest(editable.index_dir)
    assert (manifest.model_id, manifest.dim, manifest.chunker_version) == ("fake-hash-64", 64, editable.chunker_version)
    assert len(manifest.sections) == report.sections
    assert "learn/staking.md#the-staking-cooldown" in manifest.sections
    assert set(manifest.inputs) >= {"mkdocs.yml", "faq.md", "learn/staking.md"}
    assert manifest.built_at.endswith("+00:00")


def test_rebuild_embeds_only_changed_sections(editable, fake_embedder):
    build_index(editable, embedder=fake_embedder)
    page = editable.content_dir / "learn" / "pools.md"
    page.write_text(page.read_text().replace("0.3 percent", "0.4 percent"))
    fake_embedder.calls.clear()
    report = build_index(editable, embedder=fake_embedder)
    changed = [c for c in fake_embedder.calls if "0.4 percent" in c]
    assert len(changed) == 2 and len(fake_embedder.calls) == 2  # the section text and its changed sentence
    assert report.reused > 20


def test_build_with_unchanged_inputs_is_a_no_op(editable, fake_embedder):
    first = build_index(editable, embedder=fake_embedder)
    second = build_index(editable, embedder=fake_embedder)
    assert second.up_to_date and second.index_path == first.index_path


def test_index_dir_is_swapped_atomically_and_old_versions_pruned(editable, fake_embedder):
    build_index(editable, embedder=fake_embedder)
    first = editable.index_dir.resolve()
    for n in range(3):
        (editable.content_dir / "extra.md").write_text(f"# Extra {n}\n\nNew text number {n}.\n")
        build_index(editable, embedder=fake_embedder)
    assert editable.index_dir.is_symlink()
    versions = [p for p in editable.index_dir.parent.glob(".index-*") if p.is_dir()]
    assert len(versions) == 2 and first not in versions


def test_a_failed_write_leaves_the_previous_index_working(editable, fake_embedder, monkeypatch):
    build_index(editable, embedder=fake_embedder)
    before = editable.index_dir.resolve()
    (editable.content_dir / "extra.md").write_text("# Extra\n\nSomething new.\n")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("numpy.save", broken)
    with pytest.raises(OSError):
        build_index(editable, embedder=fake_embedder)
    assert editable.index_dir.resolve() == before
    assert not list(editable.index_dir.parent.glob(".index-*.tmp"))
    load_index(editable, embedder=fake_embedder, allow_stale=True)


def test_loading_without_an_index_says_how_to_build_one(editable, fake_embedder):
    with pytest.raises(IndexMissing, match="taoguide build"):
        load_index(editable, embedder=fake_embedder)


def test_changed_content_makes_the_index_stale(editable, fake_embedder):
    build_index(editable, embedder=fake_embedder)
    (editable.content_dir / "faq.md").write_text((editable.content_dir / "faq.md").read_text() + "\nMore.\n")
    with pytest.raises(IndexStale, match=r"changed faq\.md.*taoguide build"):
        load_index(editable, embedder=fake_embedder)
    assert load_index(editable, embedder=fake_embedder, allow_stale=True).stale_reasons


def test_a_different_model_makes_the_index_stale(editable, fake_embedder):
    build_index(editable, embedder=fake_embedder)

    class OtherModel(FakeEmbedder):
        model_id = "another-model"

    with pytest.raises(IndexStale, match="built with model fake-hash-64, settings use another-model"):
        load_index(editable, embedder=OtherModel())


MANIFEST = Manifest(model_id="m", dim=384, chunker_version="sections-v1", built_at="t",
                    inputs={"a.md": "1", "b.md": "2"}, sections={}, query_encoder={"kind": "onnx"})


@pytest.mark.parametrize(
    ("model", "dim", "chunker", "inputs", "expected"),
    [
        pytest.param("m", 384, "sections-v1", {"a.md": "1", "b.md": "2"}, [], id="all-match"),
        pytest.param("x", 384, "sections-v1", {"a.md": "1", "b.md": "2"}, ["built with model m, settings use x"], id="model"),
        pytest.param("m", 768, "sections-v1", {"a.md": "1", "b.md": "2"}, ["vectors have 384 dimensions, the model gives 768"], id="dim"),
        pytest.param("m", 384, "sections-v2", {"a.md": "1", "b.md": "2"}, ["chunker sections-v1, expected sections-v2"], id="chunker"),
        pytest.param("m", 384, "sections-v1", {"a.md": "9", "c.md": "3"},
                     ["content changed since the build (changed a.md; new c.md; removed b.md)"], id="content"),
        pytest.param("m", 384, "sections-v1", {"a.md": "1", "b.md": "2"},
                     ["queries encoded by onnx, settings use onnx-int8"], id="query-encoder"),
    ],
)
def test_verify_manifest_names_every_mismatch(tmp_path, model, dim, chunker, inputs, expected, monkeypatch):
    settings = fixture_settings(tmp_path, query_encoder="onnx-int8" if expected and "queries" in expected[0] else "onnx")
    monkeypatch.setattr(type(settings), "chunker_version", property(lambda self: chunker))
    assert verify_manifest(MANIFEST, settings, model, dim, inputs) == expected


def test_manifest_round_trips_through_json():
    assert Manifest.from_json(MANIFEST.to_json()) == MANIFEST
    assert json.loads(MANIFEST.to_json())["format"] == FORMAT_VERSION
