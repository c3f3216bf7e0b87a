/* SPDX-License-Identifier: MIT */
/* Unit tests for the YAML and JSON loaders and the tree builder. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "loader.h"

/* ---- helpers ---- */

static int load_opts(ordo_doc **out, const char *text, int syntax, ordo_load_options *o,
                     ordo_diag *d)
{
	ordo_load_options def = ORDO_LOAD_OPTIONS_INIT;
	if (!o)
		o = &def;
	o->syntax = syntax;
	return ordo_load_buffer(out, text, strlen(text), "t", o, d);
}

static ordo_doc *load_ok(const char *text, int syntax)
{
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_doc *doc = NULL;
	int rc = load_opts(&doc, text, syntax, NULL, &d);
	if (rc != 0)
		ordo_diag_print(&d, stderr);
	assert_int_equal(rc, 0);
	assert_int_equal(d.len, 0);
	assert_non_null(doc);
	ordo_diag_release(&d);
	return doc;
}

/* Load text that must fail and return the diagnostics. */
static ordo_diag load_bad(const char *text, size_t len, int syntax, ordo_load_options *o)
{
	ordo_load_options def = ORDO_LOAD_OPTIONS_INIT;
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_doc *doc = (ordo_doc *)1;
	if (!o)
		o = &def;
	o->syntax = syntax;
	int rc = ordo_load_buffer(&doc, text, len, "t", o, &d);
	assert_int_equal(rc, ORDO_EINVALID);
	assert_null(doc);
	assert_true(d.len > 0);
	return d;
}

/* The diagnostics hold exactly this message at line:col (in file "t"). */
static void expect_diag(const ordo_diag *d, uint32_t line, uint32_t col, const char *msg)
{
	for (size_t i = 0; i < d->len; i++) {
		const ordo_diag_entry *e = &d->items[i];
		if (strcmp(e->message, msg) == 0 && e->loc.line == line && e->loc.col == col) {
			assert_string_equal(e->loc.file, "t");
			return;
		}
	}
	for (size_t i = 0; i < d->len; i++)
		fprintf(stderr, "  have %u:%u: %s\n", d->items[i].loc.line, d->items[i].loc.col,
		        d->items[i].message);
	fail_msg("no diagnostic %u:%u: %s", line, col, msg);
}

static void expect_only(const char *text, int syntax, uint32_t line, uint32_t col, const char *msg)
{
	ordo_diag d = load_bad(text, strlen(text), syntax, NULL);
	expect_diag(&d, line, col, msg);
	assert_int_equal(d.len, 1);
	ordo_diag_release(&d);
}

static void expect_scalar(const ordo_node *n, ordo_node_type type, const char *text, bool quoted)
{
	assert_non_null(n);
	assert_int_equal(n->type, type);
	assert_string_equal(n->u.str, text);
	assert_int_equal(n->len, strlen(text));
	assert_int_equal(n->quoted, quoted);
}

static void expect_at(const ordo_node *n, uint32_t line, uint32_t col)
{
	assert_non_null(n);
	if (n->line != line || n->col != col)
		fail_msg("node at %u:%u, expected %u:%u", n->line, n->col, line, col);
}

static char *temp_file(const char *suffix, const char *content, size_t len)
{
	char *path = malloc(64);
	snprintf(path, 64, "/tmp/ordo-test-XXXXXX%s", suffix);
	int fd = mkstemps(path, (int)strlen(suffix));
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, len), (ssize_t)len);
	close(fd);
	return path;
}

/* Time bounds are scaled up under valgrind and sanitizers
 * (ORDO_TEST_SLOW=1). */
