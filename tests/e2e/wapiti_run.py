#!/usr/bin/python3
# wapiti_run.py ARGS... — runs Debian's wapiti with ARGS, as /usr/bin/wapiti
# does, with two costs taken out that change nothing it sends or finds.
#
# 1. For a body whose Content-Type names no character set (here: the XLSX
#    downloads), the requests library guesses one with chardet, in pure
#    Python: about 60 ms for each answer. The scan brings back some 800 of
#    them, which are a few dozen distinct files sent again and again. The
#    guess depends on the bytes alone, so it is kept per distinct body.
# 2. Each time an XSS probe comes back in a page, wapiti parses its payload
#    file (xssPayloads.ini, 14 kB) again to find the rule for it: some 3,000
#    times. The file's sections and values are kept after the first parse
#    and handed to each later reader as they are.
import configparser
import hashlib
import sys

import chardet

_guesses = {}  # SHA-256 of a body -> chardet's guess (a small dict)
_detect = chardet.detect


def detect_once(data):
    """chardet.detect, made once per distinct body; the bodies themselves
    are not kept, only their digests."""
    key = hashlib.sha256(data).digest()
    if key not in _guesses:
        _guesses[key] = _detect(data)
    return dict(_guesses[key])


chardet.detect = detect_once

_parsed = {}  # file name -> {section: {option: value}}
_read_file = configparser.RawConfigParser.read_file


def read_file_once(self, f, source=None):
    """read_file, parsing each named file once; a reader that already holds
    something, or a source without a name, is read as before."""
    name = getattr(f, "name", None)
    if not isinstance(name, str) or self.sections() or self.defaults():
        return _read_file(self, f, source)
    if name not in _parsed:
        first = configparser.RawConfigParser()
        _read_file(first, f, source)
        _parsed[name] = {s: dict(first.items(s)) for s in first.sections()}
    f.close()
    self.read_dict(_parsed[name], source=name)


configparser.RawConfigParser.read_file = read_file_once

from wapitiCore.main.wapiti import wapiti_main  # noqa: E402 (after the change)

sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
