/* SPDX-License-Identifier: MIT */
/*
 * test_plan.c: the planner against its verifier.
 *
 * A property test replays plans of random estates (every product of the
 * built-in catalog, random versions, roles, members, servers, integrations
 * and integration packs) through ordo_plan_verify(), which checks every
 * intermediate state without using the generator's bookkeeping. Mutation
 * tests then break valid plans in the ways a generator bug would and
 * assert that the verifier notices each one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "catalog.h"
#include "check.h"
#include "estate.h"
#include "plan.h"

static ordo_catalog *cat;

static int setup(void **state)
{
	ordo_diag d = ORDO_DIAG_INIT;
	int err = ordo_catalog_load(&cat, NULL, &d);
	ordo_diag_print(&d, stderr);
	ordo_diag_release(&d);
	return err;
}

static int teardown(void **state)
{
	ordo_catalog_free(cat);
	return 0;
}

typedef struct {
	ordo_estate *e;
	ordo_report *r;
	ordo_plan *p;
} built;

/* Build with the verification on a thread of its own (as `ordo plan` does). */
static bool verify_beside;

static void build_text(built *b, const char *text)
{
	char path[] = "/tmp/ordo-test-plan-XXXXXX.yaml";
	int fd = mkstemps(path, 5);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	ordo_diag d = ORDO_DIAG_INIT;
	int err = ordo_estate_load(&b->e, path, cat, &d);
	if (err) {
		ordo_diag_print(&d, stderr);
		fprintf(stderr, "--- estate:\n%s\n", text);
	}
	ordo_diag_release(&d);
	unlink(path);
	assert_int_equal(err, 0);
	assert_int_equal(ordo_check_run(&b->r, b->e, NULL), 0);
	if (verify_beside)
		assert_int_equal(ordo_plan_build_verifying(&b->p, b->r), 0);
	else
		assert_int_equal(ordo_plan_build(&b->p, b->r), 0);
}

static void built_free(built *b)
{
	ordo_plan_free(b->p);
	ordo_report_free(b->r);
	ordo_estate_free(b->e);
}

static void dump_violations(const ordo_plan *p)
{
	uint32_t nv;
	const ordo_violation *v = ordo_plan_violations(p, &nv);
	for (uint32_t i = 0; i < nv; i++)
		fprintf(stderr, "  violation after step %u: %s: %s\n", v[i].step, v[i].rule,
			v[i].message);
}

/* ---- random estates ---- */

static uint64_t rng;
static uint32_t rnd(uint32_t n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return n ? (uint32_t)((rng >> 33) % n) : 0;
}

static void random_estate(ordo_buf *b, uint32_t seed)
{
	rng = seed * 2654435761ULL + 1;
	const ordo_scale *rel = &cat->release;
	static const char *const targets[] = {"2012 R2", "2016", "2019", "2022", "2025"};
	const char *target = targets[rnd(5)];
	int32_t tidx = ordo_scale_find(rel, target, strlen(target));
	ordo_buf_printf(b, "ordo: 1\nname: random-%u\ntarget: \"%s\"\nservers:\n", seed, target);
	for (int i = 0; i < 12; i++)
		if (rnd(3))
			ordo_buf_printf(b, "  - {name: S%d, os: \"%s\"}\n", i, cat->os.entries[rnd(cat->os.n)]);
	ordo_buf_puts(b, "  - {name: SPARE, domain_joined: true}\ncomponents:\n");

	/* first choose the components, so later ones can be linked to */
	const ordo_cat_product *prods[8];
	int32_t vers[8];
	uint32_t n = 0, want = 1 + rnd(6);
	for (uint32_t k = 0; k < want; k++) {
		const ordo_cat_product *p = &cat->products[rnd(cat->nproducts)];
		int32_t cands[32];
		uint32_t nc = 0;
		for (uint32_t i = 0; i < p->nreleases && nc < 32; i++)
			if (p->releases[i] <= tidx || p->independent)
				cands[nc++] = p->releases[i];
		if (!nc)
			continue;
		prods[n] = p;
		vers[n++] = cands[rnd(nc)];
	}
	for (uint32_t k = 0; k < n; k++) {
		const ordo_cat_product *p = prods[k];
		ordo_buf_printf(b, "  - id: c%u\n    product: %s\n    version: \"%s", k, p->id,
				rel->entries[vers[k]]);
		if (rel->suffix && rnd(2))
			ordo_buf_printf(b, " %s%u", rel->suffix, rnd(15));
		ordo_buf_puts(b, "\"\n    roles:\n");
		for (uint32_t i = 0; i < p->nroles; i++) {
			const ordo_cat_role *role = &p->roles[i];
			uint32_t pick = rnd(4);
			if (i > 0 && pick == 0)
				continue;
			if (i > 0 && role->anonymous && pick == 1) {
				ordo_buf_printf(b, "      %s: {count: %u}\n", role->id, rnd(700));
				continue;
			}
			uint32_t m = 1 + rnd(3), first = rnd(12);
			ordo_buf_printf(b, "      %s: [", role->id);
			for (uint32_t j = 0; j < m; j++)
				ordo_buf_printf(b, "%sS%u", j ? ", " : "", (first + j) % 12);
			ordo_buf_puts(b, "]\n");
		}
		if (rnd(2)) {
			/* an instance runs one version: its name follows from it, so
			 * components that draw the same server and version share it */
			uint32_t v = rnd(cat->sql.n);
			ordo_buf_printf(b, "    database: {server: SQL%u, instance: I%u, sql_version: \"%s\"}\n",
					rnd(3), v, cat->sql.entries[v]);
		}
		if (k > 0 && rnd(2))
			ordo_buf_printf(b, "    integrations: [c%u]\n", rnd(k));
		if (p->last_release.scale) {
			/* products that end: kept, retired, or neither (path.none) */
			static const char *const intent[] = {"", "keep", "retire"};
			uint32_t i = rnd(3);
			if (i)
				ordo_buf_printf(b, "    upgrade: {%s: true}\n", intent[i]);
		}
		if (!strcmp(p->id, "orchestrator") && n > 1) {
			static const char *const pv[] = {"2012 SP1", "2012 R2", "2016", "2019"};
			ordo_buf_puts(b, "    integration_packs:\n");
			for (uint32_t j = 0; j < n; j++)
				if (j != k && rnd(2))
					ordo_buf_printf(b, "      - {for: c%u, version: \"%s\"}\n", j, pv[rnd(4)]);
		}
	}
}

