/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "expr.h"

/* ---- scales ---- */

static const char *release_entries[] = {"2012", "2012 SP1", "2012 R2", "2016", "1801",
                                        "1807", "2019",     "2022",    "2025"};
static const ordo_scale release = {"release", release_entries, 9, "UR", NULL, 0, NULL, 0};

static const char *os_entries[] = {"Windows Server 2012", "Windows Server 2012 R2",
                                   "Windows Server 2016", "Windows Server 2019",
                                   "Windows Server 2022"};
static const ordo_scale os = {"os", os_entries, 5, NULL, NULL, 0, NULL, 0};

static const char *sql_entries[] = {"2014", "2014 SP1", "2016", "2017", "2019", "2022"};
static const ordo_scale sql = {"sql", sql_entries, 6, "CU", NULL, 0, NULL, 0};

static ordo_version ver(const ordo_scale *s, const char *text)
{
	ordo_version v;
	const char *why;
	if (ordo_version_parse(&v, s, text, strlen(text), &why) != 0)
		fail_msg("bad test version '%s': %s", text, why);
	return v;
}

/* ---- document nodes built by hand ---- */

static ordo_arena *A;

static ordo_node scalar(int type, const char *text)
{
	ordo_node n = {0};
	n.type = (uint8_t)type;
	n.u.str = text;
	n.len = (uint32_t)strlen(text);
	return n;
}

static ordo_node s_(const char *text)
{
	return scalar(ORDO_NODE_STRING, text);
}

static ordo_node num_(const char *text)
{
	return scalar(ORDO_NODE_NUMBER, text);
}

static ordo_node bool_(bool b)
{
	ordo_node n = scalar(ORDO_NODE_BOOL, b ? "true" : "false");
	n.boolean = b;
	return n;
}

static ordo_node null_(void)
{
	return scalar(ORDO_NODE_NULL, "null");
}

/* map_(n, "k1", node1, "k2", node2, ...) */
static ordo_node map_(uint32_t n, ...)
{
	ordo_node m = {0};
	m.type = ORDO_NODE_MAP;
	m.len = n;
	m.u.items = ordo_arena_alloc(A, (2 * n + 1) * sizeof(ordo_node));
	va_list ap;
	va_start(ap, n);
	for (uint32_t i = 0; i < n; i++) {
		m.u.items[2 * i] = s_(va_arg(ap, const char *));
		m.u.items[2 * i + 1] = va_arg(ap, ordo_node);
	}
	va_end(ap);
	return m;
}

static ordo_node seq_(uint32_t n, ...)
{
	ordo_node s = {0};
	s.type = ORDO_NODE_SEQ;
	s.len = n;
	s.u.items = ordo_arena_alloc(A, (n + 1) * sizeof(ordo_node));
	va_list ap;
	va_start(ap, n);
	for (uint32_t i = 0; i < n; i++)
		s.u.items[i] = va_arg(ap, ordo_node);
	va_end(ap);
	return s;
}

static ordo_node *keep(ordo_node n)
{
	ordo_node *p = ordo_arena_alloc(A, sizeof(*p));
	*p = n;
	return p;
}

/* ---- servers: engine objects with a getter ---- */

typedef struct {
	const char *name;
	ordo_version os;
	bool pending_restart;
	ordo_value roles[3];
	uint32_t nroles;
} server;

static void server_get(const void *obj, const char *key, ordo_value *out, ordo_eval *ev)
{
	const server *s = obj;
	if (strcmp(key, "name") == 0) {
		*out = ordo_val_cstr(s->name);
	} else if (strcmp(key, "os") == 0) {
		*out = ordo_val_ver(s->os);
	} else if (strcmp(key, "pending_restart") == 0) {
		*out = ordo_val_bool(s->pending_restart);
	} else if (strcmp(key, "roles") == 0) {
		out->type = ORDO_VAL_LIST;
		out->u.list.items = s->roles;
		out->u.list.n = s->nroles;
	}
}

static server servers[3];
static ordo_value server_vals[3];

/* ---- the evaluation context: a table of roots ---- */

typedef struct {
	const char *name;
	ordo_value v;
} root;

static root roots[16];
static size_t nroots;
static int resolves;

static void resolve(void *ctx, const char *name, ordo_value *out, ordo_eval *ev)
{
	resolves++;
	for (size_t i = 0; i < nroots; i++)
		if (strcmp(roots[i].name, name) == 0) {
			*out = roots[i].v;
			return;
		}
}

static void set_root(const char *name, ordo_value v)
{
	for (size_t i = 0; i < nroots; i++)
		if (strcmp(roots[i].name, name) == 0) {
			roots[i].v = v;
			return;
		}
	roots[nroots].name = name;
	roots[nroots].v = v;
	nroots++;
}

static ordo_eval EV;
static const ordo_eval_ctx CTX = {resolve, NULL};
static ordo_node *FACTS, *SUPPORT;

static void set_server(server *s, const char *name, const char *osname, bool pending)
{
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->os = ver(&os, osname);
	s->pending_restart = pending;
}

static int setup(void **state)
{
	A = ordo_arena_new();
	ordo_eval_init(&EV);
	/* facts:
	 *   key_management: dpapi
	 *   wsman: {max_connections: 25}
	 *   features: [ha, dkm, tls]
	 *   enabled: true
	 *   empty: null
	 *   ports: [80, 443]
	 *   by_server: {VMM01: 3, VMM02: 7}
	 *   groups: [{name: a, members: [x, y]}, {name: b, members: [z]}]
	 *   max-connections: 5
	 *   odd: 1_000 */
	FACTS = keep(map_(10, "key_management", s_("dpapi"), "wsman",
	                  map_(1, "max_connections", num_("25")), "features",
	                  seq_(3, s_("ha"), s_("dkm"), s_("tls")), "enabled", bool_(true), "empty",
	                  null_(), "ports", seq_(2, num_("80"), num_("443")), "by_server",
	                  map_(2, "VMM01", num_("3"), "VMM02", num_("7")), "groups",
	                  seq_(2, map_(2, "name", s_("a"), "members", seq_(2, s_("x"), s_("y"))),
	                       map_(2, "name", s_("b"), "members", seq_(1, s_("z")))),
	                  "max-connections", num_("5"), "odd", num_("1_000")));
	/* support: {os: [Windows Server 2016, Windows Server 2019], sql: ["2016", "2019 CU8"]} */
	SUPPORT = keep(map_(2, "os", seq_(2, s_("Windows Server 2016"), s_("Windows Server 2019")),
	                    "sql", seq_(2, s_("2016"), s_("2019 CU8"))));
	return 0;
}

