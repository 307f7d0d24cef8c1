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

Writes are atomic: a version is written aside, then the ``index_dir`` symlink is swapped
to it with one ``os.replace``. An interrupted build leaves the previous index working, and
the next build removes what it left behind. A file damaged after the build (truncated,
overwritten, missing) fails its checksum, and every reader says which file and how to
rebuild, instead of failing somewhere inside numpy, FAISS or bm25s.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kb.errors import IndexDamaged, IndexMissing
from kb.records import Section

FORMAT_VERSION = 3  # 2: heading vectors; 3: file checksums
MANIFEST = "manifest.json"
TMP_MAX_AGE_S = 3600  # a temporary build folder this old belongs to no running build


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
) -> Path:
    """Write a new index version next to ``index_dir`` and atomically point ``index_dir`` at it."""
    import faiss
    from llama_index.core.schema import TextNode
    from llama_index.vector_stores.faiss import FaissVectorStore

    parent = index_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(index_dir)
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    final = parent / f".{index_dir.name}-{stamp}"
    tmp = parent / f".{index_dir.name}-{stamp}.tmp"
    tmp.mkdir()
    try:
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
        manifest = manifest.with_files(checksums(tmp))
        (tmp / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")  # last: marks the version complete
        os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _point(index_dir, final)
    _prune_old_versions(index_dir, keep=final)
    return final


def _point(index_dir: Path, target: Path) -> None:
    if index_dir.exists() and not index_dir.is_symlink():
        shutil.rmtree(index_dir)  # an index written by hand or by an older layout
    link = index_dir.parent / f".{index_dir.name}.link-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(target.name)
    os.replace(link, index_dir)


def _prune_old_versions(index_dir: Path, keep: Path) -> None:
    """Keep the current version and the one before it (a reader may still be loading it)."""
    versions = sorted(
        (p for p in index_dir.parent.glob(f".{index_dir.name}-*") if p.is_dir() and p != keep),
        key=lambda p: p.stat().st_mtime,
    )
    for old in versions[:-1]:
        shutil.rmtree(old, ignore_errors=True)


def remove_leftovers(index_dir: Path, max_age_s: float = TMP_MAX_AGE_S) -> list[Path]:
    """Delete temporary folders that an interrupted build left beside the index (older than ``max_age_s``:
    a younger one may belong to a build running now)."""
    removed = []
    for tmp in index_dir.parent.glob(f".{index_dir.name}-*.tmp"):
        if tmp.is_dir() and time.time() - tmp.stat().st_mtime > max_age_s:
            shutil.rmtree(tmp, ignore_errors=True)
            removed.append(tmp)
    return removed


def checksums(version: Path) -> dict[str, str]:
    """SHA-256 of every file of an index version but the manifest, by path relative to the version."""
    out = {}
    for path in sorted(p for p in version.rglob("*") if p.is_file() and p.name != MANIFEST):
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        out[path.relative_to(version).as_posix()] = digest.hexdigest()
    return out


def damage(version: Path, manifest: Manifest) -> str | None:
    """What is wrong with the files of an index version ("units.npy does not match its checksum"), or None."""
    if manifest.files is None:
        return None  # an older format: verify_manifest reports it as out of date
    found = checksums(version)
    for name, digest in manifest.files.items():
        if name not in found:
            return f"{name} is missing"
        if found[name] != digest:
            return f"{name} does not match its checksum"
    extra = sorted(found.keys() - manifest.files.keys())
    return f"{extra[0]} was not written by the build" if extra else None


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
