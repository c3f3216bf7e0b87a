/* SPDX-License-Identifier: MIT */
/*
 * fuzz_expr.c: the condition language.
 *
 * The input is one expression. It is compiled; one that compiles has its
 * paths and literals listed (as lint does), its text formatted back, and
 * is evaluated in two kinds of context: a small table of roots (facts as
 * document nodes, versions on three scales, server objects with a getter,
 * lists) and the scopes the checks run in, over an estate loaded against
 * the built-in catalog (estate, component with its hop, server, a pair of
 * components, an integration pack).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fuzz.h"
#include "loader.h"

/* ---- an estate and the scopes over it ---- */

static const char estate_text[] =
	"ordo: 1\n"
	"name: fuzz\n"
	"target: \"2016\"\n"
	"servers:\n"
	"  - {name: VMM01, os: \"Windows Server 2012 R2\", pending_restart: false, domain_joined: true}\n"
	"  - {name: VMM02, os: \"Windows Server 2016\", facts: {rack: [a, b], cores: 8}}\n"
	"  - {name: OM01, os: \"Windows Server 2012\"}\n"
	"  - {name: ORCH01, os: \"Windows Server 2012 R2\"}\n"
	"components:\n"
	"  - id: orch\n"
	"    product: orchestrator\n"
	"    version: \"2012 R2\"\n"
	"    roles: {management_server: [ORCH01], runbook_server: [ORCH01, ORCH02]}\n"
	"    integration_packs: [{for: vmm, version: \"2012 R2\"}, {for: om, version: \"2012 R2\"}]\n"
	"    integrations: [vmm, om]\n"
	"  - id: om\n"
	"    product: operations_manager\n"
	"    version: \"2012 R2 UR3\"\n"
	"    roles: {management_server: [OM01], agent: {count: 120}}\n"
	"    database: {server: SQL01, sql_version: \"2012 SP1\", name: OperationsManager}\n"
	"  - id: vmm\n"
	"    product: vmm\n"
	"    version: \"2012 R2 UR9\"\n"
	"    roles: {management_server: [VMM01], console: [ADMIN01], host_agent: {count: 40}}\n"
	"    database: {server: SQL02, sql_version: \"2014 SP2\", name: VirtualManagerDB}\n"
	"    integrations: [om]\n"
	"    facts:\n"
	"      key_management: dpapi\n"
	"      encrypted_settings: [run_as_credentials, service_setting]\n"
	"      wsman: {max_concurrent_operations_per_user: 25, max_connections: 25}\n"
	"      library_share: {name: MSSCVMMLibrary, default: true}\n"
	"    upgrade: {management_server: VMM02}\n";

static ordo_catalog *cat;
static ordo_estate *est;
static ordo_report *report;

/* The scopes: estate, component (the whole hop), one hop, server, a pair, a pack. */
enum { SCOPE_ESTATE, SCOPE_COMPONENT, SCOPE_HOP, SCOPE_SERVER, SCOPE_PAIR, SCOPE_PACK, NSCOPES };
static ordo_scope_ctx scopes[NSCOPES];
static ordo_hop whole;

static void setup_scopes(void)
{
	ordo_diag d = ORDO_DIAG_INIT;
	fuzz_memfile f;
	fuzz_memfile_init(&f, "estate");
	fuzz_memfile_set(&f, (const uint8_t *)estate_text, sizeof(estate_text) - 1);
	if (ordo_catalog_load(&cat, NULL, &d) != 0 || ordo_estate_load(&est, f.path, cat, &d) != 0) {
		ordo_diag_print(&d, stderr);
		abort();
	}
	ordo_diag_release(&d);
	ordo_check_options co = ORDO_CHECK_OPTIONS_INIT;
	co.today = FUZZ_TODAY;
	ordo_check_run(&report, est, &co);

	const ordo_component *orch = ordo_estate_component(est, "orch");
	const ordo_component *vmm = ordo_estate_component(est, "vmm");
	whole.from = vmm->version;
	whole.to = vmm->target;
	const ordo_role_members *ms = ordo_component_role(vmm, "management_server");
	scopes[SCOPE_ESTATE] = (ordo_scope_ctx){.estate = est, .hop_index = -1};
	scopes[SCOPE_COMPONENT] = (ordo_scope_ctx){.estate = est, .comp = vmm, .hop = &whole,
						   .hop_index = 0, .hop_count = 1};
	scopes[SCOPE_COMPONENT].support = ordo_product_support(vmm->product, vmm->target.idx);
	const ordo_path *path = &report->paths[vmm->index].path;
	if (!path->n)
		abort();
	scopes[SCOPE_HOP] = (ordo_scope_ctx){.estate = est, .comp = vmm, .hop = &path->hops[0],
					     .hop_index = 0, .hop_count = (int)path->n};
	scopes[SCOPE_HOP].support = ordo_product_support(vmm->product, path->hops[0].to.idx);
	scopes[SCOPE_SERVER] = scopes[SCOPE_HOP];
	scopes[SCOPE_SERVER].role = "management_server";
	scopes[SCOPE_SERVER].server_name = ordo_role_member(ms, 0);
	scopes[SCOPE_SERVER].server = ms->servers[0];
	scopes[SCOPE_PAIR] =
		(ordo_scope_ctx){.estate = est, .first = orch, .second = vmm, .hop_index = -1};
	scopes[SCOPE_PACK] =
		(ordo_scope_ctx){.estate = est, .comp = orch, .pack = &orch->packs[0], .hop_index = -1};
}

