"""`taoguide serve` reading a fake chain, for tests that run the real server in its own process.

The CLI, the app and uvicorn are the real ones; only the SDK's ``substrate=`` seam is pointed at
the in-memory fake of tests/bot/chain/fake_substrate.py, by this launcher, so nothing in the
product can switch it on. The fake's head block is BASE + the number of reads so far, so a test
can tell which process read which block. Offline like every test (the audit hook of tests/conftest.py).

    python -m tests.bot.cli.serve_on_fake_chain BASE serve --port N
"""

import itertools
import sys
import time

import tests.conftest  # noqa: F401 - installs the offline guard and the model-hub variables
from bot.chain import source
from tests.bot.chain.fake_substrate import mainnet_like

BASE = int(sys.argv.pop(1))
_reads = itertools.count(1)
_real_fetch = source.fetch_snapshot


def fetch_snapshot(network: str, timeout: float = 25.0, substrate: object = None):  # type: ignore[no-untyped-def]
    fake = mainnet_like(block=BASE + next(_reads), timestamp_ms=int(time.time() * 1000))
    return _real_fetch(network, timeout, substrate=fake)


source.fetch_snapshot = fetch_snapshot  # read when make_app builds the chain facts, after this

if __name__ == "__main__":
    from bot.cli.main import main

    main(prog_name="taoguide")
