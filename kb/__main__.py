"""`python -m kb`: build-only work (the same as `taoguide build` / `taoguide check`)."""

from kb.cli import main

main()
