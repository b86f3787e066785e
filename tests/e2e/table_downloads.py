"""Every table on the pages has its download links beside it.

Usage: table_downloads.py BASE_URL [START_PATH ...]

Crawls the site from the start paths (default "/") through its own links:
every HTML page under BASE_URL, except the API, the ledger's tiles and
proofs, feeds, calendars and the files the crawl is checking. On each page,
tables that follow each other with nothing between them are one group; right
after a group's last </table> must come <p class="downloads"> with "Download
this table:" and a CSV and an XLSX link. Then every link found is fetched:
the CSV must be text/csv with a header row and a Content-Disposition
attachment (on the server), the XLSX must open in openpyxl with a header row
in each sheet, the JSON must parse.

Prints one line per problem and, last, "pages N tables N links N problems N".
Exit status 1 when there is a problem.

table_downloads.py --page FILE checks the tables of one saved page only.
"""
import csv
import html
import io
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

import openpyxl

BASE = sys.argv[1].rstrip("/")
START = sys.argv[2:] or ["/"]
SKIP = re.compile(r"^/(api/|ledger/(tile|content|proof|entries|checkpoint)|static/|tables/|signin|signout)"
                  r"|\.(atom|ics|csv|xlsx|json|md)$|[?&]format=(?!html)")
MAX_PAGES = 2000
problems = []


def fetch(path):
    try:
        with urllib.request.urlopen(BASE + path) as r:
            return r.status, dict((k.lower(), v) for k, v in r.headers.items()), r.read()
    except urllib.error.HTTPError as e:
        return e.code, {}, e.read()


def page_links(body):
    for href in re.findall(r'<a [^>]*href="([^"]+)"', body):
        href = html.unescape(href)
        if not href.startswith("/") or href.startswith("//"):
            continue
        path, _, query = href.partition("?")
        path = path.split("#")[0]
        # The crawl keeps the filters of /recs, but not the date: one date is enough.
        params = [p for p in query.split("&") if p and not p.startswith("as_of=")]
        yield path + ("?" + "&".join(params) if params else "")


def check_tables(path, body):
    """Return (tables, download hrefs) of a page; record groups without links."""
    hrefs = []
    tables = 0
    pos = 0
    while True:
        start = body.find("<table", pos)
        if start < 0:
            break
        end = body.find("</table>", start)
        if end < 0:
            problems.append(f"{path}: a table that never ends")
            break
        pos = end + len("</table>")
        if body.startswith('<table class="tx-detail"', start):
            continue   # a change's field detail, folded in its entry: the timeline's links cover it
        tables += 1
        rest = body[pos:].lstrip()
        if rest.startswith("<table"):
            continue   # the next table of the same group
        m = re.match(r'<p class="downloads">Download this table:(.*?)</p>', rest, re.S)
        if not m:
            near = re.sub(r"\s+", " ", body[max(0, start - 80):start])[-80:]
            problems.append(f"{path}: the table after '{near}' has no download links beside it")
            continue
        links = dict((label, html.unescape(href))
                     for href, label in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', m.group(1)))
        for need in ("CSV", "XLSX"):
            if need not in links:
                problems.append(f"{path}: download links without {need}: {m.group(0)}")
        hrefs.extend(links.items())
    # A timeline of changes has its links right after the list.
    for m in re.finditer(r'<ol class="timeline changes">.*?</ol>\s*', body, re.S):
        d = re.match(r'<p class="downloads">Download this table:(.*?)</p>', body[m.end():], re.S)
        if not d:
            problems.append(f"{path}: the changes timeline has no download links after it")
            continue
        hrefs.extend((label, html.unescape(href))
                     for href, label in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', d.group(1)))
    return tables, hrefs


def check_file(label, href):
    status, headers, data = fetch(href)
    if status != 200:
        problems.append(f"{href}: answered {status}")
        return
    ctype = headers.get("content-type", "")
    if label == "CSV":
        if not ctype.startswith("text/csv"):
            problems.append(f"{href}: content type {ctype}")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
        if not rows or not rows[0] or not all(rows[0]):
            problems.append(f"{href}: no header row")
        if "/tables/" in href and 'attachment; filename="ssrtrack-' not in headers.get("content-disposition", ""):
            problems.append(f"{href}: no Content-Disposition filename")
    elif label == "XLSX":
        try:
            wb = openpyxl.load_workbook(io.BytesIO(data))
        except Exception as e:   # noqa: BLE001 - any failure to open is the finding
            problems.append(f"{href}: not a workbook ({e})")
            return
        for ws in wb.worksheets:
            if ws.max_row < 1 or ws.cell(1, 1).value is None or ws.freeze_panes != "A2":
                problems.append(f"{href}: sheet {ws.title} without its frozen header")
    elif label == "JSON":
        try:
            json.loads(data)
        except ValueError:
            problems.append(f"{href}: not JSON")


def main():
    seen, queue = set(START), list(START)
    pages = tables = 0
    files = {}
    while queue and pages < MAX_PAGES:
        path = queue.pop(0)
        status, headers, data = fetch(path)
        if status != 200 or not headers.get("content-type", "").startswith("text/html"):
            continue
        pages += 1
        body = data.decode("utf-8")
        n, hrefs = check_tables(path, body)
        tables += n
        for label, href in hrefs:
            files.setdefault(href, label)
        for link in page_links(body):
            if link not in seen and not SKIP.search(link):
                seen.add(link)
                queue.append(link)
    for href, label in sorted(files.items()):
        check_file(label, href)
    for p in problems:
        print(p)
    print(f"pages {pages} tables {tables} links {len(files)} problems {len(problems)}")
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1] == "--page":
        n, found = check_tables(sys.argv[2], open(sys.argv[2], encoding="utf-8").read())
        for p in problems:
            print(p)
        print(f"tables {n} links {len(found)} problems {len(problems)}")
        sys.exit(1 if problems else 0)
    sys.exit(main())
