"""Share intents: each network's own share page, so no account secrets are ever needed."""

from urllib.parse import quote, urlencode

from django.conf import settings

# The person's Mastodon server, remembered on their device (the editor asks for it once).
MASTODON_COOKIE = "deelwijs_mastodon"
# A post without a link on a network whose share page takes only a link: the text is copied, the network opened.
HOME_PAGES = {"linkedin": "https://www.linkedin.com/feed/", "facebook": "https://www.facebook.com/"}

# Networks whose share page takes only a link: the text goes to the clipboard first.
LINK_ONLY = {"linkedin", "facebook"}
# No share page at all: copy the text and download the image.
NO_INTENT = {"instagram"}


def intent_url(network, text, url, mastodon_instance=""):
    with_link = f"{text}\n\n{url}".strip() if url else text
    if network == "linkedin":
        return "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})
    if network == "facebook":
        return "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})
    if network == "x":
        return "https://x.com/intent/post?" + urlencode({"text": text, "url": url})
    if network == "bluesky":
        return "https://bsky.app/intent/compose?" + urlencode({"text": with_link})
    if network == "mastodon":
        if not mastodon_instance:
            return ""
        return f"https://{mastodon_instance}/share?" + urlencode({"text": with_link})
    if network == "whatsapp":
        return "https://wa.me/?" + urlencode({"text": with_link})
    if network == "email":
        return "mailto:?body=" + quote(with_link)
    return ""


def clean_instance(value):
    """A Mastodon server name like 'mastodon.nl' (no scheme, path or user)."""
    value = value.strip().lower().removeprefix("https://").removeprefix("http://").split("/")[0]
    if "@" in value:
        value = value.rsplit("@", 1)[1]
    return value if value and "." in value and all(c.isalnum() or c in ".-" for c in value) else ""


def compose_url(network, text, mastodon_instance=""):
    """Where a post of one's own (a text without a link) is written on the network, or "" without such a page."""
    if network in HOME_PAGES:
        return HOME_PAGES[network]
    return intent_url(network, text, "", mastodon_instance)


def remember_instance(response, instance):
    """Keep the Mastodon server the person typed on their device, for the next time."""
    if instance:
        response.set_cookie(
            MASTODON_COOKIE,
            instance,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    return response
