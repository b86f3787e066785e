/* Tests of src/util/lazy_lib.c and of the three libraries opened through it:
 * each opens by the name its wrapper asks for (a new soname on a newer
 * system fails here, not in a user's first mail or XLSX), and a library that
 * is not there gives one line naming it and what needs it. */
#include "test.h"
#include "net/curl_lib.h"
#include "report/xlsx_lib.h"
#include "util/lazy_lib.h"
#include "web/mhd_lib.h"

TEST(the_three_libraries_open)
{
    err_t e = {0};
    CHECK(curl_lib_load(&e) == 0);
    CHECK(mhd_lib_load(&e) == 0);
    CHECK(xlsx_lib_load(&e) == 0);
    CHECK(curl_lib_load(&e) == 0);   /* again: already open */
    CHECK_STR(e.msg, "");
}

TEST(a_missing_library_is_named)
{
    static const char *const names[] = {"nothing_here", NULL};
    static void *fns[1];
    static lazy_lib missing = LAZY_LIB("libssrtrack-absent.so.1", "a test", names, fns);
    err_t e;
    CHECK(lazy_lib_load(&missing, &e) == -1);
    CHECK(strncmp(e.msg, "cannot load libssrtrack-absent.so.1, needed for a test: ", 56) == 0);
    CHECK(fns[0] == NULL);
}

TEST(a_missing_function_is_named)
{
    static const char *const names[] = {"curl_easy_init", "curl_no_such_function", NULL};
    static void *fns[2];
    static lazy_lib partial = LAZY_LIB("libcurl.so.4", "a test", names, fns);
    err_t e;
    CHECK(lazy_lib_load(&partial, &e) == -1);
    CHECK_STR(e.msg, "libcurl.so.4 has no function curl_no_such_function, needed for a test");
    CHECK(fns[0] == NULL);   /* nothing half found is left to call */
}

int main(void)
{
    RUN(the_three_libraries_open);
    RUN(a_missing_library_is_named);
    RUN(a_missing_function_is_named);
    TEST_EXIT();
}
