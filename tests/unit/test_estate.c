/* SPDX-License-Identifier: MIT */
/*
 * test_estate.c: the estate model against the built-in catalog: targets,
 * names, facts, waivers, fingerprints, and every problem reported in one
 * run with its location.
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

#include "estate.h"

static ordo_catalog *cat;

static int setup(void **state)
{
	ordo_diag d = ORDO_DIAG_INIT;
	int err = ordo_catalog_load(&cat, NULL, &d);
	ordo_diag_release(&d);
	return err;
}

static int teardown(void **state)
{
	ordo_catalog_free(cat);
	return 0;
}

/* Load text as a file with the given extension; *msgs gets the diagnostics. */
static int load(const char *text, const char *ext, ordo_estate **out, char **msgs)
{
	char path[64];
	snprintf(path, sizeof(path), "/tmp/ordo-test-estate-XXXXXX%s", ext);
	int fd = mkstemps(path, (int)strlen(ext));
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	ordo_diag d = ORDO_DIAG_INIT;
	int err = ordo_estate_load(out, path, cat, &d);
	ordo_buf b = ORDO_BUF_INIT;
	for (size_t i = 0; i < d.len; i++)
		ordo_buf_printf(&b, "%u:%u: %s\n", d.items[i].loc.line, d.items[i].loc.col,
				d.items[i].message);
	ordo_diag_release(&d);
	unlink(path);
	*msgs = ordo_buf_detach(&b);
	return err;
}

static const char *vmm_yaml =
	"ordo: 1\n"
	"name: t\n"
	"target: \"2016\"\n"
	"servers:\n"
	"  - {name: VMM01, os: \"Windows Server 2012 R2\", pending_restart: false}\n"
	"components:\n"
	"  - id: vmm\n"
	"    product: vmm\n"
	"    version: \"2012 R2 UR9\"\n"
	"    roles: {management_server: [VMM01], host_agent: {count: 40}}\n"
	"    facts: {key_management: dkm, wsman: {max_connections: 25}}\n"
	"  - id: spf\n"
	"    product: spf\n"
	"    version: \"2022\"\n"
	"    target: \"2025\"\n"
	"    roles: {server: [SPF01]}\n";

static const char *vmm_json =
	"{\"ordo\": 1, \"name\": \"t\", \"target\": \"2016\",\n"
	" \"servers\": [{\"name\": \"VMM01\", \"os\": \"Windows Server 2012 R2\", \"pending_restart\": false}],\n"
	" \"components\": [\n"
	"  {\"id\": \"vmm\", \"product\": \"vmm\", \"version\": \"2012 R2 UR9\",\n"
	"   \"roles\": {\"management_server\": [\"VMM01\"], \"host_agent\": {\"count\": 40}},\n"
	"   \"facts\": {\"key_management\": \"dkm\", \"wsman\": {\"max_connections\": 25}}},\n"
	"  {\"id\": \"spf\", \"product\": \"spf\", \"version\": \"2022\", \"target\": \"2025\",\n"
	"   \"roles\": {\"server\": [\"SPF01\"]}}]}\n";

static void model_from_yaml(void **state)
{
	ordo_estate *e;
	char *m;
	assert_int_equal(load(vmm_yaml, ".yaml", &e, &m), 0);
	assert_string_equal(m, "");
	free(m);
	assert_int_equal(e->ncomponents, 2);
	const ordo_component *v = ordo_estate_component(e, "vmm");
	char buf[64];
	assert_string_equal(ordo_version_str(&v->version, buf, sizeof(buf)), "2012 R2 UR9");
	assert_string_equal(ordo_version_str(&v->target, buf, sizeof(buf)), "2016");
	const ordo_role_members *ha = ordo_component_role(v, "host_agent");
	assert_false(ha->named);
	assert_int_equal(ha->count, 40);
	const ordo_server *s = ordo_estate_server(e, "VMM01");
	assert_non_null(s);
	assert_string_equal(ordo_version_str(&s->os, buf, sizeof(buf)), "Windows Server 2012 R2");
	assert_int_equal(s->pending_restart, 0);
	assert_int_equal(s->domain_joined, -1);
	/* SPF ends at 2022: without an intention it keeps the target no path
	 * reaches (path.none) */
	const ordo_component *spf = ordo_estate_component(e, "spf");
	assert_true(spf->target_retired);
	assert_false(spf->keep || spf->retire);
	assert_string_equal(ordo_version_str(&spf->target, buf, sizeof(buf)), "2025");
	assert_string_equal(ordo_version_str(&spf->requested_target, buf, sizeof(buf)), "2025");
	ordo_estate_free(e);
}

