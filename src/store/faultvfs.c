/* faultvfs.c — the failing-write VFS for tests; see faultvfs.h.
 *
 * Each file we hand SQLite is a fault_file followed by the wrapped VFS's own
 * file structure (SQLite allocates both at once, szOsFile bytes); every
 * method passes the call on to that inner file, after deciding whether this
 * write is the one that fails. */
#include "store/faultvfs.h"

#include <stdatomic.h>

#include "store/internal.h"

typedef struct {
    sqlite3_file base;       /* base.pMethods: our methods */
    sqlite3_file *real;      /* the wrapped file, right after this struct */
} fault_file;

static sqlite3_vfs *inner;   /* the default VFS we wrap */
static _Atomic long counter;
static long fail_at;
static int fail_sticky, fail_full;

/* Count one write operation; 1 when it must fail. */
static int injected(void)
{
    long n = ++counter;
    return fail_at > 0 && (n == fail_at || (fail_sticky && n > fail_at));
}

static sqlite3_file *real(sqlite3_file *f) { return ((fault_file *)f)->real; }

static int ff_close(sqlite3_file *f)
{
    sqlite3_file *r = real(f);
    return r->pMethods ? r->pMethods->xClose(r) : SQLITE_OK;
}

static int ff_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    return real(f)->pMethods->xRead(real(f), buf, n, off);
}

static int ff_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    if (injected()) return fail_full ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    return real(f)->pMethods->xWrite(real(f), buf, n, off);
}

static int ff_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    if (injected()) return SQLITE_IOERR_TRUNCATE;
    return real(f)->pMethods->xTruncate(real(f), size);
}

static int ff_sync(sqlite3_file *f, int flags)
{
    if (injected()) return SQLITE_IOERR_FSYNC;
    return real(f)->pMethods->xSync(real(f), flags);
}

static int ff_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    return real(f)->pMethods->xFileSize(real(f), size);
}

static int ff_lock(sqlite3_file *f, int level) { return real(f)->pMethods->xLock(real(f), level); }
static int ff_unlock(sqlite3_file *f, int level) { return real(f)->pMethods->xUnlock(real(f), level); }

static int ff_check_reserved(sqlite3_file *f, int *out)
{
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}

static int ff_file_control(sqlite3_file *f, int op, void *arg)
{
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}

static int ff_sector_size(sqlite3_file *f) { return real(f)->pMethods->xSectorSize(real(f)); }

static int ff_device(sqlite3_file *f)
{
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
}

/* Version 2: shared memory for WAL (its -shm file is mapped, not written). */
static int ff_shm_map(sqlite3_file *f, int region, int size, int extend, void volatile **p)
{
    return real(f)->pMethods->xShmMap(real(f), region, size, extend, p);
}

static int ff_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}

static void ff_shm_barrier(sqlite3_file *f) { real(f)->pMethods->xShmBarrier(real(f)); }

static int ff_shm_unmap(sqlite3_file *f, int del)
{
    return real(f)->pMethods->xShmUnmap(real(f), del);
}

/* Version 3: memory-mapped reads. */
static int ff_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p)
{
    return real(f)->pMethods->xFetch(real(f), off, n, p);
}

static int ff_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    return real(f)->pMethods->xUnfetch(real(f), off, p);
}

/* One table per version of sqlite3_io_methods, so that SQLite sees exactly
 * what the wrapped file offers. */
#define FF_METHODS(v)                                                                      \
    {v, ff_close, ff_read, ff_write, ff_truncate, ff_sync, ff_file_size, ff_lock, ff_unlock, \
     ff_check_reserved, ff_file_control, ff_sector_size, ff_device, ff_shm_map,             \
     ff_shm_lock, ff_shm_barrier, ff_shm_unmap, ff_fetch, ff_unfetch}
static const sqlite3_io_methods methods[3] = {FF_METHODS(1), FF_METHODS(2), FF_METHODS(3)};