static int teardown(void **state)
{
	ordo_eval_release(&EV);
	ordo_arena_free(A);
	return 0;
}

/* Before each test: a fresh evaluation and the standard roots. */
static int fresh(void **state)
{
	ordo_eval_reset(&EV);
	nroots = 0;
	set_server(&servers[0], "VMM01", "Windows Server 2012 R2", false);
	servers[0].roles[0] = ordo_val_cstr("management_server");
	servers[0].roles[1] = ordo_val_cstr("library");
	servers[0].nroles = 2;
	set_server(&servers[1], "VMM02", "Windows Server 2016", true);
	servers[1].roles[0] = ordo_val_cstr("management_server");
	servers[1].nroles = 1;
	set_server(&servers[2], "SQL01", "Windows Server 2019", false);
	for (int i = 0; i < 3; i++)
		server_vals[i] = ordo_val_obj(&servers[i], server_get, servers[i].name);
	ordo_value list = {.type = ORDO_VAL_LIST};
	list.u.list.items = server_vals;
	list.u.list.n = 3;
	set_root("servers", list);
	set_root("server", server_vals[1]);
	set_root("facts", ordo_val_node(FACTS));
	set_root("support", ordo_val_node(SUPPORT));
	set_root("version", ordo_val_ver(ver(&release, "2012 R2 UR9")));
	set_root("later", ordo_val_ver(ver(&release, "1801")));
	set_root("db", ordo_val_ver(ver(&sql, "2019 CU4")));
	return 0;
}

static const ordo_loc LOC = {"catalog.yaml", 10, 12};

static ordo_expr *compile(const char *src)
{
	ordo_expr *e = NULL;
	ordo_diag d = ORDO_DIAG_INIT;
	int rc = ordo_expr_compile(&e, A, src, &LOC, &d);
	if (rc != 0)
		fail_msg("'%s' did not compile: %s", src, d.len ? d.items[0].message : "?");
	assert_int_equal(d.len, 0);
	ordo_diag_release(&d);
	return e;
}

/* Evaluate src as a condition in a fresh evaluation. */
static bool test(const char *src)
{
	ordo_eval_reset(&EV);
	return ordo_expr_test(compile(src), &CTX, &EV);
}

static ordo_value value(const char *src)
{
	ordo_value v;
	ordo_eval_reset(&EV);
	ordo_expr_eval(compile(src), &CTX, &EV, &v);
	return v;
}

static void check_true(const char *src)
{
	if (!test(src))
		fail_msg("expected true: %s (error: %s)", src, EV.error ? EV.error : "none");
	if (EV.error)
		fail_msg("unexpected error for %s: %s", src, EV.error);
}

static void check_false(const char *src)
{
	if (test(src))
		fail_msg("expected false: %s", src);
	if (EV.error)
		fail_msg("unexpected error for %s: %s", src, EV.error);
}

/* false, with exactly this runtime error */
static void check_error(const char *src, const char *error)
{
	if (test(src))
		fail_msg("expected false: %s", src);
	if (!EV.error)
		fail_msg("expected error '%s' for %s", error, src);
	assert_string_equal(EV.error, error);
}

static void check_format(const ordo_value *v, const char *expected)
{
	ordo_buf b = ORDO_BUF_INIT;
	ordo_val_format(v, &b);
	assert_string_equal(ordo_buf_cstr(&b), expected);
	ordo_buf_release(&b);
}

/* The trace of the last evaluation as "path=value" lines, NULL-terminated. */
static void check_trace(const char *first, ...)
{
	ordo_buf got = ORDO_BUF_INIT, want = ORDO_BUF_INIT;
	for (uint32_t i = 0; i < EV.trace_len; i++) {
		ordo_buf_printf(&got, "%s=", EV.trace[i].path);
		ordo_val_format(&EV.trace[i].value, &got);
		ordo_buf_putc(&got, '\n');
	}
	va_list ap;
	va_start(ap, first);
	for (const char *s = first; s; s = va_arg(ap, const char *)) {
		ordo_buf_puts(&want, s);
		ordo_buf_putc(&want, '\n');
	}
	va_end(ap);
	assert_string_equal(ordo_buf_cstr(&got), ordo_buf_cstr(&want));
	ordo_buf_release(&got);
	ordo_buf_release(&want);
}

static void check_compile_error(const char *src, uint32_t line, uint32_t col, const char *message)
{
	ordo_expr *e = NULL;
	ordo_diag d = ORDO_DIAG_INIT;
	int rc = ordo_expr_compile(&e, A, src, &LOC, &d);
	if (rc != ORDO_EINVALID)
		fail_msg("'%s' compiled but should not", src);
	assert_null(e);
	assert_int_equal(d.len, 1);
	assert_string_equal(d.items[0].message, message);
	assert_string_equal(d.items[0].loc.file, "catalog.yaml");
	if (d.items[0].loc.line != line || d.items[0].loc.col != col)
		fail_msg("'%s': error at %u:%u, expected %u:%u", src, d.items[0].loc.line,
		         d.items[0].loc.col, line, col);
	ordo_diag_release(&d);
}

/* ---- tests ---- */

static void test_literals_and_precedence(void **state)
{
	check_true("true");
	check_false("false");
	check_true("true or false and false"); /* and binds tighter than or */
	check_false("(true or false) and false");
	check_true("not false and true"); /* not binds tighter than and */
	check_false("not (false or true)");
	check_true("not not true");
	check_true("not 1 == 2");     /* not applies to the comparison */
	check_true("null ?? 3 == 3"); /* ?? binds tighter than == */
	check_true("1 == 1 and 'a' == \"a\"");
	check_true("'it\\'s' == \"it's\"");
	check_true("'a\\'b' == \"a'b\"");
	check_true("len('a\\\\b\\n\\t') == 5");
	check_true("-2 < 0 and 2.5 > 2 and 10 == 10.0");

	ordo_value v = value("[1, 'two', null, true]");
	assert_int_equal(v.type, ORDO_VAL_LIST);
	check_format(&v, "[1, 'two', null, true]");
	v = value("[]");
	assert_int_equal(v.type, ORDO_VAL_LIST);
	assert_int_equal(v.u.list.n, 0);
	v = value("[facts.key_management, 1]");
	check_format(&v, "['dpapi', 1]");
}