static const char *intentions_yaml =
	"ordo: 1\nname: t\ntarget: \"2016\"\n"
	"components:\n"
	"  - {id: ac, product: app_controller, version: \"2012 R2\", roles: {server: [AC01]}, upgrade: {keep: true}}\n"
	"  - {id: spf, product: spf, version: \"2012 R2 UR9\", roles: {server: [SPF01]}, upgrade: {retire: true}}\n"
	"  - {id: wap, product: wap, version: \"2012 R2 UR10\", roles: {server: [WAP01]}}\n";

/* upgrade.keep and upgrade.retire are every product's: a kept or retired
 * component stays at its release; a product the catalog lets stay after
 * its last release (WAP) goes there without one */
static void intentions(void **state)
{
	ordo_estate *e;
	char *m;
	char buf[64];
	assert_int_equal(load(intentions_yaml, ".yaml", &e, &m), 0);
	assert_string_equal(m, "");
	free(m);
	const ordo_component *ac = ordo_estate_component(e, "ac");
	assert_true(ac->keep && !ac->retire && ac->target_retired);
	assert_string_equal(ordo_version_str(&ac->target, buf, sizeof(buf)), "2012 R2");
	const ordo_component *spf = ordo_estate_component(e, "spf");
	assert_true(spf->retire && !spf->keep && !spf->target_retired);
	assert_string_equal(ordo_version_str(&spf->target, buf, sizeof(buf)), "2012 R2 UR9");
	const ordo_component *wap = ordo_estate_component(e, "wap");
	assert_true(wap->target_retired && !wap->keep && !wap->retire);
	assert_string_equal(ordo_version_str(&wap->target, buf, sizeof(buf)), "2012 R2");
	ordo_estate_free(e);

	assert_int_equal(load("ordo: 1\nname: t\ntarget: \"2016\"\ncomponents:\n"
			      "  - {id: ac, product: app_controller, version: \"2012 R2\",\n"
			      "     upgrade: {keep: true, retire: true}}\n",
			      ".yaml", &e, &m),
			 ORDO_EINVALID);
	assert_non_null(strstr(m, "6:"));
	assert_non_null(strstr(m, "both upgrade.keep and upgrade.retire"));
	free(m);
	assert_int_equal(load("ordo: 1\nname: t\ntarget: \"2016\"\ncomponents:\n"
			      "  - {id: ac, product: app_controller, version: \"2012 R2\", upgrade: {keep: \"yes\"}}\n",
			      ".yaml", &e, &m),
			 ORDO_EINVALID);
	assert_non_null(strstr(m, "upgrade.keep must be"));
	free(m);
}

static void same_fingerprint_yaml_json(void **state)
{
	ordo_estate *a, *b;
	char *m1, *m2;
	assert_int_equal(load(vmm_yaml, ".yaml", &a, &m1), 0);
	assert_int_equal(load(vmm_json, ".json", &b, &m2), 0);
	free(m1);
	free(m2);
	assert_string_equal(ordo_estate_fingerprint(a), ordo_estate_fingerprint(b));
	ordo_estate_free(a);
	ordo_estate_free(b);
}