static int fv_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
    (void)vfs;
    fault_file *ff = (fault_file *)f;
    ff->real = (sqlite3_file *)(ff + 1);
    ff->real->pMethods = NULL;
    int rc = inner->xOpen(inner, name, ff->real, flags, out);
    /* SQLite calls xClose whenever pMethods is set, even after a failed open. */
    const sqlite3_io_methods *m = ff->real->pMethods;
    if (!m) ff->base.pMethods = NULL;
    else ff->base.pMethods = &methods[m->iVersion < 1 ? 0 : m->iVersion > 3 ? 2 : m->iVersion - 1];
    return rc;
}

static int fv_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
    (void)vfs;
    return inner->xDelete(inner, name, sync);
}

static int fv_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    (void)vfs;
    return inner->xAccess(inner, name, flags, out);
}

static int fv_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    return inner->xFullPathname(inner, name, n, out);
}

static void *fv_dlopen(sqlite3_vfs *vfs, const char *name)
{
    (void)vfs;
    return inner->xDlOpen(inner, name);
}

static void fv_dlerror(sqlite3_vfs *vfs, int n, char *msg)
{
    (void)vfs;
    inner->xDlError(inner, n, msg);
}

static void (*fv_dlsym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
    (void)vfs;
    return inner->xDlSym(inner, h, sym);
}

static void fv_dlclose(sqlite3_vfs *vfs, void *h)
{
    (void)vfs;
    inner->xDlClose(inner, h);
}

static int fv_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return inner->xRandomness(inner, n, out);
}

static int fv_sleep(sqlite3_vfs *vfs, int us)
{
    (void)vfs;
    return inner->xSleep(inner, us);
}

static int fv_current_time(sqlite3_vfs *vfs, double *out)
{
    (void)vfs;
    return inner->xCurrentTime(inner, out);
}

static int fv_last_error(sqlite3_vfs *vfs, int n, char *msg)
{
    (void)vfs;
    return inner->xGetLastError ? inner->xGetLastError(inner, n, msg) : 0;
}

static int fv_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    (void)vfs;
    if (inner->iVersion >= 2 && inner->xCurrentTimeInt64) return inner->xCurrentTimeInt64(inner, out);
    double d;
    int rc = inner->xCurrentTime(inner, &d);
    *out = (sqlite3_int64)(d * 86400000.0);
    return rc;
}

static sqlite3_vfs vfs = {
    .iVersion = 2,
    .zName = "ssrtrack-fault",
    .xOpen = fv_open,
    .xDelete = fv_delete,
    .xAccess = fv_access,
    .xFullPathname = fv_full_pathname,
    .xDlOpen = fv_dlopen,
    .xDlError = fv_dlerror,
    .xDlSym = fv_dlsym,
    .xDlClose = fv_dlclose,
    .xRandomness = fv_randomness,
    .xSleep = fv_sleep,
    .xCurrentTime = fv_current_time,
    .xGetLastError = fv_last_error,
    .xCurrentTimeInt64 = fv_current_time64,
};

int faultvfs_install(long n, int sticky, int full, err_t *e)
{
    if (inner) return err_set(e, ERR_INTERNAL, "the fault VFS is already installed");
    if (store_init(e)) return -1;
    int rc = sqlite3_initialize();
    if (rc != SQLITE_OK) return db_error(NULL, rc, "starting SQLite", e);
    sqlite3_vfs *d = sqlite3_vfs_find(NULL);
    if (!d) return err_set(e, ERR_INTERNAL, "SQLite has no default VFS");
    fail_at = n > 0 ? n : 0;
    fail_sticky = sticky;
    fail_full = full;
    counter = 0;
    inner = d;
    vfs.szOsFile = (int)sizeof(fault_file) + d->szOsFile;
    vfs.mxPathname = d->mxPathname;
    rc = sqlite3_vfs_register(&vfs, 1);
    if (rc != SQLITE_OK) {
        inner = NULL;
        return db_error(NULL, rc, "fault VFS", e);
    }
    return 0;
}

long faultvfs_count(void) { return counter; }
