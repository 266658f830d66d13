#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "chronex.h"

static void test_placeholder_timex(void **state)
{
    (void)state;
    assert_string_equal(cx_strerror(CX_OK), "success");
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_placeholder_timex)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
