/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "version.h"

static const char *release_entries[] = {"2012", "2012 SP1", "2012 R2", "2016", "1801",
                                        "1807", "2019",     "2022",    "2025"};
static const ordo_scale release = {.name = "release", .entries = release_entries, .n = 9, .suffix = "UR"};

static const char *os_entries[] = {"Windows Server 2012", "Windows Server 2012 R2",
                                   "Windows Server 2016"};
static const ordo_scale os = {.name = "os", .entries = os_entries, .n = 3, .suffix = NULL};

static const char *sql_entries[] = {"2014", "2014 SP1", "2016", "2017", "2019", "2022"};
static const ordo_scale sql = {.name = "sql", .entries = sql_entries, .n = 6, .suffix = "CU"};

static ordo_version parse_ok(const ordo_scale *s, const char *text)
{
	ordo_version v;
	const char *why = NULL;
	int rc = ordo_version_parse(&v, s, text, strlen(text), &why);
	if (rc != 0)
		fail_msg("'%s' did not parse: %s", text, why);
	assert_ptr_equal(v.scale, s);
	return v;
}

static void parse_fails(const ordo_scale *s, const char *text, const char *why_expected)
{
	ordo_version v;
	const char *why = NULL;
	int rc = ordo_version_parse(&v, s, text, strlen(text), &why);
	if (rc != ORDO_EINVALID)
		fail_msg("'%s' parsed but should not", text);
	assert_null(v.scale);
	assert_string_equal(why, why_expected);
}

static void test_parse_entries(void **state)
{
	ordo_version v = parse_ok(&release, "2016");
	assert_int_equal(v.idx, 3);
	assert_int_equal(v.sub, -1);

	v = parse_ok(&release, "2012");
	assert_int_equal(v.idx, 0);

	/* the longest entry wins over a shorter one that is also a prefix */
	v = parse_ok(&release, "2012 R2");
	assert_int_equal(v.idx, 2);
	v = parse_ok(&release, "2012 R2 UR9");
	assert_int_equal(v.idx, 2);
	assert_int_equal(v.sub, 9);
	v = parse_ok(&release, "2012 SP1 UR14");
	assert_int_equal(v.idx, 1);
	assert_int_equal(v.sub, 14);
	/* whatever the order of the entries */
	static const char *backwards_entries[] = {"10 R2", "10"};
	static const ordo_scale backwards = {.name = "backwards", .entries = backwards_entries, .n = 2, .suffix = "UR"};
	v = parse_ok(&backwards, "10 R2 UR1");
	assert_int_equal(v.idx, 0);
	assert_int_equal(v.sub, 1);
	v = parse_ok(&backwards, "10 UR1");
	assert_int_equal(v.idx, 1);
	/* a shorter entry followed by the suffix */
	v = parse_ok(&release, "2012 UR3");
	assert_int_equal(v.idx, 0);
	assert_int_equal(v.sub, 3);

	v = parse_ok(&os, "Windows Server 2012 R2");
	assert_int_equal(v.idx, 1);
	assert_int_equal(v.sub, -1);

	v = parse_ok(&release, "2019 UR0");
	assert_int_equal(v.sub, 0);
	v = parse_ok(&release, "2019 UR99999");
	assert_int_equal(v.sub, ORDO_VERSION_SUB_MAX);

	/* len bounds the text: the rest of the buffer is not read */
	const char *why;
	assert_int_equal(ordo_version_parse(&v, &release, "2016 UR3xyz", 8, &why), 0);
	assert_int_equal(v.idx, 3);
	assert_int_equal(v.sub, 3);
	/* why may be NULL */
	assert_int_equal(ordo_version_parse(&v, &release, "nope", 4, NULL), ORDO_EINVALID);
}