static void property_random_estates_verify(void **state)
{
	uint32_t failures = 0, nonempty = 0, total_steps = 0;
	for (uint32_t seed = 1; seed <= 400; seed++) {
		ordo_buf text = ORDO_BUF_INIT;
		random_estate(&text, seed);
		built b = {0};
		verify_beside = seed & 1;
		build_text(&b, ordo_buf_cstr(&text));
		verify_beside = false;
		/* what the build's own verification found (waited for when it
		 * ran beside), and then the same again from scratch */
		uint32_t first = ordo_plan_nviolations(b.p);
		if (b.p->nsteps)
			nonempty++;
		total_steps += b.p->nsteps;
		/* verify again from scratch: the result must not depend on state
		 * the build left behind */
		uint32_t v = ordo_plan_verify(b.p);
		assert_int_equal(first, v);
		if (v) {
			failures++;
			fprintf(stderr, "seed %u: %u violations\n%s\n", seed, v, ordo_buf_cstr(&text));
			dump_violations(b.p);
		}
		/* every upgrade step lies on the component's path to its target */
		for (uint32_t i = 0; i < b.p->nsteps; i++) {
			const ordo_step *s = b.p->steps[i];
			if (strcmp(s->action, "upgrade"))
				continue;
			assert_non_null(s->to.scale);
			assert_true(ordo_version_cmp_release(&s->to, &s->component->target) <= 0);
		}
		built_free(&b);
		ordo_buf_release(&text);
	}
	assert_int_equal(failures, 0);
	/* the generator must produce work to verify, not empty plans */
	assert_true(nonempty > 200);
	assert_true(total_steps > 2000);
}

/* ---- server names and unknown facts ---- */

/* The random estate with its server names spelt another way: mode 1 gives
 * the entries fully qualified names, 2 the members, 3 lowercases the
 * members, 4 mixes case in fully qualified entries and members. */