static void test_short_circuit(void **state)
{
	/* the right side would set an error if it were evaluated */
	check_false("false and len(5) == 1");
	check_true("true or len(5) == 1");
	check_false("facts.missing != null and len(facts.missing.x.y) > 0");
	check_error("true and len(5) == 1",
	            "'len' expects a list, a mapping or a string, got a number");

	/* only what was evaluated is traced */
	assert_true(test("facts.enabled or facts.key_management == 'x'"));
	check_trace("facts.enabled=true", NULL);
	assert_false(test("facts.key_management == 'dkm' and facts.wsman.max_connections > 1"));
	check_trace("facts.key_management='dpapi'", NULL);
}

static void test_comparisons(void **state)
{
	check_true("facts.wsman.max_connections < 300");
	check_true("facts.wsman.max_connections == 25");
	check_true("facts.wsman.max_connections != 26");
	check_true("facts.wsman.max_connections >= 25 and facts.wsman.max_connections <= 25");
	check_false("facts.wsman.max_connections > 25");
	check_true("2.5 >= 2.5");
	check_true("'abc' < 'abd' and 'ab' < 'abc' and '' < 'a'");
	check_true("'B' < 'a'"); /* bytewise */
	check_true("facts.key_management == 'dpapi'");
	check_false("facts.key_management == 'DPAPI'");
	check_false("facts.key_management == 'dpap'");
	check_true("facts.enabled == true and facts.enabled != false");
	check_true("true == true and false == false and true != false");
	/* different types are unequal, without an error */
	check_false("'1' == 1");
	check_true("'1' != 1");
	check_false("true == 1");
	/* but have no order: that is an error */
	check_error("'a' < 1", "cannot compare a string with a number");
	check_error("facts.features < 3", "cannot compare a list with a number");
	check_error("true < false", "cannot compare a boolean with a boolean");
	/* a number node whose text C does not read stays text */
	check_true("facts.odd == '1_000'");
	/* lists compare item by item, whatever their origin */
	check_true("facts.ports == [80, 443]");
	check_false("facts.ports == [80]");
	check_true("facts.features == ['ha', 'dkm', 'tls']");
}

static void test_versions(void **state)
{
	check_true("version >= '2012 R2 UR9'");
	check_false("version > '2012 R2 UR9'");
	check_true("version < '2012 R2 UR10'");
	check_true("version >= '2012 R2'");  /* no rollup counts as 0 */
	check_false("version == '2012 R2'"); /* UR9 is not UR0 */
	check_true("version == '2012 R2 UR9'");
	check_true("version > '2012 SP1 UR14'");
	check_true("version < '2016'");
	check_true("'2016' > version"); /* literal on the left */
	/* the scale's order: 1801 comes after 2016 although it is smaller */
	check_true("later > '2016'");
	check_true("later < '2019' and later >= '1801' and later <= '1807'");
	check_true("later >= 1801"); /* a whole number reads as its text */
	check_true("later > version");
	check_true("release(version) == '2012 R2'");
	check_true("release(version) < version");
	check_true("sub(version) == 9");
	check_true("sub(later) == 0");
	check_true("sub(db) == 4");

	/* unparsable: false (even for !=) and an error naming the literal and scale */
	const char *r3 = "invalid version '2012 R3' on scale 'release': unknown release";
	check_error("version == '2012 R3'", r3);
	check_error("version != '2012 R3'", r3);
	ordo_value r = value("version != '2012 R3'");
	assert_int_equal(r.type, ORDO_VAL_BOOL);
	assert_false(r.u.b); /* the comparison itself is false, not only the condition */
	r = value("version == '2012 R3'");
	assert_false(r.u.b);
	check_error("version >= '2012 R2 UR'",
	            "invalid version '2012 R2 UR' on scale 'release': malformed suffix");
	check_error("db < '2019 CUx'",
	            "invalid version '2019 CUx' on scale 'sql': malformed suffix");
	check_error("db < '2019 UR3'",
	            "invalid version '2019 UR3' on scale 'sql': unknown release");
	check_error("later > 2016.5", "cannot compare a version with a number");

	/* versions on different scales have no order */
	check_error("version < server.os", "cannot compare versions on scales 'release' and 'os'");
	check_false("version == server.os");

	/* one compiled literal meets versions on several scales */
	ordo_expr *e = compile("x == '2016'");
	set_root("x", ordo_val_ver(ver(&release, "2016")));
	ordo_eval_reset(&EV);
	assert_true(ordo_expr_test(e, &CTX, &EV));
	set_root("x", ordo_val_ver(ver(&sql, "2016")));
	ordo_eval_reset(&EV);
	assert_true(ordo_expr_test(e, &CTX, &EV));
	set_root("x", ordo_val_ver(ver(&sql, "2017")));
	ordo_eval_reset(&EV);
	assert_false(ordo_expr_test(e, &CTX, &EV));
	assert_null(EV.error);
	set_root("x", ordo_val_ver(ver(&os, "Windows Server 2016")));
	ordo_eval_reset(&EV);
	assert_false(ordo_expr_test(e, &CTX, &EV));
	assert_string_equal(EV.error, "invalid version '2016' on scale 'os': unknown release");
	ordo_eval_reset(&EV);
	assert_false(ordo_expr_test(e, &CTX, &EV)); /* a cached failure is reported again */
	assert_non_null(EV.error);
	set_root("x", ordo_val_ver(ver(&release, "2016 UR2")));
	ordo_eval_reset(&EV);
	assert_false(ordo_expr_test(e, &CTX, &EV));
	assert_null(EV.error);
	set_root("x", ordo_val_cstr("2016"));
	ordo_eval_reset(&EV);
	assert_true(ordo_expr_test(e, &CTX, &EV)); /* plain strings stay strings */

	/* a version string that comes from the document, not a literal */
	set_root("min", ordo_val_cstr("2012 R2 UR7"));
	check_true("version > min");
	set_root("min", ordo_val_cstr("nope"));
	check_error("version > min", "invalid version 'nope' on scale 'release': unknown release");
}