static void fingerprint_changes_with_content(void **state)
{
	ordo_estate *a, *b;
	char *m;
	assert_int_equal(load(vmm_yaml, ".yaml", &a, &m), 0);
	free(m);
	char *other = strdup(vmm_yaml);
	char *p = strstr(other, "UR9");
	p[2] = '8';
	assert_int_equal(load(other, ".yaml", &b, &m), 0);
	free(m);
	free(other);
	assert_string_not_equal(ordo_estate_fingerprint(a), ordo_estate_fingerprint(b));
	ordo_estate_free(a);
	ordo_estate_free(b);
}

static void override_target(void **state)
{
	ordo_estate *e;
	char *m;
	assert_int_equal(load(vmm_yaml, ".yaml", &e, &m), 0);
	free(m);
	char before[80];
	snprintf(before, sizeof(before), "%s", ordo_estate_fingerprint(e));
	ordo_diag d = ORDO_DIAG_INIT;
	assert_int_equal(ordo_estate_override_target(e, "2019", &d), 0);
	char buf[64];
	const ordo_component *v = ordo_estate_component(e, "vmm");
	assert_string_equal(ordo_version_str(&v->target, buf, sizeof(buf)), "2019");
	/* a component with its own target keeps it */
	const ordo_component *spf = ordo_estate_component(e, "spf");
	assert_string_equal(ordo_version_str(&spf->requested_target, buf, sizeof(buf)), "2025");
	assert_string_not_equal(before, ordo_estate_fingerprint(e));
	assert_int_equal(ordo_estate_override_target(e, "2017", &d), ORDO_EINVALID);
	assert_int_equal(d.len, 1);
	assert_string_equal(d.items[0].message, "invalid --target '2017': unknown release");
	ordo_diag_release(&d);
	ordo_estate_free(e);
}

static void independent_product_goes_to_newest(void **state)
{
	ordo_estate *e;
	char *m;
	assert_int_equal(load("ordo: 1\nname: cm\ntarget: \"2022\"\ncomponents:\n"
			      "  - {id: cm, product: configuration_manager, version: \"2012 R2 SP1\", roles: {cas: [CAS]}}\n",
			      ".yaml", &e, &m),
			 0);
	free(m);
	char buf[64];
	assert_string_equal(ordo_version_str(&e->components[0].target, buf, sizeof(buf)), "current_branch");
	ordo_estate_free(e);
}

static void unknown_facts_are_recorded(void **state)
{
	ordo_estate *e;
	char *m;
	assert_int_equal(load("ordo: 1\nname: f\ntarget: \"2016\"\ncomponents:\n"
			      "  - id: vmm\n    product: vmm\n    version: \"2012 R2 UR9\"\n"
			      "    roles: {management_server: [V]}\n"
			      "    facts: {key_managment: dkm, wsman: {max_conections: 3}}\n"
			      "    upgrade: {management_srv: V2}\n",
			      ".yaml", &e, &m),
			 0);
	free(m);
	assert_int_equal(e->nunknown, 3);
	assert_string_equal(e->unknown[0].path, "facts.key_managment");
	assert_int_equal(e->unknown[0].loc.line, 9);
	assert_int_equal(e->unknown[0].loc.col, 13);
	assert_string_equal(e->unknown[1].path, "facts.wsman.max_conections");
	assert_string_equal(e->unknown[2].path, "upgrade.management_srv");
	ordo_estate_free(e);
}

