/* SPDX-License-Identifier: MIT */
/*
 * cmd_init.c: `ordo init <product>...` writes a commented estate template
 * built from the catalog (roles, facts, their allowed values and defaults),
 * so nobody starts from a blank page and the template always matches what
 * this ordo accepts.
 */
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* "    #   name: value": the '#' stays at the block's column and the
 * indentation after it is what remains once the '#' is removed. */
/* "    #   name: value   # what it may be": the '#' stays at the block's
 * column, and removing it leaves valid YAML at the right depth with a
 * value of the declared type (the default where there is one). */
static void fact_lines(ordo_buf *out, const ordo_cat_fact *map, int indent)
{
	static const char *const placeholder[] = {"<value>", "<text>", "<number>", "<true or false>",
						  "[]",      "{}",     "<server name>"};
	for (uint32_t i = 0; i < map->nkeys; i++) {
		const ordo_cat_fact *f = &map->keys[i];
		ordo_buf_printf(out, "    #%*s%s:", indent - 3, "", f->name);
		if (f->type == ORDO_FACT_MAP && f->nkeys) {
			ordo_buf_putc(out, '\n');
			fact_lines(out, f, indent + 2);
			continue;
		}
		const char *value = placeholder[f->type];
		if (f->def && ordo_node_is_scalar(f->def) && f->def->type != ORDO_NODE_NULL)
			value = f->def->u.str;
		else if (f->values.n)
			value = f->values.items[0];
		ordo_buf_printf(out, " %s", value);
		if (f->values.n) {
			ordo_buf_puts(out, "   # ");
			for (uint32_t j = 0; j < f->values.n; j++)
				ordo_buf_printf(out, "%s%s", j ? " | " : "", f->values.items[j]);
		} else if (f->default_from) {
			ordo_buf_printf(out, "   # default: %s", f->default_from);
		}
		ordo_buf_putc(out, '\n');
	}
}

int cmd_init(cli_opts *o)
{
	if (o->nargs < 1)
		return cli_usage_error(o, "name at least one product (see 'ordo catalog list')");
	ordo_catalog *c;
	int rc = cli_load_catalog(o, &c);
	if (rc)
		return rc;
	for (int i = 0; i < o->nargs; i++)
		if (!ordo_catalog_product(c, o->args[i])) {
			ordo_catalog_free(c);
			return cli_usage_error(o, "no product '%s' in the catalog (see 'ordo catalog list')",
					       o->args[i]);
		}
	if (o->output && strcmp(o->output, "-")) {
		struct stat st;
		if (stat(o->output, &st) == 0) {
			ordo_catalog_free(c);
			return cli_usage_error(o, "'%s' already exists; ordo init does not overwrite files",
					       o->output);
		}
	}
	const char *target = o->target;
	if (!target) {
		/* the newest release every named product has */
		int32_t best = -1;
		for (uint32_t r = 0; r < c->release.n; r++) {
			bool all = true;
			for (int i = 0; i < o->nargs && all; i++)
				all = ordo_product_has_release(ordo_catalog_product(c, o->args[i]), (int32_t)r);
			if (all)
				best = (int32_t)r;
		}
		target = best >= 0 ? c->release.entries[best] : c->release.entries[c->release.n - 1];
	}
	ordo_buf out = ORDO_BUF_INIT;
	ordo_buf_printf(&out,
			"# An ordo estate: what is installed today and where it should go.\n"
			"# Fill in the servers and versions, then run: ordo check <this file>\n"
			"# Lines starting with '#' are optional facts; uncomment those you know:\n"
			"# a fact ordo is not told about cannot trigger the check that needs it.\n"
			"ordo: 1\n"
			"name: %s\n"
			"target: \"%s\"\n"
			"\n"
			"servers:                       # facts about machines, by name\n"
			"  - name: SERVER01\n",
			o->name ? o->name : "my-estate", target);
	ordo_buf_printf(&out, "    # os: \"%s\"   # one of:", c->os.n ? c->os.entries[c->os.n > 2 ? c->os.n - 3 : 0] : "");
	for (uint32_t i = 0; i < c->os.n; i++)
		ordo_buf_printf(&out, "%s \"%s\"", i ? "," : "", c->os.entries[i]);
	ordo_buf_puts(&out, "\n    # pending_restart: false\n    # domain_joined: true\n\ncomponents:\n");
	for (int i = 0; i < o->nargs; i++) {
		const ordo_cat_product *p = ordo_catalog_product(c, o->args[i]);
		/* suggest the release just before the target */
		int32_t tidx = ordo_scale_find(&c->release, target, strlen(target));
		int32_t first = p->nreleases ? p->releases[0] : 0;
		for (uint32_t j = 0; j < p->nreleases; j++)
			if (tidx < 0 || p->releases[j] < tidx)
				first = p->releases[j];
		ordo_buf_printf(&out, "  # %s\n  - id: %s\n    product: %s\n", p->name ? p->name : p->id,
				p->id, p->id);
		ordo_buf_printf(&out, "    version: \"%s\"   # release, optionally \" %s<n>\"; releases:",
				c->release.entries[first], c->release.suffix ? c->release.suffix : "");
		for (uint32_t j = 0; j < p->nreleases; j++)
			ordo_buf_printf(&out, "%s %s", j ? "," : "", c->release.entries[p->releases[j]]);
		ordo_buf_puts(&out, "\n    roles:                     # upgrade order; servers by name or {count: N}\n");
		for (uint32_t j = 0; j < p->nroles; j++) {
			const ordo_cat_role *r = &p->roles[j];
			if (j == 0)
				ordo_buf_printf(&out, "      %s: [SERVER01]%s\n", r->id,
						r->initial ? "   # the first listed server is the initial one" : "");
			else if (r->anonymous || r->mode == ORDO_MODE_BATCH)
				ordo_buf_printf(&out, "      # %s: { count: 0 }\n", r->id);
			else
				ordo_buf_printf(&out, "      # %s: []\n", r->id);
		}
		ordo_buf_puts(&out, "    # database:\n"
				    "    #   server: SQL01\n"
				    "    #   sql_version: \"2019 CU8\"\n"
				    "    #   name: <database name>\n"
				    "    #   availability_group: false\n"
				    "    #   free_space_percent: 60\n"
				    "    #   shared_with: []        # ids of components using the same SQL instance\n"
				    "    # integrations: []         # ids of components this one is connected to\n");
		if (p->facts.nkeys) {
			ordo_buf_puts(&out, "    # facts:\n");
			fact_lines(&out, &p->facts, 6);
		}
		if (p->upgrade.nkeys) {
			ordo_buf_puts(&out, "    # upgrade:                 # what you intend for this upgrade\n");
			fact_lines(&out, &p->upgrade, 6);
		}
	}
	ordo_buf_puts(&out, "\n# waivers:\n"
			    "#   - finding: <finding id>      # see 'ordo explain <id>'\n"
			    "#     component: <component id>\n"
			    "#     reason: \"why this is acceptable\"\n"
			    "#     expires: 2027-01-31\n");
	rc = cli_emit(o, &out);
	ordo_buf_release(&out);
	ordo_catalog_free(c);
	return rc;
}