static void test_defaults_and_null(void **state)
{
	check_true("facts.missing ?? 'x' == 'x'");
	check_true("facts.key_management ?? 'x' == 'dpapi'");
	check_true("facts.a ?? facts.b ?? 3 == 3");
	check_true("facts.empty ?? 1 == 1"); /* a YAML null is absent */
	check_true("(facts.enabled ?? false) == true");
	check_true("nothing ?? 7 == 7"); /* an unknown root is null */

	check_true("facts.missing == null");
	check_false("facts.missing != null");
	check_true("null == null");
	check_false("null == false");
	check_false("null == 0");
	check_false("null == ''");
	check_false("facts.missing < 5"); /* no order against null, no error */
	check_false("facts.missing >= 5");
	check_false("5 > facts.missing");
	check_false("version < null");
	check_true("not facts.missing"); /* null is not true */
	check_false("facts.missing");    /* a null condition is false, not an error */
	check_false("facts.missing and true");
	check_true("facts.missing or true");

	/* steps into what is not there give null, never a crash */
	check_true("facts.key_management.x == null");
	check_true("facts.ports.x == null");
	check_true("facts.missing.x.y[3].z == null");
	check_true("version.x == null");
	check_true("servers.x == null");
	check_true("facts.ports[2] == null");
	check_true("facts.ports[-1] == null");
	check_true("facts.ports[0.5] == null");
	check_true("facts.ports['a'] == null");
	check_true("facts.wsman[0] == null");
	check_true("server.nothing == null");
	check_true("server[1] == null");
}

static void test_paths_and_indexes(void **state)
{
	check_true("facts.ports[1] == 443");
	check_true("facts.ports[0] == 80");
	check_true("facts.groups[1].members[0] == 'z'");
	check_true("facts.by_server['VMM02'] == 7");
	check_true("facts.by_server[server.name] == 7");
	check_true("facts['key_management'] == 'dpapi'");
	check_true("server['name'] == 'VMM02'");
	check_true("servers[0].name == 'VMM01'");
	check_true("servers[2].os == 'Windows Server 2019'");
	check_true("facts.max-connections == 5"); /* hyphens inside names */
	check_true("server.os == 'Windows Server 2016'");
}

static void test_membership(void **state)
{
	check_true("'dkm' in facts.features");
	check_false("'nope' in facts.features");
	check_true("'nope' not in facts.features");
	check_false("'dkm' not in facts.features");
	check_true("facts.features has 'tls'");
	check_false("facts.features has 'TLS'");
	check_true("443 in facts.ports");
	check_false("'443' in facts.ports");
	check_true("'x' in ['a', 'x']");
	check_true("facts.key_management in ['dkm', 'dpapi']");
	check_true("['dkm', 'dpapi'] has facts.key_management");
	check_true("'management_server' in server.roles");
	check_true("server.roles has 'management_server'");
	/* versions against string items */
	check_true("version in ['2012 R2 UR9', '2016']");
	check_false("version in ['2012 R2', '2016']");
	check_true("server.os in support.os");
	check_false("servers[0].os in support.os");
	/* a mapping holds its keys */
	check_true("'VMM01' in facts.by_server");
	check_false("'VMM03' in facts.by_server");
	check_false("3 in facts.by_server");
	/* absent is empty */
	check_false("'x' in facts.missing");
	check_true("'x' not in facts.missing");
	check_false("facts.missing has 'x'");
	/* the wrong type is an error */
	check_error("'x' in 5", "'in' expects a list or a mapping, got a number");
	check_error("'abc' has 'b'", "'has' expects a list or a mapping, got a string");
	check_error("version in ['2016', 'bogus']",
	            "invalid version 'bogus' on scale 'release': unknown release");
}

static void test_iteration(void **state)
{
	check_true("any(servers, it.os == 'Windows Server 2016')");
	check_false("any(servers, it.os == 'Windows Server 2022')");
	check_true("all(servers, it.os >= 'Windows Server 2012 R2')");
	check_false("all(servers, it.os >= 'Windows Server 2016')");
	check_true("count(servers, it.pending_restart) == 1");
	check_true("count(servers) == 3");
	check_true("count(facts.features) == 3");
	check_true("count(facts.ports, it > 100) == 1");
	check_true("any(facts.features, it == 'dkm')");
	check_true("all(facts.ports, it >= 80)");
	/* nested: the inner `it` is the member, the outer one the group */
	check_true("any(facts.groups, any(it.members, it == 'z'))");
	check_false("any(facts.groups, it.name == 'a' and any(it.members, it == 'z'))");
	check_true("any(facts.groups, it.name == 'b' and any(it.members, it == 'z'))");
	check_true("count(facts.groups, len(it.members) > 1) == 1");
	check_true("all(facts.groups, count(it.members) >= 1)");
	check_true("any(servers, any(it.roles, it == 'library') and it.name == 'VMM01')");
	check_true("any(servers, facts.by_server[it.name] == 7)");
	/* lists that are not paths */
	check_true("any([1, 2, 3], it == 2)");
	check_true("any(facts.missing ?? facts.ports, it == 443)");
	/* absent lists are empty */
	check_false("any(facts.missing, true)");
	check_true("all(facts.missing, false)");
	check_true("count(facts.missing) == 0");
	check_false("any([], true)");
	/* errors */
	check_error("any(5, true)", "'any' expects a list, got a number");
	check_error("all(facts.key_management, true)", "'all' expects a list, got a string");
	check_error("count(facts.wsman) == 1", "'count' expects a list, got a mapping");
	check_error("any(servers, it.name)", "'any' expects a boolean, got a string");
}

static void test_functions(void **state)
{
	check_true("len(facts.features) == 3");
	check_true("len(facts.wsman) == 1");
	check_true("len(facts.key_management) == 5");
	check_true("len(server.roles) == 1");
	check_true("len([]) == 0");
	check_true("len(facts.missing) == 0");
	check_true("exists(facts.wsman)");
	check_true("exists(facts.wsman.max_connections)");
	check_false("exists(facts.nope)");
	check_false("exists(facts.empty)");
	check_true("contains(facts.key_management, 'pap')");
	check_true("contains(facts.key_management, '')");
	check_false("contains(facts.key_management, 'dpapix')");
	check_false("contains(facts.missing, 'a')");
	check_true("starts_with(server.name, 'VMM')");
	check_false("starts_with(server.name, 'vmm')");
	check_false("starts_with('ab', 'abc')");
	check_true("starts_with(lower(server.name), 'vmm')");
	check_true("lower('AbC-1') == 'abc-1'");
	check_true("lower(facts.missing) == null");
	check_true("release(db) == '2019'");
	check_false("release(db) == '2019 CU4'");
	check_true("release(facts.missing) == null");
	check_true("sub(facts.missing) == null");

	check_error("len(5) == 1", "'len' expects a list, a mapping or a string, got a number");
	check_error("len(true) == 1", "'len' expects a list, a mapping or a string, got a boolean");
	check_error("contains(facts.ports, 'x')", "'contains' expects a string, got a list");
	check_error("starts_with('x', 1)", "'starts_with' expects a string, got a number");
	check_error("lower(5) == '5'", "'lower' expects a string, got a number");
	check_error("release('2016') == '2016'", "'release' expects a version, got a string");
	check_error("sub(server) == 0", "'sub' expects a version, got an object");
}

