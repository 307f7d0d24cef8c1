"""The server's routes, one module per surface; each only translates HTTP to the library.

``ask``: /api/ask, /api/faq, /api/health and the /api catch-all 404 (include it last);
``chain``: /api/chain, /api/subnets, the lookups and the /subnets screener page;
``feedback``: /api/feedback and /admin/analytics; ``widget``: /widget.js and /embed/;
``pages``: the site's pages with chain numbers, /subnets/, /subnets/{netuid}/, /portfolio/, /validators/ and
/validators/{hotkey}/ (include it before ``chain``); ``staker``: the validator directory's and tracked wallets' API.
"""

from bot.web.routes.ask import make_ask_router
from bot.web.routes.chain import make_chain_router
from bot.web.routes.feedback import make_feedback_router
from bot.web.routes.pages import make_pages_router
from bot.web.routes.staker import make_staker_router
from bot.web.routes.widget import WIDGET_DIR, WIDGET_JS, make_widget_router

__all__ = ["WIDGET_DIR", "WIDGET_JS", "make_ask_router", "make_chain_router", "make_feedback_router",
           "make_pages_router", "make_staker_router", "make_widget_router"]
