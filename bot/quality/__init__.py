"""Quality tools: how good and how fast the bot is, measured on the real index.

``evaluate`` scores answers against the question set (retrieval, key facts, refusals,
follow-ups, and the ceiling any sentence choice could reach) behind `taoguide eval`;
``reading`` holds the reader's measures (lead, length, openers, repeats) and ``conversations``
replays multi-turn chats with the bot's own earlier answers; ``bench`` measures build, start-up, in-process and HTTP answer latency behind `taoguide bench`.
Both sit above the web shell (the benchmark times the API through it); only the CLI uses them.
"""

from bot.quality import bench, conversations, evaluate, reading

__all__ = ["bench", "conversations", "evaluate", "reading"]