static void test_parse_rejects(void **state)
{
	parse_fails(&release, "", "empty version");
	parse_fails(&release, "2013", "unknown release");
	parse_fails(&release, "20", "unknown release");
	parse_fails(&release, "2012R2", "unknown release");
	parse_fails(&release, "2016xUR3", "unknown release"); /* an entry ends at a space */
	parse_fails(&release, " 2016", "unknown release");
	parse_fails(&release, "2016 UR", "malformed suffix");
	parse_fails(&release, "2016 UR+3", "malformed suffix");
	parse_fails(&release, "2016 UR-3", "malformed suffix");
	parse_fails(&release, "2016 UR3x", "malformed suffix");
	parse_fails(&release, "2016 UR 3", "malformed suffix");
	parse_fails(&release, "2016 ur3", "malformed suffix");
	/* what follows an entry is no suffix: the release is misspelt */
	parse_fails(&release, "2012 R3", "unknown release");
	parse_fails(&release, "2012 SP2 UR1", "unknown release");
	parse_fails(&release, "2016  UR3", "unknown release");
	parse_fails(&release, "2016 CU3", "unknown release");
	parse_fails(&release, "2016 ", "unknown release");
	parse_fails(&release, "2012 R2 UR9 ", "malformed suffix");
	parse_fails(&release, "2016 UR100000", "number too large");
	parse_fails(&release, "2016 UR99999999999999999999", "number too large");
	parse_fails(&os, "Windows Server 2016 UR1", "unexpected text after the release");
	parse_fails(&os, "Windows Server 2016 Datacenter", "unexpected text after the release");
}

static void test_compare(void **state)
{
	ordo_version a = parse_ok(&release, "2012 R2 UR9"), b = parse_ok(&release, "2012 R2 UR10");
	assert_true(ordo_version_cmp(&a, &b) < 0);
	assert_true(ordo_version_cmp(&b, &a) > 0);
	assert_int_equal(ordo_version_cmp(&a, &a), 0);
	/* same release, different rollups */
	assert_int_equal(ordo_version_cmp_release(&a, &b), 0);

	/* the scale's order, not the numbers: 1801 comes after 2016 */
	ordo_version v2016 = parse_ok(&release, "2016"), v1801 = parse_ok(&release, "1801");
	assert_true(ordo_version_cmp(&v2016, &v1801) < 0);
	assert_true(ordo_version_cmp_release(&v1801, &v2016) > 0);

	/* an absent number counts as 0 */
	ordo_version bare = parse_ok(&release, "2016"), ur0 = parse_ok(&release, "2016 UR0"),
	             ur1 = parse_ok(&release, "2016 UR1");
	assert_int_equal(ordo_version_cmp(&bare, &ur0), 0);
	assert_true(ordo_version_cmp(&bare, &ur1) < 0);

	/* the release comes before the number */
	ordo_version high = parse_ok(&release, "2012 R2 UR14");
	assert_true(ordo_version_cmp(&high, &bare) < 0);

	/* different scales order by scale name, consistently */
	ordo_version s = parse_ok(&sql, "2014"), r = parse_ok(&release, "2025");
	assert_true(ordo_version_cmp(&r, &s) < 0); /* "release" < "sql" */
	assert_true(ordo_version_cmp(&s, &r) > 0);
	assert_true(ordo_version_cmp_release(&s, &r) > 0);
}

