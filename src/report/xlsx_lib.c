/* xlsx_lib.c — the libxlsxwriter functions ssrtrack calls, each forwarded
 * to the library opened by xlsx_lib_load (util/lazy_lib.h says why). */
#include "report/xlsx_lib.h"

#include <xlsxwriter.h>

#include "util/lazy_lib.h"

#define XLSX_FNS(X)                                                                                \
    X(workbook_new) X(workbook_add_worksheet) X(workbook_add_format) X(workbook_close)             \
    X(format_set_bold) X(format_set_num_format) X(lxw_strerror) X(worksheet_autofilter)            \
    X(worksheet_freeze_panes) X(worksheet_set_column) X(worksheet_write_datetime)                  \
    X(worksheet_write_number) X(worksheet_write_string)
LAZY_WRAPPER(XLSX_FNS, "libxlsxwriter.so.4", "XLSX files", xlsx_lib_load)
#define FN(f) LAZY_CALL(f)

lxw_workbook *workbook_new(const char *filename) { return FN(workbook_new)(filename); }
lxw_worksheet *workbook_add_worksheet(lxw_workbook *wb, const char *name) { return FN(workbook_add_worksheet)(wb, name); }
lxw_format *workbook_add_format(lxw_workbook *wb) { return FN(workbook_add_format)(wb); }
lxw_error workbook_close(lxw_workbook *wb) { return FN(workbook_close)(wb); }
void format_set_bold(lxw_format *f) { FN(format_set_bold)(f); }
void format_set_num_format(lxw_format *f, const char *num) { FN(format_set_num_format)(f, num); }
char *lxw_strerror(lxw_error err) { return FN(lxw_strerror)(err); }

lxw_error worksheet_autofilter(lxw_worksheet *ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2)
{
    return FN(worksheet_autofilter)(ws, r1, c1, r2, c2);
}

void worksheet_freeze_panes(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col) { FN(worksheet_freeze_panes)(ws, row, col); }

lxw_error worksheet_set_column(lxw_worksheet *ws, lxw_col_t c1, lxw_col_t c2, double width, lxw_format *f)
{
    return FN(worksheet_set_column)(ws, c1, c2, width, f);
}

lxw_error worksheet_write_datetime(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_datetime *dt, lxw_format *f)
{
    return FN(worksheet_write_datetime)(ws, row, col, dt, f);
}

lxw_error worksheet_write_number(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double n, lxw_format *f)
{
    return FN(worksheet_write_number)(ws, row, col, n, f);
}

lxw_error worksheet_write_string(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *f)
{
    return FN(worksheet_write_string)(ws, row, col, s, f);
}