static void test_matches_any(void **state)
{
	/* "2019 CU8" in a support list means 2019 with CU8 or later */
	check_false("matches_any(db, ['2016', '2019 CU8'])"); /* 2019 CU4 */
	set_root("db", ordo_val_ver(ver(&sql, "2019 CU10")));
	check_true("matches_any(db, ['2016', '2019 CU8'])");
	check_true("matches_any(db, support.sql)");
	set_root("db", ordo_val_ver(ver(&sql, "2019 CU8")));
	check_true("matches_any(db, ['2016', '2019 CU8'])");
	set_root("db", ordo_val_ver(ver(&sql, "2019")));
	check_false("matches_any(db, ['2016', '2019 CU8'])");
	check_false("matches_any(db, support.sql)");
	set_root("db", ordo_val_ver(ver(&sql, "2016 CU2")));
	check_true("matches_any(db, ['2016', '2019 CU8'])"); /* no number: any */
	check_true("matches_any(db, support.sql)");
	set_root("db", ordo_val_ver(ver(&sql, "2017")));
	check_false("matches_any(db, ['2016', '2019 CU8'])"); /* the entry must match exactly */
	check_false("matches_any(db, support.sql)");
	check_true("matches_any(db, [2017])");
	/* versions in the list */
	set_root("supported", ordo_val_ver(ver(&sql, "2017 CU3")));
	check_false("matches_any(db, [supported])");
	set_root("db", ordo_val_ver(ver(&sql, "2017 CU31")));
	check_true("matches_any(db, [supported])");
	check_false("matches_any(db, [version])"); /* another scale */

	check_true("server.os != null and matches_any(server.os, support.os)");
	check_false("servers[0].os != null and matches_any(servers[0].os, support.os)");
	check_false("matches_any(facts.missing, support.os)");
	check_false("matches_any(db, facts.missing)");
	check_error("matches_any(db, ['2016', 'bogus'])",
	            "invalid version 'bogus' on scale 'sql': unknown release");
	assert_true(value("matches_any(db, ['bogus', '2017'])").u.b);
	assert_non_null(EV.error);
	check_error("matches_any(db, ['bogus', '2017'])",
	            "invalid version 'bogus' on scale 'sql': unknown release");
	check_error("matches_any('2016', ['2016'])",
	            "'matches_any' expects a version, got a string");
	check_error("matches_any(db, '2017')", "'matches_any' expects a list, got a string");
	check_error("matches_any(db, [true])",
	            "'matches_any' expects versions in its list, got a boolean");
}

static void test_traces(void **state)
{
	assert_true(test("facts.wsman.max_connections < 300"));
	check_trace("facts.wsman.max_connections=25", NULL);

	assert_true(test("version >= '2012 R2 UR9' and facts.key_management == 'dpapi'"));
	check_trace("version=2012 R2 UR9", "facts.key_management='dpapi'", NULL);

	/* or: the left side was false, the right side made it true */
	assert_true(test("facts.enabled == false or facts.key_management == 'dpapi'"));
	check_trace("facts.key_management='dpapi'", NULL);
	assert_true(test("facts.enabled == false or facts.missing == null or facts.ports has 80"));
	check_trace("facts.missing=null", NULL);
	/* both false: both made it false */
	assert_false(test("facts.enabled == false or facts.key_management == 'dkm'"));
	check_trace("facts.enabled=true", "facts.key_management='dpapi'", NULL);
	/* and: the left was true, the right made it false */
	assert_true(test("not (facts.enabled and facts.key_management == 'dkm')"));
	check_trace("facts.key_management='dpapi'", NULL);

	/* any names the first matching element, by object name */
	assert_true(test("any(servers, it.os == 'Windows Server 2016')"));
	check_trace("servers[VMM02].os=Windows Server 2016", NULL);
	assert_true(test("any(servers, it.pending_restart and it.os >= 'Windows Server 2016')"));
	check_trace("servers[VMM02].pending_restart=true", "servers[VMM02].os=Windows Server 2016",
	            NULL);
	/* all names the first counterexample */
	assert_false(test("all(servers, it.os >= 'Windows Server 2016')"));
	check_trace("servers[VMM01].os=Windows Server 2012 R2", NULL);
	/* nothing decided: the list itself */
	assert_false(test("any(servers, it.os == 'Windows Server 2022')"));
	check_trace("servers=[VMM01, VMM02, SQL01]", NULL);
	assert_true(test("not any(facts.features, it == 'x')"));
	check_trace("facts.features=['ha', 'dkm', 'tls']", NULL);
	assert_true(test("count(servers, it.pending_restart) == 1"));
	check_trace("servers=[VMM01, VMM02, SQL01]", NULL);
	/* document elements by index; nested lists */
	assert_true(test("any(facts.features, it == 'dkm')"));
	check_trace("facts.features[1]='dkm'", NULL);
	assert_true(test("any(facts.groups, any(it.members, it == 'z'))"));
	check_trace("facts.groups[1].members[0]='z'", NULL);
	assert_true(test("any(facts.groups, it.name == 'b' and any(it.members, it == 'z'))"));
	check_trace("facts.groups[1].name='b'", "facts.groups[1].members[0]='z'", NULL);
	assert_true(test("any(servers, any(it.roles, it == 'library'))"));
	check_trace("servers[VMM01].roles[1]='library'", NULL);
	/* a list that is not a path is named by its source */
	assert_true(test("any([1, 2, 3], it == 2)"));
	check_trace("([1, 2, 3])[1]=2", NULL);
	assert_true(test("any(facts.missing ?? facts.ports, it == 443)"));
	check_trace("facts.ports[1]=443", NULL);

	/* indexes: literal and computed */
	assert_true(test("facts.ports[1] == 443"));
	check_trace("facts.ports[1]=443", NULL);
	assert_true(test("facts.by_server[server.name] > 5"));
	check_trace("server.name='VMM02'", "facts.by_server[VMM02]=7", NULL);

	/* each path once */
	assert_false(test("server.os != null and not matches_any(server.os, support.os)"));
	check_trace("server.os=Windows Server 2016",
	            "support.os=['Windows Server 2016', 'Windows Server 2019']", NULL);
	assert_true(test("facts.enabled and facts.enabled and facts.enabled"));
	check_trace("facts.enabled=true", NULL);
	/* a path dropped by `or` and read again is still named */
	assert_true(test("(facts.wsman.max_connections > 100 and true)"
	                 " or facts.wsman.max_connections == 25"));
	check_trace("facts.wsman.max_connections=25", NULL);

	/* evaluations append until reset */
	ordo_eval_reset(&EV);
	ordo_expr *a = compile("facts.enabled"), *b = compile("version < '2016'");
	assert_true(ordo_expr_test(a, &CTX, &EV));
	assert_true(ordo_expr_test(b, &CTX, &EV));
	check_trace("facts.enabled=true", "version=2012 R2 UR9", NULL);
	ordo_eval_reset(&EV);
	assert_int_equal(EV.trace_len, 0);
	assert_null(EV.error);
}

