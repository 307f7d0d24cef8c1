"""Exporting the installed model for the query encoder: float32 gives the model's vectors, int8 stays close,
an export is reused when nothing it depends on changed, and one that disagrees with the passages is refused."""

import numpy as np
import pytest

from kb.embedder import resolve_model
from kb.encoder import EncoderInfo
from kb.errors import EncoderMismatch
from kb.export import MIN_AGREEMENT, export_encoder, exporter_versions, reusable
from kb.settings import DEFAULT_MODEL

SAMPLE = ["what is a subnet?", "Staking and delegation", "Yuma Consensus", "How are fees charged on a swap?"]


@pytest.fixture(scope="module")
def model():
    return resolve_model(DEFAULT_MODEL)


def test_the_index_build_exports_a_float32_encoder_that_the_next_build_reuses(fixture_site, model):
    folder = fixture_site.index_dir / "encoder"
    info = EncoderInfo.read(folder)
    assert (info.kind, info.model_id, info.dim, info.max_tokens) == ("onnx", model[1], 384, 256)
    assert info.exporter == exporter_versions() and reusable(folder, "onnx", model[1])
    assert not reusable(folder, "onnx-int8", model[1]) and not reusable(folder, "onnx", "another-model")


def test_an_int8_export_is_smaller_and_stays_close_to_the_model(model, embedder, tmp_path):
    info = export_encoder(model[0], model[1], "onnx-int8", tmp_path / "int8", SAMPLE, embedder.embed(SAMPLE))
    assert info.kind == "onnx-int8" and MIN_AGREEMENT <= info.agreement < 1.0
    assert (tmp_path / "int8" / "model.onnx").stat().st_size < 0.7 * model[0].joinpath("model.safetensors").stat().st_size


def test_an_encoder_that_disagrees_with_the_passages_is_refused(fixture_site, model, tmp_path):
    unrelated = np.random.default_rng(0).normal(size=(len(SAMPLE), 384)).astype(np.float32)
    unrelated /= np.linalg.norm(unrelated, axis=1, keepdims=True)
    with pytest.raises(EncoderMismatch, match="TAOGUIDE_QUERY_ENCODER"):
        export_encoder(model[0], model[1], "onnx", tmp_path / "enc", SAMPLE, unrelated,
                       previous=fixture_site.index_dir / "encoder")
