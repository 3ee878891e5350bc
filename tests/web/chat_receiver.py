"""A Teams and Slack webhook on 127.0.0.1 for the tests: it checks every card strictly and keeps what it got.

``/teams/...`` takes what Teams' Workflows take ("Post to a channel when a webhook request is received"): a message
with one attachment of contentType application/vnd.microsoft.card.adaptive holding an AdaptiveCard 1.4.
``/slack/...`` takes Block Kit as an incoming webhook does. A card that breaks a rule is answered with 400 and its
problems are kept in ``problems``; a test asserts there are none. Every link must lead into settings.SITE_URL.
What it answers per path is set by the test: a list of (status, headers, body), used in turn, the last one again.
"""

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
TEAMS_BODY = {"TextBlock", "RichTextBlock"}
SLACK_BLOCKS = {"header", "section", "context", "actions", "divider"}
SLACK_LINK = re.compile(r"<([^|<>]+)\|([^<>]*)>")


@dataclass
class Received:
    path: str
    payload: dict
    problems: list = field(default_factory=list)

    @property
    def kind(self):
        return "teams" if self.path.startswith("/teams") else "slack"

    def texts(self):
        """Every text a person reads in the card, in order."""
        found = []

        def walk(value, key=None):
            if isinstance(value, dict):
                for k, v in value.items():
                    walk(v, k)
            elif isinstance(value, list):
                for v in value:
                    walk(v, key)
            elif isinstance(value, str) and key in ("text", "title"):
                found.append(value)

        walk(self.payload)
        return found

    def text(self):
        return "\n".join(self.texts())

    def title(self):
        if self.kind == "teams":
            return self.payload["attachments"][0]["content"]["body"][1]["inlines"][0]["text"]
        return next(b["text"]["text"] for b in self.payload["blocks"] if b["type"] == "header")

    def urls(self):
        return list(_urls(self.payload))


def _urls(value):
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "url" and isinstance(v, str):
                yield v
            else:
                yield from _urls(v)
    elif isinstance(value, list):
        for v in value:
            yield from _urls(v)


def check_teams(payload, site):
    problems = []
    if payload.get("type") != "message":
        problems.append("type is not message")
    attachments = payload.get("attachments")
    if not isinstance(attachments, list) or len(attachments) != 1:
        return [*problems, "not exactly one attachment"]
    attachment = attachments[0]
    if attachment.get("contentType") != ADAPTIVE_CARD:
        problems.append(f"contentType {attachment.get('contentType')!r}")
    card = attachment.get("content")
    if not isinstance(card, dict):
        return [*problems, "no card content"]
    if card.get("type") != "AdaptiveCard":
        problems.append("content is no AdaptiveCard")
    if card.get("version") != "1.4":
        problems.append(f"version {card.get('version')!r}")
    body = card.get("body")
    if not isinstance(body, list) or not body:
        return [*problems, "empty body"]
    for element in body:
        kind = element.get("type")
        if kind not in TEAMS_BODY:
            problems.append(f"unknown body element {kind!r}")
        elif kind == "TextBlock":
            if not isinstance(element.get("text"), str) or not element["text"].strip():
                problems.append("TextBlock without text")
        else:
            inlines = element.get("inlines")
            if not isinstance(inlines, list) or not inlines:
                problems.append("RichTextBlock without inlines")
                continue
            for run in inlines:
                if run.get("type") != "TextRun" or not isinstance(run.get("text"), str):
                    problems.append(f"inline {run.get('type')!r} is no TextRun with text")
                action = run.get("selectAction")
                if action is not None and action.get("type") != "Action.OpenUrl":
                    problems.append("selectAction is no Action.OpenUrl")
    actions = card.get("actions", [])
    if not isinstance(actions, list) or not actions:
        problems.append("no actions")
    for action in actions:
        if action.get("type") != "Action.OpenUrl" or not (action.get("title") or "").strip():
            problems.append(f"action {action!r}")
    problems += _check_urls(payload, site)
    if len(json.dumps(payload).encode()) > 28 * 1024:
        problems.append("larger than Teams' 28 KB")
    return problems


def _check_mrkdwn(text, site, where):
    problems = []
    for url, _label in SLACK_LINK.findall(text):
        if not url.startswith(site + "/"):
            problems.append(f"{where}: a link outside Deelwijs: {url}")
    rest = SLACK_LINK.sub("", text)
    if "<" in rest or ">" in rest:
        problems.append(f"{where}: an unescaped < or >: {text[:80]!r}")
    if re.search(r"&(?!amp;|lt;|gt;)", text):
        problems.append(f"{where}: an unescaped &: {text[:80]!r}")
    return problems


