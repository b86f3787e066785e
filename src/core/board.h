/* board.h — the Board's disposition of a rec: one of approved,
 * passed_through, pending, rejected, or two at once joined by '+' (the Board
 * decides "in full or in part": approved in part and passed through in part).
 * The canonical form names each once, in that order: "approved+passed_through".
 * Pure: no I/O, no allocation. */
#ifndef SSR_BOARD_H
#define SSR_BOARD_H

typedef enum { BD_APPROVED, BD_PASSED_THROUGH, BD_PENDING, BD_REJECTED, BD_COUNT } board_t;

/* The name of one disposition ("passed_through"); NULL when out of range. */
const char *board_name(board_t b);
/* A display label ("Passed through"). */
const char *board_label(board_t b);

/* The set of dispositions in a value, as bits (1 << board_t); 0 when the
 * value is not one or two known names joined by '+' (any case, spaces or '-'
 * read as '_', no name twice). */
unsigned board_parse(const char *in);
/* The canonical text of a non-empty set of at most two into out (size >= 32);
 * returns out. */
char *board_format(unsigned set, char out[32]);
/* 1 when the canonical or display value v holds disposition b. */
int board_has(const char *v, board_t b);

#endif