static double slow(void)
{
	return getenv("ORDO_TEST_SLOW") ? 60.0 : 1.0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- YAML scalars ---- */

static void yaml_core_schema(void **state)
{
	static const struct {
		const char *text;
		ordo_node_type type;
	} cases[] = {
	    {"null", ORDO_NODE_NULL},    {"Null", ORDO_NODE_NULL},
	    {"NULL", ORDO_NODE_NULL},    {"~", ORDO_NODE_NULL},
	    {"nULL", ORDO_NODE_STRING},  {"true", ORDO_NODE_BOOL},
	    {"True", ORDO_NODE_BOOL},    {"TRUE", ORDO_NODE_BOOL},
	    {"false", ORDO_NODE_BOOL},   {"False", ORDO_NODE_BOOL},
	    {"FALSE", ORDO_NODE_BOOL},   {"yes", ORDO_NODE_STRING},
	    {"tRUE", ORDO_NODE_STRING},  {"0", ORDO_NODE_NUMBER},
	    {"2016", ORDO_NODE_NUMBER},  {"-17", ORDO_NODE_NUMBER},
	    {"+3", ORDO_NODE_NUMBER},    {"0x1F", ORDO_NODE_NUMBER},
	    {"0o17", ORDO_NODE_NUMBER},  {"0o8", ORDO_NODE_STRING},
	    {"0xG", ORDO_NODE_STRING},   {"1.5", ORDO_NODE_NUMBER},
	    {"-.5", ORDO_NODE_NUMBER},   {"1.", ORDO_NODE_NUMBER},
	    {"1e3", ORDO_NODE_NUMBER},   {"2.5E-3", ORDO_NODE_NUMBER},
	    {".inf", ORDO_NODE_NUMBER},  {"-.Inf", ORDO_NODE_NUMBER},
	    {"+.INF", ORDO_NODE_NUMBER}, {".nan", ORDO_NODE_NUMBER},
	    {".NaN", ORDO_NODE_NUMBER},  {"-.nan", ORDO_NODE_STRING},
	    {".", ORDO_NODE_STRING},     {"1e", ORDO_NODE_STRING},
	    {"1_000", ORDO_NODE_STRING}, {"10 apples", ORDO_NODE_STRING},
	    {"1.2.3", ORDO_NODE_STRING}, {"-x", ORDO_NODE_STRING},
	    {"0x", ORDO_NODE_STRING},    {"hello", ORDO_NODE_STRING},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[64];
		snprintf(text, sizeof(text), "v: %s\n", cases[i].text);
		ordo_doc *doc = load_ok(text, ORDO_SYNTAX_YAML);
		const ordo_node *v = ordo_node_get(doc->root, "v");
		if (!v || v->type != cases[i].type)
			fail_msg("'%s': type %d, expected %d", cases[i].text, v ? v->type : -1,
			         cases[i].type);
		expect_scalar(v, cases[i].type, cases[i].text, false);
		ordo_doc_free(doc);
	}
}

static void yaml_bool_value_and_empty(void **state)
{
	ordo_doc *doc = load_ok("a: true\nb: FALSE\nc:\nd: ''\n", ORDO_SYNTAX_YAML);
	const ordo_node *r = doc->root;
	assert_int_equal(r->type, ORDO_NODE_MAP);
	assert_int_equal(r->len, 4);
	assert_int_equal(ordo_node_get(r, "a")->boolean, 1);
	assert_int_equal(ordo_node_get(r, "b")->boolean, 0);
	expect_scalar(ordo_node_get(r, "c"), ORDO_NODE_NULL, "", false);
	expect_scalar(ordo_node_get(r, "d"), ORDO_NODE_STRING, "", true);
	ordo_doc_free(doc);
}

static void yaml_quoted_scalars_are_strings(void **state)
{
	ordo_doc *doc =
	    load_ok("a: '123'\nb: \"true\"\nc: |\n  null\nd: >\n  1.5\n  2\ne: \"x\\ty\"\n",
	            ORDO_SYNTAX_YAML);
	const ordo_node *r = doc->root;
	expect_scalar(ordo_node_get(r, "a"), ORDO_NODE_STRING, "123", true);
	expect_scalar(ordo_node_get(r, "b"), ORDO_NODE_STRING, "true", true);
	expect_scalar(ordo_node_get(r, "c"), ORDO_NODE_STRING, "null\n", true);
	expect_scalar(ordo_node_get(r, "d"), ORDO_NODE_STRING, "1.5 2\n", true);
	expect_scalar(ordo_node_get(r, "e"), ORDO_NODE_STRING, "x\ty", true);
	/* keys are scalars too: their text is the key */
	expect_scalar(ordo_node_key(r, 0), ORDO_NODE_STRING, "a", false);
	ordo_doc_free(doc);
}

static void yaml_tags(void **state)
{
	ordo_doc *doc = load_ok("a: !!str 123\nb: !!int \"12\"\nc: !!float 1\nd: !!bool 'true'\n"
	                        "e: !!null ''\nf: !!map {x: 1}\ng: !!seq [1]\nh: ! 12\n",
	                        ORDO_SYNTAX_YAML);
	const ordo_node *r = doc->root;
	expect_scalar(ordo_node_get(r, "a"), ORDO_NODE_STRING, "123", false);
	expect_scalar(ordo_node_get(r, "b"), ORDO_NODE_NUMBER, "12", true);
	expect_scalar(ordo_node_get(r, "c"), ORDO_NODE_NUMBER, "1", false);
	expect_scalar(ordo_node_get(r, "d"), ORDO_NODE_BOOL, "true", true);
	assert_int_equal(ordo_node_get(r, "d")->boolean, 1);
	expect_scalar(ordo_node_get(r, "e"), ORDO_NODE_NULL, "", true);
	assert_int_equal(ordo_node_get(r, "f")->type, ORDO_NODE_MAP);
	assert_int_equal(ordo_node_get(r, "g")->type, ORDO_NODE_SEQ);
	expect_scalar(ordo_node_get(r, "h"), ORDO_NODE_STRING, "12", false);
	ordo_doc_free(doc);
}

static void yaml_bad_tags(void **state)
{
	const char *text = "a: !!python/object foo\n"
	                   "b: !!int abc\n"
	                   "c: !!seq x\n"
	                   "d: !!map [1]\n"
	                   "e: !local 1\n"
	                   "f: !!binary aGk=\n";
	ordo_diag d = load_bad(text, strlen(text), ORDO_SYNTAX_YAML, NULL);
	expect_diag(&d, 1, 4, "unsupported tag '!!python/object'");
	expect_diag(&d, 2, 4, "invalid !!int value 'abc'");
	expect_diag(&d, 3, 4, "tag '!!seq' used on a scalar");
	expect_diag(&d, 4, 4, "tag '!!map' used on a list");
	expect_diag(&d, 5, 4, "unsupported tag '!local'");
	expect_diag(&d, 6, 4, "unsupported tag '!!binary'");
	assert_int_equal(d.len, 6);
	ordo_diag_release(&d);
}

static void yaml_positions(void **state)
{
	const char *text = "# a comment\n"
	                   "name: om\n"
	                   "roles:\n"
	                   "  - name: gateway\n"
	                   "    servers: [a, \"b\"]\n"
	                   "  - {name: db, n: 3}\n"
	                   "\xc3\xa9t\xc3\xa9: x\n";
	ordo_doc *doc = load_ok(text, ORDO_SYNTAX_YAML);
	const ordo_node *r = doc->root;
	expect_at(r, 2, 1);
	expect_at(ordo_node_key(r, 0), 2, 1);
	expect_at(ordo_node_val(r, 0), 2, 7);
	const ordo_node *roles = ordo_node_get(r, "roles");
	assert_int_equal(roles->type, ORDO_NODE_SEQ);
	assert_int_equal(roles->len, 2);
	expect_at(roles, 4, 3);
	const ordo_node *g = &roles->u.items[0];
	expect_at(g, 4, 5);
	expect_at(ordo_node_get(g, "name"), 4, 11);
	const ordo_node *servers = ordo_node_get(g, "servers");
	expect_at(servers, 5, 14);
	expect_at(&servers->u.items[0], 5, 15);
	expect_at(&servers->u.items[1], 5, 18);
	const ordo_node *db = &roles->u.items[1];
	expect_at(db, 6, 5);
	expect_at(ordo_node_get(db, "n"), 6, 19);
	/* columns count characters, not bytes */
	expect_at(ordo_node_get(r, "\xc3\xa9t\xc3\xa9"), 7, 6);
	ordo_doc_free(doc);
}

static void yaml_scalar_document_and_empty(void **state)
{
	ordo_doc *doc = load_ok("42\n", ORDO_SYNTAX_YAML);
	expect_scalar(doc->root, ORDO_NODE_NUMBER, "42", false);
	expect_at(doc->root, 1, 1);
	ordo_doc_free(doc);

	const char *empties[] = {"", "\n\n", "# only a comment\n", "  \n# x\n  "};
	for (size_t i = 0; i < 4; i++) {
		doc = load_ok(empties[i], ORDO_SYNTAX_YAML);
		assert_null(doc->root);
		assert_int_equal(doc->syntax, ORDO_SYNTAX_YAML);
		ordo_doc_free(doc);
	}
}

/* ---- YAML structure ---- */

static void yaml_duplicate_keys_all_reported(void **state)
{
	const char *text = "roles: 1\n"
	                   "name: x\n"
	                   "roles: 2\n"
	                   "sub:\n"
	                   "  a: 1\n"
	                   "  a: 2\n"
	                   "name: y\n";
	ordo_diag d = load_bad(text, strlen(text), ORDO_SYNTAX_YAML, NULL);
	expect_diag(&d, 3, 1, "duplicate key 'roles' (first at line 1)");
	expect_diag(&d, 6, 3, "duplicate key 'a' (first at line 5)");
	expect_diag(&d, 7, 1, "duplicate key 'name' (first at line 2)");
	assert_int_equal(d.len, 3);
	ordo_diag_release(&d);

	/* a key's text is what counts: 1 and '1' are the same key */
	expect_only("1: a\n'1': b\n", ORDO_SYNTAX_YAML, 2, 1,
	            "duplicate key '1' (first at line 1)");
}

static void yaml_duplicate_keys_in_large_map(void **state)
{
	ordo_buf b = ORDO_BUF_INIT;
	for (int i = 0; i < 100; i++)
		ordo_buf_printf(&b, "k%d: %d\n", i, i);
	ordo_buf_puts(&b, "k3: again\nk99: again\nk100: new\n");
	ordo_diag d = load_bad(b.ptr, b.len, ORDO_SYNTAX_YAML, NULL);
	expect_diag(&d, 101, 1, "duplicate key 'k3' (first at line 4)");
	expect_diag(&d, 102, 1, "duplicate key 'k99' (first at line 100)");
	assert_int_equal(d.len, 2);
	ordo_diag_release(&d);
	ordo_buf_release(&b);

	/* no duplicates: every key still found */
	b = (ordo_buf)ORDO_BUF_INIT;
	for (int i = 0; i < 100; i++)
		ordo_buf_printf(&b, "k%d: %d\n", i, i);
	ordo_doc *doc = load_ok(b.ptr, ORDO_SYNTAX_YAML);
	assert_int_equal(doc->root->len, 100);
	expect_scalar(ordo_node_get(doc->root, "k57"), ORDO_NODE_NUMBER, "57", false);
	ordo_doc_free(doc);
	ordo_buf_release(&b);
}

static void yaml_long_key_shortened(void **state)
{
	ordo_buf b = ORDO_BUF_INIT;
	for (int k = 0; k < 2; k++) {
		for (int i = 0; i < 100; i++)
			ordo_buf_putc(&b, 'k');
		ordo_buf_puts(&b, ": 1\n");
	}
	ordo_diag d = load_bad(b.ptr, b.len, ORDO_SYNTAX_YAML, NULL);
	assert_int_equal(d.len, 1);
	assert_string_equal(
	    d.items[0].message,
	    "duplicate key 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...' "
	    "(first at line 1)");
	ordo_diag_release(&d);
	ordo_buf_release(&b);
}

static void yaml_key_must_be_scalar(void **state)
{
	const char *text = "? [a, b]\n: 1\n? {x: 1}\n: 2\nok: 3\n";
	ordo_diag d = load_bad(text, strlen(text), ORDO_SYNTAX_YAML, NULL);
	expect_diag(&d, 1, 3, "a mapping key must be a scalar");
	expect_diag(&d, 3, 3, "a mapping key must be a scalar");
	assert_int_equal(d.len, 2);
	ordo_diag_release(&d);
}

static void yaml_more_than_one_document(void **state)
{
	expect_only("a: 1\n---\nb: 2\n", ORDO_SYNTAX_YAML, 2, 1,
	            "more than one document in the file");
	/* one document with explicit markers is fine */
	ordo_doc *doc = load_ok("---\na: 1\n...\n", ORDO_SYNTAX_YAML);
	assert_int_equal(doc->root->type, ORDO_NODE_MAP);
	ordo_doc_free(doc);
}

static void yaml_syntax_errors(void **state)
{
	expect_only("a: b\n  c: d\n", ORDO_SYNTAX_YAML, 2, 4,
	            "invalid YAML: mapping values are not allowed in this context");
	expect_only("a: [b\n", ORDO_SYNTAX_YAML, 2, 1,
	            "invalid YAML: did not find expected ',' or ']' "
	            "(while parsing a flow sequence that starts at line 1)");
	expect_only("a: 'x\n", ORDO_SYNTAX_YAML, 2, 1,
	            "invalid YAML: found unexpected end of stream "
	            "(while scanning a quoted scalar that starts at line 1)");
}

/* ---- aliases ---- */

static void yaml_aliases_share_nodes(void **state)
{
	const char *text = "base: &b\n  x: 1\n  y: [1, 2]\nname: &n om\nuse: *b\nwho: *n\n";
	ordo_doc *doc = load_ok(text, ORDO_SYNTAX_YAML);
	const ordo_node *base = ordo_node_get(doc->root, "base");
	const ordo_node *use = ordo_node_get(doc->root, "use");
	assert_int_equal(use->type, ORDO_NODE_MAP);
	assert_int_equal(use->len, 2);
	assert_ptr_equal(use->u.items, base->u.items); /* shared, not copied */
	expect_at(use, 5, 6);                          /* where the alias is */
	expect_scalar(ordo_node_get(doc->root, "who"), ORDO_NODE_STRING, "om", false);
	expect_at(ordo_node_get(doc->root, "who"), 6, 6);
	ordo_doc_free(doc);

	/* an alias may be a key; its text is the key */
	doc = load_ok("- &k name\n- {*k : 1}\n", ORDO_SYNTAX_YAML);
	expect_scalar(ordo_node_get(&doc->root->u.items[1], "name"), ORDO_NODE_NUMBER, "1", false);
	ordo_doc_free(doc);
}

static void yaml_anchor_redefined(void **state)
{
	ordo_doc *doc = load_ok("a: &x 1\nb: *x\nc: &x [2]\nd: *x\n", ORDO_SYNTAX_YAML);
	expect_scalar(ordo_node_get(doc->root, "b"), ORDO_NODE_NUMBER, "1", false);
	assert_int_equal(ordo_node_get(doc->root, "d")->type, ORDO_NODE_SEQ);
	ordo_doc_free(doc);
}

static void crlf_positions(void **state)
{
	ordo_doc *doc = load_ok("a: 1\r\nb:\r\n  - x\r\n", ORDO_SYNTAX_YAML);
	expect_at(ordo_node_val(doc->root, 0), 1, 4);
	expect_at(&ordo_node_get(doc->root, "b")->u.items[0], 3, 5);
	ordo_doc_free(doc);
	doc = load_ok("{\"a\": 1,\r\n \"b\": [\r\n  \"x\"]}", ORDO_SYNTAX_JSON);
	expect_at(ordo_node_val(doc->root, 0), 1, 7);
	expect_at(ordo_node_key(doc->root, 1), 2, 2);
	expect_at(&ordo_node_val(doc->root, 1)->u.items[0], 3, 3);
	ordo_doc_free(doc);
}

static void yaml_alias_errors(void **state)
{
	const char *text = "a: *foo\nb: &r [1, *r]\nc: &m {k: 1}\n*m : 2\n";
	ordo_diag d = load_bad(text, strlen(text), ORDO_SYNTAX_YAML, NULL);
	expect_diag(&d, 1, 4, "unknown alias '*foo'");
	expect_diag(&d, 2, 11, "alias '*r' refers to a node that contains it");
	expect_diag(&d, 4, 1, "a mapping key must be a scalar");
	assert_int_equal(d.len, 3);
	ordo_diag_release(&d);
}

static const char *laughs(void)
{
	return "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	       "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	       "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	       "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
	       "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
	       "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
	       "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	       "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
	       "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
	       "j: &j [*i,*i,*i,*i,*i,*i,*i,*i,*i]\n";
}

static void yaml_billion_laughs(void **state)
{
	double t0 = now();
	ordo_diag d = load_bad(laughs(), strlen(laughs()), ORDO_SYNTAX_YAML, NULL);
	assert_int_equal(d.len, 1);
	assert_string_equal(d.items[0].message, "alias expansion exceeds 50000000 nodes");
	/* lines 1 to 8 expand to 54 million nodes: line 8 goes over */
	assert_int_equal(d.items[0].loc.line, 8);
	assert_true(now() - t0 < 1.0 * slow());
	ordo_diag_release(&d);

	/* with a smaller limit it fails earlier */
	ordo_load_options o = ORDO_LOAD_OPTIONS_INIT;
	o.max_nodes = 1000;
	d = load_bad(laughs(), strlen(laughs()), ORDO_SYNTAX_YAML, &o);
	assert_int_equal(d.len, 1);
	assert_string_equal(d.items[0].message, "alias expansion exceeds 1000 nodes");
	assert_int_equal(d.items[0].loc.line, 4);
	ordo_diag_release(&d);
}

/* ---- limits ---- */

static void limit_depth(void **state)
{
	int n = 100000;
	char *deep = malloc((size_t)n * 2 + 1);
	for (int i = 0; i < n; i++) {
		deep[i] = '[';
		deep[n + i] = ']';
	}
	deep[2 * n] = '\0';
	for (int syntax = ORDO_SYNTAX_YAML; syntax <= ORDO_SYNTAX_JSON; syntax++) {
		double t0 = now();
		ordo_diag d = load_bad(deep, strlen(deep), syntax, NULL);
		expect_diag(&d, 1, 257, "nesting deeper than 256 levels");
		assert_int_equal(d.len, 1);
		assert_true(now() - t0 < 1.0 * slow());
		ordo_diag_release(&d);
	}
	free(deep);

	ordo_load_options o = ORDO_LOAD_OPTIONS_INIT;
	o.max_depth = 2;
	ordo_diag d = load_bad("a:\n  b:\n    c: 1\n", 17, ORDO_SYNTAX_YAML, &o);
	expect_diag(&d, 3, 5, "nesting deeper than 2 levels");
	ordo_diag_release(&d);
	o.max_depth = 2;
	d = load_bad("{\"a\": {\"b\": {}}}", 16, ORDO_SYNTAX_JSON, &o);
	expect_diag(&d, 1, 13, "nesting deeper than 2 levels");
	ordo_diag_release(&d);
	o.max_depth = 3;
	ordo_doc *doc = NULL;
	d = (ordo_diag)ORDO_DIAG_INIT;
	assert_int_equal(load_opts(&doc, "{\"a\": {\"b\": {}}}", ORDO_SYNTAX_JSON, &o, &d), 0);
	ordo_doc_free(doc);
}

static void limit_scalar_small(void **state)
{
	ordo_load_options o = ORDO_LOAD_OPTIONS_INIT;
	o.max_scalar = 8;
	ordo_diag d = load_bad("a: 12345678\nb: 123456789\n", 24, ORDO_SYNTAX_YAML, &o);
	expect_diag(&d, 2, 4, "a scalar longer than 8 bytes");
	assert_int_equal(d.len, 1);
	ordo_diag_release(&d);
	o.max_scalar = 8;
	d = load_bad("{\"a\": \"12345678\",\n \"b\": \"123456789\"}", 36, ORDO_SYNTAX_JSON, &o);
	expect_diag(&d, 2, 7, "a scalar longer than 8 bytes");
	assert_int_equal(d.len, 1);
	ordo_diag_release(&d);
	/* keys and numbers are scalars too */
	o.max_scalar = 4;
	d = load_bad("{\"abcde\": 1}", 12, ORDO_SYNTAX_JSON, &o);
	expect_diag(&d, 1, 2, "a scalar longer than 4 bytes");
	ordo_diag_release(&d);
	o.max_scalar = 4;
	d = load_bad("[123456]", 8, ORDO_SYNTAX_JSON, &o);
	expect_diag(&d, 1, 2, "a scalar longer than 4 bytes");
	ordo_diag_release(&d);
}

/* A scalar far over the limit stops the load early, at its start: each
 * input below ends in a syntax error that a parser reading to the end of
 * the scalar would report instead. */
static void limit_scalar_huge(void **state)
{
	static const struct {
		int syntax;
		const char *head, *fill, *tail;
		uint32_t col;
		uint32_t line;
	} cases[] = {
	    {ORDO_SYNTAX_YAML, "a: 1\nb:  ", "x", "\n\tx", 5, 2},
	    {ORDO_SYNTAX_YAML, "a: 1\r\nb:  ", "x", "\r\n\tx", 5, 2},
	    {ORDO_SYNTAX_YAML, "- a\n- b\n-  ", "x", "\n\tx", 4, 3},
	    {ORDO_SYNTAX_YAML, "a: 1\nb:  \"", "x y ", "", 5, 2},
	    {ORDO_SYNTAX_YAML, "a: 1\nb:  |\n", "  text\n", "\ttext\n", 5, 2},
	    {ORDO_SYNTAX_JSON, "{\"a\": 1,\n\"b\":  \"", "x", "", 7, 2},
	    {ORDO_SYNTAX_JSON, "{\"a\": 1,\n\"b\":  \"", "\\n", "", 7, 2},
	    {ORDO_SYNTAX_JSON, "{\"a\": 1,\n\"b\":  \"", "\\u00e9", "", 7, 2},
	    {ORDO_SYNTAX_JSON, "{\"a\": 1,\n\"b\":  1", "0", "", 7, 2},
	};
	size_t n = (size_t)48 << 20;
	char *big = malloc(n + 64);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = strlen(cases[i].head), fill = strlen(cases[i].fill);
		memcpy(big, cases[i].head, len);
		for (; len + fill <= n; len += fill)
			memcpy(big + len, cases[i].fill, fill);
		memcpy(big + len, cases[i].tail, strlen(cases[i].tail));
		len += strlen(cases[i].tail);
		double t0 = now();
		ordo_diag d = load_bad(big, len, cases[i].syntax, NULL);
		expect_diag(&d, cases[i].line, cases[i].col, "a scalar longer than 1048576 bytes");
		assert_int_equal(d.len, 1);
		/* stopped long before the end */
		if (now() - t0 > 0.5 * slow())
			fail_msg("case %zu took %.2f s", i, now() - t0);
		ordo_diag_release(&d);
	}
	free(big);
}