def _check_text(obj, limit, site, where, plain_only=False):
    if not isinstance(obj, dict) or obj.get("type") not in (
        ("plain_text",) if plain_only else ("plain_text", "mrkdwn")
    ):
        return [f"{where}: no text object"]
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return [f"{where}: empty text"]
    problems = [f"{where}: {len(text)} characters, more than {limit}"] if len(text) > limit else []
    if obj["type"] == "mrkdwn":
        problems += _check_mrkdwn(text, site, where)
    return problems


def check_slack(payload, site):
    problems = []
    if not isinstance(payload.get("text"), str) or not payload["text"].strip():
        problems.append("no fallback text")
    else:
        problems += _check_mrkdwn(payload["text"], site, "fallback")
    blocks = payload.get("blocks")
    if not isinstance(blocks, list) or not 1 <= len(blocks) <= 50:
        return [*problems, "not 1 to 50 blocks"]
    action_ids = []
    for number, block in enumerate(blocks):
        kind, where = block.get("type"), f"block {number}"
        if kind not in SLACK_BLOCKS:
            problems.append(f"{where}: unknown type {kind!r}")
        elif kind == "header":
            problems += _check_text(block.get("text"), 150, site, where, plain_only=True)
        elif kind == "section":
            if "text" not in block and "fields" not in block:
                problems.append(f"{where}: a section without text or fields")
            if "text" in block:
                problems += _check_text(block["text"], 3000, site, where)
            fields = block.get("fields", [])
            if len(fields) > 10:
                problems.append(f"{where}: more than 10 fields")
            for f in fields:
                problems += _check_text(f, 2000, site, where)
        elif kind == "context":
            elements = block.get("elements", [])
            if not 1 <= len(elements) <= 10:
                problems.append(f"{where}: not 1 to 10 elements")
            for element in elements:
                problems += _check_text(element, 2000, site, where)
        elif kind == "actions":
            elements = block.get("elements", [])
            if not 1 <= len(elements) <= 25:
                problems.append(f"{where}: not 1 to 25 elements")
            for element in elements:
                if element.get("type") != "button":
                    problems.append(f"{where}: {element.get('type')!r} is no button")
                problems += _check_text(element.get("text"), 75, site, where, plain_only=True)
                if len(element.get("url", "")) > 3000:
                    problems.append(f"{where}: a url longer than 3000")
                action_ids.append(element.get("action_id"))
    if len(action_ids) != len(set(action_ids)):
        problems.append("action_id used twice")
    return problems + _check_urls(payload, site)


def _check_urls(payload, site):
    return [f"a link outside Deelwijs: {url}" for url in _urls(payload) if not url.startswith(site + "/")]


class Receiver:
    def __init__(self, site):
        self.site, self.received, self.answers, self.lock = site, [], {}, threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                path = self.path.split("?")[0]
                try:
                    payload = json.loads(raw)
                    check = check_teams if path.startswith("/teams") else check_slack
                    problems = check(payload, receiver.site)
                except ValueError:
                    payload, problems = {}, ["not JSON"]
                if self.headers.get("Content-Type", "").split(";")[0] != "application/json":
                    problems.append(f"Content-Type {self.headers.get('Content-Type')!r}")
                with receiver.lock:
                    receiver.received.append(Received(path, payload, problems))
                    code, headers, body = receiver.answer(path, problems)
                self.send_response(code)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def answer(self, path, problems):
        if problems:
            return 400, {}, b"invalid_payload"
        queue = self.answers.get(path)
        if not queue:
            # What the real ones answer: Teams' workflow 202 Accepted, Slack 200 "ok".
            return (202, {}, b"") if path.startswith("/teams") else (200, {}, b"ok")
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        code, headers, body = answer
        return code, headers, body.encode() if isinstance(body, str) else body

    def answer_with(self, path, *answers):
        """What to answer on path, in turn: (status, headers, body) each; the last one stays."""
        self.answers[path] = list(answers)

    def on(self, path):
        return [r for r in self.received if r.path == path]

    def problems(self):
        return [f"{r.path}: {p}" for r in self.received for p in r.problems]

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
