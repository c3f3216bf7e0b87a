#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check an HTML page ordo wrote, or the DOM Chromium built from it.

    pagecheck.py PAGE [--plan PLAN.json] [--status STATUS.json] [--text TEXT]...

PAGE is parsed with Python's HTML parser. It fails (exit 1, one line per
problem) when the page has an element that loads or runs something
(script, img, iframe, link, object, embed, ...), an attribute that points
anywhere but inside the page (src, href other than #..., action, url(...)
other than url(#...)), or when its text lacks what must be there:
    --plan     the verdict, every blocker id and, for each step, a row
               id="step-N" whose text holds the step's title
    --status   each step's row also holds its state from `ordo status --format json`
    --text     a string the text must contain (after entities are decoded)
"""
import argparse
import json
import re
import sys
from html.parser import HTMLParser

LOADERS = {"script", "img", "iframe", "frame", "link", "object", "embed", "audio", "video",
           "source", "track", "image", "use", "base", "form", "meta-refresh", "portal", "input"}
URL_ATTRS = {"src", "srcset", "href", "xlink:href", "action", "formaction", "poster", "data",
             "background", "ping", "manifest", "codebase", "cite", "longdesc"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.rows = {}
        self.row = None
        self.depth = []
        self.problems = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in LOADERS:
            self.problems.append("element <%s> that loads or runs something" % tag)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append("event handler attribute %s on <%s>" % (name, tag))
            if name in URL_ATTRS and not value.startswith("#"):
                self.problems.append("attribute %s=%r on <%s> points outside the page" % (name, value, tag))
            for u in re.findall(r"url\(\s*['\"]?([^)'\"]*)", value):
                if not u.startswith("#"):
                    self.problems.append("url(%s) in attribute %s of <%s>" % (u, name, tag))
            if tag == "meta" and name == "http-equiv" and value.lower() == "refresh":
                self.problems.append("meta refresh")
        if tag in ("style", "title"):
            self.skip += 1
        if tag in ("td", "th", "br", "p", "li", "div") and self.row:
            self.rows[self.row].append(" ")
        if tag in ("td", "th", "br", "p", "li", "div", "h1", "h2", "h3"):
            self.text.append(" ")
        if tag == "tr":
            self.row = dict(attrs).get("id")
            if self.row:
                self.rows[self.row] = []

    def handle_endtag(self, tag):
        if tag in ("style", "title"):
            self.skip -= 1
        if tag == "tr":
            self.row = None

    def handle_data(self, data):
        if self.skip:
            if "url(" in data or "@import" in data:
                for u in re.findall(r"url\(\s*['\"]?([^)'\"]*)", data):
                    if not u.startswith("#"):
                        self.problems.append("url(%s) in a style sheet" % u)
                if "@import" in data:
                    self.problems.append("@import in a style sheet")
            return
        self.text.append(data)
        if self.row:
            self.rows[self.row].append(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("--plan")
    ap.add_argument("--status")
    ap.add_argument("--text", action="append", default=[])
    a = ap.parse_args()
    p = Page()
    with open(a.page, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    text = re.sub(r"\s+", " ", "".join(p.text))
    rows = {k: re.sub(r"\s+", " ", "".join(v)).strip() for k, v in p.rows.items()}
    problems = list(p.problems)
    for t in a.text:
        if t not in text:
            problems.append("the text lacks %r" % t)
    if a.plan:
        with open(a.plan, encoding="utf-8") as f:
            doc = json.load(f)
        word = {"blocked": "BLOCKED", "planned": "READY ONCE THE PLAN'S STEPS ARE DONE",
                "warnings": "READY WITH WARNINGS", "ok": "READY"}[doc["verdict"]]
        if "Verdict: %s " % word not in text + " ":
            problems.append("the text lacks the verdict %r" % word)
        for fnd in doc["findings"]:
            if fnd["severity"] == "blocker" and fnd["id"] not in text:
                problems.append("the text lacks blocker %s" % fnd["id"])
            if fnd["title"] not in text:
                problems.append("the text lacks finding title %r" % fnd["title"])
        for s in doc.get("steps", []):
            row = rows.get("step-%d" % s["id"])
            if row is None:
                problems.append("no row for step %d" % s["id"])
            elif not row.startswith("%d " % s["id"]) or s["title"] not in row:
                problems.append("the row of step %d lacks its id or title" % s["id"])
    if a.status:
        with open(a.status, encoding="utf-8") as f:
            st = json.load(f)
        for s in st["steps"]:
            row = rows.get("step-%d" % s["id"], "")
            if s["state"] not in row:
                problems.append("the row of step %d lacks its state %s" % (s["id"], s["state"]))
        if st.get("wave") and "at wave %d of" % st["wave"] not in text:
            problems.append("the text lacks the current wave %d" % st["wave"])
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