/* Up to the limit is fine; a byte more is not. */
static void limit_scalar_exact(void **state)
{
	size_t max = (size_t)1 << 20;
	char *buf = malloc(max + 64);
	for (int syntax = ORDO_SYNTAX_YAML; syntax <= ORDO_SYNTAX_JSON; syntax++) {
		for (size_t extra = 0; extra <= 1; extra++) {
			size_t len = 0;
			buf[len++] = '[';
			buf[len++] = '"';
			for (size_t i = 0; i < max + extra; i++)
				buf[len++] = (char)('a' + i % 26);
			memcpy(buf + len, "\"]", 2);
			len += 2;
			ordo_load_options o = ORDO_LOAD_OPTIONS_INIT;
			o.syntax = syntax;
			ordo_diag d = ORDO_DIAG_INIT;
			ordo_doc *doc = NULL;
			int rc = ordo_load_buffer(&doc, buf, len, "t", &o, &d);
			if (extra) {
				assert_int_equal(rc, ORDO_EINVALID);
				expect_diag(&d, 1, 2, "a scalar longer than 1048576 bytes");
			} else {
				assert_int_equal(rc, 0);
				assert_int_equal(doc->root->u.items[0].len, max);
				assert_int_equal(strlen(doc->root->u.items[0].u.str), max);
			}
			ordo_doc_free(doc);
			ordo_diag_release(&d);
		}
	}
	free(buf);
}

