/* Tests of src/store/tree.c and src/store/public_log.c on real SQLite files: the
 * tree kept with each transaction equals the tree of the leaves, its proofs
 * verify, a rebuild gives the same nodes, failed allocations leave a whole
 * log, restricted things are hidden from the public leaves, and the key and
 * the checkpoints are kept. */
#include "test.h"
#include "store/db_files.h"
#include "ledger/merkle.h"
#include "store/store.h"
#include "util/alloc.h"

static int append(store_t *s, const kind_def *k, const char *id, const char *f, const char *v, err_t *e)
{
    return store_append(s, k, id, f, v, "2014-03-18", "tester", "", e);
}

/* Review R1 and rec R1-1, then n status changes in transactions of 1 to 37. */
static store_t *grown(int n)
{
    static const char *const st[] = {"planning", "in_progress", "complete"};
    store_t *s = fresh();
    err_t e;
    if (!s) return NULL;
    if (store_begin(s, &e) || append(s, &kind_review, "R1", "title", "One", &e) ||
        append(s, &kind_rec, "R1-1", "review", "R1", &e) || append(s, &kind_rec, "R1-1", "title", "T", &e) ||
        store_commit(s, &e))
        goto fail;
    for (int done = 0, batch = 1; done < n; batch = batch * 7 % 37 + 1) {
        if (store_begin(s, &e)) goto fail;
        for (int i = 0; i < batch && done < n; i++, done++)
            if (append(s, &kind_rec, "R1-1", "status", st[done % 3], &e)) goto fail;
        if (store_commit(s, &e)) goto fail;
    }
    return s;
fail:
    printf("# grow: %s\n", e.msg);
    store_close(s);
    return NULL;
}

typedef struct {
    merkle_frontier f;
    unsigned char roots[400][32];   /* roots[n]: of the first n leaves */
} leaves_seen;

static int see_leaf(void *ctx, const leaf_t *l)
{
    leaves_seen *x = ctx;
    merkle_push(&x->f, l->leaf, NULL, NULL);
    if (x->f.size < 400) merkle_frontier_root(&x->f, x->roots[x->f.size]);
    return 0;
}

TEST(kept_tree_gives_the_roots_and_proofs_of_the_leaves)
{
    store_t *s = grown(300);
    CHECK(s != NULL);
    err_t e;
    leaves_seen *x = calloc(1, sizeof *x);
    merkle_empty(x->roots[0]);
    CHECK(store_each_leaf(s, 1, 0, 0, see_leaf, x, &e) == 0);
    long long size;
    unsigned char root[32], r2[32], leaf[32];
    CHECK(store_tree_head(s, &size, root, &e) == 0);
    CHECK_INT(size, 303);
    CHECK(memcmp(root, x->roots[303], 32) == 0);
    merkle_path p;
    for (long long n = 0; n <= size; n += n < 40 ? 1 : 13) {
        CHECK(store_tree_root(s, n, r2, &e) == 0);
        CHECK(memcmp(r2, x->roots[n], 32) == 0);
        for (long long seq = 1; seq <= n; seq += n < 40 ? 1 : 5) {
            CHECK(store_proof_inclusion(s, seq, n, &p, leaf, &e) == 0);
            CHECK(merkle_verify_inclusion((uint64_t)seq - 1, (uint64_t)n, leaf, &p, r2, &e) == 0);
        }
        CHECK(store_proof_consistency(s, n, size, &p, &e) == 0);
        CHECK(merkle_verify_consistency((uint64_t)n, (uint64_t)size, r2, root, &p, &e) == 0);
    }
    CHECK(store_proof_inclusion(s, 0, size, &p, leaf, &e) != 0);
    CHECK(store_proof_inclusion(s, 5, size + 1, &p, leaf, &e) != 0);
    CHECK(e.code == ERR_INPUT);
    CHECK(store_proof_consistency(s, 10, 9, &p, &e) != 0);
    verify_result r;
    CHECK(store_verify_at(s, 100, &r, &e) == 0);
    CHECK_INT(r.bad_seq, 0);
    CHECK(memcmp(r.root, root, 32) == 0 && memcmp(r.root_at, x->roots[100], 32) == 0);
    free(x);
    store_close(s);
}

