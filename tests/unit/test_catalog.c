/* SPDX-License-Identifier: MIT */
/*
 * test_catalog.c: loading, layering and lint of catalogs.
 *
 * A minimal suite is written to a temporary folder and loaded alone
 * (no_builtin), then broken one way at a time; each break must be reported
 * with its location and a message naming what is wrong.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "catalog.h"

static const char *base =
	"ordo_catalog: 1\n"
	"suite: {id: mini, name: Mini suite, version: \"1\"}\n"
	"scales:\n"
	"  release: {entries: [\"1\", \"2\", \"3\"], suffix: UR}\n"
	"  sql: {entries: [\"2019\", \"2022\"], suffix: CU}\n"
	"  os: {entries: [\"OS A\", \"OS B\"]}\n"
	"products:\n"
	"  - id: alpha\n"
	"    name: Alpha\n"
	"    releases: [\"1\", \"2\", \"3\"]\n"
	"    roles: [{id: server, mode: sequential}, {id: agent, mode: batch, batch: 10, anonymous: true}]\n"
	"    facts: {mode: {type: string, values: [a, b], default: a}}\n"
	"    edges:\n"
	"      - {from: \"1\", to: \"2\", min: \"1 UR3\", sources: [doc/a.md]}\n"
	"      - {from: \"2\", to: \"3\", sources: [doc/a.md]}\n"
	"  - id: beta\n"
	"    name: Beta\n"
	"    releases: [\"1\", \"2\", \"3\"]\n"
	"    roles: [{id: server}]\n"
	"    edges: [{from: \"1\", to: \"2\", sources: [doc/b.md]}]\n"
	"sequences:\n"
	"  - {id: s2, targets: [\"2\"], order: [alpha, beta], sources: [doc/s.md]}\n"
	"checks:\n"
	"  - id: alpha.mode-b\n"
	"    severity: warning\n"
	"    scope: component\n"
	"    products: [alpha]\n"
	"    when: \"facts.mode == 'b'\"\n"
	"    title: Mode b\n"
	"    sources: [doc/a.md]\n";

static char dir[64];

static void write_file(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/ordo-test-catalog-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

/* Load base (+ extra as a second file of the same layer); returns the
 * diagnostics joined with newlines (caller frees), and the catalog. */
static char *load(const char *extra, ordo_catalog **out, bool lint)
{
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -f '%s'/*.yaml", dir);
	assert_int_equal(system(cmd), 0);
	write_file("a-base.yaml", base);
	if (extra)
		write_file("b-extra.yaml", extra);
	const char *paths[] = {dir};
	ordo_catalog_options o = ORDO_CATALOG_OPTIONS_INIT;
	o.paths = paths;
	o.npaths = 1;
	o.no_builtin = true;
	o.lint = lint;
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_catalog *c = NULL;
	int err = ordo_catalog_load(&c, &o, &d);
	ordo_buf msg = ORDO_BUF_INIT;
	for (size_t i = 0; i < d.len; i++)
		ordo_buf_printf(&msg, "%s:%u:%u: %s\n", d.items[i].loc.file ? d.items[i].loc.file : "",
				d.items[i].loc.line, d.items[i].loc.col, d.items[i].message);
	ordo_diag_release(&d);
	if (out)
		*out = c;
	else
		ordo_catalog_free(c);
	assert_true((err == 0) == (msg.len == 0));
	return ordo_buf_detach(&msg);
}

static void expect_error(const char *extra, const char *needle)
{
	char *m = load(extra, NULL, true);
	if (!strstr(m, needle))
		fail_msg("expected '%s' in:\n%s", needle, m);
	free(m);
}

static void minimal_catalog_loads(void **state)
{
	ordo_catalog *c;
	char *m = load(NULL, &c, true);
	assert_string_equal(m, "");
	free(m);
	assert_non_null(c);
	assert_string_equal(c->suite_id, "mini");
	assert_int_equal(c->nproducts, 2);
	const ordo_cat_product *a = ordo_catalog_product(c, "alpha");
	assert_non_null(a);
	assert_int_equal(a->nedges, 2);
	assert_int_equal(a->edges[0].min.sub, 3);
	assert_int_equal(a->roles[1].mode, ORDO_MODE_BATCH);
	assert_int_equal(a->roles[1].batch, 10);
	assert_non_null(ordo_catalog_check(c, "alpha.mode-b"));
	assert_true(strncmp(c->fingerprint, "sha256:", 7) == 0);
	ordo_catalog_free(c);
}

static void fingerprint_follows_content(void **state)
{
	ordo_catalog *c1, *c2, *c3;
	free(load(NULL, &c1, false));
	free(load(NULL, &c2, false));
	free(load("ordo_catalog: 1\n# a comment changes the bytes\n", &c3, false));
	assert_string_equal(c1->fingerprint, c2->fingerprint);
	assert_string_not_equal(c1->fingerprint, c3->fingerprint);
	ordo_catalog_free(c1);
	ordo_catalog_free(c2);
	ordo_catalog_free(c3);
}

static void duplicate_id_in_one_layer(void **state)
{
	expect_error("ordo_catalog: 1\nchecks:\n  - {id: alpha.mode-b, severity: info, when: \"true\", title: x, sources: [d]}\n",
		     "b-extra.yaml:3:5: duplicate check id 'alpha.mode-b' (first at ");
}

static void later_layer_replaces(void **state)
{
	/* a second --catalog path is a later layer: same id replaces */
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -f '%s'/*.yaml", dir);
	assert_int_equal(system(cmd), 0);
	write_file("a-base.yaml", base);
	char over[96];
	snprintf(over, sizeof(over), "%s-over.yaml", dir);
	FILE *f = fopen(over, "w");
	fputs("ordo_catalog: 1\nchecks:\n  - {id: alpha.mode-b, severity: blocker, scope: component, when: \"true\", title: Replaced, sources: [d]}\n", f);
	fclose(f);
	const char *paths[] = {dir, over};
	ordo_catalog_options o = ORDO_CATALOG_OPTIONS_INIT;
	o.paths = paths;
	o.npaths = 2;
	o.no_builtin = true;
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_catalog *c = NULL;
	assert_int_equal(ordo_catalog_load(&c, &o, &d), 0);
	const ordo_cat_check *k = ordo_catalog_check(c, "alpha.mode-b");
	assert_int_equal(k->severity, ORDO_SEV_BLOCKER);
	assert_string_equal(k->title.source, "Replaced");
	assert_int_equal(c->nchecks, 1);
	ordo_catalog_free(c);
	ordo_diag_release(&d);
	unlink(over);
}

static void unknown_fact_path(void **state)
{
	expect_error("ordo_catalog: 1\nchecks:\n  - id: alpha.typo\n    severity: info\n    products: [alpha]\n"
		     "    when: \"facts.moed == 'b'\"\n    title: t\n    sources: [d]\n",
		     "unknown fact path 'facts.moed' in check 'alpha.typo'");
}

static void fact_path_of_other_product(void **state)
{
	/* beta declares no facts: alpha's fact is unknown for a beta-only check */
	expect_error("ordo_catalog: 1\nchecks:\n  - id: beta.x\n    severity: info\n    products: [beta]\n"
		     "    when: \"facts.mode == 'b'\"\n    title: t\n    sources: [d]\n",
		     "unknown fact path 'facts.mode' in check 'beta.x'");
}