/* Blank space and comments are not a scalar, however long. */
static void limit_scalar_not_comments(void **state)
{
	ordo_load_options o = ORDO_LOAD_OPTIONS_INIT;
	o.max_scalar = 1000;
	ordo_buf b = ORDO_BUF_INIT;
	ordo_buf_puts(&b, "a: 1 # ");
	for (int i = 0; i < 200000; i++)
		ordo_buf_putc(&b, 'c');
	ordo_buf_puts(&b, "\n");
	for (int i = 0; i < 100000; i++)
		ordo_buf_puts(&b, "# comment line\n   \n");
	ordo_buf_puts(&b, "b: 2\n");
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_doc *doc = NULL;
	o.syntax = ORDO_SYNTAX_YAML;
	assert_int_equal(ordo_load_buffer(&doc, b.ptr, b.len, "t", &o, &d), 0);
	expect_scalar(ordo_node_get(doc->root, "b"), ORDO_NODE_NUMBER, "2", false);
	expect_at(ordo_node_get(doc->root, "b"), 200002, 4);
	ordo_doc_free(doc);
	ordo_buf_release(&b);

	/* a long block scalar is a scalar */
	b = (ordo_buf)ORDO_BUF_INIT;
	ordo_buf_puts(&b, "a: 1\nb: |\n");
	for (int i = 0; i < 100000; i++)
		ordo_buf_puts(&b, "  # not a comment here\n");
	d = load_bad(b.ptr, b.len, ORDO_SYNTAX_YAML, &o);
	expect_diag(&d, 2, 4, "a scalar longer than 1000 bytes");
	ordo_diag_release(&d);
	ordo_buf_release(&b);
}

static void limit_nodes(void **state)
{
	ordo_load_options o = ORDO_LOAD_OPTIONS_INIT;
	o.max_nodes = 5;
	ordo_doc *doc = NULL;
	ordo_diag d = ORDO_DIAG_INIT;
	assert_int_equal(load_opts(&doc, "[1, 2, 3, 4]", ORDO_SYNTAX_JSON, &o, &d), 0);
	ordo_doc_free(doc);
	o.max_nodes = 5;
	d = load_bad("[1, 2, 3, 4, 5]", 15, ORDO_SYNTAX_JSON, &o);
	expect_diag(&d, 1, 14, "the document has more than 5 nodes");
	ordo_diag_release(&d);
	o.max_nodes = 5;
	d = load_bad("a: 1\nb: 2\nc: 3\n", 15, ORDO_SYNTAX_YAML, &o);
	expect_diag(&d, 3, 1, "the document has more than 5 nodes");
	ordo_diag_release(&d);
}

static void limit_bytes(void **state)
{
	ordo_load_options o = ORDO_LOAD_OPTIONS_INIT;
	o.max_bytes = 10;
	ordo_diag d = load_bad("a: 1\nb: 2\nc: 3\n", 15, ORDO_SYNTAX_YAML, &o);
	assert_string_equal(d.items[0].message, "'t' is larger than 10 bytes");
	assert_int_equal(d.items[0].loc.line, 0);
	ordo_diag_release(&d);

	char *path = temp_file(".json", "[1, 2, 3, 4, 5, 6]", 18);
	d = (ordo_diag)ORDO_DIAG_INIT;
	ordo_doc *doc = NULL;
	assert_int_equal(ordo_load_file(&doc, path, "big.json", &o, &d), ORDO_EINVALID);
	assert_int_equal(d.len, 1);
	assert_string_equal(d.items[0].message, "'big.json' is larger than 10 bytes");
	ordo_diag_release(&d);
	unlink(path);
	free(path);
}

/* ---- bytes ---- */

static void yaml_nul_utf8_control(void **state)
{
	ordo_diag d = load_bad("a: 1\nb: x\0y\n", 12, ORDO_SYNTAX_YAML, NULL);
	expect_diag(&d, 2, 5, "NUL byte in input");
	assert_int_equal(d.len, 1);
	ordo_diag_release(&d);
	expect_only("a: 1\nb: \xc3\xa9\xff\n", ORDO_SYNTAX_YAML, 2, 5, "invalid UTF-8");
	expect_only("a: \xc3(\n", ORDO_SYNTAX_YAML, 1, 4, "invalid UTF-8");
	expect_only("a: \xc0\xaf\n", ORDO_SYNTAX_YAML, 1, 4, "invalid UTF-8");     /* overlong */
	expect_only("a: \xed\xa0\x80\n", ORDO_SYNTAX_YAML, 1, 4, "invalid UTF-8"); /* surrogate */
	expect_only("a: b\xe2\x82", ORDO_SYNTAX_YAML, 1, 5, "invalid UTF-8");      /* cut short */
	expect_only("a: \x07\n", ORDO_SYNTAX_YAML, 1, 4, "control character U+0007 is not allowed");
	expect_only("# \xc2\x9b\n", ORDO_SYNTAX_YAML, 1, 3,
	            "control character U+009B is not allowed");
	/* a byte order mark is fine and takes no column */
	ordo_doc *doc = load_ok("\xef\xbb\xbf"
	                        "a: 1\n",
	                        ORDO_SYNTAX_YAML);
	expect_at(ordo_node_val(doc->root, 0), 1, 4);
	ordo_doc_free(doc);
	/* an earlier syntax error is reported rather than a later bad byte */
	expect_only("a: [\n}\nb: \xff\n", ORDO_SYNTAX_YAML, 2, 1,
	            "invalid YAML: did not find expected node content (while parsing a flow node)");
}

static void nul_character_in_string(void **state)
{
	expect_only("a: \"x\\0y\"\n", ORDO_SYNTAX_YAML, 1, 4, "NUL character in a string");
	expect_only("{\"a\": \"x\\u0000y\"}", ORDO_SYNTAX_JSON, 1, 7, "NUL character in a string");
}

/* ---- JSON ---- */

static void json_types(void **state)
{
	ordo_doc *doc =
	    load_ok("{\"n\": null, \"t\": true, \"f\": false, \"i\": -12, \"x\": 1.5e+3,\n"
	            " \"s\": \"a\\u00e9\\n\\\"\", \"e\": \"\", \"l\": [], \"m\": {}}",
	            ORDO_SYNTAX_JSON);
	const ordo_node *r = doc->root;
	assert_int_equal(doc->syntax, ORDO_SYNTAX_JSON);
	assert_int_equal(r->type, ORDO_NODE_MAP);
	assert_int_equal(r->len, 9);
	expect_scalar(ordo_node_get(r, "n"), ORDO_NODE_NULL, "null", false);
	expect_scalar(ordo_node_get(r, "t"), ORDO_NODE_BOOL, "true", false);
	assert_int_equal(ordo_node_get(r, "t")->boolean, 1);
	expect_scalar(ordo_node_get(r, "f"), ORDO_NODE_BOOL, "false", false);
	assert_int_equal(ordo_node_get(r, "f")->boolean, 0);
	expect_scalar(ordo_node_get(r, "i"), ORDO_NODE_NUMBER, "-12", false);
	expect_scalar(ordo_node_get(r, "x"), ORDO_NODE_NUMBER, "1.5e+3", false);
	expect_scalar(ordo_node_get(r, "s"), ORDO_NODE_STRING, "a\xc3\xa9\n\"", true);
	expect_scalar(ordo_node_get(r, "e"), ORDO_NODE_STRING, "", true);
	expect_scalar(ordo_node_key(r, 0), ORDO_NODE_STRING, "n", true);
	assert_int_equal(ordo_node_get(r, "l")->type, ORDO_NODE_SEQ);
	assert_int_equal(ordo_node_get(r, "l")->len, 0);
	assert_int_equal(ordo_node_get(r, "m")->type, ORDO_NODE_MAP);
	ordo_doc_free(doc);

	doc = load_ok("  \"only\"  ", ORDO_SYNTAX_JSON);
	expect_scalar(doc->root, ORDO_NODE_STRING, "only", true);
	expect_at(doc->root, 1, 3);
	ordo_doc_free(doc);
	doc = load_ok("\n 42", ORDO_SYNTAX_JSON);
	expect_scalar(doc->root, ORDO_NODE_NUMBER, "42", false);
	expect_at(doc->root, 2, 2);
	ordo_doc_free(doc);
	doc = load_ok(" \n\t ", ORDO_SYNTAX_JSON);
	assert_null(doc->root);
	ordo_doc_free(doc);
	doc = load_ok("", ORDO_SYNTAX_JSON);
	assert_null(doc->root);
	ordo_doc_free(doc);
}

