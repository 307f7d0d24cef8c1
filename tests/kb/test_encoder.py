"""The server's query encoder: the index's ONNX export gives the vectors the model gives, pools as the
model pools, is what a loaded index encodes questions with, and a broken encoder folder is a clear error."""

import json
import shutil

import numpy as np
import pytest

from kb import load_index
from kb.embedder import SentenceTransformerEmbedder
from kb.encoder import INFO_FILE, MODEL_FILE, OnnxEmbedder, mean_pool
from kb.errors import IndexDamaged, ModelUnavailable

QUESTIONS = ["what is a subnet?", "How do I stake TAO with btcli?", "¿Qué es dTAO?", "x" * 3000, "emission 🚀 per block"]


def test_mean_pooling_leaves_padding_out_and_normalises():
    hidden = np.array([[[1.0, 0.0], [3.0, 0.0], [100.0, 100.0]]], dtype=np.float32)
    mask = np.array([[1, 1, 0]])
    assert mean_pool(hidden, mask).tolist() == [[1.0, 0.0]]


def test_a_loaded_index_encodes_questions_with_its_onnx_encoder(fixture_site):
    index = load_index(fixture_site)
    assert isinstance(index.embedder, OnnxEmbedder) and index.manifest.query_encoder["kind"] == "onnx"
    assert index.manifest.query_encoder["agreement"] >= 0.9999


def test_the_onnx_encoder_gives_the_models_own_vectors(fixture_site, embedder):
    onnx = OnnxEmbedder(fixture_site.index_dir / "encoder")
    cosines = np.sum(onnx.embed(QUESTIONS) * embedder.embed(QUESTIONS), axis=1)
    assert cosines.min() > 0.9999  # one at a time and in a batch with padding alike
    one_by_one = np.vstack([onnx.embed([q]) for q in QUESTIONS])
    assert np.allclose(one_by_one, onnx.embed(QUESTIONS), atol=1e-5)
    assert onnx.embed([]).shape == (0, 384)


def test_the_torch_setting_encodes_with_the_model_itself(fixture_site):
    index = load_index(fixture_site.model_copy(update={"query_encoder": "torch"}))
    assert isinstance(index.embedder, SentenceTransformerEmbedder) and not index.stale_reasons


def test_an_encoder_folder_without_its_description_is_a_clear_error(tmp_path):
    with pytest.raises(ModelUnavailable, match="encoder.json cannot be read"):
        OnnxEmbedder(tmp_path)


def test_a_damaged_encoder_model_stops_loading_with_the_rebuild_command(fixture_site, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(fixture_site.index_dir.resolve(), copy)
    (copy / "encoder" / MODEL_FILE).write_bytes(b"not a model")
    with pytest.raises(IndexDamaged, match=r"encoder/model.onnx.*taoguide build --force"):
        load_index(fixture_site.model_copy(update={"index_dir": copy}))


def test_an_unreadable_model_file_says_the_encoder_cannot_be_used(fixture_site, tmp_path):
    folder = tmp_path / "encoder"
    shutil.copytree(fixture_site.index_dir / "encoder", folder)
    (folder / MODEL_FILE).write_bytes(b"not a model")
    json.loads((folder / INFO_FILE).read_text())  # the description itself is fine
    with pytest.raises(ModelUnavailable, match="Could not load"):
        OnnxEmbedder(folder).embed(["what is a subnet?"])
