"""Orchestrates an index build: content → sections → embeddings (only what changed) → store.

Vectors are reused from the previous index (matched by exact text) when the model is the
same, so editing one sentence re-embeds that sentence and its section, nothing else.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from kb import store
from kb.embedder import Embedder, SentenceTransformerEmbedder
from kb.encoder import EncoderInfo
from kb.errors import ContentMissing, KBError
from kb.records import Section
from kb.settings import KBSettings
from kb.site import content_fingerprint, load_sections

Progress = Callable[[int, int], None]  # (texts embedded so far, texts to embed)

# BM25 keeps tokens of one character out, and short ids like "SN19" and "dTAO" intact.
BM25_TOKEN_PATTERN = r"(?u)\b\w\w+\b"


@dataclass(frozen=True)
class BuildReport:
    index_path: Path
    pages: int
    sections: int
    units: int
    embedded: int  # texts embedded in this build
    reused: int  # texts whose vectors came from the previous build
    seconds: float
    up_to_date: bool = False  # nothing changed; the existing index was kept


def index_is_current(settings: KBSettings, model_id: str) -> bool:
    """True when the index on disk was built from exactly the current inputs and model, and is undamaged."""
    try:
        manifest = store.verify_files(settings.index_dir)
    except KBError:
        return False
    return (
        manifest.model_id == model_id
        and manifest.chunker_version == settings.chunker_version
        and manifest.format == store.FORMAT_VERSION
        and settings.query_encoder in ("torch", manifest.query_encoder_kind)  # PyTorch can encode for any index
        and manifest.inputs == content_fingerprint(settings)
    )


def build_index(
    settings: KBSettings,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    force: bool = False,
) -> BuildReport:
    """Build (or refresh) the index under ``settings.index_dir``."""
    started = time.perf_counter()
    embedder = embedder or SentenceTransformerEmbedder(settings.model, threads=None)
    if not force and index_is_current(settings, embedder.model_id):
        stored = store.read_index(settings.index_dir)
        return BuildReport(stored.path, len({s.page for s in stored.sections}), len(stored.sections),
                           len(stored.unit_vectors), 0, 0, time.perf_counter() - started, up_to_date=True)

    fingerprint = content_fingerprint(settings)
    sections = [s for s in load_sections(settings) if s.units]
    if not sections:
        raise ContentMissing(settings.content_dir)
    known = {} if force else _previous_vectors(settings.index_dir, embedder.model_id)

    wanted = list(dict.fromkeys(t for s in sections for t in (s.embed_text, s.heading_text, *(u.text for u in s.units))))
    todo = [t for t in wanted if t not in known]
    vectors = {**known, **_embed(embedder, todo, settings.embed_batch_size, progress)}

    dim = embedder.dim
    section_vectors = np.stack([vectors[s.embed_text] for s in sections]).astype(np.float32)
    heading_vectors = np.stack([vectors[s.heading_text] for s in sections]).astype(np.float32)
    unit_vectors = np.stack([vectors[u.text] for s in sections for u in s.units]).astype(np.float32)

    with tempfile.TemporaryDirectory(prefix="taoguide-encoder-") as staged:
        encoder = _query_encoder(settings, embedder, sections, vectors, Path(staged) / store.ENCODER_DIR)
        manifest = store.Manifest(
            model_id=embedder.model_id,
            dim=dim,
            chunker_version=settings.chunker_version,
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            inputs=fingerprint,
            sections={s.id: s.content_hash for s in sections},
            query_encoder=None if encoder is None else {
                "kind": encoder.kind, "agreement": encoder.agreement, "exporter": encoder.exporter},
        )
        path = store.write_index(settings.index_dir, manifest, sections, section_vectors, heading_vectors,
                                 unit_vectors, _bm25(sections), encoder=None if encoder is None else
                                 Path(staged) / store.ENCODER_DIR)
    return BuildReport(path, len({s.page for s in sections}), len(sections), len(unit_vectors), len(todo),
                       len(wanted) - len(todo), time.perf_counter() - started)


def _query_encoder(settings: KBSettings, embedder: Embedder, sections: list[Section],
                   vectors: dict[str, np.ndarray], out: Path) -> EncoderInfo | None:
    """Export the query encoder the settings ask for (None: PyTorch encodes queries), checked against
    the vectors of the sections' headings, which are as short as questions."""
    if settings.query_encoder == "torch":
        return None
    from kb.embedder import resolve_model
    from kb.export import export_encoder

    model_path, model_id = resolve_model(settings.model)
    if embedder.model_id != model_id:
        raise KBError(
            f"The passages were embedded with {embedder.model_id}, not the settings' model {model_id}, so no "
            "query encoder can be exported for them; set TAOGUIDE_QUERY_ENCODER=torch.")
    sample = list(dict.fromkeys(s.heading_text for s in sections))
    previous = settings.index_dir / store.ENCODER_DIR
    return export_encoder(model_path, model_id, settings.query_encoder, out, sample,
                          np.stack([vectors[t] for t in sample]), previous if previous.is_dir() else None)


def _previous_vectors(index_dir: Path, model_id: str) -> dict[str, np.ndarray]:
    """Text → vector for every section and unit of the previous index, if it used the same model."""
    try:
        previous = store.read_index(index_dir)
    except (KBError, OSError, ValueError):
        return {}
    if previous.manifest.model_id != model_id:
        return {}
    known = dict(zip((s.embed_text for s in previous.sections), store.section_vectors_of(previous)))
    known.update(zip((s.heading_text for s in previous.sections), previous.heading_vectors))
    known.update(zip((u.text for s in previous.sections for u in s.units), previous.unit_vectors))
    return known


def _embed(embedder: Embedder, texts: list[str], batch_size: int, progress: Progress | None) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    if progress:
        progress(0, len(texts))
    for start in range(0, len(texts), batch_size * 4):
        chunk = texts[start : start + batch_size * 4]
        for text, vector in zip(chunk, embedder.embed(chunk, batch_size=batch_size)):
            out[text] = vector
        if progress:
            progress(min(start + len(chunk), len(texts)), len(texts))
    return out


def _bm25(sections: list[Section]):  # type: ignore[no-untyped-def]
    import Stemmer
    from llama_index.core.schema import TextNode
    from llama_index.retrievers.bm25 import BM25Retriever

    nodes = [TextNode(id_=s.id, text=s.embed_text) for s in sections]
    return BM25Retriever.from_defaults(
        nodes=nodes, similarity_top_k=max(1, min(50, len(nodes))), stemmer=Stemmer.Stemmer("english"),
        language="en", token_pattern=BM25_TOKEN_PATTERN,
    )