static const char json_positions_text[] = "{\n"
                                          "  \"name\": \"om\",\n"
                                          "  \"roles\" : [\n"
                                          "    {\"name\": \"gateway\", \"n\": 12345},\n"
                                          "    [true,false ,null],\n"
                                          "    \"\\u00e9t\xc3\xa9\", \"x\"\n"
                                          "  ],\n"
                                          "  \"\xc3\xa9\": {}\n"
                                          "}\n";

static void check_json_positions(void)
{
	ordo_doc *doc = load_ok(json_positions_text, ORDO_SYNTAX_JSON);
	const ordo_node *r = doc->root;
	expect_at(r, 1, 1);
	expect_at(ordo_node_key(r, 0), 2, 3);
	expect_at(ordo_node_val(r, 0), 2, 11);
	expect_at(ordo_node_key(r, 1), 3, 3);
	const ordo_node *roles = ordo_node_val(r, 1);
	expect_at(roles, 3, 13);
	assert_int_equal(roles->len, 4);
	const ordo_node *m = &roles->u.items[0];
	expect_at(m, 4, 5);
	expect_at(ordo_node_key(m, 0), 4, 6);
	expect_at(ordo_node_val(m, 0), 4, 14);
	expect_at(ordo_node_key(m, 1), 4, 25);
	expect_at(ordo_node_val(m, 1), 4, 30);
	const ordo_node *l = &roles->u.items[1];
	expect_at(l, 5, 5);
	expect_at(&l->u.items[0], 5, 6);
	expect_at(&l->u.items[1], 5, 11);
	expect_at(&l->u.items[2], 5, 18);
	expect_at(&roles->u.items[2], 6, 5);
	/* columns count characters: "\u00e9té" is 9 characters */
	expect_at(&roles->u.items[3], 6, 17);
	expect_at(ordo_node_key(r, 2), 8, 3);
	expect_at(ordo_node_val(r, 2), 8, 8);
	ordo_doc_free(doc);
}

static void json_positions(void **state)
{
	check_json_positions();
}

/* The same positions whatever the chunks the input is fed in. */
static void json_positions_across_chunks(void **state)
{
	for (size_t chunk = 1; chunk <= 13; chunk++) {
		ordo_load_json_set_chunk_size(chunk);
		check_json_positions();
	}
	ordo_load_json_set_chunk_size(0);
}

/* A document over 64 KiB: positions after the first chunk boundary. */
static void json_positions_large(void **state)
{
	ordo_buf b = ORDO_BUF_INIT;
	ordo_buf_puts(&b, "[\n");
	for (int i = 0; i < 20000; i++)
		ordo_buf_printf(&b, "  {\"k\": \"value %d\", \"n\": %d},\n", i, i);
	ordo_buf_puts(&b, "  \"end\"\n]\n");
	assert_true(b.len > 3 * 65536);
	ordo_doc *doc = load_ok(b.ptr, ORDO_SYNTAX_JSON);
	assert_int_equal(doc->root->len, 20001);
	for (uint32_t i = 0; i < 20000; i += 997) {
		const ordo_node *m = &doc->root->u.items[i];
		expect_at(m, i + 2, 3);
		expect_at(ordo_node_key(m, 0), i + 2, 4);
		expect_at(ordo_node_val(m, 0), i + 2, 9);
		char want[32];
		snprintf(want, sizeof(want), "value %u", i);
		expect_scalar(ordo_node_val(m, 0), ORDO_NODE_STRING, want, true);
	}
	expect_at(&doc->root->u.items[20000], 20002, 3);
	ordo_doc_free(doc);
	ordo_buf_release(&b);
}

static void json_duplicate_keys(void **state)
{
	const char *text = "{\"roles\": 1,\n \"a\": {\"x\": 1, \"x\": 2},\n \"roles\": 3}";
	for (size_t chunk = 0; chunk <= 5; chunk += 5) {
		ordo_load_json_set_chunk_size(chunk);
		ordo_diag d = load_bad(text, strlen(text), ORDO_SYNTAX_JSON, NULL);
		expect_diag(&d, 2, 16, "duplicate key 'x' (first at line 2)");
		expect_diag(&d, 3, 2, "duplicate key 'roles' (first at line 1)");
		assert_int_equal(d.len, 2);
		ordo_diag_release(&d);
	}
	ordo_load_json_set_chunk_size(0);
}

static void json_syntax_errors(void **state)
{
	expect_only("[1, x]", ORDO_SYNTAX_JSON, 1, 5, "invalid JSON: unexpected character 'x'");
	expect_only("{\n  \"a\": 1,\n  \"b\" 2\n}", ORDO_SYNTAX_JSON, 3, 7,
	            "invalid JSON: expected ':' after an object key");
	expect_only("[1 2]", ORDO_SYNTAX_JSON, 1, 4,
	            "invalid JSON: expected ',' or ']' after a list item");
	expect_only("{\"a\": 1 \"b\"}", ORDO_SYNTAX_JSON, 1, 9,
	            "invalid JSON: expected ',' or '}' after an object member");
	expect_only("{1: 2}", ORDO_SYNTAX_JSON, 1, 2,
	            "invalid JSON: an object key must be a string");
	expect_only("[1,]", ORDO_SYNTAX_JSON, 1, 4, "invalid JSON: unexpected character ']'");
	expect_only("[1,,2]", ORDO_SYNTAX_JSON, 1, 4, "invalid JSON: unexpected character ','");
	expect_only("[tru]", ORDO_SYNTAX_JSON, 1, 2, "invalid JSON: 'tru' is not a value");
	expect_only("[1]\n  [2]", ORDO_SYNTAX_JSON, 2, 3,
	            "invalid JSON: unexpected text after the top-level value");
	expect_only("[1] 2", ORDO_SYNTAX_JSON, 1, 5,
	            "invalid JSON: unexpected text after the top-level value");
	expect_only("{\"a\": [1,\n", ORDO_SYNTAX_JSON, 2, 1,
	            "invalid JSON: unexpected end of input");
	expect_only("[-]", ORDO_SYNTAX_JSON, 1, 2,
	            "invalid JSON: malformed number, a digit is required after the minus sign");
	expect_only("[\"a\tb\"]", ORDO_SYNTAX_JSON, 1, 4,
	            "invalid JSON: a control character in a string must be escaped");
	expect_only("[/* c */ 1]", ORDO_SYNTAX_JSON, 1, 2,
	            "invalid JSON: comments are not allowed");
	expect_only("[\"\\q\"]", ORDO_SYNTAX_JSON, 1, 2,
	            "invalid JSON: invalid escape in a string");
}

static void json_bytes(void **state)
{
	for (size_t chunk = 0; chunk <= 3; chunk += 3) {
		ordo_load_json_set_chunk_size(chunk);
		expect_only("[1,\n \"ab\xff\"]", ORDO_SYNTAX_JSON, 2, 5, "invalid UTF-8");
		expect_only("[1,\n \"ab\xc3(\"]", ORDO_SYNTAX_JSON, 2, 5, "invalid UTF-8");
		expect_only("[1,\n \"\xc3\xa9\xed\xa0\x80\"]", ORDO_SYNTAX_JSON, 2, 4,
		            "invalid UTF-8");
		expect_only("[1,\n \"x\xc0\xaf\"]", ORDO_SYNTAX_JSON, 2, 4, "invalid UTF-8");
		expect_only("{\"\xf5\x80\x80\x80\": 1}", ORDO_SYNTAX_JSON, 1, 3, "invalid UTF-8");
		expect_only("[\"\\udc00\"]", ORDO_SYNTAX_JSON, 1, 2,
		            "invalid JSON: unpaired surrogate escape in a string");
		expect_only("[1,\n \xc3\xa9]", ORDO_SYNTAX_JSON, 2, 2,
		            "invalid JSON: unexpected byte 0xC3");
		expect_only("[1,\n \xff]", ORDO_SYNTAX_JSON, 2, 2, "invalid UTF-8");
		expect_only("[\"ab\xe2\x82", ORDO_SYNTAX_JSON, 1, 5, "invalid UTF-8");
		ordo_diag d = load_bad("[1,\n \"a\0b\"]", 11, ORDO_SYNTAX_JSON, NULL);
		expect_diag(&d, 2, 4, "NUL byte in input");
		assert_int_equal(d.len, 1);
		ordo_diag_release(&d);
	}
	ordo_load_json_set_chunk_size(0);
	/* a syntax error before the NUL byte is the one reported */
	ordo_diag d = load_bad("[1 2, \0]", 8, ORDO_SYNTAX_JSON, NULL);
	expect_diag(&d, 1, 4, "invalid JSON: expected ',' or ']' after a list item");
	assert_int_equal(d.len, 1);
	ordo_diag_release(&d);
	/* a byte order mark is skipped */
	ordo_doc *doc = load_ok("\xef\xbb\xbf[1]", ORDO_SYNTAX_JSON);
	expect_at(&doc->root->u.items[0], 1, 2);
	ordo_doc_free(doc);
}

/* ---- files ---- */

