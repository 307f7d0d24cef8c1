"""HTTP load on a real server, for `taoguide bench`: ``taoguide serve`` in a child process on a
loopback port (chain refresh off, rate limits off, a fresh feedback store), driven by ``wrk``
when it is installed and by a small bounded thread pool otherwise.

What it measures: start to first answer, answers per second and p50/p99 latency at 1 and at 16
concurrent clients (the same run, so their ratio survives a noisy machine), and the server's
resident memory before load, after load and after a hostile set (oversized bodies, huge
histories). Every run is bounded in time and in requests.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

START_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Server:
    pid: int
    port: int
    start_to_first_answer_s: float


@contextmanager
def served(root: Path, env: dict[str, str] | None = None) -> Iterator[Server]:
    """`taoguide serve` on a free loopback port until the block ends; raises if it never answers."""
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="taoguide-bench-") as data:
        child_env = {**os.environ, "TAOGUIDE_CHAIN_REFRESH": "false", "TAOGUIDE_RATE_ASK": "",
                     "TAOGUIDE_RATE_FEEDBACK": "", "TAOGUIDE_DATA_DIR": data, "TAOGUIDE_HOST": "127.0.0.1",
                     "TAOGUIDE_PORT": str(port), **(env or {})}
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=root, env=child_env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            ready = _first_answer(port, process, started)
            yield Server(process.pid, port, round(ready, 2))
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux /proc), 0.0 where it cannot be read."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    return round(int(match.group(1)) / 1024, 1) if match else 0.0


def load(port: int, questions: list[str], clients: int, seconds: float, max_requests: int = 20_000) -> dict[str, Any]:
    """POST /api/ask with ``clients`` concurrent connections for ``seconds``: rate, p50, p99, failures."""
    if shutil.which("wrk"):
        return _wrk(port, questions, clients, seconds)
    return _threads(port, questions, clients, seconds, max_requests)


def hostile(port: int) -> dict[str, int]:
    """The hostile set: the status each abusive request got (none may be a 500; 0: the server closed the
    connection before the whole body was sent, after refusing it)."""
    big_history = [{"role": "user", "content": "x" * 5_000_000}]
    many_turns = [{"role": "user", "content": "hi"}] * 100_000
    cases = {
        "50 MB body": b"{\"question\": \"" + b"a" * 50_000_000 + b"\"}",
        "5 MB history": json.dumps({"question": "and the fee?", "history": big_history}).encode(),
        "100,000 history entries": json.dumps({"question": "and the fee?", "history": many_turns}).encode(),
        "not JSON": b"\xff\xfe<script>alert(1)</script>",
        "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    }
    return {name: _post(port, "/api/ask", body)[0] for name, body in cases.items()}


def _wrk(port: int, questions: list[str], clients: int, seconds: float) -> dict[str, Any]:
    bodies = [json.dumps({"question": q, "client": "api"}) for q in questions]
    script = ("bodies = {" + ",".join(json.dumps(b) for b in bodies) + "}\ni = 0\n"
              "request = function()\n  i = i % #bodies + 1\n"
              "  return wrk.format('POST', '/api/ask', {['Content-Type'] = 'application/json'}, bodies[i])\nend\n")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(script)
    try:
        out = subprocess.run(["wrk", "-t", str(min(clients, 2)), "-c", str(clients), "-d", f"{int(seconds)}s",
                              "--timeout", "10s", "--latency", "-s", fh.name, f"http://127.0.0.1:{port}/api/ask"],
                             capture_output=True, text=True, timeout=seconds + 60).stdout
    finally:
        os.unlink(fh.name)
    requests = int(_match(r"(\d+) requests in", out))
    errors = int(_match(r"Non-2xx or 3xx responses: (\d+)", out, "0")) + sum(
        int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return {"tool": "wrk", "clients": clients, "seconds": seconds, "requests": requests, "errors": errors,
            "per_second": round(float(_match(r"Requests/sec:\s+([\d.]+)", out)), 1),
            "p50_ms": _ms(_match(r"\s50%\s+([\d.]+\w+)", out)), "p99_ms": _ms(_match(r"\s99%\s+([\d.]+\w+)", out))}


def _threads(port: int, questions: list[str], clients: int, seconds: float, max_requests: int) -> dict[str, Any]:
    """The fallback load generator: one keep-alive connection per client thread, bounded in time and count."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        i = offset
        while time.perf_counter() < deadline and len(latencies) < max_requests:
            body = json.dumps({"question": questions[i % len(questions)], "client": "api"})
            started = time.perf_counter()
            try:
                connection.request("POST", "/api/ask", body, {"Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                errors[0] += not ok
            i += 1

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n * 7,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    ordered = sorted(latencies) or [0.0]
    return {"tool": "threads", "clients": clients, "seconds": round(elapsed, 1), "requests": len(latencies),
            "errors": errors[0], "per_second": round(len(latencies) / elapsed, 1),
            "p50_ms": round(statistics.median(ordered), 1), "p99_ms": round(ordered[int(0.99 * (len(ordered) - 1))], 1)}


def _first_answer(port: int, process: subprocess.Popen, started: float) -> float:
    body = json.dumps({"question": "What is TAO used for?"}).encode()
    while time.perf_counter() - started < START_TIMEOUT_S:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped at start-up: {(process.stderr.read() if process.stderr else '')[-800:]}")
        try:
            if _post(port, "/api/ask", body)[0] == 200:
                return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"the server did not answer within {START_TIMEOUT_S:.0f} s")


def _post(port: int, path: str, body: bytes) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("POST", path, body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, response.read()
    except (ConnectionResetError, BrokenPipeError):  # refused and closed before the body was sent in full
        return 0, b""
    finally:
        connection.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _match(pattern: str, text: str, default: str | None = None) -> str:
    found = re.search(pattern, text)
    if found:
        return found.group(1)
    if default is None:
        raise RuntimeError(f"wrk printed nothing matching {pattern!r}:\n{text[-800:]}")
    return default


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()  # type: ignore[union-attr]
    return round(float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit], 2)
