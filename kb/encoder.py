"""The query encoder the server runs: the installed model exported to ONNX, run by ONNX Runtime.

Why not sentence-transformers at query time: PyTorch holds the GIL for much of a forward pass,
so concurrent questions queue behind one another, and importing it costs seconds and hundreds
of megabytes. ONNX Runtime releases the GIL while it runs, starts in a fraction of a second and
needs only ``onnxruntime``, ``tokenizers`` and numpy. The model is the same one that embedded
the passages, exported at build time by ``kb.export`` (never downloaded), so query and passage
vectors stay comparable; the build measures how close they are and records it in the manifest.

An encoder folder holds ``model.onnx``, the model's own ``tokenizer.json`` and ``encoder.json``
(which model it came from, its kind, the token limit and the measured agreement).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kb.errors import ModelUnavailable

MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
INFO_FILE = "encoder.json"
KINDS = ("onnx-int8", "onnx")  # int8: dynamic per-channel quantisation of the MatMuls; onnx: float32


@dataclass(frozen=True)
class EncoderInfo:
    """What ``encoder.json`` says about an exported encoder."""

    kind: str  # one of KINDS
    model_id: str  # the model it was exported from (the passages' model)
    dim: int
    max_tokens: int  # the model's own limit (sentence-transformers' max_seq_length)
    agreement: float  # lowest cosine between its vectors and the model's over the build's sample
    exporter: str  # library versions that produced it (a change re-exports)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1)

    @classmethod
    def read(cls, folder: Path) -> "EncoderInfo":
        data = json.loads((folder / INFO_FILE).read_text(encoding="utf-8"))
        return cls(**{k: data[k] for k in cls.__dataclass_fields__})


class OnnxEmbedder:
    """Queries → L2-normalised vectors through ONNX Runtime: mean pooling over the last hidden state,
    as the sentence-transformers model does, one intra-op thread per call unless told otherwise."""

    def __init__(self, folder: Path, threads: int | None = 1) -> None:
        self.folder = folder
        try:
            self.info = EncoderInfo.read(folder)
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise ModelUnavailable(str(folder), f"{INFO_FILE} cannot be read: {exc}") from None
        self._threads = threads
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return self.info.model_id

    @property
    def dim(self) -> int:
        return self.info.dim

    @property
    def kind(self) -> str:
        return self.info.kind

    def _load(self) -> tuple[Any, Any]:
        if self._session is None:
            with self._lock:
                if self._session is None:
                    try:
                        import onnxruntime as ort
                        from tokenizers import Tokenizer

                        options = ort.SessionOptions()
                        options.intra_op_num_threads = self._threads or 0
                        options.inter_op_num_threads = 1
                        # no busy-waiting between calls: on a small machine it steals the cores
                        # that other requests' Python code needs
                        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                        tokenizer = Tokenizer.from_file(str(self.folder / TOKENIZER_FILE))
                        tokenizer.enable_truncation(self.info.max_tokens)
                        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 - a token, not a password
                        self._tokenizer = tokenizer
                        self._session = ort.InferenceSession(str(self.folder / MODEL_FILE), options,
                                                             providers=["CPUExecutionProvider"])
                    except Exception as exc:  # noqa: BLE001 - any failure means the encoder cannot be used
                        raise ModelUnavailable(str(self.folder), exc) from exc
        return self._session, self._tokenizer

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        session, tokenizer = self._load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = []
        for start in range(0, len(texts), batch_size):
            encoded = tokenizer.encode_batch(list(texts[start:start + batch_size]))
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                        "token_type_ids": np.zeros_like(ids)})[0]
            out.append(mean_pool(hidden, mask))
        return np.ascontiguousarray(np.vstack(out), dtype=np.float32)


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Pure: the mean of each text's token vectors (padding left out), L2-normalised."""
    weights = mask[..., None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
    return summed / np.maximum(np.linalg.norm(summed, axis=1, keepdims=True), 1e-12)