static void file_missing(void **state)
{
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_doc *doc = (ordo_doc *)1;
	int rc = ordo_load_file(&doc, "/tmp/ordo-no-such-dir/x.yaml", NULL, NULL, &d);
	assert_int_equal(rc, ORDO_ENOTFOUND);
	assert_null(doc);
	assert_int_equal(d.len, 1);
	assert_string_equal(
	    d.items[0].message,
	    "cannot read '/tmp/ordo-no-such-dir/x.yaml': no such file or directory");
	assert_null(d.items[0].loc.file);
	assert_int_equal(d.items[0].loc.line, 0);
	ordo_diag_release(&d);
}

static void file_directory_and_fifo(void **state)
{
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_doc *doc = NULL;
	assert_int_equal(ordo_load_file(&doc, "/tmp", NULL, NULL, &d), ORDO_EINVALID);
	assert_null(doc);
	assert_int_equal(d.len, 1);
	assert_string_equal(d.items[0].message, "'/tmp' is a directory, not a file");
	assert_int_equal(d.items[0].loc.line, 0);
	ordo_diag_release(&d);

	char path[64];
	snprintf(path, sizeof(path), "/tmp/ordo-test-fifo-%ld", (long)getpid());
	unlink(path);
	assert_int_equal(mkfifo(path, 0600), 0);
	double t0 = now();
	assert_int_equal(ordo_load_file(&doc, path, "pipe.yaml", NULL, &d), ORDO_EINVALID);
	assert_true(now() - t0 < 1.0 * slow());
	assert_int_equal(d.len, 1);
	assert_string_equal(d.items[0].message, "'pipe.yaml' is not a regular file");
	ordo_diag_release(&d);
	unlink(path);
}

static void file_syntax_by_extension_and_content(void **state)
{
	static const struct {
		const char *suffix, *text;
		int syntax;
	} cases[] = {
	    {".json", "{\"a\": 1}", ORDO_SYNTAX_JSON},
	    {".yaml", "{\"a\": 1}", ORDO_SYNTAX_YAML},
	    {".yml", "a: 1", ORDO_SYNTAX_YAML},
	    {".JSON", "\n [1]", ORDO_SYNTAX_JSON},
	    {".conf", "  \n{\"a\": 1}", ORDO_SYNTAX_JSON},
	    {".conf", "[1, 2]", ORDO_SYNTAX_JSON},
	    {".conf", "a: 1", ORDO_SYNTAX_YAML},
	    {"", "", ORDO_SYNTAX_YAML},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = temp_file(cases[i].suffix, cases[i].text, strlen(cases[i].text));
		ordo_diag d = ORDO_DIAG_INIT;
		ordo_doc *doc = NULL;
		assert_int_equal(ordo_load_file(&doc, path, NULL, NULL, &d), 0);
		assert_int_equal(doc->syntax, cases[i].syntax);
		assert_string_equal(doc->file, path);
		ordo_doc_free(doc);
		unlink(path);
		free(path);
	}
	/* a .json file is read as JSON even when it looks like YAML */
	char *path = temp_file(".json", "a: 1\n", 5);
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_doc *doc = NULL;
	assert_int_equal(ordo_load_file(&doc, path, "estate.json", NULL, &d), ORDO_EINVALID);
	assert_int_equal(d.len, 1);
	assert_string_equal(d.items[0].loc.file, "estate.json");
	assert_int_equal(d.items[0].loc.line, 1);
	assert_int_equal(d.items[0].loc.col, 1);
	assert_string_equal(d.items[0].message, "invalid JSON: unexpected character 'a'");
	ordo_diag_release(&d);
	unlink(path);
	free(path);
}

/* Files go through the same front ends, streaming; one test per syntax
 * with a file larger than one read. */
static void file_streaming(void **state)
{
	ordo_buf b = ORDO_BUF_INIT;
	for (int i = 0; i < 30000; i++)
		ordo_buf_printf(&b, "k%d: {n: %d, s: \"v%d\"}\n", i, i, i);
	ordo_buf_puts(&b, "k17: dup\n");
	char *path = temp_file(".yaml", b.ptr, b.len);
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_doc *doc = NULL;
	assert_int_equal(ordo_load_file(&doc, path, "s.yaml", NULL, &d), ORDO_EINVALID);
	assert_int_equal(d.len, 1);
	assert_string_equal(d.items[0].message, "duplicate key 'k17' (first at line 18)");
	assert_int_equal(d.items[0].loc.line, 30001);
	ordo_diag_release(&d);
	unlink(path);
	free(path);

	b.len -= strlen("k17: dup\n");
	path = temp_file(".yaml", b.ptr, b.len);
	assert_int_equal(ordo_load_file(&doc, path, NULL, NULL, &d), 0);
	assert_int_equal(doc->root->len, 30000);
	const ordo_node *v = ordo_node_get(doc->root, "k29999");
	expect_at(v, 30000, 9);
	expect_scalar(ordo_node_get(v, "s"), ORDO_NODE_STRING, "v29999", true);
	ordo_doc_free(doc);
	unlink(path);
	free(path);
	ordo_buf_release(&b);

	b = (ordo_buf)ORDO_BUF_INIT;
	ordo_buf_puts(&b, "[");
	for (int i = 0; i < 30000; i++)
		ordo_buf_printf(&b, "%s\n {\"n\": %d}", i ? "," : "", i);
	ordo_buf_puts(&b, "]");
	path = temp_file(".json", b.ptr, b.len);
	assert_int_equal(ordo_load_file(&doc, path, NULL, NULL, &d), 0);
	assert_int_equal(doc->root->len, 30000);
	expect_at(&doc->root->u.items[29999], 30001, 2);
	expect_at(ordo_node_val(&doc->root->u.items[29999], 0), 30001, 8);
	ordo_doc_free(doc);
	unlink(path);
	free(path);
	ordo_buf_release(&b);
}

static void buffer_sniffing(void **state)
{
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_doc *doc = NULL;
	assert_int_equal(ordo_load_buffer(&doc, " [1]", 4, NULL, NULL, &d), 0);
	assert_int_equal(doc->syntax, ORDO_SYNTAX_JSON);
	assert_string_equal(doc->file, "<input>");
	ordo_doc_free(doc);
	assert_int_equal(ordo_load_buffer(&doc, "- 1", 3, NULL, NULL, &d), 0);
	assert_int_equal(doc->syntax, ORDO_SYNTAX_YAML);
	ordo_doc_free(doc);
	/* the name's extension decides before the content does */
	assert_int_equal(ordo_load_buffer(&doc, "[a, b]", 6, "x.yaml", NULL, &d), 0);
	assert_int_equal(doc->syntax, ORDO_SYNTAX_YAML);
	assert_int_equal(doc->root->len, 2);
	ordo_doc_free(doc);
	assert_int_equal(d.len, 0);
}

/* ---- a file is read on a second thread: it must agree with a buffer ----
 *
 * ordo_load_file parses on a reader thread and replays what it read into
 * the builder; ordo_load_buffer feeds the builder directly. Every input of
 * the estate and catalog fuzz corpora and every case estate (valid and
 * broken ones, read both as YAML and as JSON, in whole and in tiny
 * chunks, with and without folds) must give the same tree, positions,
 * folds and messages either way. */

static ordo_buf fold_log;

static bool log_list(void *ud, const char *const *keys, uint32_t depth)
{
	(void)ud;
	/* take every list under a mapping key two levels down or deeper */
	if (depth < 3 || !keys[depth - 1])
		return false;
	ordo_buf_printf(&fold_log, "list %s@%u\n", keys[depth - 1], depth);
	return true;
}

static int log_item(void *ud, const ordo_doc *doc, const ordo_node *item)
{
	(void)ud;
	(void)doc;
	ordo_buf_printf(&fold_log, "item %d %u:%u %s\n", item->type, item->line, item->col,
			ordo_node_is_scalar(item) ? item->u.str : "-");
	return 0;
}

static void log_end(void *ud, const ordo_doc *doc, ordo_node *list)
{
	(void)ud;
	(void)doc;
	ordo_buf_printf(&fold_log, "end %u:%u %u\n", list->line, list->col, list->len);
}

static int log_fold(void *ud, const ordo_doc *doc, const char *key, const ordo_node *map,
		    ordo_node *out)
{
	(void)ud;
	(void)doc;
	(void)out;
	ordo_buf_printf(&fold_log, "fold %s %u:%u %u\n", key, map->line, map->col, map->len);
	return map->len == 1 ? 2 : 0;
}

static void dump(ordo_buf *b, const ordo_node *n)
{
	ordo_buf_printf(b, "%d/%d/%d %u:%u %u", n->type, n->quoted, n->boolean, n->line, n->col,
			n->len);
	if (ordo_node_is_scalar(n)) {
		ordo_buf_put(b, " ", 1);
		ordo_buf_put(b, n->u.str, n->len);
	} else if (!ordo_node_is_folded(n)) {
		uint32_t k = n->type == ORDO_NODE_MAP ? 2 * n->len : n->len;
		ordo_buf_puts(b, " [");
		for (uint32_t i = 0; i < k; i++)
			dump(b, &n->u.items[i]);
		ordo_buf_puts(b, "]");
	}
	ordo_buf_puts(b, "\n");
}

