/* xlsx.c — workbooks from CSV; see xlsx.h. The only code that includes
 * xlsxwriter.h. */
#include "report/xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "report/xlsx_lib.h"
#include "util/alloc.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/file.h"
#include "util/text.h"

#define MAX_SHEETS 64
#define MAX_WIDTH 80
#define CELL_MAX 32767   /* the most characters a cell holds */

typedef struct {
    char name[32];
    lxw_worksheet *ws;
    lxw_row_t rows;          /* rows written, the header included */
    double width[CSV_MAX_FIELDS];
} sheet_t;

typedef struct {
    lxw_workbook *wb;
    lxw_format *bold, *date;
    const char *sheet, *split;
    int split_col, ncols;
    const char *header[CSV_MAX_FIELDS];
    char *header_text;       /* the header's cells, kept for every new sheet */
    sheet_t sheets[MAX_SHEETS];
    int nsheets;
    err_t *e;
} book;

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\. */
static void sheet_name(const char *in, char out[32])
{
    size_t n = utf8_prefix(in && *in ? in : "Sheet", 31);
    if (n > 31) n = 31;
    memcpy(out, in && *in ? in : "Sheet", n);
    out[n] = '\0';
    for (char *p = out; *p; p++)
        if (strchr("[]:*?/\\'", *p)) *p = '_';
}

static int plain_number(const char *s)
{
    const char *p = s + (*s == '-');
    if (*p < '0' || *p > '9' || (p[0] == '0' && p[1] >= '0' && p[1] <= '9') || strlen(s) > 15) return 0;
    while (*p >= '0' && *p <= '9') p++;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9') return 0;
        while (*p >= '0' && *p <= '9') p++;
    }
    return *p == '\0';
}

/* One cell: a date, a number or text. */
static lxw_error write_cell(book *b, sheet_t *sh, int col, const char *v)
{
    lxw_row_t r = sh->rows;
    if (!*v) return LXW_NO_ERROR;
    if (v[0] == '\'' && v[1] && strchr("=+-@", v[1])) v++;   /* the CSV formula guard */
    double w = (double)utf8_cols(v) + 2;
    if (w > sh->width[col]) sh->width[col] = w > MAX_WIDTH ? MAX_WIDTH : w;
    if (date_valid(v) && strncmp(v, "1900", 4) >= 0) {
        lxw_datetime dt = {atoi(v), atoi(v + 5), atoi(v + 8), 0, 0, 0};
        return worksheet_write_datetime(sh->ws, r, (lxw_col_t)col, &dt, b->date);
    }
    if (plain_number(v)) return worksheet_write_number(sh->ws, r, (lxw_col_t)col, strtod(v, NULL), NULL);
    if (strlen(v) <= CELL_MAX) return worksheet_write_string(sh->ws, r, (lxw_col_t)col, v, NULL);
    /* Longer text is cut, on a character, to what a cell holds. */
    size_t n = utf8_prefix(v, CELL_MAX / 4);
    char *cut = mem_alloc(n + 1);
    if (!cut) return LXW_ERROR_MEMORY_MALLOC_FAILED;
    memcpy(cut, v, n);
    cut[n] = '\0';
    lxw_error rc = worksheet_write_string(sh->ws, r, (lxw_col_t)col, cut, NULL);
    mem_free(cut);
    return rc;
}

/* The sheet called name, made with its header row when new; NULL on error. */
static sheet_t *sheet_for(book *b, const char *value)
{
    char name[32];
    sheet_name(value, name);
    for (int i = 0; i < b->nsheets; i++)
        if (strcmp(b->sheets[i].name, name) == 0) return &b->sheets[i];
    if (b->nsheets == MAX_SHEETS) { err_set(b->e, ERR_INPUT, "xlsx: more than %d sheets", MAX_SHEETS); return NULL; }
    sheet_t *sh = &b->sheets[b->nsheets++];
    memset(sh, 0, sizeof *sh);
    memcpy(sh->name, name, sizeof name);
    if (!(sh->ws = workbook_add_worksheet(b->wb, name))) {
        err_set(b->e, ERR_INTERNAL, "xlsx: cannot add the sheet '%s'", name);
        return NULL;
    }
    for (int c = 0; c < b->ncols; c++) {
        double w = (double)utf8_cols(b->header[c]) + 4;
        sh->width[c] = w > MAX_WIDTH ? MAX_WIDTH : w;
        if (worksheet_write_string(sh->ws, 0, (lxw_col_t)c, b->header[c], b->bold)) {
            err_set(b->e, ERR_INTERNAL, "xlsx: cannot write the header");
            return NULL;
        }
    }
    sh->rows = 1;
    return sh;
}