TEST(rebuild_gives_the_same_tree)
{
    store_t *s = grown(150);
    CHECK(s != NULL);
    err_t e;
    unsigned char before[160][32], after[32];
    for (long long n = 0; n < 154; n++) CHECK(store_tree_root(s, n, before[n], &e) == 0);
    CHECK(store_tree_rebuild(s, &e) == 0);
    for (long long n = 0; n < 154; n++) {
        CHECK(store_tree_root(s, n, after, &e) == 0);
        CHECK(memcmp(after, before[n], 32) == 0);
    }
    verify_result r;
    CHECK(store_verify(s, &r, &e) == 0);
    CHECK_INT(r.bad_seq, 0);
    store_close(s);
}

TEST(failed_allocations_leave_a_whole_log)
{
    store_t *s = grown(40);
    CHECK(s != NULL);
    err_t e;
    int failures = 0;
    for (long n = 1; n < 400; n++) {
        mem_fail_at(n, 0);
        int rc = store_begin(s, &e);
        if (rc == 0) {
            for (int i = 0; i < 20 && rc == 0; i++) rc = append(s, &kind_rec, "R1-1", "owner", i % 2 ? "a" : "b", &e);
            if (rc == 0) rc = store_commit(s, &e);
            else store_rollback(s);
        }
        mem_fail_at(0, 0);
        failures += rc != 0;
        if (rc != 0) CHECK(e.code == ERR_NOMEM);
    }
    CHECK(failures > 0);
    verify_result r;
    CHECK(store_verify(s, &r, &e) == 0);
    if (r.bad_seq) printf("# seq %lld: %s\n", r.bad_seq, r.problem);
    CHECK_INT(r.bad_seq, 0);
    store_close(s);
}

typedef struct {
    int hidden[64], shown[64], content[64];
} vis_seen;

static int see_vis(void *ctx, const leaf_t *l)
{
    vis_seen *x = ctx;
    if (l->seq < 64) {
        x->hidden[l->seq] = l->hidden;
        x->content[l->seq] = l->change != NULL;
    }
    return 0;
}

static int edit(store_t *s, edit_op op, const kind_def *k, const char *id, const char *f1,
                const char *v1, const char *f2, const char *v2, err_t *e)
{
    field_value fv[2] = {{f1, v1}, {f2, v2}};
    edit_t ed = {op, k, id, fv, f2 ? 2 : 1, "2014-03-18", "tester", ""};
    if (store_begin(s, e)) return -1;
    if (store_edit(s, &ed, e) || store_commit(s, e)) { store_rollback(s); return -1; }
    return 0;
}