/* Everything a load gives: result, messages, tree, fold calls. */
static void outcome(ordo_buf *b, int rc, const ordo_doc *doc, const ordo_diag *d)
{
	ordo_buf_printf(b, "rc %d\n", rc);
	for (size_t i = 0; i < d->len; i++)
		ordo_buf_printf(b, "%s:%u:%u: %s\n", d->items[i].loc.file ? d->items[i].loc.file : "-",
				d->items[i].loc.line, d->items[i].loc.col, d->items[i].message);
	if (doc && doc->root)
		dump(b, doc->root);
	ordo_buf_put(b, fold_log.ptr ? fold_log.ptr : "", fold_log.len);
	fold_log.len = 0;
}

static unsigned agree_limited(const char *data, size_t len, int syntax, bool folds,
			      size_t max_nodes, size_t max_bytes)
{
	ordo_load_options o = ORDO_LOAD_OPTIONS_INIT;
	o.syntax = syntax;
	o.max_nodes = max_nodes;
	o.max_bytes = max_bytes;
	o.max_scalar = 4096; /* some inputs go past it */
	if (folds) {
		o.fold = log_fold;
		o.fold_list = log_list;
		o.fold_item = log_item;
		o.fold_end = log_end;
	}
	ordo_buf want = ORDO_BUF_INIT, got = ORDO_BUF_INIT;
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_doc *doc = NULL;
	fold_log.len = 0;
	int rc = ordo_load_buffer(&doc, data, len, "f", &o, &d);
	outcome(&want, rc, doc, &d);
	ordo_doc_free(doc);
	ordo_diag_release(&d);

	char *path = temp_file("", data, len);
	d = (ordo_diag)ORDO_DIAG_INIT;
	doc = NULL;
	rc = ordo_load_file(&doc, path, "f", &o, &d);
	outcome(&got, rc, doc, &d);
	ordo_doc_free(doc);
	ordo_diag_release(&d);
	unlink(path);
	free(path);
	if (want.len != got.len || memcmp(want.ptr, got.ptr, want.len) != 0) {
		fprintf(stderr, "buffer:\n%.*s\nfile:\n%.*s\n", (int)(want.len < 4000 ? want.len : 4000),
			want.ptr, (int)(got.len < 4000 ? got.len : 4000), got.ptr);
		fail_msg("a file and a buffer disagree (%s, folds %d)",
			 syntax == ORDO_SYNTAX_JSON ? "JSON" : "YAML", folds);
	}
	ordo_buf_release(&want);
	ordo_buf_release(&got);
	return 1;
}

static unsigned agree_one(const char *data, size_t len, int syntax, bool folds)
{
	return agree_limited(data, len, syntax, folds, 0, 0);
}

static unsigned agree_dir(const char *dir, const char *only)
{
	unsigned n = 0;
	DIR *dp = opendir(dir);
	assert_non_null(dp);
	struct dirent *de;
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		char path[8192];
		snprintf(path, sizeof(path), "%s/%s%s%s", dir, de->d_name, only ? "/" : "",
			 only ? only : "");
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		ordo_buf data = ORDO_BUF_INIT;
		char chunk[65536];
		size_t k;
		while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
			ordo_buf_put(&data, chunk, k);
		fclose(f);
		const char *text = data.ptr ? data.ptr : "";
		for (int folds = 0; folds < 2; folds++) {
			n += agree_one(text, data.len, ORDO_SYNTAX_JSON, folds);
			n += agree_one(text, data.len, ORDO_SYNTAX_YAML, folds);
		}
		ordo_load_json_set_chunk_size(5);
		n += agree_one(text, data.len, ORDO_SYNTAX_JSON, true);
		ordo_load_json_set_chunk_size(0);
		/* over the size limit: both refuse it alike, before reading */
		if (data.len > 40) {
			n += agree_limited(text, data.len, ORDO_SYNTAX_JSON, false, 0, data.len / 2);
			n += agree_limited(text, data.len, ORDO_SYNTAX_YAML, false, 0, data.len / 2);
		}
		ordo_buf_release(&data);
	}
	closedir(dp);
	return n;
}

/* ---- UTF-16 with a byte order mark ---- */

/* text (UTF-8) as UTF-16 with a byte order mark; raw units are appended
 * as they are with utf16_unit(). */
static void utf16_unit(ordo_buf *out, uint32_t u, bool big)
{
	unsigned char p[2] = {big ? (unsigned char)(u >> 8) : (unsigned char)u,
			      big ? (unsigned char)u : (unsigned char)(u >> 8)};
	ordo_buf_put(out, (const char *)p, 2);
}

static void utf16(ordo_buf *out, const char *text, bool big, bool bom)
{
	if (bom)
		utf16_unit(out, 0xFEFF, big);
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		uint32_t c;
		if (*p < 0x80)
			c = *p++;
		else if (*p < 0xE0)
			c = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F), p += 2;
		else if (*p < 0xF0)
			c = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F),
			p += 3;
		else
			c = (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
			    (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F),
			p += 4;
		if (c >= 0x10000) {
			utf16_unit(out, 0xD800 + ((c - 0x10000) >> 10), big);
			utf16_unit(out, 0xDC00 + ((c - 0x10000) & 0x3FF), big);
		} else {
			utf16_unit(out, c, big);
		}
	}
}

/* The outcome of loading data as a buffer, or as a file when path. */
static void load_outcome(ordo_buf *out, const char *data, size_t len, int syntax, bool file)
{
	ordo_load_options o = ORDO_LOAD_OPTIONS_INIT;
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_doc *doc = NULL;
	o.syntax = syntax;
	int rc;
	if (file) {
		char *path = temp_file("", data, len);
		rc = ordo_load_file(&doc, path, "f", &o, &d);
		unlink(path);
		free(path);
	} else {
		rc = ordo_load_buffer(&doc, data, len, "f", &o, &d);
	}
	fold_log.len = 0;
	outcome(out, rc, doc, &d);
	ordo_doc_free(doc);
	ordo_diag_release(&d);
}

/* text in UTF-16 (each byte order, as a buffer and as a file, JSON also in
 * tiny chunks) loads as text in UTF-8 does: the same tree, positions and
 * messages. */
static void same_as_utf8(const char *text, int syntax)
{
	for (int big = 0; big < 2; big++) {
		ordo_buf u = ORDO_BUF_INIT;
		utf16(&u, text, big, true);
		for (int file = 0; file < 3; file++) {
			ordo_buf want = ORDO_BUF_INIT, got = ORDO_BUF_INIT;
			if (file == 2)
				ordo_load_json_set_chunk_size(5);
			load_outcome(&want, text, strlen(text), syntax, file != 0);
			load_outcome(&got, u.ptr, u.len, syntax, file != 0);
			ordo_load_json_set_chunk_size(0);
			if (want.len != got.len || memcmp(want.ptr, got.ptr, want.len) != 0)
				fail_msg("UTF-16 (%s, %s) differs from UTF-8:\n%.*s\nvs\n%.*s",
					 big ? "BE" : "LE", file ? "file" : "buffer", (int)want.len,
					 want.ptr, (int)got.len, got.ptr);
			ordo_buf_release(&want);
			ordo_buf_release(&got);
		}
		ordo_buf_release(&u);
	}
}

static void utf16_reads_as_utf8(void **state)
{
	(void)state;
	same_as_utf8("name: caf\xC3\xA9\nos: \"Windows \xE2\x82\xAC\"\nemoji: [\xF0\x9F\x98\x80, x]\n",
		     ORDO_SYNTAX_YAML);
	same_as_utf8("a: 1\r\nb: \xF0\x9F\x98\x80\xF0\x9F\x98\x80 x\r\nb: 2\r\n", ORDO_SYNTAX_YAML);
	same_as_utf8("{\"a\": \"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\", \"a\": 1,\r\n \"b\": [1, tru]}",
		     ORDO_SYNTAX_JSON);
	same_as_utf8("  \n[\"\xF0\x90\x80\x80\", \"\xF4\x8F\xBF\xBF\", \"\xEF\xBF\xBD\"]",
		     ORDO_SYNTAX_JSON);
	same_as_utf8("k: \"nul \\0 is fine escaped\"\nbad: \x01\n", ORDO_SYNTAX_YAML);
	same_as_utf8("", ORDO_SYNTAX_YAML);

	/* the syntax is sniffed from the decoded characters */
	ordo_buf u = ORDO_BUF_INIT;
	utf16(&u, " \n[1, 2]", true, true);
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_doc *doc = NULL;
	assert_int_equal(ordo_load_buffer(&doc, u.ptr, u.len, NULL, NULL, &d), 0);
	assert_int_equal(doc->syntax, ORDO_SYNTAX_JSON);
	assert_int_equal(doc->root->len, 2);
	ordo_doc_free(doc);
	ordo_buf_release(&u);
}

/* A large file: blocks of the raw input end inside surrogate pairs and
 * inside the UTF-8 of a character; every position still agrees. */
