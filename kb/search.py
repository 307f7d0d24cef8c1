"""Query → ranked sections: dense (FAISS) and lexical (BM25) retrieval, fused by rank.

The fused score only orders candidates; it has no absolute meaning. Decisions such as
"is anything relevant at all?" belong to the caller and use the per-retriever evidence
kept on every ``Hit`` (the dense cosine, the BM25 score and both ranks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kb import store
from kb.embedder import Embedder, SentenceTransformerEmbedder
from kb.errors import IndexStale
from kb.records import Hit, Section
from kb.settings import KBSettings
from kb.site import content_fingerprint

RRF_K = 60  # the usual reciprocal-rank-fusion constant


def verify_manifest(manifest: store.Manifest, settings: KBSettings, model_id: str, dim: int,
                    inputs: dict[str, str]) -> list[str]:
    """Reasons the index cannot be trusted with these settings and this content (empty: it can)."""
    reasons = []
    if manifest.format != store.FORMAT_VERSION:
        reasons.append(f"index format {manifest.format}, expected {store.FORMAT_VERSION}")
    if manifest.model_id != model_id:
        reasons.append(f"built with model {manifest.model_id}, settings use {model_id}")
    if manifest.dim != dim:
        reasons.append(f"vectors have {manifest.dim} dimensions, the model gives {dim}")
    if manifest.chunker_version != settings.chunker_version:
        reasons.append(f"chunker {manifest.chunker_version}, expected {settings.chunker_version}")
    if manifest.inputs != inputs:
        changed = sorted(k for k in inputs.keys() & manifest.inputs.keys() if inputs[k] != manifest.inputs[k])
        added = sorted(inputs.keys() - manifest.inputs.keys())
        removed = sorted(manifest.inputs.keys() - inputs.keys())
        parts = [f"{label} {', '.join(names[:5])}{' ...' if len(names) > 5 else ''}"
                 for label, names in (("changed", changed), ("new", added), ("removed", removed)) if names]
        reasons.append("content changed since the build (" + "; ".join(parts) + ")")
    return reasons


def fuse_ranks(rankings: Sequence[Sequence[int]], weights: Sequence[float] | None = None, k: int = RRF_K) -> dict[int, float]:
    """Reciprocal rank fusion: each list adds weight / (k + rank) to the items it ranks (rank from 1)."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
    return fused


@dataclass
class Index:
    """A loaded, verified index plus the embedder that made it."""

    stored: store.StoredIndex
    embedder: Embedder
    stale_reasons: list[str]

    @property
    def sections(self) -> list[Section]:
        return self.stored.sections

    @property
    def manifest(self) -> store.Manifest:
        return self.stored.manifest

    def embed_query(self, text: str) -> np.ndarray:
        return self.embedder.embed([text])[0]

    def dense(self, qvec: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(section position, cosine) for the k nearest sections."""
        from llama_index.core.vector_stores.types import VectorStoreQuery

        k = min(k, len(self.sections))
        if k <= 0:
            return []
        result = self.stored.section_vectors.query(VectorStoreQuery(query_embedding=qvec.tolist(), similarity_top_k=k))
        return [(int(i), float(s)) for i, s in zip(result.ids or [], result.similarities or [])]

    def lexical(self, query: str, k: int) -> list[tuple[int, float]]:
        """(section position, BM25 score) for up to k sections sharing terms with the query."""
        position = self._positions()
        nodes = self.stored.bm25.retrieve(query)
        return [(position[n.node.node_id], float(n.score)) for n in nodes[:k] if n.score and n.score > 0]

    def unit_similarities(self, qvec: np.ndarray, position: int) -> np.ndarray:
        """Cosine of the query to each quotable unit of one section."""
        start, end = self.stored.unit_offsets[position], self.stored.unit_offsets[position + 1]
        return self.stored.unit_vectors[start:end] @ qvec

    def search(self, query: str, k: int = 8, qvec: np.ndarray | None = None, depth: int = 30,
               weights: tuple[float, float] = (1.0, 1.0), mode: str = "hybrid") -> list[Hit]:
        """Hybrid search: dense and BM25 candidates fused by rank, each hit keeping both scores.

        ``mode`` "dense" or "lexical" uses one retriever only (the evaluation's baselines).
        """
        qvec = self.embed_query(query) if qvec is None else qvec
        dense = self.dense(qvec, depth) if mode != "lexical" else []
        lexical = self.lexical(query, depth) if mode != "dense" else []
        fused = fuse_ranks([[i for i, _ in dense], [i for i, _ in lexical]], weights)
        dense_score = dict(dense)
        lexical_score = dict(lexical)
        dense_rank = {i: r for r, (i, _) in enumerate(dense, start=1)}
        lexical_rank = {i: r for r, (i, _) in enumerate(lexical, start=1)}
        all_vectors = None
        hits = []
        for i, score in sorted(fused.items(), key=lambda kv: -kv[1])[:k]:
            cosine = dense_score.get(i)
            if cosine is None:  # found lexically only: still report its cosine, for the caller's decision
                all_vectors = store.section_vectors_of(self.stored) if all_vectors is None else all_vectors
                cosine = float(all_vectors[i] @ qvec)
            hits.append(Hit(self.sections[i], score, cosine, lexical_score.get(i), dense_rank.get(i), lexical_rank.get(i)))
        return hits

    def _positions(self) -> dict[str, int]:
        if not hasattr(self, "_position_cache"):
            self._position_cache = {s.id: i for i, s in enumerate(self.sections)}
        return self._position_cache


def load_index(settings: KBSettings, embedder: Embedder | None = None, allow_stale: bool = False) -> Index:
    """Load the index and check it against the settings and the content; raise IndexStale on mismatch."""
    import faiss

    faiss.omp_set_num_threads(settings.threads)
    stored = store.read_index(settings.index_dir)
    embedder = embedder or SentenceTransformerEmbedder(settings.model, threads=settings.threads)
    try:
        inputs = content_fingerprint(settings)
    except Exception:  # content folder gone: the index can still answer, but say so
        inputs = {}
    reasons = verify_manifest(stored.manifest, settings, embedder.model_id, embedder.dim, inputs)
    if reasons and not allow_stale:
        raise IndexStale(settings.index_dir, reasons)
    return Index(stored, embedder, reasons)
