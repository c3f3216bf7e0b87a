/* SPDX-License-Identifier: MIT */
/*
 * cmd_catalog.c: `ordo catalog list | show <product> | lint [<file>...]`
 * and `ordo explain <finding-id>`.
 */
#include <string.h>

#include "cli.h"
#include "json_writer.h"

static const char *rel(const ordo_catalog *c, int32_t idx)
{
	return idx >= 0 && (uint32_t)idx < c->release.n ? c->release.entries[idx] : "?";
}

static const char *scope_name(ordo_scope s)
{
	static const char *const n[] = {"estate", "component", "hop", "server", "pack"};
	return n[s];
}

static const char *mode_name(ordo_role_mode m)
{
	static const char *const n[] = {"sequential", "alone", "parallel", "batch"};
	return n[m];
}

/* Built-in findings keep the engine's severity whatever their catalog entry says. */
static const char *severity_of(const ordo_cat_check *k)
{
	const ordo_builtin_finding *b = k->builtin ? ordo_builtin_finding_get(k->id) : NULL;
	return ordo_severity_name(b ? b->severity : k->severity);
}

static bool check_for(const ordo_cat_check *k, const char *product)
{
	if (!k->products.n)
		return false;
	for (uint32_t i = 0; i < k->products.n; i++)
		if (!strcmp(k->products.items[i], product))
			return true;
	return false;
}

static void vstr(ordo_buf *b, const ordo_version *v)
{
	char tmp[128];
	ordo_buf_puts(b, ordo_version_str(v, tmp, sizeof(tmp)));
}

static int list(cli_opts *o, const ordo_catalog *c)
{
	ordo_buf out = ORDO_BUF_INIT;
	char name[256];
	if (!strcmp(o->format, "json")) {
		ordo_jw w;
		ordo_jw_init(&w, &out, true);
		ordo_jw_object_begin(&w);
		ordo_jw_key(&w, "catalog");
		ordo_jw_string(&w, ordo_render_catalog_name(c, name, sizeof(name)));
		ordo_jw_key(&w, "fingerprint");
		ordo_jw_string(&w, c->fingerprint);
		ordo_jw_key(&w, "products");
		ordo_jw_array_begin(&w);
		for (uint32_t i = 0; i < c->nproducts; i++) {
			const ordo_cat_product *p = &c->products[i];
			ordo_jw_object_begin(&w);
			ordo_jw_key(&w, "id");
			ordo_jw_string(&w, p->id);
			ordo_jw_key(&w, "name");
			ordo_jw_string(&w, p->name);
			ordo_jw_key(&w, "releases");
			ordo_jw_array_begin(&w);
			for (uint32_t j = 0; j < p->nreleases; j++)
				ordo_jw_string(&w, rel(c, p->releases[j]));
			ordo_jw_array_end(&w);
			ordo_jw_object_end(&w);
		}
		ordo_jw_array_end(&w);
		ordo_jw_key(&w, "checks");
		ordo_jw_array_begin(&w);
		for (uint32_t i = 0; i < c->nchecks; i++) {
			const ordo_cat_check *k = &c->checks[i];
			ordo_jw_object_begin(&w);
			ordo_jw_key(&w, "id");
			ordo_jw_string(&w, k->id);
			ordo_jw_key(&w, "severity");
			ordo_jw_string(&w, severity_of(k));
			ordo_jw_key(&w, "scope");
			ordo_jw_string(&w, k->builtin ? "builtin" : scope_name(k->scope));
			ordo_jw_key(&w, "title");
			ordo_jw_string(&w, k->title.source);
			ordo_jw_object_end(&w);
		}
		for (const ordo_builtin_finding *b = ordo_builtin_findings; b->id; b++) {
			if (ordo_catalog_check(c, b->id))
				continue;
			ordo_jw_object_begin(&w);
			ordo_jw_key(&w, "id");
			ordo_jw_string(&w, b->id);
			ordo_jw_key(&w, "severity");
			ordo_jw_string(&w, ordo_severity_name(b->severity));
			ordo_jw_key(&w, "scope");
			ordo_jw_string(&w, "builtin");
			ordo_jw_key(&w, "title");
			ordo_jw_string(&w, b->title);
			ordo_jw_object_end(&w);
		}
		ordo_jw_array_end(&w);
		ordo_jw_object_end(&w);
		ordo_buf_putc(&out, '\n');
	} else {
		ordo_buf_printf(&out, "%s (%s)\n\nproducts:\n",
				ordo_render_catalog_name(c, name, sizeof(name)),
				c->suite_name ? c->suite_name : "");
		for (uint32_t i = 0; i < c->nproducts; i++) {
			const ordo_cat_product *p = &c->products[i];
			ordo_buf_printf(&out, "  %-22s %s (", p->id, p->name ? p->name : "");
			for (uint32_t j = 0; j < p->nreleases; j++)
				ordo_buf_printf(&out, "%s%s", j ? ", " : "", rel(c, p->releases[j]));
			ordo_buf_puts(&out, ")\n");
		}
		ordo_buf_puts(&out, "\nchecks:\n");
		for (uint32_t i = 0; i < c->nchecks; i++) {
			const ordo_cat_check *k = &c->checks[i];
			ordo_buf_printf(&out, "  %-40s %-8s %s\n", k->id, severity_of(k),
					k->title.source ? k->title.source : "");
		}
		for (const ordo_builtin_finding *b = ordo_builtin_findings; b->id; b++)
			if (!ordo_catalog_check(c, b->id))
				ordo_buf_printf(&out, "  %-40s %-8s %s\n", b->id, ordo_severity_name(b->severity),
						b->title);
	}
	int rc = cli_emit(o, &out);
	ordo_buf_release(&out);
	return rc;
}