static void test_compile_errors(void **state)
{
	/* LOC is line 10, column 12: a token at byte k is at column 12 + k */
	check_compile_error("(1 2)", 10, 15, "expected ')' but found '2'");
	check_compile_error("(facts.a == 1 facts.b)", 10, 26, "expected ')' but found 'facts'");
	check_compile_error("any(servers it.os)", 10, 24, "expected ',' or ')' but found 'it'");
	check_compile_error("[1, 2", 10, 17, "unexpected end of expression");
	check_compile_error("[1 2]", 10, 15, "expected ',' or ']' but found '2'");
	check_compile_error("foo(1)", 10, 12, "unknown function 'foo'");
	/* three nested iterations are allowed, a fourth would multiply the work again */
	check_compile_error("any(servers, any(servers, any(servers, any(servers, true))))", 10, 51,
			    "any/all/count nested more than 3 deep");
	check_compile_error("1 == 1 and bar()", 10, 23, "unknown function 'bar'");
	check_compile_error("any(servers)", 10, 12, "'any' takes 2 arguments");
	check_compile_error("all(servers, true, 1)", 10, 12, "'all' takes 2 arguments");
	check_compile_error("count() == 0", 10, 12, "'count' takes 1 or 2 arguments");
	check_compile_error("len(1, 2)", 10, 12, "'len' takes 1 argument");
	check_compile_error("exists(1)", 10, 19, "'exists' takes a path");
	check_compile_error("facts.x == 'abc", 10, 23, "unterminated string");
	check_compile_error("facts.x == \"abc\\\"", 10, 23, "unterminated string");
	check_compile_error("'abc\\", 10, 12, "unterminated string");
	check_compile_error("'a\\qb'", 10, 14, "unknown escape '\\q' in string");
	check_compile_error("facts.x ==", 10, 22, "unexpected end of expression");
	check_compile_error("", 10, 12, "unexpected end of expression");
	check_compile_error("   ", 10, 15, "unexpected end of expression");
	check_compile_error("facts.", 10, 18, "unexpected end of expression");
	check_compile_error("facts.(x)", 10, 18, "expected a name but found '('");
	check_compile_error("it.os == 1", 10, 12, "'it' used outside any/all/count");
	check_compile_error("any(servers, it.os == 'x') and it.y", 10, 43,
	                    "'it' used outside any/all/count");
	check_compile_error("any(it, true)", 10, 16, "'it' used outside any/all/count");
	check_compile_error("a = 1", 10, 14, "unexpected character '='");
	check_compile_error("a ! b", 10, 14, "unexpected character '!'");
	check_compile_error("a ? b", 10, 14, "unexpected character '?'");
	check_compile_error("a == \x01", 10, 17, "unexpected byte 0x01");
	check_compile_error("a not b", 10, 18, "expected 'in' but found 'b'");
	check_compile_error("1 == 2 == 3", 10, 19, "expected end of expression but found '=='");
	check_compile_error("version >= 2012 R2", 10, 28,
	                    "expected end of expression but found 'R2'");
	check_compile_error("2012R2 == version", 10, 12, "malformed number '2012R2'");
	check_compile_error("facts.x == )", 10, 23, "expected a value but found ')'");
	check_compile_error("not in x", 10, 16, "expected a value but found 'in'");
	check_compile_error("a and or b", 10, 18, "expected a value but found 'or'");
	check_compile_error("facts.x == 'a' 'b'", 10, 27,
	                    "expected end of expression but found 'b'");
	check_compile_error("lower(x).y", 10, 20, "expected end of expression but found '.'");
	/* a long token is shortened in the message */
	check_compile_error(
	    "1 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 10, 14,
	    "expected end of expression but found 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'");

	/* a source over several lines counts lines and columns on */
	check_compile_error("facts.a == 1\n  and ==", 11, 7, "expected a value but found '=='");
	check_compile_error("facts.a == 1 and\n\n'x", 12, 1, "unterminated string");

	/* nesting is bounded */
	char deep[512];
	size_t k = 0;
	for (int i = 0; i < 100; i++)
		deep[k++] = '(';
	deep[k++] = '1';
	for (int i = 0; i < 100; i++)
		deep[k++] = ')';
	deep[k] = '\0';
	check_compile_error(deep, 10, 12 + 64, "expression nested too deeply");
	k = 0;
	for (int i = 0; i < 100; i++) {
		memcpy(deep + k, "not ", 4);
		k += 4;
	}
	memcpy(deep + k, "true", 5);
	check_compile_error(deep, 10, 12 + 64 * 4, "expression nested too deeply");
	/* but 60 levels are fine */
	k = 0;
	for (int i = 0; i < 60; i++)
		deep[k++] = '(';
	deep[k++] = '1';
	for (int i = 0; i < 60; i++)
		deep[k++] = ')';
	memcpy(deep + k, " == 1", 6);
	check_true(deep);

	/* keywords after '.' are keys */
	compile("facts.in.not.null == 1");
	/* a NULL loc counts from line 1, column 1 */
	ordo_expr *e;
	ordo_diag d = ORDO_DIAG_INIT;
	assert_int_equal(ordo_expr_compile(&e, A, "1 ==", NULL, &d), ORDO_EINVALID);
	assert_int_equal(d.items[0].loc.line, 1);
	assert_int_equal(d.items[0].loc.col, 5);
	ordo_diag_release(&d);
}