static void respell(const char *in, ordo_buf *out, int mode)
{
	for (const char *p = in; *p;) {
		bool entry = p - in >= 6 && !strncmp(p - 6, "name: ", 6);
		bool member = p - in >= 1 && (p[-1] == '[' || (p - in >= 2 && !strncmp(p - 2, ", ", 2)));
		if (*p == 'S' && p[1] >= '0' && p[1] <= '9' && (entry || member)) {
			const char *q = p + 1;
			while (*q >= '0' && *q <= '9')
				q++;
			int num = atoi(p + 1);
			if (entry && mode == 1)
				ordo_buf_printf(out, "s%d.contoso.com", num);
			else if (entry && mode == 4)
				ordo_buf_printf(out, "S%d.Contoso.Com", num);
			else if (member && (mode == 2 || mode == 4))
				ordo_buf_printf(out, "s%d.contoso.com", num);
			else if (member && mode == 3)
				ordo_buf_printf(out, "s%d", num);
			else
				ordo_buf_put(out, p, (size_t)(q - p));
			p = q;
			continue;
		}
		ordo_buf_putc(out, *p++);
	}
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The findings as a sorted list of lines, servers by their host (first
 * label, lower case), so spellings of one name compare equal. */
static char *findings_signature(const ordo_report *r)
{
	char **lines = calloc(r->nfindings + 1, sizeof(char *));
	for (uint32_t i = 0; i < r->nfindings; i++) {
		const ordo_finding *f = r->findings[i];
		ordo_buf b = ORDO_BUF_INIT;
		ordo_buf_printf(&b, "%s|%s|%d|%d|%d|", f->id, f->component ? f->component->id : "",
				f->hop_index, (int)f->severity, f->waived);
		if (!strcmp(f->id, "estate.unknown"))
			ordo_buf_put(&b, f->detail, strcspn(f->detail, " ")); /* the check */
		char **names = calloc(f->nservers + 1, sizeof(char *));
		for (uint32_t j = 0; j < f->nservers; j++) {
			size_t len = strcspn(f->servers[j], ".");
			names[j] = strndup(f->servers[j], len);
			for (size_t k = 0; k < len; k++)
				names[j][k] = (char)tolower((unsigned char)names[j][k]);
		}
		qsort(names, f->nservers, sizeof(char *), str_cmp);
		for (uint32_t j = 0; j < f->nservers; j++) {
			ordo_buf_printf(&b, "%s,", names[j]);
			free(names[j]);
		}
		free(names);
		lines[i] = strdup(ordo_buf_cstr(&b));
		ordo_buf_release(&b);
	}
	qsort(lines, r->nfindings, sizeof(char *), str_cmp);
	ordo_buf all = ORDO_BUF_INIT;
	ordo_buf_printf(&all, "verdict %s\n", ordo_verdict_name(ordo_report_verdict(r)));
	for (uint32_t i = 0; i < r->nfindings; i++) {
		ordo_buf_printf(&all, "%s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
	char *s = strdup(ordo_buf_cstr(&all));
	ordo_buf_release(&all);
	return s;
}

static void property_server_spelling_keeps_findings(void **state)
{
	(void)state;
	for (uint32_t seed = 1; seed <= 120; seed++) {
		ordo_buf text = ORDO_BUF_INIT;
		random_estate(&text, seed);
		built b = {0};
		build_text(&b, ordo_buf_cstr(&text));
		char *want = findings_signature(b.r);
		built_free(&b);
		for (int mode = 1; mode <= 4; mode++) {
			ordo_buf other = ORDO_BUF_INIT;
			respell(ordo_buf_cstr(&text), &other, mode);
			assert_string_not_equal(ordo_buf_cstr(&text), ordo_buf_cstr(&other));
			built o = {0};
			build_text(&o, ordo_buf_cstr(&other));
			char *got = findings_signature(o.r);
			if (strcmp(want, got))
				fprintf(stderr, "seed %u, spelling %d:\n%s\n--- findings before:\n%s--- after:\n%s",
					seed, mode, ordo_buf_cstr(&other), want, got);
			assert_string_equal(want, got);
			free(got);
			built_free(&o);
			ordo_buf_release(&other);
		}
		free(want);
		ordo_buf_release(&text);
	}
}

/* Drop every line's `os: "..."` and `sql_version: "..."` */
static void drop_facts(const char *in, ordo_buf *out)
{
	for (const char *p = in; *p;) {
		if (!strncmp(p, ", os: \"", 7) || !strncmp(p, ", sql_version: \"", 16)) {
			const char *q = strchr(p + 3, '"');
			q = q ? strchr(q + 1, '"') : NULL;
			if (q) {
				p = q + 1;
				continue;
			}
		}
		ordo_buf_putc(out, *p++);
	}
}

static bool has_unknown(const ordo_report *r, const ordo_component *c, const char *check)
{
	for (uint32_t i = 0; i < r->nfindings; i++) {
		const ordo_finding *f = r->findings[i];
		if (!strcmp(f->id, "estate.unknown") && f->component == c &&
		    !strncmp(f->detail, check, strlen(check)) && f->detail[strlen(check)] == ' ')
			return true;
	}
	return false;
}

static void property_missing_facts_never_ready(void **state)
{
	(void)state;
	uint32_t asked = 0;
	for (uint32_t seed = 1; seed <= 200; seed++) {
		ordo_buf text = ORDO_BUF_INIT, bare = ORDO_BUF_INIT;
		random_estate(&text, seed);
		drop_facts(ordo_buf_cstr(&text), &bare);
		assert_null(strstr(ordo_buf_cstr(&bare), "os: "));
		built b = {0};
		build_text(&b, ordo_buf_cstr(&bare));
		bool expect = false;
		for (uint32_t ci = 0; ci < b.e->ncomponents; ci++) {
			const ordo_component *c = &b.e->components[ci];
			const ordo_path *path = &b.r->paths[ci].path;
			bool sql = false, os = false;
			for (uint32_t h = 0; h < path->n; h++) {
				const ordo_cat_support *sup = ordo_product_support(c->product, path->hops[h].to.idx);
				if (!sup)
					continue;
				sql |= c->database && sup->sql.type != ORDO_VAL_NULL;
				for (uint32_t ri = 0; ri < c->nroles; ri++)
					os |= c->roles[ri].named && c->roles[ri].count &&
					      ordo_support_os(sup, c->roles[ri].role->id).type != ORDO_VAL_NULL;
			}
			if (sql)
				assert_true(has_unknown(b.r, c, "sql.unsupported"));
			if (os)
				assert_true(has_unknown(b.r, c, "os.unsupported"));
			expect |= sql || os;
		}
		if (expect) {
			asked++;
			assert_int_not_equal(ordo_report_verdict(b.r), ORDO_VERDICT_OK);
		}
		built_free(&b);
		ordo_buf_release(&text);
		ordo_buf_release(&bare);
	}
	assert_true(asked > 50); /* the generator gives the checks something to ask */
}

/* ---- a fixed estate and its mutations ---- */

static const char *suite =
	"ordo: 1\n"
	"name: mutations\n"
	"target: \"2012 R2\"\n"
	"components:\n"
	"  - id: orch\n"
	"    product: orchestrator\n"
	"    version: \"2012 SP1\"\n"
	"    roles: {management_server: [O1], runbook_server: [O1, O2]}\n"
	"    integration_packs:\n"
	"      - {for: vmm, version: \"2012 SP1\"}\n"
	"  - id: om\n"
	"    product: operations_manager\n"
	"    version: \"2012 SP1\"\n"
	"    roles: {management_server: [M1, M2], agent: {count: 450}}\n"
	"  - id: vmm\n"
	"    product: vmm\n"
	"    version: \"2012 SP1\"\n"
	"    roles: {management_server: [V1], console: [A1], host_agent: {count: 10}}\n";

static int find_step(const ordo_plan *p, const char *comp, const char *action, const char *role)
{
	for (uint32_t i = 0; i < p->nsteps; i++) {
		const ordo_step *s = p->steps[i];
		if (!strcmp(ordo_step_subject(s), comp) && !strcmp(s->action, action) &&
		    (!role || (s->role && !strcmp(s->role, role))))
			return (int)i;
	}
	return -1;
}

static bool has_rule(const ordo_plan *p, const char *rule)
{
	uint32_t nv;
	const ordo_violation *v = ordo_plan_violations(p, &nv);
	for (uint32_t i = 0; i < nv; i++)
		if (!strcmp(v[i].rule, rule))
			return true;
	return false;
}

static void valid_plan_has_expected_shape(void **state)
{
	built b = {0};
	build_text(&b, suite);
	dump_violations(b.p);
	assert_int_equal(ordo_plan_nviolations(b.p), 0);
	int orch = find_step(b.p, "orch", "upgrade", "management_server");
	int om1 = find_step(b.p, "om", "upgrade", "management_server");
	int vmm = find_step(b.p, "vmm", "upgrade", "management_server");
	int unreg = find_step(b.p, "orch", "unregister-ip", NULL);
	int reg = find_step(b.p, "orch", "register-ip", NULL);
	assert_true(orch >= 0 && om1 >= 0 && vmm >= 0 && unreg >= 0 && reg >= 0);
	/* suite order: Orchestrator, then Operations Manager, then VMM */
	assert_true(b.p->steps[orch]->wave < b.p->steps[om1]->wave);
	assert_true(b.p->steps[om1]->wave < b.p->steps[vmm]->wave);
	/* the VMM pack comes off before VMM moves and back after, at 2012 R2 */
	assert_true(unreg < vmm && vmm < reg);
	assert_string_equal(b.p->steps[reg]->pack_for->id, "vmm");
	char buf[32];
	assert_string_equal(ordo_version_str(&b.p->steps[reg]->pack_version, buf, sizeof(buf)), "2012 R2");
	/* the initial management server goes alone */
	const ordo_step *m1 = b.p->steps[om1];
	assert_string_equal(m1->servers[0], "M1");
	for (uint32_t i = 0; i < b.p->nsteps; i++)
		if (b.p->steps[i] != m1)
			assert_int_not_equal(b.p->steps[i]->wave, m1->wave);
	/* 450 agents: batches of 200, 200 and 50 */
	uint64_t agents = 0;
	uint32_t batches = 0;
	for (uint32_t i = 0; i < b.p->nsteps; i++) {
		const ordo_step *s = b.p->steps[i];
		if (s->component && !strcmp(s->component->id, "om") && s->role && !strcmp(s->role, "agent") &&
		    !strcmp(s->action, "upgrade")) {
			assert_true(s->members <= 200);
			agents += s->members;
			batches++;
		}
	}
	assert_int_equal(agents, 450);
	assert_int_equal(batches, 3);
	built_free(&b);
}

static void verifier_catches_missing_upgrade(void **state)
{
	built b = {0};
	build_text(&b, suite);
	int i = find_step(b.p, "vmm", "upgrade", "console");
	assert_true(i >= 0);
	b.p->steps[i]->action = "verify"; /* the console never moves */
	assert_true(ordo_plan_verify(b.p) > 0);
	assert_true(has_rule(b.p, "end-state"));
	built_free(&b);
}

/* Two products on one SQL Server instance, and a library server on a system
 * the next release does not accept: the plan upgrades the instance and the
 * system in steps of their own; without them a state is unsupported. */
static const char *const shared_infra =
	"ordo: 1\nname: infra\ntarget: \"2022\"\n"
	"servers:\n"
	"  - {name: SQL01, sql: [{version: \"2016 SP2\"}]}\n"
	"  - {name: V1, os: \"Windows Server 2016\"}\n"
	"  - {name: LIB01, os: \"Windows Server 2012 R2\"}\n"
	"components:\n"
	"  - {id: sm, product: service_manager, version: \"2019\", roles: {management_server: [SM1]},\n"
	"     database: {server: SQL01, name: ServiceManager}}\n"
	"  - {id: om, product: operations_manager, version: \"2019 UR4\", roles: {management_server: [OM1]},\n"
	"     database: {server: SQL01, name: OperationsManager, free_space_percent: 60}}\n"
	"  - {id: vmm, product: vmm, version: \"2016 UR6\", roles: {management_server: [V1], library_server: [LIB01]},\n"
	"     facts: {service_account: 'C\\\\svc', key_management: dkm}}\n";

static void verifier_accepts_shared_infra(void **state)
{
	built b = {0};
	build_text(&b, shared_infra);
	assert_int_equal(ordo_plan_nviolations(b.p), 0);
	assert_true(find_step(b.p, "sql_server", "upgrade-sql", NULL) >= 0);
	assert_true(find_step(b.p, "vmm", "upgrade-os", "library_server") >= 0);
	built_free(&b);
}

static void verifier_catches_sql_upgrade_left_out(void **state)
{
	built b = {0};
	build_text(&b, shared_infra);
	int q = find_step(b.p, "sql_server", "upgrade-sql", NULL);
	assert_true(q >= 0);
	b.p->steps[q]->action = "prepare"; /* the instance stays at 2016 SP2 */
	b.p->steps[q]->instance = NULL;
	assert_true(ordo_plan_verify(b.p) > 0);
	assert_true(has_rule(b.p, "sql.unsupported"));
	built_free(&b);
}

static void verifier_catches_sql_upgraded_too_far(void **state)
{
	built b = {0};
	build_text(&b, shared_infra);
	int q = find_step(b.p, "sql_server", "upgrade-sql", NULL);
	assert_true(q >= 0);
	/* 2022 before Operations Manager leaves 2019, which does not accept it */
	const char *why;
	assert_int_equal(ordo_version_parse(&b.p->steps[q]->to, &cat->sql, "2022", 4, &why), 0);
	assert_true(ordo_plan_verify(b.p) > 0);
	assert_true(has_rule(b.p, "sql.unsupported"));
	built_free(&b);
}

static void verifier_catches_os_upgrade_left_out(void **state)
{
	built b = {0};
	build_text(&b, shared_infra);
	int q = find_step(b.p, "vmm", "upgrade-os", "library_server");
	assert_true(q >= 0);
	b.p->steps[q]->action = "prepare"; /* LIB01 stays on 2012 R2 */
	assert_true(ordo_plan_verify(b.p) > 0);
	assert_true(has_rule(b.p, "os.unsupported"));
	built_free(&b);
}

static void verifier_catches_order_violation(void **state)
{
	built b = {0};
	build_text(&b, suite);
	/* VMM's management server moves first: swap it with the first step */
	int v = find_step(b.p, "vmm", "upgrade", "management_server");
	ordo_step *tmp = b.p->steps[0];
	b.p->steps[0] = b.p->steps[v];
	b.p->steps[v] = tmp;
	assert_true(ordo_plan_verify(b.p) > 0);
	assert_true(has_rule(b.p, "sequence"));
	assert_true(has_rule(b.p, "order")); /* ids and waves no longer line up */
	built_free(&b);
}

static void verifier_catches_wrong_pack(void **state)
{
	built b = {0};
	build_text(&b, suite);
	int reg = find_step(b.p, "orch", "register-ip", NULL);
	assert_true(reg >= 0);
	/* the 2012 SP1 pack is not supported with VMM 2012 R2 */
	ordo_version sp1;
	const char *why;
	assert_int_equal(ordo_version_parse(&sp1, &cat->release, "2012 SP1", 8, &why), 0);
	b.p->steps[reg]->pack_version = sp1;
	assert_true(ordo_plan_verify(b.p) > 0);
	assert_true(has_rule(b.p, "orchestrator.ip-unsupported"));
	built_free(&b);
}

static void verifier_catches_pack_left_registered(void **state)
{
	built b = {0};
	build_text(&b, suite);
	int un = find_step(b.p, "orch", "unregister-ip", NULL);
	assert_true(un >= 0);
	b.p->steps[un]->action = "prepare"; /* forget to take the pack off */
	b.p->steps[un]->pack_for = NULL;
	assert_true(ordo_plan_verify(b.p) > 0);
	built_free(&b);
}

static void verifier_catches_skipped_rollup(void **state)
{
	built b = {0};
	build_text(&b, "ordo: 1\nname: ur\ntarget: \"2016\"\ncomponents:\n"
			"  - {id: vmm, product: vmm, version: \"2012 R2 UR8\", roles: {management_server: [V1]}}\n");
	int ur = find_step(b.p, "vmm", "apply-update-rollup", NULL);
	assert_true(ur >= 0);
	/* the finding is resolved by that step, so check and plan agree on exit 1 */
	bool resolved = false;
	for (uint32_t i = 0; i < b.r->nfindings; i++)
		if (!strcmp(b.r->findings[i]->id, "path.update-rollup"))
			resolved = b.r->findings[i]->nresolved == 1 &&
				   b.r->findings[i]->resolved_by[0] == b.p->steps[ur]->id;
	assert_true(resolved);
	assert_int_equal(ordo_report_exit_code(b.r), 1);
	b.p->steps[ur]->action = "prepare";
	assert_true(ordo_plan_verify(b.p) > 0);
	assert_true(has_rule(b.p, "path.update-rollup"));
	built_free(&b);
}

static void verifier_catches_alone_shared(void **state)
{
	built b = {0};
	build_text(&b, suite);
	int m1 = find_step(b.p, "om", "upgrade", "management_server");
	assert_true(b.p->steps[m1]->alone);
	/* put the next step into the initial server's wave */
	b.p->steps[m1 + 1]->wave = b.p->steps[m1]->wave;
	assert_true(ordo_plan_verify(b.p) > 0);
	assert_true(has_rule(b.p, "alone"));
	built_free(&b);
}

/* upgrade.retire: App Controller is uninstalled, and the Orchestrator pack
 * for it unregistered, before VMM, which it manages, starts moving */
static const char *retire_suite =
	"ordo: 1\n"
	"name: retire\n"
	"target: \"2016\"\n"
	"components:\n"
	"  - id: orch\n"
	"    product: orchestrator\n"
	"    version: \"2012 R2 UR9\"\n"
	"    roles: {management_server: [O1], runbook_server: [O1]}\n"
	"    integration_packs:\n"
	"      - {for: ac, version: \"2012 SP1\"}\n"
	"  - id: vmm\n"
	"    product: vmm\n"
	"    version: \"2012 R2 UR9\"\n"
	"    roles: {management_server: [V1], console: {count: 3}}\n"
	"  - id: ac\n"
	"    product: app_controller\n"
	"    version: \"2012 R2\"\n"
	"    roles: {server: [AC1, AC2]}\n"
	"    integrations: [vmm]\n"
	"    upgrade: {retire: true}\n";

static void retired_component_is_uninstalled_first(void **state)
{
	built b = {0};
	build_text(&b, retire_suite);
	dump_violations(b.p);
	assert_int_equal(ordo_plan_nviolations(b.p), 0);
	int un = find_step(b.p, "ac", "uninstall", "server");
	int ip = find_step(b.p, "orch", "unregister-ip", NULL);
	int vmm = find_step(b.p, "vmm", "upgrade", "management_server");
	assert_true(un >= 0 && ip >= 0 && vmm >= 0);
	assert_int_equal(b.p->steps[un]->nservers, 2);
	assert_string_equal(b.p->steps[ip]->pack_for->id, "ac");
	assert_true(b.p->steps[ip]->wave < b.p->steps[un]->wave);
	/* every VMM step comes after the uninstall */
	for (uint32_t i = 0; i < b.p->nsteps; i++)
		if (!strcmp(ordo_step_subject(b.p->steps[i]), "vmm"))
			assert_true(b.p->steps[i]->wave > b.p->steps[un]->wave);
	/* no step brings the pack for the retired component back */
	assert_int_equal(find_step(b.p, "orch", "register-ip", NULL), -1);
	/* nothing blocks (the estate leaves facts out: warnings that say so) */
	assert_int_not_equal(ordo_report_verdict(b.r), ORDO_VERDICT_BLOCKED);
	built_free(&b);
}

static void verifier_catches_retired_left_installed(void **state)
{
	built b = {0};
	build_text(&b, retire_suite);
	int un = find_step(b.p, "ac", "uninstall", "server");
	assert_true(un >= 0);
	b.p->steps[un]->nservers = 1; /* AC2 is forgotten */
	assert_true(ordo_plan_verify(b.p) > 0);
	assert_true(has_rule(b.p, "retire"));
	b.p->steps[un]->nservers = 2;
	assert_int_equal(ordo_plan_verify(b.p), 0);
	/* uninstalled only once VMM has moved */
	b.p->steps[un]->wave = b.p->nwaves + 1;
	assert_true(ordo_plan_verify(b.p) > 0);
	assert_true(has_rule(b.p, "retire"));
	built_free(&b);
}

static void multi_hop_stages(void **state)
{
	built b = {0};
	build_text(&b, "ordo: 1\nname: hops\ntarget: \"2022\"\ncomponents:\n"
			"  - {id: om, product: operations_manager, version: \"2016\", roles: {management_server: [M1]}}\n"
			"  - {id: vmm, product: vmm, version: \"2016 UR9\", roles: {management_server: [V1]}}\n");
	assert_int_equal(ordo_plan_nviolations(b.p), 0);
	/* both reach 2019 before either moves on to 2022, OM first each time */
	int om19 = -1, vmm19 = -1, om22 = -1, vmm22 = -1;
	for (uint32_t i = 0; i < b.p->nsteps; i++) {
		const ordo_step *s = b.p->steps[i];
		if (strcmp(s->action, "upgrade"))
			continue;
		char to[32];
		ordo_version_str(&s->to, to, sizeof(to));
		int *slot = !strcmp(ordo_step_subject(s), "om") ? (!strcmp(to, "2019") ? &om19 : &om22)
							   : (!strcmp(to, "2019") ? &vmm19 : &vmm22);
		*slot = (int)s->wave;
	}
	assert_true(om19 > 0 && vmm19 > 0 && om22 > 0 && vmm22 > 0);
	assert_true(om19 < vmm19);
	assert_true(vmm19 < om22);
	assert_true(om22 < vmm22);
	built_free(&b);
}

/* Each verdict from the findings that make it, its word, headline, exit
 * code and counts; waived and resolved blockers are never counted as
 * blockers. */
static void verdict_table(void **state)
{
	static const struct {
		ordo_severity sev;
		bool waived, resolved;
		ordo_verdict want;
		const char *text;
	} rows[] = {
		{ORDO_SEV_INFO, false, false, ORDO_VERDICT_OK, "0 blockers, 0 warnings, 1 info"},
		{ORDO_SEV_WARNING, true, false, ORDO_VERDICT_OK, "0 blockers, 0 warnings, 0 info; 1 waived"},
		{ORDO_SEV_WARNING, false, false, ORDO_VERDICT_WARNINGS, "0 blockers, 1 warning, 0 info"},
		{ORDO_SEV_WARNING, false, true, ORDO_VERDICT_WARNINGS, "0 blockers, 1 warning, 0 info"},
		{ORDO_SEV_BLOCKER, true, false, ORDO_VERDICT_WARNINGS, "0 blockers, 0 warnings, 0 info; 1 waived"},
		{ORDO_SEV_BLOCKER, true, true, ORDO_VERDICT_WARNINGS, "0 blockers, 0 warnings, 0 info; 1 waived"},
		{ORDO_SEV_BLOCKER, false, true, ORDO_VERDICT_PLANNED,
		 "0 blockers, 0 warnings, 0 info; 1 resolved by plan steps"},
		{ORDO_SEV_BLOCKER, false, false, ORDO_VERDICT_BLOCKED, "1 blocker, 0 warnings, 0 info"},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ordo_tally t;
		memset(&t, 0, sizeof(t));
		ordo_tally_add(&t, rows[i].sev, rows[i].waived, rows[i].resolved, false);
		assert_int_equal(ordo_tally_verdict(&t), rows[i].want);
		ordo_buf b = ORDO_BUF_INIT;
		ordo_tally_text(&b, &t);
		assert_string_equal(ordo_buf_cstr(&b), rows[i].text);
		ordo_buf_release(&b);
	}
	assert_string_equal(ordo_verdict_name(ORDO_VERDICT_PLANNED), "planned");
	assert_string_equal(ordo_verdict_headline(ORDO_VERDICT_PLANNED), "READY ONCE THE PLAN'S STEPS ARE DONE");
	assert_string_equal(ordo_verdict_headline(ORDO_VERDICT_WARNINGS), "READY WITH WARNINGS");
	assert_string_equal(ordo_verdict_headline(ORDO_VERDICT_BLOCKED), "BLOCKED");
	assert_string_equal(ordo_verdict_headline(ORDO_VERDICT_OK), "READY");
	assert_int_equal(ordo_verdict_exit_code(ORDO_VERDICT_OK), 0);
	assert_int_equal(ordo_verdict_exit_code(ORDO_VERDICT_WARNINGS), 1);
	assert_int_equal(ordo_verdict_exit_code(ORDO_VERDICT_PLANNED), 1);
	assert_int_equal(ordo_verdict_exit_code(ORDO_VERDICT_BLOCKED), 2);
	/* an open blocker outweighs a resolved one; a resolved one outweighs warnings */
	ordo_tally t;
	memset(&t, 0, sizeof(t));
	ordo_tally_add(&t, ORDO_SEV_WARNING, false, false, false);
	ordo_tally_add(&t, ORDO_SEV_BLOCKER, false, true, false);
	assert_int_equal(ordo_tally_verdict(&t), ORDO_VERDICT_PLANNED);
	ordo_tally_add(&t, ORDO_SEV_BLOCKER, false, false, false);
	ordo_tally_add(&t, ORDO_SEV_BLOCKER, true, false, false);
	assert_int_equal(ordo_tally_verdict(&t), ORDO_VERDICT_BLOCKED);
	/* an accepted blocker (the estate's recorded decision) is said as such */
	ordo_tally acc;
	memset(&acc, 0, sizeof(acc));
	ordo_tally_add(&acc, ORDO_SEV_BLOCKER, true, false, true);
	assert_int_equal(ordo_tally_verdict(&acc), ORDO_VERDICT_WARNINGS);
	ordo_buf ab = ORDO_BUF_INIT;
	ordo_tally_text(&ab, &acc);
	assert_string_equal(ordo_buf_cstr(&ab), "0 blockers, 0 warnings, 0 info; 1 accepted");
	ordo_buf_release(&ab);
	ordo_buf b = ORDO_BUF_INIT;
	ordo_tally_text(&b, &t);
	assert_string_equal(ordo_buf_cstr(&b), "1 blocker, 1 warning, 0 info; 1 resolved by plan steps, 1 waived");
	ordo_buf_release(&b);
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_plan_has_expected_shape),
		cmocka_unit_test(verifier_catches_missing_upgrade),
		cmocka_unit_test(verifier_catches_order_violation),
		cmocka_unit_test(verifier_accepts_shared_infra),
		cmocka_unit_test(verifier_catches_sql_upgrade_left_out),
		cmocka_unit_test(verifier_catches_sql_upgraded_too_far),
		cmocka_unit_test(verifier_catches_os_upgrade_left_out),
		cmocka_unit_test(verifier_catches_wrong_pack),
		cmocka_unit_test(verifier_catches_pack_left_registered),
		cmocka_unit_test(verifier_catches_skipped_rollup),
		cmocka_unit_test(verifier_catches_alone_shared),
		cmocka_unit_test(multi_hop_stages),
		cmocka_unit_test(retired_component_is_uninstalled_first),
		cmocka_unit_test(verifier_catches_retired_left_installed),
		cmocka_unit_test(property_random_estates_verify),
		cmocka_unit_test(verdict_table),
		cmocka_unit_test(property_server_spelling_keeps_findings),
		cmocka_unit_test(property_missing_facts_never_ready),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