static int show(cli_opts *o, const ordo_catalog *c, const char *id)
{
	const ordo_cat_product *p = ordo_catalog_product(c, id);
	if (!p)
		return cli_usage_error(o, "no product '%s' in the catalog (see 'ordo catalog list')", id);
	ordo_buf out = ORDO_BUF_INIT;
	if (!strcmp(o->format, "json")) {
		ordo_jw w;
		ordo_jw_init(&w, &out, true);
		ordo_jw_object_begin(&w);
		ordo_jw_key(&w, "id");
		ordo_jw_string(&w, p->id);
		ordo_jw_key(&w, "name");
		ordo_jw_string(&w, p->name);
		ordo_jw_key(&w, "releases");
		ordo_jw_array_begin(&w);
		for (uint32_t j = 0; j < p->nreleases; j++)
			ordo_jw_string(&w, rel(c, p->releases[j]));
		ordo_jw_array_end(&w);
		ordo_jw_key(&w, "roles");
		ordo_jw_array_begin(&w);
		for (uint32_t j = 0; j < p->nroles; j++) {
			ordo_jw_object_begin(&w);
			ordo_jw_key(&w, "id");
			ordo_jw_string(&w, p->roles[j].id);
			ordo_jw_key(&w, "mode");
			ordo_jw_string(&w, mode_name(p->roles[j].mode));
			if (p->roles[j].batch) {
				ordo_jw_key(&w, "batch");
				ordo_jw_int(&w, p->roles[j].batch);
			}
			ordo_jw_object_end(&w);
		}
		ordo_jw_array_end(&w);
		ordo_jw_key(&w, "edges");
		ordo_jw_array_begin(&w);
		for (uint32_t j = 0; j < p->nedges; j++) {
			const ordo_cat_edge *e = &p->edges[j];
			ordo_buf t = ORDO_BUF_INIT;
			ordo_jw_object_begin(&w);
			ordo_jw_key(&w, "from");
			ordo_jw_string(&w, rel(c, e->from.idx));
			ordo_jw_key(&w, "to");
			ordo_jw_string(&w, rel(c, e->to.idx));
			ordo_jw_key(&w, "min");
			if (e->min.scale) {
				vstr(&t, &e->min);
				ordo_jw_string(&w, ordo_buf_cstr(&t));
			} else
				ordo_jw_null(&w);
			ordo_jw_key(&w, "sources");
			ordo_jw_array_begin(&w);
			for (uint32_t k = 0; k < e->sources.n; k++)
				ordo_jw_string(&w, e->sources.items[k]);
			ordo_jw_array_end(&w);
			ordo_jw_object_end(&w);
			ordo_buf_release(&t);
		}
		ordo_jw_array_end(&w);
		ordo_jw_key(&w, "checks");
		ordo_jw_array_begin(&w);
		for (uint32_t j = 0; j < c->nchecks; j++)
			if (check_for(&c->checks[j], p->id))
				ordo_jw_string(&w, c->checks[j].id);
		ordo_jw_array_end(&w);
		ordo_jw_object_end(&w);
		ordo_buf_putc(&out, '\n');
	} else {
		ordo_buf_printf(&out, "%s: %s%s\n", p->id, p->name ? p->name : "",
				p->independent ? " (versions independent of the suite)" : "");
		ordo_buf_puts(&out, "\nreleases: ");
		for (uint32_t j = 0; j < p->nreleases; j++)
			ordo_buf_printf(&out, "%s%s", j ? ", " : "", rel(c, p->releases[j]));
		if (p->last_release.scale) {
			ordo_buf_puts(&out, " (last release: ");
			vstr(&out, &p->last_release);
			ordo_buf_putc(&out, ')');
		}
		ordo_buf_puts(&out, "\n\nroles, in upgrade order:\n");
		for (uint32_t j = 0; j < p->nroles; j++) {
			const ordo_cat_role *r = &p->roles[j];
			ordo_buf_printf(&out, "  %-24s %s", r->id, mode_name(r->mode));
			if (r->mode == ORDO_MODE_BATCH)
				ordo_buf_printf(&out, " of %u", r->batch);
			if (r->initial)
				ordo_buf_puts(&out, ", first listed server is the initial one");
			ordo_buf_putc(&out, '\n');
		}
		ordo_buf_puts(&out, "\nupgrade edges:\n");
		for (uint32_t j = 0; j < p->nedges; j++) {
			const ordo_cat_edge *e = &p->edges[j];
			ordo_buf_printf(&out, "  %s -> %s", rel(c, e->from.idx), rel(c, e->to.idx));
			if (e->min.scale) {
				ordo_buf_puts(&out, "  (needs ");
				vstr(&out, &e->min);
				ordo_buf_puts(&out, " or later)");
			}
			if (e->recommended.scale) {
				ordo_buf_puts(&out, "  (recommended: ");
				vstr(&out, &e->recommended);
				ordo_buf_putc(&out, ')');
			}
			ordo_buf_putc(&out, '\n');
		}
		if (p->nsupport) {
			ordo_buf_puts(&out, "\nsupport:\n");
			for (uint32_t j = 0; j < p->nsupport; j++) {
				const ordo_cat_support *s = &p->support[j];
				ordo_buf_printf(&out, "  %s:", rel(c, s->release.idx));
				if (s->sql.type == ORDO_VAL_LIST) {
					ordo_buf_puts(&out, " SQL Server ");
					ordo_val_format(&s->sql, &out);
				}
				for (uint32_t k = 0; k < s->nos; k++) {
					ordo_buf_printf(&out, "%s OS (%s) ", k || s->sql.type == ORDO_VAL_LIST ? ";" : "",
							s->os[k].role);
					ordo_val_format(&s->os[k].list, &out);
				}
				ordo_buf_putc(&out, '\n');
			}
		}
		ordo_buf_puts(&out, "\nchecks:\n");
		for (uint32_t j = 0; j < c->nchecks; j++) {
			const ordo_cat_check *k = &c->checks[j];
			if (check_for(k, p->id))
				ordo_buf_printf(&out, "  %-40s %-8s %s\n", k->id, severity_of(k),
						k->title.source ? k->title.source : "");
		}
		uint32_t ntasks = 0;
		for (uint32_t j = 0; j < c->ntasks; j++)
			if (!strcmp(c->tasks[j].product, p->id)) {
				if (!ntasks++)
					ordo_buf_puts(&out, "\ntasks:\n");
				ordo_buf_printf(&out, "  %-4s %-10s %s\n", c->tasks[j].phase ? "post" : "pre",
						c->tasks[j].action, c->tasks[j].title.source);
			}
		uint32_t nconf = 0;
		for (uint32_t j = 0; j < c->nconflicts; j++) {
			const ordo_cat_conflict *cf = &c->conflicts[j];
			bool mine = false;
			for (uint32_t k = 0; k < cf->products.n; k++)
				mine |= !strcmp(cf->products.items[k], p->id);
			if (!mine)
				continue;
			if (!nconf++)
				ordo_buf_puts(&out, "\nwhere documents disagree:\n");
			ordo_buf_printf(&out, "  %s %s: chosen %s\n", cf->id, cf->topic, cf->chosen);
		}
	}
	int rc = cli_emit(o, &out);
	ordo_buf_release(&out);
	return rc;
}

