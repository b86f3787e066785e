/* keyfile.c — see keyfile.h. */
#include "store/keyfile.h"

#include <string.h>

#include "util/alloc.h"
#include "util/file.h"

#define KEY_FILE_MAX 4096

int keyfile_load(const char *path, const char *vkey, note_signer *k, err_t *e)
{
    size_t len = 0;
    char *text = file_read_private(path, KEY_FILE_MAX, &len, e);
    if (!text) return err_prefix(e, "signing key");
    int rc = note_signer_parse(text, k, e);
    note_wipe(text, len);
    mem_free(text);
    if (rc) return err_prefix(e, "%s", path);
    if (!vkey) return 0;
    note_verifier stored;
    if (note_verifier_parse(vkey, &stored, e)) {
        note_signer_wipe(k);
        return err_prefix(e, "the stored key");
    }
    if (k->v.id != stored.id || memcmp(k->v.pub, stored.pub, 32) != 0 || strcmp(k->v.name, stored.name) != 0) {
        note_signer_wipe(k);
        return err_set(e, ERR_INPUT, "the key in %s is not this log's key (%s+%08x)", path, stored.name,
                       (unsigned)stored.id);
    }
    return 0;
}

int keyfile_load_witness(const char *path, note_signer *k, err_t *e)
{
    size_t len = 0;
    char *text = file_read_private(path, KEY_FILE_MAX, &len, e);
    if (!text) return err_prefix(e, "witness key");
    int rc = note_signer_parse_alg(text, NOTE_ALG_COSIGNATURE, k, e);
    note_wipe(text, len);
    mem_free(text);
    return rc ? err_prefix(e, "%s", path) : 0;
}