static void test_runtime_errors(void **state)
{
	/* a non-boolean condition */
	check_error("facts.key_management", "condition is a string, not a boolean");
	check_error("facts.wsman", "condition is a mapping, not a boolean");
	check_error("1 and true", "'and' expects a boolean, got a number");
	check_error("false or 'x'", "'or' expects a boolean, got a string");
	check_error("not 'x'", "'not' expects a boolean, got a string");
	/* a condition that met an error is false, whatever it computed */
	check_error("not (len(5) == 1)",
	            "'len' expects a list, a mapping or a string, got a number");
	check_error("'x' not in 5", "'in' expects a list or a mapping, got a number");
	check_error("version != '2012 R3'",
	            "invalid version '2012 R3' on scale 'release': unknown release");
	ordo_value t = value("not (len(5) == 1)");
	assert_true(ordo_val_true(&t));
	assert_non_null(EV.error);
	/* the first error is kept */
	check_error("len(5) == 0 or lower(1) == 'x'",
	            "'len' expects a list, a mapping or a string, got a number");
	/* a value that is not a condition still evaluates */
	ordo_value v = value("facts.wsman.max_connections ?? 0");
	assert_int_equal(v.type, ORDO_VAL_NUM);
	assert_true(v.u.num == 25);
	assert_null(EV.error);
	v = value("lower(server.name)");
	assert_int_equal(v.type, ORDO_VAL_STR);
	check_format(&v, "'vmm02'");
	v = value("len(5)");
	assert_int_equal(v.type, ORDO_VAL_NULL);
	assert_non_null(EV.error);
	v = value("count(5, true)");
	assert_int_equal(v.type, ORDO_VAL_NULL);
	v = value("count(servers, it.pending_restart or it.name == 'SQL01')");
	assert_int_equal(v.type, ORDO_VAL_NUM);
	assert_true(v.u.num == 2);

	/* no resolver at all: every root is null */
	ordo_eval_ctx none = {NULL, NULL};
	ordo_eval_reset(&EV);
	assert_false(ordo_expr_test(compile("facts.x == 1"), &none, &EV));
	assert_null(EV.error);
	ordo_eval_reset(&EV);
	assert_true(ordo_expr_test(compile("facts.x == null"), NULL, &EV));
}

typedef struct {
	ordo_buf out;
} collected;

static void collect_path(const char *path, const ordo_loc *loc, void *payload)
{
	collected *c = payload;
	ordo_buf_printf(&c->out, "%s@%u:%u\n", path, loc->line, loc->col);
}

static void collect_literal(const char *path, const char *literal, const ordo_loc *loc,
                            void *payload)
{
	collected *c = payload;
	ordo_buf_printf(&c->out, "%s %s@%u\n", path ? path : "-", literal, loc->col);
}

static void test_expr_paths(void **state)
{
	const char *src = "facts.key_management == 'dkm' and upgrade.management_server != null"
	                  " and any(servers, it.os == 'x' and it.roles has 'y')"
	                  " and facts.by_server[server.name] > 1"
	                  " and count(facts.groups, any(it.members, it == 'z')) > 0"
	                  " and facts.x['a-b'][0] == 1 and any(facts.missing ?? [], it.y)"
	                  " and any([1], it.z)";
	ordo_expr *e = compile(src);
	assert_string_equal(ordo_expr_source(e), src);
	collected c = {ORDO_BUF_INIT};
	ordo_expr_paths(e, collect_path, &c);
	assert_string_equal(ordo_buf_cstr(&c.out), "facts.key_management@10:12\n"
	                                           "upgrade.management_server@10:46\n"
	                                           "servers@10:88\n"
	                                           "servers[].os@10:97\n"
	                                           "servers[].roles@10:114\n"
	                                           "facts.by_server[]@10:136\n"
	                                           "server.name@10:152\n"
	                                           "facts.groups@10:179\n"
	                                           "facts.groups[].members@10:197\n"
	                                           "facts.x.a-b[]@10:229\n"
	                                           "facts.missing@10:260\n"
	                                           "facts.missing[].y@10:281\n");
	ordo_buf_release(&c.out);

	/* multi-line sources give each path its own line */
	e = compile("facts.a\n  or facts.b");
	c = (collected){ORDO_BUF_INIT};
	ordo_expr_paths(e, collect_path, &c);
	assert_string_equal(ordo_buf_cstr(&c.out), "facts.a@10:12\nfacts.b@11:6\n");
	ordo_buf_release(&c.out);
}

static void test_expr_literals(void **state)
{
	ordo_expr *e =
	    compile("version >= '2012 R2 UR9' and server.os in ['Windows Server 2016', 'x']"
	            " and matches_any(db, ['2019 CU8']) and '2016' < hop.to"
	            " and support.sql has '2017' and lower(x) == 'y'");
	collected c = {ORDO_BUF_INIT};
	ordo_expr_literals(e, collect_literal, &c);
	assert_string_equal(ordo_buf_cstr(&c.out), "version 2012 R2 UR9@23\n"
	                                           "server.os Windows Server 2016@55\n"
	                                           "server.os x@78\n"
	                                           "db 2019 CU8@104\n"
	                                           "hop.to 2016@121\n"
	                                           "support.sql 2017@157\n"
	                                           "- y@180\n");
	ordo_buf_release(&c.out);
}

