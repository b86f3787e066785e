/* Tests of src/core/email.c: what may stand in a message header as an address. */
#include "test.h"
#include "core/email.h"

TEST(accepted)
{
    CHECK(email_valid("ops@example.org"));
    CHECK(email_valid("first.last+tag@mail.example.co.uk"));
    CHECK(email_valid("o'brien@ex-ample.org"));
    CHECK(email_valid("a@b.cd"));
}

TEST(refused)
{
    CHECK(!email_valid(NULL));
    CHECK(!email_valid(""));
    CHECK(!email_valid("plain"));
    CHECK(!email_valid("@example.org"));
    CHECK(!email_valid("ops@"));
    CHECK(!email_valid("ops@localhost"));
    CHECK(!email_valid("ops@example..org"));
    CHECK(!email_valid("ops@-example.org"));
    CHECK(!email_valid("ops@example-.org"));
    CHECK(!email_valid(".ops@example.org"));
    CHECK(!email_valid("o..ps@example.org"));
    CHECK(!email_valid("ops @example.org"));
    CHECK(!email_valid("ops@example.org\r\nBcc: x@evil.example"));
    CHECK(!email_valid("\"quoted\"@example.org"));
    CHECK(!email_valid("a,b@example.org"));
    CHECK(!email_valid("<ops@example.org>"));
    CHECK(!email_valid("ops@exa_mple.org"));
    CHECK(!email_valid("ops@\xC3\xA9xample.org"));
    char long_local[80];
    for (int i = 0; i < 65; i++) long_local[i] = 'a';
    snprintf(long_local + 65, sizeof long_local - 65, "@example.org");
    CHECK(!email_valid(long_local));
}

int main(void)
{
    RUN(accepted);
    RUN(refused);
    TEST_EXIT();
}