static int lint(cli_opts *o)
{
	for (int i = 1; i < o->nargs; i++) {
		if (o->ncatalogs == sizeof(o->catalogs) / sizeof(o->catalogs[0]))
			return cli_usage_error(o, "too many catalog files");
		o->catalogs[o->ncatalogs++] = o->args[i];
	}
	ordo_catalog_options co = ORDO_CATALOG_OPTIONS_INIT;
	co.paths = o->catalogs;
	co.npaths = o->ncatalogs;
	co.no_builtin = o->catalog_only;
	co.lint = true;
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_catalog *c = NULL;
	int err = ordo_catalog_load(&c, &co, &d);
	int rc = cli_exit_for(err, &d);
	ordo_diag_release(&d);
	if (rc)
		return rc;
	if (!o->quiet) {
		char name[256];
		printf("%s: ok (%u files, %u products, %u checks, %u sequences, %u tasks, %u procedures)\n",
		       ordo_render_catalog_name(c, name, sizeof(name)), c->nfiles, c->nproducts,
		       c->nchecks, c->nsequences, c->ntasks, c->nprocedures);
	}
	ordo_catalog_free(c);
	return 0;
}

int cmd_catalog(cli_opts *o)
{
	int rc = cli_format(o, "text,json");
	if (rc)
		return rc;
	if (o->nargs < 1)
		return cli_usage_error(o, "missing subcommand (list, show or lint)");
	const char *sub = o->args[0];
	if (!strcmp(sub, "lint"))
		return lint(o);
	if (strcmp(sub, "list") && strcmp(sub, "show"))
		return cli_usage_error(o, "unknown subcommand '%s' (list, show or lint)", sub);
	if (!strcmp(sub, "show") && o->nargs != 2)
		return cli_usage_error(o, "'catalog show' takes one product id");
	if (!strcmp(sub, "list") && o->nargs != 1)
		return cli_usage_error(o, "'catalog list' takes no arguments");
	ordo_catalog *c;
	rc = cli_load_catalog(o, &c);
	if (rc)
		return rc;
	rc = !strcmp(sub, "list") ? list(o, c) : show(o, c, o->args[1]);
	ordo_catalog_free(c);
	return rc;
}

