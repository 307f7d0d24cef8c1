"""kb: the build side of TAO Guide.

Markdown pages in ``content/`` → sections (with the same anchors the mkdocs site renders)
→ sentence-transformers embeddings → a FAISS + BM25 index on disk with a manifest.
``bot`` uses only the names exported here; ``kb`` never imports ``bot``.
"""

from kb.build import BuildReport, build_index
from kb.errors import ContentMissing, IndexDamaged, IndexMissing, IndexStale, KBError, ModelUnavailable, SiteBuildFailed
from kb.records import Hit, Section, Unit
from kb.search import Index, load_index
from kb.settings import KBSettings
from kb.site import build_site, load_sections

__all__ = [
    "BuildReport",
    "ContentMissing",
    "Hit",
    "Index",
    "IndexDamaged",
    "IndexMissing",
    "IndexStale",
    "KBError",
    "KBSettings",
    "ModelUnavailable",
    "Section",
    "SiteBuildFailed",
    "Unit",
    "build_index",
    "build_site",
    "load_index",
    "load_sections",
]
