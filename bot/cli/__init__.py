"""The command line: one `taoguide` command (``main``) whose groups are thin shells over the
library: ``main`` (serve, ask, config, and kb's build and check), ``quality`` (eval, bench),
``chain`` (status, refresh, subnets, lookups), ``analytics``; ``options`` holds what they share.
"""

from bot.cli.main import main

__all__ = ["main"]