TEST(restricted_things_are_hidden_from_public_leaves)
{
    store_t *s = fresh();
    CHECK(s != NULL);
    err_t e;
    CHECK(edit(s, EDIT_CREATE, &kind_review, "R1", "title", "One", NULL, NULL, &e) == 0);          /* 1 */
    CHECK(edit(s, EDIT_CREATE, &kind_rec, "R1-1", "review", "R1", "title", "Open", &e) == 0);      /* 2-3 */
    CHECK(edit(s, EDIT_CREATE, &kind_rec, "R1-2", "review", "R1", "title", "Secret", &e) == 0);    /* 4-5 */
    CHECK(edit(s, EDIT_UPDATE, &kind_rec, "R1-2", "restricted", "true", NULL, NULL, &e) == 0);     /* 6 */
    CHECK(edit(s, EDIT_CREATE, &kind_milestone, "R1-2.1", "rec", "R1-2", "title", "Step", &e) == 0); /* 7-8 */
    CHECK(edit(s, EDIT_CREATE, &kind_milestone, "R1-1.1", "rec", "R1-1", "title", "Open step", &e) == 0); /* 9-10 */
    CHECK(edit(s, EDIT_UPDATE, &kind_milestone, "R1-1.1", "restricted", "yes", NULL, NULL, &e) == 0); /* 11 */
    field_value lk[3] = {{"rec", "R1-1"}, {"rel", "related"}, {"other", "R1-2"}};
    edit_t ed = {EDIT_CREATE, &kind_link, "R1-1 related R1-2", lk, 3, "2014-03-18", "t", ""};
    CHECK(store_begin(s, &e) == 0 && store_edit(s, &ed, &e) == 0 && store_commit(s, &e) == 0); /* 12-14 */
    field_value ev[3] = {{"target_kind", "milestone"}, {"target", "R1-2.1"}, {"url", "https://example.org/x"}};
    edit_t ed2 = {EDIT_CREATE, &kind_evidence, "E1", ev, 3, "2014-03-18", "t", ""};
    CHECK(store_begin(s, &e) == 0 && store_edit(s, &ed2, &e) == 0 && store_commit(s, &e) == 0); /* 15-17 */
    vis_seen x = {0};
    CHECK(store_each_leaf(s, 1, 0, 1, see_vis, &x, &e) == 0);
    static const int hidden[18] = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    for (int i = 1; i <= 17; i++) {
        CHECK_INT(x.hidden[i] * 100 + i, hidden[i] * 100 + i);
        CHECK_INT(x.content[i] * 100 + i, !hidden[i] * 100 + i);
    }
    /* Everything, for a reader who may see it. */
    CHECK(store_each_leaf(s, 1, 0, 0, see_vis, &x, &e) == 0);
    for (int i = 1; i <= 17; i++) CHECK(x.content[i]);
    /* Lifting the restriction shows the rec's whole history again, not the restricted milestone's. */
    CHECK(edit(s, EDIT_UPDATE, &kind_rec, "R1-2", "restricted", "false", NULL, NULL, &e) == 0);  /* 18 */
    CHECK(store_each_leaf(s, 1, 0, 1, see_vis, &x, &e) == 0);
    for (int i = 1; i <= 18; i++) CHECK_INT(x.hidden[i] * 100 + i, (i >= 9 && i <= 11) * 100 + i);
    store_close(s);
}

TEST(key_and_checkpoints_are_kept)
{
    store_t *s = fresh();
    CHECK(s != NULL);
    err_t e;
    arena_t *a = arena_new();
    const char *vkey;
    CHECK(store_log_key(s, a, &vkey, &e) == 0);
    CHECK(vkey == NULL);
    CHECK(store_set_log_key(s, "k+00000000+AA==", &e) != 0);   /* outside a transaction */
    CHECK(store_begin(s, &e) == 0);
    CHECK(store_set_log_key(s, "k+00000000+AA==", &e) == 0);
    CHECK(store_set_log_key(s, "k+00000001+AA==", &e) != 0);
    CHECK(e.code == ERR_CONFLICT);
    unsigned char root[32] = {1, 2, 3};
    CHECK(store_checkpoint_add(s, 0, root, "first\n", &e) == 0);
    root[0] = 9;
    CHECK(store_checkpoint_add(s, 5, root, "second\n", &e) == 0);
    CHECK(store_commit(s, &e) == 0);
    CHECK(store_log_key(s, a, &vkey, &e) == 0);
    CHECK_STR(vkey, "k+00000000+AA==");
    checkpoint_row *rows;
    size_t n;
    CHECK(store_checkpoints(s, 10, a, &rows, &n, &e) == 0);
    CHECK_INT(n, 2);
    CHECK_STR(rows[0].note, "second\n");
    CHECK(rows[0].size == 5 && rows[0].root[0] == 9 && rows[1].root[1] == 2);
    CHECK(store_checkpoints(s, 1, a, &rows, &n, &e) == 0);
    CHECK_INT(n, 1);
    arena_free(a);
    store_close(s);
}

int main(void)
{
    if (db_files_begin()) return 1;
    hash_init();
    RUN(kept_tree_gives_the_roots_and_proofs_of_the_leaves);
    RUN(rebuild_gives_the_same_tree);
    RUN(failed_allocations_leave_a_whole_log);
    RUN(restricted_things_are_hidden_from_public_leaves);
    RUN(key_and_checkpoints_are_kept);
    if (db_files_end()) return 1;
    TEST_EXIT();
}
