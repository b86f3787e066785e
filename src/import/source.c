/* source.c — the record of an imported document, kept in the log like any
 * other fact, so that the same document is never imported twice. */
#include "import/source.h"

#include "import/doc_text.h"
#include <stdio.h>
#include <string.h>

int import_record_source(store_t *s, const char *format, const char *name, const char *fingerprint,
                         const char *eff, const char *actor, err_t *e)
{
    char id[24];
    snprintf(id, sizeof id, "DOC-%.16s", fingerprint);
    int exists = store_exists(s, &kind_source, id, e);
    if (exists < 0) return -1;
    if (exists)
        return err_set(e, ERR_CONFLICT, "%s: this document was imported before (as %s); nothing was written",
                       name, id);
    field_value fv[] = {{"format", format}, {"name", doc_basename(name)}, {"sha256", fingerprint}};
    edit_t ed = {EDIT_CREATE, &kind_source, id, fv, 3, eff, actor, "imported document"};
    return store_edit(s, &ed, e);
}
