"""Quality tools: how good and how fast the bot is, measured on the real index.

``evaluate`` scores answers against the question set (retrieval, key facts, refusals,
follow-ups, and the ceiling any sentence choice could reach) behind `taoguide eval`;
``bench`` measures build, start-up, in-process and HTTP answer latency behind `taoguide bench`.
Both sit above the web shell (the benchmark times the API through it); only the CLI uses them.
"""

from bot.quality import bench, evaluate

__all__ = ["bench", "evaluate"]
