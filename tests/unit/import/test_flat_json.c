/* Tests of src/import/flat_json.c. */
#include "test.h"
#include "import/flat_json.h"
#include "util/alloc.h"

static flat_object o;

static size_t parse(const char *s) { return flat_parse(&o, s, strlen(s)); }

TEST(members_and_types)
{
    const char *s = "{\"a\": \"x\", \"n\": -12, \"t\": true, \"f\": false, \"z\": null} tail";
    CHECK_INT(parse(s), strlen(s) - 5);
    CHECK_INT(o.n, 5);
    CHECK_STR(flat_get(&o, "a")->str, "x");
    CHECK_INT(flat_get(&o, "n")->num, -12);
    CHECK_INT(flat_get(&o, "t")->type, FJ_TRUE);
    CHECK_INT(flat_get(&o, "f")->type, FJ_FALSE);
    CHECK_INT(flat_get(&o, "z")->type, FJ_NULL);
    CHECK(flat_get(&o, "missing") == NULL);
    CHECK_INT(parse("{}"), 2);
    CHECK_INT(o.n, 0);
}

TEST(escapes)
{
    CHECK(parse("{\"k\": \"q\\\" b\\\\ s\\/ \\n\\t\\u00e9\\u2713\\ud83d\\ude00\"}") > 0);
    CHECK_STR(flat_get(&o, "k")->str, "q\" b\\ s/ \n\t\xC3\xA9\xE2\x9C\x93\xF0\x9F\x98\x80");
}

TEST(errors)
{
    static const char *const bad[] = {
        "", "[]", "{", "{\"a\"", "{\"a\":}", "{\"a\": 1,}", "{\"a\": 01}", "{\"a\": 1.5}",
        "{\"a\": {\"b\": 1}}", "{\"a\": [1]}", "{\"a\": \"x}", "{\"a\": \"\\q\"}",
        "{\"a\": \"\\u00zz\"}", "{\"a\": \"\\ud83d\"}", "{\"a\": \"\\u0000\"}", "{\"a\": \"tab\there\"}",
        "{\"a\": 1, \"a\": 2}", "{a: 1}", "{\"a\": tru}", "{\"a\": 99999999999999999999}",
        NULL};
    for (int i = 0; bad[i]; i++) {
        if (parse(bad[i]) != 0) {
            printf("#   accepted: %s\n", bad[i]);
            CHECK(0);
        }
        CHECK(o.error != NULL);
    }
}

TEST(buffer_moves_while_growing)
{
    /* Many long strings force the text buffer to grow and move. */
    char big[20000];
    size_t n = 0;
    n += (size_t)sprintf(big + n, "{");
    for (int i = 0; i < 15; i++)
        n += (size_t)sprintf(big + n, "%s\"k%d\": \"%0900d\"", i ? "," : "", i, i);
    sprintf(big + n, "}");
    CHECK(parse(big) > 0);
    CHECK_INT(o.n, 15);
    CHECK_INT(strlen(flat_get(&o, "k0")->str), 900);
    CHECK(flat_get(&o, "k14")->str[899] == '4');
}

/* A failed allocation is told apart from bad input. */
TEST(out_of_memory_is_not_bad_input)
{
    const char *text = "{\"a\": \"x\"}";
    flat_free(&o);
    o = (flat_object){0};
    mem_fail_at(1, 1);
    size_t used = parse(text);
    mem_fail_at(0, 0);
    CHECK_INT(used, 0);
    CHECK(o.nomem);
    CHECK_INT(parse(text), strlen(text));
    CHECK(!o.nomem);
    CHECK_INT(parse("{\"a\": x}"), 0);
    CHECK(!o.nomem);
}

int main(void)
{
    RUN(members_and_types);
    RUN(escapes);
    RUN(errors);
    RUN(buffer_moves_while_growing);
    RUN(out_of_memory_is_not_bad_input);
    flat_free(&o);
    TEST_EXIT();
}