static void every_problem_in_one_run(void **state)
{
	ordo_estate *e = NULL;
	char *m;
	int err = load("ordo: 1\n"
		       "name: bad\n"
		       "target: \"2016\"\n"
		       "colour: blue\n"
		       "servers:\n"
		       "  - {name: S1, os: \"Windows 95\"}\n"
		       "  - {name: S1}\n"
		       "components:\n"
		       "  - {id: a, product: vmm, version: \"2012R2\", roles: {gatway: [S1]}}\n"
		       "  - {id: a, product: vmm, version: \"2016\"}\n"
		       "  - {id: b, product: scvmm, version: \"2016\"}\n"
		       "  - {id: c, product: dpm, version: \"2016\", integrations: [zz],\n"
		       "     roles: {server: [\"VMM01; rm -rf /\"], protected_agent: {count: -4}},\n"
		       "     database: {sql_version: \"2015\"}}\n"
		       "  - {id: d, product: vmm, version: \"2016\", facts: {key_management: dmk}}\n"
		       "waivers:\n"
		       "  - {finding: no.such, reason: r, expires: 2027-13-01}\n",
		       ".yaml", &e, &m);
	assert_int_equal(err, ORDO_EINVALID);
	assert_null(e);
	static const char *const expected[] = {
		"4:1: unknown key 'colour' in the estate",
		"6:20: unknown operating system 'Windows 95' for server 'S1'",
		"7:12: duplicate server 'S1' (first at line 6)",
		"9:36: invalid version of component 'a': '2012R2' (unknown release)",
		"9:54: unknown role 'gatway' in component 'a' (vmm has: management_server, console, library_server, host_agent)",
		"10:10: duplicate component id 'a' (first at line 9)",
		"11:22: unknown product 'scvmm'",
		"13:23: invalid server name 'VMM01; rm -rf /'",
		"13:68: count of role 'protected_agent' must be a whole number",
		"14:30: unknown SQL Server version '2015'",
		"15:68: invalid value 'dmk' for facts.key_management (expected one of: dpapi, dkm)",
		"12:59: 'integrations' names undefined component 'zz'",
		"17:15: waiver names unknown finding 'no.such'",
		"17:44: 'expires' of a waiver must be a date YYYY-MM-DD, not '2027-13-01'",
		NULL};
	for (const char *const *x = expected; *x; x++)
		if (!strstr(m, *x))
			fail_msg("missing '%s' in:\n%s", *x, m);
	free(m);
}

static void names(void **state)
{
	assert_true(ordo_name_valid("VMM01", 5));
	assert_true(ordo_name_valid("vmm01.contoso.com", 17));
	assert_true(ordo_name_valid("HV-SCVMM-01", 11));
	assert_false(ordo_name_valid("VMM01; rm -rf /", 15));
	assert_false(ordo_name_valid("$(id)", 5));
	assert_false(ordo_name_valid("-rf", 3));
	assert_false(ordo_name_valid("", 0));
	assert_false(ordo_name_valid("a b", 3));
	assert_false(ordo_name_valid("a\nb", 3));
	char long_name[300];
	memset(long_name, 'a', sizeof(long_name));
	assert_false(ordo_name_valid(long_name, 254));
	assert_true(ordo_name_valid(long_name, 253));
}

static void missing_and_empty(void **state)
{
	ordo_estate *e = NULL;
	ordo_diag d = ORDO_DIAG_INIT;
	assert_int_equal(ordo_estate_load(&e, "/nonexistent/estate.yaml", cat, &d), ORDO_ENOTFOUND);
	ordo_diag_release(&d);
	char *m;
	assert_int_equal(load("", ".yaml", &e, &m), ORDO_EINVALID);
	assert_non_null(strstr(m, "the estate is empty"));
	free(m);
	assert_int_equal(load("ordo: 2\nname: x\ncomponents: []\n", ".yaml", &e, &m), ORDO_EINVALID);
	assert_non_null(strstr(m, "1:7: unsupported estate format '2' (this ordo reads 1)"));
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(model_from_yaml),
		cmocka_unit_test(intentions),
		cmocka_unit_test(same_fingerprint_yaml_json),
		cmocka_unit_test(fingerprint_changes_with_content),
		cmocka_unit_test(override_target),
		cmocka_unit_test(independent_product_goes_to_newest),
		cmocka_unit_test(unknown_facts_are_recorded),
		cmocka_unit_test(every_problem_in_one_run),
		cmocka_unit_test(names),
		cmocka_unit_test(missing_and_empty),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