/* ---- explain ---- */

int cmd_explain(cli_opts *o)
{
	int rc = cli_format(o, "text,json");
	if (rc)
		return rc;
	if (o->nargs != 1)
		return cli_usage_error(o, "explain takes one finding id");
	ordo_catalog *c;
	rc = cli_load_catalog(o, &c);
	if (rc)
		return rc;
	const char *id = o->args[0];
	const ordo_cat_check *k = ordo_catalog_check(c, id);
	const ordo_builtin_finding *b = ordo_builtin_finding_get(id);
	if (!k && !b) {
		const char *close = ordo_closest_finding(c, id);
		ordo_buf m = ORDO_BUF_INIT;
		if (close)
			ordo_buf_printf(&m, ", did you mean '%s'?", close);
		rc = cli_usage_error(o, "unknown finding '%s'%s (see 'ordo catalog list')", id,
				     ordo_buf_cstr(&m));
		ordo_buf_release(&m);
		ordo_catalog_free(c);
		return rc;
	}
	ordo_buf out = ORDO_BUF_INIT;
	const char *sev = ordo_severity_name(k && !k->builtin ? k->severity : b->severity);
	if (!strcmp(o->format, "json")) {
		ordo_jw w;
		ordo_jw_init(&w, &out, true);
		ordo_jw_object_begin(&w);
		ordo_jw_key(&w, "id");
		ordo_jw_string(&w, id);
		ordo_jw_key(&w, "severity");
		ordo_jw_string(&w, sev);
		ordo_jw_key(&w, "waivable");
		ordo_jw_bool(&w, k && !k->builtin ? k->waivable : b->waivable);
		ordo_jw_key(&w, "title");
		ordo_jw_string(&w, k && k->title.source ? k->title.source : b->title);
		ordo_jw_key(&w, "explanation");
		ordo_jw_string(&w, b ? b->text : (k->detail.source ? k->detail.source : NULL));
		ordo_jw_key(&w, "scope");
		ordo_jw_string(&w, k && !k->builtin ? scope_name(k->scope) : NULL);
		ordo_jw_key(&w, "products");
		ordo_jw_array_begin(&w);
		for (uint32_t i = 0; k && i < k->products.n; i++)
			ordo_jw_string(&w, k->products.items[i]);
		ordo_jw_array_end(&w);
		ordo_jw_key(&w, "condition");
		ordo_jw_string(&w, k && k->when ? ordo_expr_source(k->when) : NULL);
		ordo_jw_key(&w, "remediation");
		ordo_jw_array_begin(&w);
		for (uint32_t i = 0; k && i < k->nremediation; i++) {
			ordo_jw_object_begin(&w);
			ordo_jw_key(&w, "type");
			ordo_jw_string(&w, k->remediation[i].type);
			ordo_jw_key(&w, "text");
			ordo_jw_string(&w, k->remediation[i].text.source);
			ordo_jw_object_end(&w);
		}
		ordo_jw_array_end(&w);
		ordo_jw_key(&w, "sources");
		ordo_jw_array_begin(&w);
		for (uint32_t i = 0; k && i < k->sources.n; i++)
			ordo_jw_string(&w, k->sources.items[i]);
		ordo_jw_array_end(&w);
		ordo_jw_object_end(&w);
		ordo_buf_putc(&out, '\n');
	} else {
		ordo_buf_printf(&out, "%s (%s", id, sev);
		if (k && !k->builtin)
			ordo_buf_printf(&out, ", %s, checked per %s", k->waivable ? "waivable" : "not waivable",
					scope_name(k->scope));
		ordo_buf_puts(&out, ")\n");
		ordo_buf_printf(&out, "\n%s\n", k && k->title.source ? k->title.source : b->title);
		if (b)
			ordo_buf_printf(&out, "\n%s\n", b->text);
		else if (k->detail.source)
			ordo_buf_printf(&out, "\n%s\n", k->detail.source);
		if (k && k->products.n) {
			ordo_buf_puts(&out, "\nproducts: ");
			for (uint32_t i = 0; i < k->products.n; i++)
				ordo_buf_printf(&out, "%s%s", i ? ", " : "", k->products.items[i]);
			ordo_buf_putc(&out, '\n');
		}
		if (k && k->when)
			ordo_buf_printf(&out, "fires when: %s\n", ordo_expr_source(k->when));
		if (k && k->nremediation) {
			ordo_buf_puts(&out, "\nwhat to do:\n");
			for (uint32_t i = 0; i < k->nremediation; i++)
				ordo_buf_printf(&out, "  %s %s\n",
						!strcmp(k->remediation[i].type, "command") ? "$" : "-",
						k->remediation[i].text.source);
		}
		if (k && k->sources.n) {
			ordo_buf_puts(&out, "\nsources:\n");
			for (uint32_t i = 0; i < k->sources.n; i++)
				ordo_buf_printf(&out, "  %s\n", k->sources.items[i]);
		}
	}
	rc = cli_emit(o, &out);
	ordo_buf_release(&out);
	ordo_catalog_free(c);
	return rc;
}
