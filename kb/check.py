"""Preflight: is everything in place to answer questions? One list of named checks.

``taoguide check`` prints it and exits non-zero on any failure; the server runs the same
checks at start-up and refuses to serve a missing or stale index.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from kb import store
from kb.embedder import SentenceTransformerEmbedder
from kb.errors import KBError
from kb.settings import KBSettings
from kb.site import content_fingerprint, list_pages, site_damage


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


def run_checks(settings: KBSettings) -> list[CheckResult]:
    results: list[CheckResult] = []

    try:
        pages = list_pages(settings.content_dir)
        results.append(CheckResult("content", True, f"{len(pages)} pages in {settings.content_dir}"))
    except KBError as exc:
        results.append(CheckResult("content", False, str(exc)))

    problem = site_damage(settings)  # every file of the site against the build's record
    results.append(CheckResult("site", problem is None, f"built at {settings.site_dir}" if problem is None
                               else f"{problem}; run `taoguide build`"))

    model_id, dim = None, None
    try:
        started = time.perf_counter()
        embedder = SentenceTransformerEmbedder(settings.model, threads=settings.threads)
        dim = embedder.dim
        model_id = embedder.model_id
        results.append(CheckResult("model", True, f"{model_id} loads offline ({dim} dimensions, "
                                                  f"{time.perf_counter() - started:.1f} s)"))
    except KBError as exc:
        results.append(CheckResult("model", False, str(exc)))

    try:
        manifest = store.verify_files(settings.index_dir)  # every file against its checksum
        results.append(CheckResult("index", True, f"{len(manifest.sections)} sections, built {manifest.built_at}, "
                                                  f"{len(manifest.files or {})} files intact"))
        if model_id is not None and dim is not None:
            from kb.search import verify_manifest

            try:
                inputs = content_fingerprint(settings)
            except KBError:
                inputs = {}
            reasons = verify_manifest(manifest, settings, model_id, dim, inputs)
            results.append(CheckResult("manifest", not reasons,
                                       "matches the settings and the content" if not reasons
                                       else "; ".join(reasons) + "; run `taoguide build`"))
    except KBError as exc:
        results.append(CheckResult("index", False, str(exc)))
    return results
