"""The top-level members of a JSON object text, each with its value's raw text exactly as it appears."""

import json
import re

_WHITESPACE = re.compile(r"[ \t\n\r]*")


def _no_constants(name):
    raise ValueError(f"{name} is not JSON")


_decoder = json.JSONDecoder(parse_constant=_no_constants)


def top_level_members(text):
    """[(key, value, raw_text)] in order, or None when `text` is not exactly one JSON object or repeats a key
    (a parser keeping the last duplicate and a check reading the first would disagree)."""
    try:
        return _members(text)
    except (ValueError, RecursionError):
        return None


def _skip(text, i):
    return _WHITESPACE.match(text, i).end()


def _members(text):
    i = _skip(text, 0)
    if text[i : i + 1] != "{":
        return None
    i = _skip(text, i + 1)
    members, seen = [], set()
    if text[i : i + 1] == "}":
        return members if _skip(text, i + 1) == len(text) else None
    while True:
        if text[i : i + 1] != '"':
            return None
        key, i = json.decoder.scanstring(text, i + 1)
        if key in seen:
            return None
        seen.add(key)
        i = _skip(text, i)
        if text[i : i + 1] != ":":
            return None
        start = _skip(text, i + 1)
        value, end = _decoder.raw_decode(text, start)
        members.append((key, value, text[start:end]))
        i = _skip(text, end)
        if text[i : i + 1] == ",":
            i = _skip(text, i + 1)
        elif text[i : i + 1] == "}":
            return members if _skip(text, i + 1) == len(text) else None
        else:
            return None