static void scope_roots(void **state)
{
	/* `server` exists only in server scope */
	expect_error("ordo_catalog: 1\nchecks:\n  - id: alpha.s\n    severity: info\n    scope: hop\n"
		     "    when: \"server.os == 'OS A'\"\n    title: t\n    sources: [d]\n",
		     "unknown fact path 'server.os' in check 'alpha.s'");
}

static void dangling_references(void **state)
{
	expect_error("ordo_catalog: 1\nsequences:\n  - {id: bad, targets: [\"2\"], order: [alpha, gamma], sources: [d]}\n",
		     "unknown product 'gamma' in sequence 'bad'");
	expect_error("ordo_catalog: 1\nchecks:\n  - {id: x.y, severity: info, products: [gamma], when: \"true\", title: t, sources: [d]}\n",
		     "unknown product 'gamma' in check 'x.y'");
	expect_error("ordo_catalog: 1\ntasks:\n  - {id: t1, product: alpha, phase: pre, role: nosuch, title: t, sources: [d]}\n",
		     "unknown role 'nosuch' in task 't1'");
	expect_error("ordo_catalog: 1\nsequences:\n  - {id: s9, targets: [\"9\"], order: [alpha], sources: [d]}\n",
		     "unknown release '9'");
}

static void cycles_in_orders(void **state)
{
	expect_error("ordo_catalog: 1\nsequences:\n  - id: back\n    targets: [\"2\"]\n    sources: [d]\n"
		     "    edges: [{before: beta, after: alpha, sources: [d]}]\n",
		     "has a cycle through");
	expect_error("ordo_catalog: 1\nsequences:\n  - {id: twice, targets: [\"3\"], order: [alpha, beta, alpha], sources: [d]}\n",
		     "'alpha' appears twice in the order of sequence 'twice' (a cycle)");
}

static void bad_edges(void **state)
{
	expect_error("ordo_catalog: 1\nproducts:\n  - id: gamma\n    name: G\n    releases: [\"1\", \"2\"]\n    roles: [{id: s}]\n"
		     "    edges: [{from: \"2\", to: \"1\", sources: [d]}]\n",
		     "an edge must go to a later release");
	expect_error("ordo_catalog: 1\nproducts:\n  - id: gamma\n    name: G\n    releases: [\"1\", \"2\"]\n    roles: [{id: s}]\n"
		     "    edges: [{from: \"1\", to: \"2\", min: \"2 UR1\", sources: [d]}]\n",
		     "is not on its source release");
}

