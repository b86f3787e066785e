#!/usr/bin/python3
# wapiti_run.py ARGS... — runs Debian's wapiti with ARGS, as /usr/bin/wapiti
# does, with one cost taken out that changes nothing it sends or finds.
#
# For a body whose Content-Type names no character set (here: the XLSX
# downloads), the requests library guesses one with chardet, in pure Python:
# about 60 ms for each answer. The scan brings back some 800 of them, which are
# a few dozen distinct files sent again and again. The guess depends on the
# bytes alone, so it is kept per distinct body and made once for each.
import functools
import sys

import chardet

_detect = functools.lru_cache(maxsize=1024)(chardet.detect)
chardet.detect = lambda data: dict(_detect(bytes(data)))

from wapitiCore.main.wapiti import wapiti_main  # noqa: E402 (after the change)

sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