/* ---- a small table of roots ---- */

typedef struct {
	const char *name;
	ordo_value v;
} root;

static root roots[12];
static size_t nroots;
static ordo_doc *facts_doc;
static ordo_value server_items[2];

static const char facts_text[] =
	"{\"key_management\": \"dpapi\", \"wsman\": {\"max_connections\": 25},"
	" \"features\": [\"ha\", \"dkm\", \"tls\"], \"enabled\": true, \"empty\": null,"
	" \"ports\": [80, 443], \"by_server\": {\"VMM01\": 3, \"VMM02\": 7},"
	" \"groups\": [{\"name\": \"a\", \"members\": [\"x\", \"y\"]}, {\"name\": \"b\"}],"
	" \"max-connections\": 5, \"big\": 1e308, \"neg\": -0.5}";

typedef struct {
	const char *name;
	ordo_version os;
	bool pending_restart;
} server;

static server servers[2];

static void server_get(const void *obj, const char *key, ordo_value *out, ordo_eval *ev)
{
	const server *s = obj;
	if (!strcmp(key, "name"))
		*out = ordo_val_cstr(s->name);
	else if (!strcmp(key, "os"))
		*out = ordo_val_ver(s->os);
	else if (!strcmp(key, "pending_restart"))
		*out = ordo_val_bool(s->pending_restart);
	else if (!strcmp(key, "self"))
		*out = ordo_val_obj(s, server_get, s->name);
	else
		*out = ordo_val_null();
}

static void table_resolve(void *ctx, const char *name, ordo_value *out, ordo_eval *ev)
{
	for (size_t i = 0; i < nroots; i++)
		if (!strcmp(roots[i].name, name)) {
			*out = roots[i].v;
			return;
		}
	*out = ordo_val_null();
}

static ordo_version version(const ordo_scale *s, const char *text)
{
	ordo_version v;
	if (ordo_version_parse(&v, s, text, strlen(text), NULL) != 0)
		abort();
	return v;
}

static void add_root(const char *name, ordo_value v)
{
	roots[nroots].name = name;
	roots[nroots].v = v;
	nroots++;
}

static void setup_table(void)
{
	ordo_diag d = ORDO_DIAG_INIT;
	if (ordo_load_buffer(&facts_doc, facts_text, sizeof(facts_text) - 1, "facts.json", NULL,
			     &d) != 0)
		abort();
	ordo_diag_release(&d);
	servers[0] = (server){"VMM01", version(&cat->os, "Windows Server 2012 R2"), false};
	servers[1] = (server){"VMM02", version(&cat->os, "Windows Server 2016"), true};
	for (int i = 0; i < 2; i++)
		server_items[i] = ordo_val_obj(&servers[i], server_get, servers[i].name);
	ordo_value list = {.type = ORDO_VAL_LIST};
	list.u.list.items = server_items;
	list.u.list.n = 2;
	add_root("facts", ordo_val_node(facts_doc->root));
	add_root("servers", list);
	add_root("server", server_items[1]);
	add_root("version", ordo_val_ver(version(&cat->release, "2012 R2 UR9")));
	add_root("target", ordo_val_ver(version(&cat->release, "2016")));
	add_root("db", ordo_val_ver(version(&cat->sql, "2019 CU4")));
	add_root("name", ordo_val_cstr("vmm"));
	add_root("count", ordo_val_num(3));
	add_root("flag", ordo_val_bool(true));
}

static const ordo_eval_ctx table = {table_resolve, NULL};
static ordo_eval ev;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setup_scopes();
	setup_table();
	ordo_eval_init(&ev);
	return 0;
}

/* ---- the target ---- */

static size_t touched;

static void on_path(const char *path, const ordo_loc *loc, void *payload)
{
	touched += strlen(path) + loc->line + loc->col;
}

static void on_literal(const char *path, const char *literal, const ordo_loc *loc, void *payload)
{
	touched += (path ? strlen(path) : 0) + strlen(literal) + loc->line;
}

static void evaluate(const ordo_expr *e, const ordo_eval_ctx *ctx, ordo_buf *out)
{
	ordo_value v;
	ordo_eval_reset(&ev);
	ordo_expr_eval(e, ctx, &ev, &v);
	ordo_val_format(&v, out);
	for (uint32_t i = 0; i < ev.trace_len; i++) {
		ordo_buf_puts(out, ev.trace[i].path);
		ordo_val_format(&ev.trace[i].value, out);
	}
	ordo_buf_clear(out);
	ordo_eval_reset(&ev);
	ordo_expr_test(e, ctx, &ev);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *src = malloc(size + 1);
	memcpy(src, data, size);
	src[size] = '\0';
	ordo_arena *a = ordo_arena_new();
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_expr *e = NULL;
	ordo_loc loc = {"fuzz.yaml", 3, 11};
	if (ordo_expr_compile(&e, a, src, &loc, &d) == 0) {
		ordo_expr_paths(e, on_path, NULL);
		ordo_expr_literals(e, on_literal, NULL);
		touched += strlen(ordo_expr_source(e));
		ordo_buf out = ORDO_BUF_INIT;
		evaluate(e, &table, &out);
		for (int s = 0; s < NSCOPES; s++) {
			ordo_eval_ctx ctx = ordo_scope_eval_ctx(&scopes[s]);
			evaluate(e, &ctx, &out);
		}
		ordo_buf_release(&out);
	}
	ordo_diag_release(&d);
	ordo_arena_free(a);
	free(src);
	return 0;
}
