/* rec_csv.c — see rec_csv.h. */
#include "report/rec_csv.h"

#include "util/fmt.h"

void rec_csv(buf_t *b, const ent_t *recs, size_t n, const char *as_of)
{
    static const int cols[] = {REC_REVIEW, REC_PARENT, REC_TITLE, REC_TEXT, REC_TOPIC, REC_OWNER,
                               REC_PRIORITY, REC_BOARD, REC_STATUS, REC_RECURRING, REC_DUE};
    buf_puts(b, "id,review,parent,title,text,topic,owner,priority,board,status,recurring,due,effective\r\n");
    for (size_t i = 0; i < n; i++) {
        fmt_csv(b, recs[i].id);
        for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
            buf_putc(b, ',');
            fmt_csv(b, recs[i].v[cols[c]]);
        }
        bfmt(b, ",%s\r\n", as_of);
    }
}