static void test_values(void **state)
{
	ordo_value v = ordo_val_cstr(NULL);
	assert_int_equal(v.type, ORDO_VAL_NULL);
	v = ordo_val_str("abc", 2);
	check_format(&v, "'ab'");
	v = ordo_val_num(2.5);
	check_format(&v, "2.5");
	v = ordo_val_num(25);
	check_format(&v, "25");
	v = ordo_val_bool(false);
	check_format(&v, "false");
	v = ordo_val_null();
	check_format(&v, "null");
	v = ordo_val_ver(ver(&release, "2012 R2 UR9"));
	check_format(&v, "2012 R2 UR9");
	v = ordo_val_node(FACTS->u.items + 3); /* wsman */
	check_format(&v, "{max_connections: 25}");
	v = ordo_val_obj(&servers[0], server_get, "VMM01");
	check_format(&v, "VMM01");
	assert_int_equal(ordo_val_obj(NULL, server_get, "x").type, ORDO_VAL_NULL);

	/* scalars from the document */
	ordo_node n = num_("25");
	assert_int_equal(ordo_val_node(&n).type, ORDO_VAL_NUM);
	n = num_("0x10");
	v = ordo_val_node(&n);
	assert_int_equal(v.type, ORDO_VAL_NUM);
	assert_true(v.u.num == 16);
	n = num_("1_000");
	assert_int_equal(ordo_val_node(&n).type, ORDO_VAL_STR);
	n = bool_(true);
	assert_true(ordo_val_true(&(ordo_value){0}) == false);
	v = ordo_val_node(&n);
	assert_true(ordo_val_true(&v));
	n = null_();
	assert_int_equal(ordo_val_node(&n).type, ORDO_VAL_NULL);
	assert_int_equal(ordo_val_node(NULL).type, ORDO_VAL_NULL);

	/* lists are copied into the scratch arena */
	ordo_value items[2] = {ordo_val_num(1), ordo_val_cstr("a")};
	ordo_eval_reset(&EV);
	v = ordo_val_list(&EV, items, 2);
	items[0] = ordo_val_num(9);
	check_format(&v, "[1, 'a']");
	assert_true(ordo_arena_used(EV.scratch) > 0);
	ordo_eval_reset(&EV);
	assert_int_equal(ordo_arena_used(EV.scratch), 0);
	/* a long list is shortened */
	ordo_value many[30];
	for (int i = 0; i < 30; i++)
		many[i] = ordo_val_num(i);
	v = ordo_val_list(&EV, many, 30);
	check_format(&v,
	             "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, ...]");

	/* equality and order */
	ordo_value a = ordo_val_ver(ver(&release, "2016")), s = ordo_val_cstr("2016");
	assert_true(ordo_val_eq(&a, &s));
	assert_true(ordo_val_eq(&s, &a));
	s = ordo_val_cstr("2016 UR0");
	assert_true(ordo_val_eq(&a, &s));
	s = ordo_val_cstr("bogus");
	assert_false(ordo_val_eq(&a, &s));
	bool ok;
	assert_int_equal(ordo_val_cmp(&a, &s, &ok), 0);
	assert_false(ok);
	s = ordo_val_cstr("1801");
	assert_true(ordo_val_cmp(&a, &s, &ok) < 0);
	assert_true(ok);
	assert_true(ordo_val_cmp(&s, &a, &ok) > 0);
	ordo_value x = ordo_val_num(1), y = ordo_val_num(2);
	assert_true(ordo_val_cmp(&x, &y, &ok) < 0 && ok);
	ordo_value nul = ordo_val_null();
	assert_true(ordo_val_eq(&nul, &nul));
	assert_false(ordo_val_eq(&nul, &x));
	ordo_val_cmp(&nul, &x, &ok);
	assert_false(ok);
	ordo_value o1 = ordo_val_obj(&servers[0], server_get, "VMM01"),
	           o2 = ordo_val_obj(&servers[1], server_get, "VMM02");
	assert_true(ordo_val_eq(&o1, &o1));
	assert_false(ordo_val_eq(&o1, &o2));
	/* a NODE value that holds a scalar is that scalar */
	ordo_value raw = {.type = ORDO_VAL_NODE};
	n = s_("dpapi");
	raw.u.node = &n;
	s = ordo_val_cstr("dpapi");
	assert_true(ordo_val_eq(&raw, &s));
}

static void test_scratch_reuse(void **state)
{
	/* a typical condition uses no scratch memory and, once the trace
	 * has grown, no heap memory either */
	ordo_expr *e = compile("server.os != null and not matches_any(server.os, support.os)");
	set_root("server", server_vals[0]); /* Windows Server 2012 R2: not supported */
	for (int i = 0; i < 1000; i++) {
		ordo_eval_reset(&EV);
		assert_true(ordo_expr_test(e, &CTX, &EV));
	}
	assert_int_equal(ordo_arena_used(EV.scratch), 0);
	assert_int_equal(EV.trace_len, 2);
	assert_null(EV.error);

	/* the scratch arena is reused across resets */
	e = compile("lower(server.name) == 'vmm01' and any(servers, it.name == 'SQL01')");
	ordo_eval_reset(&EV);
	assert_true(ordo_expr_test(e, &CTX, &EV));
	size_t used = ordo_arena_used(EV.scratch);
	assert_true(used > 0);
	for (int i = 0; i < 1000; i++) {
		ordo_eval_reset(&EV);
		assert_true(ordo_expr_test(e, &CTX, &EV));
		assert_int_equal(ordo_arena_used(EV.scratch), used);
	}
	check_trace("server.name='VMM01'", "servers[SQL01].name='SQL01'", NULL);
}

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void test_speed(void **state)
{
	/* Reported, not asserted: sanitizers and valgrind slow it down. */
	static const char *conds[] = {
	    "server.os != null and not matches_any(server.os, support.os)",
	    "version >= '2012 R2 UR9' and version < '2016'",
	    "facts.key_management == 'dkm' or facts.wsman.max_connections < 300",
	    "any(servers, it.os < 'Windows Server 2016' and it.pending_restart)",
	};
	const int rounds = 20000;
	for (size_t c = 0; c < sizeof(conds) / sizeof(conds[0]); c++) {
		ordo_expr *e = compile(conds[c]);
		bool expect = test(conds[c]);
		resolves = 0;
		double t0 = now_ns();
		for (int i = 0; i < rounds; i++) {
			ordo_eval_reset(&EV);
			if (ordo_expr_test(e, &CTX, &EV) != expect)
				fail();
		}
		double ns = (now_ns() - t0) / rounds;
		assert_true(resolves >= rounds);
		print_message("%8.0f ns  %s\n", ns, conds[c]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_literals_and_precedence, fresh),
	    cmocka_unit_test_setup(test_short_circuit, fresh),
	    cmocka_unit_test_setup(test_comparisons, fresh),
	    cmocka_unit_test_setup(test_versions, fresh),
	    cmocka_unit_test_setup(test_defaults_and_null, fresh),
	    cmocka_unit_test_setup(test_paths_and_indexes, fresh),
	    cmocka_unit_test_setup(test_membership, fresh),
	    cmocka_unit_test_setup(test_iteration, fresh),
	    cmocka_unit_test_setup(test_functions, fresh),
	    cmocka_unit_test_setup(test_matches_any, fresh),
	    cmocka_unit_test_setup(test_traces, fresh),
	    cmocka_unit_test_setup(test_compile_errors, fresh),
	    cmocka_unit_test_setup(test_runtime_errors, fresh),
	    cmocka_unit_test_setup(test_expr_paths, fresh),
	    cmocka_unit_test_setup(test_expr_literals, fresh),
	    cmocka_unit_test_setup(test_values, fresh),
	    cmocka_unit_test_setup(test_scratch_reuse, fresh),
	    cmocka_unit_test_setup(test_speed, fresh),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
