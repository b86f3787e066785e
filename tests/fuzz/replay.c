/* replay.c — a main() for the fuzz drivers without libFuzzer: it calls
 * LLVMFuzzerTestOneInput once on every file named on the command line, or
 * on every regular file of a directory named there (in name order), so that
 * `make test` and `make asan` run each checked-in corpus through the same
 * code with the ordinary compiler. Prints "replayed N inputs"; a crash or
 * a broken invariant ends the process (abort), which the test reports.
 * Exit status: 0, or 1 when a file cannot be read. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Read the whole file at path; the caller frees *out. 0 on success. */
static int read_file(const char *path, uint8_t **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t cap = 4096, n = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n < cap) continue;
        uint8_t *bigger = realloc(buf, cap * 2);
        if (!bigger) free(buf);
        buf = bigger;
        cap *= 2;
    }
    int bad = !buf || ferror(f);
    fclose(f);
    if (bad) { free(buf); return -1; }
    *out = buf;
    *len = n;
    return 0;
}

static int run_file(const char *path, long *count)
{
    uint8_t *data;
    size_t len;
    if (read_file(path, &data, &len)) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return -1;
    }
    /* A copy of exactly len bytes, so that reading past the input is caught. */
    uint8_t *copy = malloc(len ? len : 1);
    if (!copy) { free(data); return -1; }
    memcpy(copy, data, len);
    free(data);
    fprintf(stderr, "replay: %s\n", path);
    LLVMFuzzerTestOneInput(copy, len);
    free(copy);
    (*count)++;
    return 0;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int run_dir(const char *dir, long *count)
{
    DIR *d = opendir(dir);
    if (!d) return run_file(dir, count);
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    for (struct dirent *de; (de = readdir(d)) != NULL;) {
        if (de->d_name[0] == '.') continue;
        if (n == cap) {
            char **nn = realloc(names, sizeof *names * (cap = cap ? cap * 2 : 64));
            if (!nn) { rc = -1; break; }
            names = nn;
        }
        size_t len = strlen(dir) + strlen(de->d_name) + 2;
        if (!(names[n] = malloc(len))) { rc = -1; break; }
        snprintf(names[n++], len, "%s/%s", dir, de->d_name);
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        if (rc == 0 && stat(names[i], &sb) == 0 && S_ISREG(sb.st_mode)) rc = run_file(names[i], count);
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    long count = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
        return 1;
    }
    for (int i = 1; i < argc; i++)
        if (run_dir(argv[i], &count)) return 1;
    printf("replayed %ld inputs\n", count);
    return 0;
}