static void lint_requires_sources(void **state)
{
	expect_error("ordo_catalog: 1\nchecks:\n  - {id: alpha.nosrc, severity: info, when: \"true\", title: t}\n",
		     "missing 'sources' in check 'alpha.nosrc'");
}

static void syntax_errors_in_conditions(void **state)
{
	char *m = load("ordo_catalog: 1\nchecks:\n  - id: alpha.bad\n    severity: info\n    when: \"facts.mode == \"\n"
		       "    title: t\n    sources: [d]\n",
		       NULL, true);
	assert_non_null(strstr(m, "b-extra.yaml:5:"));
	assert_non_null(strstr(m, "unexpected end of expression"));
	free(m);
}

static void unknown_keys_and_types(void **state)
{
	expect_error("ordo_catalog: 1\nchecks:\n  - {id: alpha.k, severity: fatal, when: \"true\", title: t, sources: [d]}\n",
		     "unknown severity 'fatal' (blocker, warning, info)");
	expect_error("ordo_catalog: 1\nchecks:\n  - {id: alpha.k, severity: info, when: \"true\", title: t, sources: [d], colour: red}\n",
		     "unknown key 'colour' in check 'alpha.k'");
	expect_error("ordo_catalog: 2\n", "unsupported catalog format '2' (this ordo reads 1)");
	expect_error("ordo_catalog: 1\nwidgets: []\n", "unknown key 'widgets' in a catalog file");
}

static void templates(void **state)
{
	ordo_catalog *c;
	char *m = load("ordo_catalog: 1\nchecks:\n  - id: alpha.t\n    severity: info\n    products: [alpha]\n"
		       "    when: \"true\"\n    title: \"Mode {facts.mode} uses @{{x}}\"\n    sources: [d]\n",
		       &c, true);
	assert_string_equal(m, "");
	free(m);
	const ordo_cat_check *k = ordo_catalog_check(c, "alpha.t");
	assert_int_equal(k->title.nparts, 2);
	assert_string_equal(k->title.lits[0], "Mode ");
	assert_string_equal(k->title.lits[1], " uses @{x}");
	ordo_catalog_free(c);
	expect_error("ordo_catalog: 1\nchecks:\n  - {id: alpha.u, severity: info, when: \"true\", title: \"open {brace\", sources: [d]}\n",
		     "unterminated '{' in text 'open {brace'");
}

static void builtin_catalog_is_clean(void **state)
{
	ordo_catalog_options o = ORDO_CATALOG_OPTIONS_INIT;
	o.lint = true;
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_catalog *c = NULL;
	int err = ordo_catalog_load(&c, &o, &d);
	ordo_diag_print(&d, stderr);
	assert_int_equal(err, 0);
	ordo_diag_release(&d);
	/* the ids the contract requires */
	static const char *const required[] = {
		"orchestrator.ip-unsupported", "vmm.encrypted-data-not-retained",
		"vmm.remote-upgrade-unsupported", "vmm.library-share", "vmm.wsman-limits",
		"vmm.ha-requirements", "os.unsupported", "sql.unsupported", NULL};
	for (const char *const *id = required; *id; id++)
		if (!ordo_catalog_check(c, *id))
			fail_msg("the built-in catalog lacks '%s'", *id);
	static const char *const products[] = {"sma", "orchestrator", "service_manager", "dpm",
					       "operations_manager", "configuration_manager", "vmm",
					       "app_controller", "spf", "wap", NULL};
	for (const char *const *id = products; *id; id++)
		if (!ordo_catalog_product(c, *id))
			fail_msg("the built-in catalog lacks product '%s'", *id);
	/* every check, edge and support entry cites a source */
	for (uint32_t i = 0; i < c->nchecks; i++)
		if (!c->checks[i].builtin && !c->checks[i].sources.n)
			fail_msg("check '%s' has no sources", c->checks[i].id);
	for (uint32_t i = 0; i < c->nproducts; i++)
		for (uint32_t j = 0; j < c->products[i].nedges; j++)
			if (!c->products[i].edges[j].sources.n)
				fail_msg("an edge of '%s' has no sources", c->products[i].id);
	ordo_catalog_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(minimal_catalog_loads),
		cmocka_unit_test(fingerprint_follows_content),
		cmocka_unit_test(duplicate_id_in_one_layer),
		cmocka_unit_test(later_layer_replaces),
		cmocka_unit_test(unknown_fact_path),
		cmocka_unit_test(fact_path_of_other_product),
		cmocka_unit_test(scope_roots),
		cmocka_unit_test(dangling_references),
		cmocka_unit_test(cycles_in_orders),
		cmocka_unit_test(bad_edges),
		cmocka_unit_test(lint_requires_sources),
		cmocka_unit_test(syntax_errors_in_conditions),
		cmocka_unit_test(unknown_keys_and_types),
		cmocka_unit_test(templates),
		cmocka_unit_test(builtin_catalog_is_clean),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
