"""The feedback store and what is read from it: every answer given (through the API, the widget
and the chat) and the votes on it, in one SQL database (SQLite in WAL mode by default, any
SQLAlchemy URL when replicas share it). ``store`` writes and prunes, never keeping a seed
phrase; ``analytics`` reads the report behind `taoguide analytics` and /admin/analytics.
A broken store is logged and never costs an answer.
"""

from bot.feedback.analytics import Report, report
from bot.feedback.store import MAX_COMMENT, FeedbackOff, FeedbackStore, Vote, open_store, question_key

__all__ = ["MAX_COMMENT", "FeedbackOff", "FeedbackStore", "Report", "Vote", "open_store", "question_key", "report"]