static void test_str(void **state)
{
	char buf[64];
	ordo_version v = parse_ok(&release, "2012 R2 UR9");
	assert_string_equal(ordo_version_str(&v, buf, sizeof(buf)), "2012 R2 UR9");
	v = parse_ok(&release, "2016");
	assert_string_equal(ordo_version_str(&v, buf, sizeof(buf)), "2016");
	v = parse_ok(&sql, "2019 CU8");
	assert_string_equal(ordo_version_str(&v, buf, sizeof(buf)), "2019 CU8");
	v = parse_ok(&os, "Windows Server 2016");
	assert_string_equal(ordo_version_str(&v, buf, sizeof(buf)), "Windows Server 2016");

	/* truncated but terminated */
	char small[6];
	v = parse_ok(&release, "2012 R2 UR9");
	assert_string_equal(ordo_version_str(&v, small, sizeof(small)), "2012 ");

	ordo_version none = {NULL, 0, -1};
	assert_string_equal(ordo_version_str(&none, buf, sizeof(buf)), "");
	ordo_version bad = {&release, 42, -1};
	assert_string_equal(ordo_version_str(&bad, buf, sizeof(buf)), "");

	/* round trip over every entry */
	for (uint32_t i = 0; i < release.n; i++) {
		ordo_version x = {&release, (int32_t)i, (int32_t)i * 3};
		ordo_version y = parse_ok(&release, ordo_version_str(&x, buf, sizeof(buf)));
		assert_int_equal(y.idx, x.idx);
		assert_int_equal(y.sub, x.sub);
	}
}

static void test_scale_find(void **state)
{
	assert_int_equal(ordo_scale_find(&release, "2012 R2", 7), 2);
	assert_int_equal(ordo_scale_find(&release, "2012 R2 UR9", 11), -1);
	assert_int_equal(ordo_scale_find(&release, "2012", 4), 0);
	/* only len bytes count */
	assert_int_equal(ordo_scale_find(&release, "2016xx", 4), 3);
	assert_int_equal(ordo_scale_find(&release, "2013", 4), -1);
	assert_int_equal(ordo_scale_find(&release, "", 0), -1);
}

/* An operating system as Windows names itself: a prefix dropped, editions
 * after the release; the version is the release alone. */
static void test_editions(void **state)
{
	(void)state;
	static const char *prefixes[] = {"Microsoft"};
	static const char *editions[] = {"Standard", "Datacenter", "Datacenter: Azure Edition",
					 "Evaluation", "Core"};
	static const ordo_scale win = {.name = "os", .entries = os_entries, .n = 3, .prefixes = prefixes,
				       .nprefixes = 1, .editions = editions, .neditions = 5};
	static const char *const same16[] = {
	    "Windows Server 2016", "Windows Server 2016 Datacenter",
	    "Microsoft Windows Server 2016 Standard", "microsoft Windows Server 2016 standard",
	    "Windows Server 2016 Standard Evaluation", "Windows Server 2016 Datacenter Core",
	    "Windows Server 2016 Datacenter: Azure Edition", "Windows Server 2016 Datacenter: Core",
	};
	for (size_t i = 0; i < sizeof(same16) / sizeof(same16[0]); i++) {
		ordo_version v = parse_ok(&win, same16[i]);
		assert_int_equal(v.idx, 2);
		assert_int_equal(v.sub, -1);
	}
	/* the longest release still wins before the editions */
	assert_int_equal(parse_ok(&win, "Microsoft Windows Server 2012 R2 Standard").idx, 1);
	assert_int_equal(parse_ok(&win, "Windows Server 2012 Standard").idx, 0);
	parse_fails(&win, "Windows Server 2016 Datacentre", "unknown edition");
	parse_fails(&win, "Windows Server 2016  Standard", "unknown edition");
	parse_fails(&win, "Windows Server 2016 Standard:", "unknown edition");
	parse_fails(&win, "Windows Server 2016Standard", "unknown release");
	parse_fails(&win, "Microsoft Windows Server 2017", "unknown release");
	parse_fails(&win, "Microsoft", "unknown release");
	/* a scale without editions takes none */
	parse_fails(&os, "Windows Server 2016 Datacenter", "unexpected text after the release");
	parse_fails(&os, "Microsoft Windows Server 2016", "unknown release");
	char buf[64];
	assert_string_equal(
	    ordo_version_str(&(ordo_version){&win, 2, -1}, buf, sizeof(buf)), "Windows Server 2016");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_entries), cmocka_unit_test(test_parse_rejects),
	    cmocka_unit_test(test_compare),       cmocka_unit_test(test_str),
	    cmocka_unit_test(test_scale_find),
	    cmocka_unit_test(test_editions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