static int on_row(void *ctx, const csv_row *r)
{
    book *b = ctx;
    if (!b->header_text) {
        size_t len = 0;
        for (int i = 0; i < r->n; i++) len += strlen(r->field[i]) + 1;
        if (!(b->header_text = mem_alloc(len ? len : 1))) return err_nomem(b->e);
        char *p = b->header_text;
        b->split_col = -1;
        for (int i = 0; i < r->n; i++) {
            b->header[i] = strcpy(p, r->field[i]);
            p += strlen(r->field[i]) + 1;
            if (b->split && strcmp(r->field[i], b->split) == 0) b->split_col = i;
        }
        b->ncols = r->n;
        return 0;
    }
    const char *value = b->split_col >= 0 && b->split_col < r->n && *r->field[b->split_col] ? r->field[b->split_col]
                                                                                              : b->sheet;
    sheet_t *sh = sheet_for(b, value);
    if (!sh) return -1;
    for (int c = 0; c < r->n && c < b->ncols; c++)
        if (write_cell(b, sh, c, r->field[c]))
            return err_set(b->e, ERR_INTERNAL, "xlsx: cannot write row %u of sheet '%s'", (unsigned)sh->rows, sh->name);
    sh->rows++;
    return 0;
}

/* Freeze the header, turn the filters on and set the widths. */
static void finish_sheets(book *b)
{
    if (!b->nsheets) sheet_for(b, b->sheet);   /* a table without rows still has its header */
    for (int i = 0; i < b->nsheets; i++) {
        sheet_t *sh = &b->sheets[i];
        worksheet_freeze_panes(sh->ws, 1, 0);
        if (b->ncols) worksheet_autofilter(sh->ws, 0, 0, sh->rows - 1, (lxw_col_t)(b->ncols - 1));
        for (int c = 0; c < b->ncols; c++) worksheet_set_column(sh->ws, (lxw_col_t)c, (lxw_col_t)c, sh->width[c], NULL);
    }
}

int xlsx_from_csv(const char *csv, size_t len, const char *sheet, const char *split_column, buf_t *out,
                  err_t *e)
{
    if (xlsx_lib_load(e)) return -1;
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/ssrtrack-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) return err_set(e, ERR_IO, "xlsx: a temporary file: %s", strerror(errno));
    close(fd);
    book b = {0};
    b.sheet = sheet;
    b.split = split_column;
    b.e = e;
    int rc = -1;
    if (!(b.wb = workbook_new(path))) { err_set(e, ERR_IO, "xlsx: cannot start the workbook"); goto done; }
    b.bold = workbook_add_format(b.wb);
    b.date = workbook_add_format(b.wb);
    format_set_bold(b.bold);
    format_set_num_format(b.date, "yyyy-mm-dd");
    if (csv_read("table.csv", csv, len, on_row, &b, e)) goto done;
    if (!b.ncols) { err_set(e, ERR_INTERNAL, "xlsx: the table has no header"); goto done; }
    finish_sheets(&b);
    lxw_error werr = workbook_close(b.wb);
    b.wb = NULL;
    if (werr) { err_set(e, ERR_IO, "xlsx: %s", lxw_strerror(werr)); goto done; }
    size_t n;
    char *data = file_read(path, (size_t)1 << 30, &n, e);
    if (!data) goto done;
    buf_append(out, data, n);
    mem_free(data);
    rc = buf_ok(out) ? 0 : err_nomem(e);
done:
    if (b.wb) workbook_close(b.wb);
    mem_free(b.header_text);
    unlink(path);
    return rc;
}