static void utf16_large_file(void **state)
{
	(void)state;
	ordo_buf text = ORDO_BUF_INIT;
	ordo_buf_puts(&text, "items:\n");
	for (int i = 0; i < 30000; i++)
		ordo_buf_printf(&text, "  - {n: %d, s: \"\xF0\x9F\x98\x80%.*s\xC3\xA9\"}\n", i, i % 7,
				"abcdefg");
	ordo_buf_puts(&text, "  - {n: 1, n: 2}\n");
	for (int big = 0; big < 2; big++) {
		ordo_buf u = ORDO_BUF_INIT, want = ORDO_BUF_INIT, got = ORDO_BUF_INIT;
		utf16(&u, ordo_buf_cstr(&text), big, true);
		load_outcome(&want, text.ptr, text.len, ORDO_SYNTAX_YAML, true);
		load_outcome(&got, u.ptr, u.len, ORDO_SYNTAX_YAML, true);
		assert_true(want.len == got.len && memcmp(want.ptr, got.ptr, want.len) == 0);
		assert_non_null(strstr(ordo_buf_cstr(&got), "f:30002:12: duplicate key 'n'"));
		ordo_buf_release(&u);
		ordo_buf_release(&want);
		ordo_buf_release(&got);
	}
	ordo_buf_release(&text);
}

/* The first message of loading data as a buffer and as a file, which
 * must agree; returned for the caller to free. */
static char *utf16_bad(const char *data, size_t len, int syntax)
{
	ordo_buf a = ORDO_BUF_INIT, b = ORDO_BUF_INIT;
	load_outcome(&a, data, len, syntax, false);
	load_outcome(&b, data, len, syntax, true);
	if (a.len != b.len || memcmp(a.ptr, b.ptr, a.len) != 0)
		fail_msg("a file and a buffer disagree:\n%.*s\nvs\n%.*s", (int)a.len, a.ptr,
			 (int)b.len, b.ptr);
	ordo_buf_release(&b);
	return ordo_buf_detach(&a);
}

static void utf16_errors(void **state)
{
	(void)state;
	for (int big = 0; big < 2; big++) {
		for (int syntax = ORDO_SYNTAX_YAML; syntax <= ORDO_SYNTAX_JSON; syntax++) {
			bool json = syntax == ORDO_SYNTAX_JSON;
			const char *head = json ? "{\"a\": 1,\r\n \"\xF0\x9F\x98\x80" : "a: 1\r\nb: \xF0\x9F\x98\x80";
			/* the column counts the pair before as one character, and
			 * a JSON carriage return as a column */
			const char *at = json ? "f:2:4:" : "f:2:5:";
			ordo_buf u = ORDO_BUF_INIT;
			char *m;

			/* a high surrogate followed by no low one */
			utf16(&u, head, big, true);
			utf16_unit(&u, 0xD83D, big);
			utf16(&u, "x\n", big, false);
			m = utf16_bad(u.ptr, u.len, syntax);
			assert_non_null(strstr(m, "rc -3\n"));
			if (!strstr(m, at) || !strstr(m, "invalid UTF-16: unpaired surrogate U+D83D"))
				fail_msg("%s", m);
			free(m);

			/* a low surrogate alone */
			u.len = 0;
			utf16(&u, head, big, true);
			utf16_unit(&u, 0xDE00, big);
			m = utf16_bad(u.ptr, u.len, syntax);
			if (!strstr(m, at) || !strstr(m, "invalid UTF-16: unpaired surrogate U+DE00"))
				fail_msg("%s", m);
			free(m);

			/* a high surrogate at the very end */
			u.len = 0;
			utf16(&u, head, big, true);
			utf16_unit(&u, 0xDBFF, big);
			m = utf16_bad(u.ptr, u.len, syntax);
			if (!strstr(m, at) || !strstr(m, "invalid UTF-16: unpaired surrogate U+DBFF"))
				fail_msg("%s", m);
			free(m);

			/* an odd byte at the end */
			u.len = 0;
			utf16(&u, head, big, true);
			ordo_buf_put(&u, "\x41", 1);
			m = utf16_bad(u.ptr, u.len, syntax);
			if (!strstr(m, at) ||
			    !strstr(m, "invalid UTF-16: the input ends inside a character (an odd number of bytes)"))
				fail_msg("%s", m);
			free(m);
			ordo_buf_release(&u);
		}
	}
}

static void other_encodings(void **state)
{
	(void)state;
	static const struct {
		const char *data;
		size_t len;
		const char *what;
	} cases[] = {
	    {"\xFF\xFE\0\0n\0\0\0", 8, "UTF-32 (a little-endian byte order mark)"},
	    {"\0\0\xFE\xFF\0\0\0n", 8, "UTF-32 (a big-endian byte order mark)"},
	    {"n\0a\0m\0e\0", 8, "UTF-16 little-endian without a byte order mark"},
	    {"\0n\0a\0m\0e", 8, "UTF-16 big-endian without a byte order mark"},
	    {"n\0\0\0a\0\0\0", 8, "UTF-32 little-endian without a byte order mark"},
	    {"\0\0\0n\0\0\0a", 8, "UTF-32 big-endian without a byte order mark"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *m = utf16_bad(cases[i].data, cases[i].len, ORDO_SYNTAX_AUTO);
		char want[256];
		snprintf(want, sizeof(want),
			 "rc -3\nf:1:1: the input is %s; ordo reads UTF-8, and UTF-16 with a byte "
			 "order mark (save it as UTF-8)\n",
			 cases[i].what);
		assert_string_equal(m, want);
		free(m);
	}
	/* UTF-8 with a byte order mark is read */
	ordo_doc *doc = load_ok("\xEF\xBB\xBFname: x\n", ORDO_SYNTAX_AUTO);
	ordo_doc_free(doc);
}

static void file_and_buffer_agree(void **state)
{
	(void)state;
	unsigned n = 0;
	n += agree_dir(ORDO_SOURCE_DIR "/tests/fuzz/corpus/estate", NULL);
	n += agree_dir(ORDO_SOURCE_DIR "/tests/fuzz/corpus/catalog", NULL);
	n += agree_dir(ORDO_SOURCE_DIR "/tests/cases", "estate.yaml");
	n += agree_dir(ORDO_SOURCE_DIR "/tests/cases", "estate.json");
	assert_true(n > 2000);

	/* the builder stops early while the reader has far more to read */
	ordo_buf big = ORDO_BUF_INIT;
	ordo_buf_puts(&big, "[");
	for (int i = 0; i < 200000; i++)
		ordo_buf_printf(&big, "%s{\"a\": %d}", i ? ",\n" : "", i);
	ordo_buf_puts(&big, "]");
	agree_limited(big.ptr, big.len, ORDO_SYNTAX_JSON, false, 1000, 0);
	agree_limited(big.ptr, big.len, ORDO_SYNTAX_YAML, true, 1000, 0);
	agree_limited(big.ptr, big.len, ORDO_SYNTAX_JSON, true, 0, 0);
	ordo_buf_release(&big);
	ordo_buf_release(&fold_log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(yaml_core_schema),
	    cmocka_unit_test(file_and_buffer_agree),
	    cmocka_unit_test(yaml_bool_value_and_empty),
	    cmocka_unit_test(yaml_quoted_scalars_are_strings),
	    cmocka_unit_test(yaml_tags),
	    cmocka_unit_test(yaml_bad_tags),
	    cmocka_unit_test(yaml_positions),
	    cmocka_unit_test(yaml_scalar_document_and_empty),
	    cmocka_unit_test(yaml_duplicate_keys_all_reported),
	    cmocka_unit_test(yaml_duplicate_keys_in_large_map),
	    cmocka_unit_test(yaml_long_key_shortened),
	    cmocka_unit_test(yaml_key_must_be_scalar),
	    cmocka_unit_test(yaml_more_than_one_document),
	    cmocka_unit_test(yaml_syntax_errors),
	    cmocka_unit_test(yaml_aliases_share_nodes),
	    cmocka_unit_test(yaml_anchor_redefined),
	    cmocka_unit_test(crlf_positions),
	    cmocka_unit_test(yaml_alias_errors),
	    cmocka_unit_test(yaml_billion_laughs),
	    cmocka_unit_test(limit_depth),
	    cmocka_unit_test(limit_scalar_small),
	    cmocka_unit_test(limit_scalar_huge),
	    cmocka_unit_test(limit_scalar_exact),
	    cmocka_unit_test(limit_scalar_not_comments),
	    cmocka_unit_test(limit_nodes),
	    cmocka_unit_test(limit_bytes),
	    cmocka_unit_test(yaml_nul_utf8_control),
	    cmocka_unit_test(nul_character_in_string),
	    cmocka_unit_test(json_types),
	    cmocka_unit_test(json_positions),
	    cmocka_unit_test(json_positions_across_chunks),
	    cmocka_unit_test(json_positions_large),
	    cmocka_unit_test(json_duplicate_keys),
	    cmocka_unit_test(json_syntax_errors),
	    cmocka_unit_test(json_bytes),
	    cmocka_unit_test(file_missing),
	    cmocka_unit_test(file_directory_and_fifo),
	    cmocka_unit_test(file_syntax_by_extension_and_content),
	    cmocka_unit_test(file_streaming),
	    cmocka_unit_test(buffer_sniffing),
	    cmocka_unit_test(utf16_reads_as_utf8),
	    cmocka_unit_test(utf16_large_file),
	    cmocka_unit_test(utf16_errors),
	    cmocka_unit_test(other_encodings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
