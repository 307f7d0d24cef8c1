"""How the chat at /chat looks: the learn site's colours and fonts, a header back to the site, and
suggested follow-ups drawn as suggestions.

The colours are mkdocs-material's teal (mkdocs.yml: primary and accent teal) and the fonts are the site's
system stacks (mkdocs.yml sets ``font: false``). Gradio's own themes name web fonts (Source Sans Pro, IBM
Plex) that it serves as files; giving only local font names means the chat loads no font file at all and
matches the site. That also fixes the title "TᴀO": the bold heading was drawn with Gradio's bundled
Source Sans Pro files, whose synthesised weight rendered the A as a small capital.
"""

from __future__ import annotations

from typing import Any

TEAL = "#009485"  # --md-primary-fg-color for teal
TEAL_DARK = "#007a6c"  # --md-primary-fg-color--dark
TEAL_LIGHT = "#26a699"  # --md-primary-fg-color--light
TEXT_FONT = ["-apple-system", "BlinkMacSystemFont", "Helvetica", "Arial", "sans-serif"]
CODE_FONT = ["SFMono-Regular", "Consolas", "Menlo", "monospace"]

# (label, link from /chat/): relative, so they stay under any sub-path the server runs at
SITE_LINKS = [("Learn site", "../"), ("Glossary", "../glossary/"), ("FAQ", "../faq/"), ("Subnet screener", "../subnets/"),
              ("Portfolio", "../portfolio/"), ("Validators", "../validators/")]


def header_html() -> str:
    links = "".join(f'<a href="{href}">{label}</a>' for label, href in SITE_LINKS)
    return ('<header class="tg-chat-header"><a class="tg-brand" href="../">TAO Guide</a>'
            f'<nav aria-label="TAO Guide site">{links}</nav></header>')


CSS = f"""
.tg-chat-header {{ display: flex; flex-wrap: wrap; align-items: center; gap: .4rem 1.2rem; padding: .6rem 1rem;
  margin: -8px 0 4px; background: {TEAL}; color: #fff; border-radius: 0 0 6px 6px; }}
.tg-chat-header a {{ color: #fff !important; text-decoration: none; }}
.tg-chat-header a:hover, .tg-chat-header a:focus {{ text-decoration: underline; }}
.tg-chat-header .tg-brand {{ font-size: 1.25rem; font-weight: 700; letter-spacing: 0; font-variant: normal; }}
.tg-chat-header nav {{ display: flex; flex-wrap: wrap; gap: .2rem 1rem; font-size: .95rem; }}
/* suggested follow-ups: chips under the answer, on the assistant's side, not bubbles on the user's */
.options {{ display: flex !important; justify-content: flex-start !important; flex-wrap: wrap; gap: 6px !important; margin-left: 0 !important; }}
.options::before {{ content: "Suggested questions"; flex-basis: 100%; font-size: .85em; color: var(--body-text-color-subdued); }}
.options .option {{ flex: 0 1 auto !important; width: auto !important; max-width: 100%; border: 1px solid {TEAL} !important; border-style: solid !important;
  border-radius: 999px !important; background: transparent !important; color: {TEAL_DARK} !important;
  padding: 4px 12px !important; text-align: left; font-size: .9em; }}
.options .option:hover {{ background: {TEAL} !important; color: #fff !important; }}
.dark .options .option {{ color: {TEAL_LIGHT} !important; }}
"""


def theme() -> Any:
    """A Gradio theme in the site's teal, with its system fonts (no font file is fetched)."""
    import gradio as gr

    return gr.themes.Base(primary_hue=gr.themes.colors.teal, secondary_hue=gr.themes.colors.teal,
                          neutral_hue=gr.themes.colors.slate, font=TEXT_FONT, font_mono=CODE_FONT).set(
        button_primary_background_fill=TEAL, button_primary_background_fill_hover=TEAL_DARK,
        button_primary_text_color="#fff", color_accent=TEAL, color_accent_soft="#e0f2f1",
        link_text_color=TEAL_DARK, link_text_color_visited=TEAL_DARK, link_text_color_dark=TEAL_LIGHT,
        border_color_accent=TEAL, input_border_color_focus=TEAL, loader_color=TEAL, slider_color=TEAL,
        checkbox_background_color_selected=TEAL,
    )
