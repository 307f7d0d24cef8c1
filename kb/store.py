"""The index on disk: section store, FAISS vectors (through llama-index), BM25, manifest.

Layout of one index version (a folder):

    manifest.json      model id, dimension, chunker version, build time, input file hashes,
                       per-section content hashes, and a SHA-256 of every other file of the
                       version: what a loader checks before trusting it
    sections.jsonl     one Section per line, in vector order
    vectors/           llama-index FaissVectorStore (IndexFlatIP over normalised section vectors)
    headings.npy       one vector per section heading (an FAQ question, a glossary term...)
    units.npy          one vector per quotable unit (sentence, list item...), in section order
    bm25/              llama-index BM25Retriever (bm25s) over the same sections
    encoder/           the query encoder exported to ONNX (kb.encoder), unless PyTorch encodes queries

Writes are atomic (``kb.versions``): a version is written aside, then the ``index_dir``
symlink is swapped to it. A file damaged after the build (truncated, overwritten, missing)
fails its checksum, and every reader says which file and how to rebuild, instead of failing
somewhere inside numpy, FAISS or bm25s.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kb import versions
from kb.errors import IndexDamaged, IndexMissing
from kb.records import Section

FORMAT_VERSION = 4  # 2: heading vectors; 3: file checksums; 4: query encoder
MANIFEST = "manifest.json"
ENCODER_DIR = "encoder"
_SKIP = frozenset({MANIFEST})


@dataclass(frozen=True)
class Manifest:
    model_id: str
    dim: int
    chunker_version: str
    built_at: str
    inputs: dict[str, str]  # content file → hash (what the index was built from)
    sections: dict[str, str]  # section id → content hash
    format: int = FORMAT_VERSION
    files: dict[str, str] | None = None  # file of the version (relative path) → SHA-256, set when written
    query_encoder: dict[str, Any] | None = None  # kind, agreement, exporter of encoder/ (None: PyTorch)

    @property
    def query_encoder_kind(self) -> str:
        return (self.query_encoder or {}).get("kind", "torch")

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=1, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})

    def with_files(self, files: dict[str, str]) -> "Manifest":
        return Manifest(**{**self.__dict__, "files": files})


@dataclass
class StoredIndex:
    """Everything read back from one index version."""

    path: Path
    manifest: Manifest
    sections: list[Section]
    section_vectors: Any  # llama_index FaissVectorStore
    heading_vectors: np.ndarray
    unit_vectors: np.ndarray
    unit_offsets: np.ndarray  # unit_vectors[unit_offsets[i]:unit_offsets[i+1]] belong to sections[i]
    bm25: Any  # llama_index BM25Retriever


def write_index(
    index_dir: Path,
    manifest: Manifest,
    sections: list[Section],
    section_vectors: np.ndarray,
    heading_vectors: np.ndarray,
    unit_vectors: np.ndarray,
    bm25: Any,
    encoder: Path | None = None,
) -> Path:
    """Write a new index version next to ``index_dir`` and atomically point ``index_dir`` at it."""
    import faiss
    from llama_index.core.schema import TextNode
    from llama_index.vector_stores.faiss import FaissVectorStore

    with versions.new_version(index_dir) as tmp:
        with (tmp / "sections.jsonl").open("w", encoding="utf-8") as fh:
            for section in sections:
                fh.write(json.dumps(section.to_dict(), ensure_ascii=False) + "\n")
        store = FaissVectorStore(faiss_index=faiss.IndexFlatIP(manifest.dim))
        if len(sections):
            store.add([TextNode(id_=s.id, text="", embedding=v.tolist()) for s, v in zip(sections, section_vectors)])
        (tmp / "vectors").mkdir()
        store.persist(persist_path=str(tmp / "vectors" / "default__vector_store.json"))
        np.save(tmp / "headings.npy", heading_vectors.astype(np.float32))
        np.save(tmp / "units.npy", unit_vectors.astype(np.float32))
        bm25.persist(str(tmp / "bm25"), show_progress=False)
        if encoder is not None:
            shutil.copytree(encoder, tmp / ENCODER_DIR)
        manifest = manifest.with_files(versions.checksums(tmp, _SKIP))
        (tmp / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")  # last: marks the version complete
    return index_dir.resolve()


def damage(version: Path, manifest: Manifest) -> str | None:
    """What is wrong with the files of an index version ("units.npy does not match its checksum"), or None."""
    if manifest.files is None:
        return None  # an older format: verify_manifest reports it as out of date
    return versions.damage(version, manifest.files, _SKIP)


def read_manifest(index_dir: Path) -> Manifest:
    path = index_dir / MANIFEST
    if not path.is_file():
        raise IndexMissing(index_dir)
    try:
        return Manifest.from_json(path.read_text(encoding="utf-8"))
    except (ValueError, TypeError, KeyError, UnicodeError) as exc:  # truncated or overwritten JSON
        raise IndexDamaged(index_dir, f"{MANIFEST} cannot be read ({type(exc).__name__})") from None


def verify_files(index_dir: Path) -> Manifest:
    """The manifest of the index at ``index_dir``, after checking every file against its checksum."""
    resolved = index_dir.resolve()
    manifest = read_manifest(resolved)
    problem = damage(resolved, manifest)
    if problem:
        raise IndexDamaged(index_dir, problem)
    return manifest


def read_index(index_dir: Path) -> StoredIndex:
    """Load every part of the index; raises IndexMissing when there is none."""
    from llama_index.retrievers.bm25 import BM25Retriever
    from llama_index.vector_stores.faiss import FaissVectorStore

    resolved = index_dir.resolve()
    manifest = verify_files(index_dir)
    try:
        with (resolved / "sections.jsonl").open(encoding="utf-8") as fh:
            sections = [Section.from_dict(json.loads(line)) for line in fh if line.strip()]
        vectors = FaissVectorStore.from_persist_path(str(resolved / "vectors" / "default__vector_store.json"))
        headings = np.load(resolved / "headings.npy")
        units = np.load(resolved / "units.npy")
        offsets = np.cumsum([0] + [len(s.units) for s in sections])
        bm25 = BM25Retriever.from_persist_dir(str(resolved / "bm25"), show_progress=False)
    except Exception as exc:  # an older index without checksums, damaged: say so rather than crash
        raise IndexDamaged(index_dir, f"a file cannot be read ({type(exc).__name__}: {str(exc)[:120]})") from None
    if len(units) != offsets[-1] or len(headings) != len(sections):
        raise IndexDamaged(index_dir, "its vectors do not match its sections")
    return StoredIndex(resolved, manifest, sections, vectors, headings, units, offsets, bm25)


def section_vectors_of(stored: StoredIndex) -> np.ndarray:
    """All section vectors, in section order (for reuse in an incremental build)."""
    faiss_index = stored.section_vectors._faiss_index  # noqa: SLF001 (llama-index exposes no getter)
    if faiss_index.ntotal == 0:
        return np.zeros((0, stored.manifest.dim), dtype=np.float32)
    return faiss_index.reconstruct_n(0, faiss_index.ntotal)
