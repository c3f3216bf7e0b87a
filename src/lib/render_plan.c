/* SPDX-License-Identifier: MIT */
/*
 * render_plan.c: the plan's steps as JSON, text waves, Markdown for change
 * tickets and DOT for the dependency graph.
 */
#include <stdio.h>
#include <string.h>

#include "plan.h"
#include "render.h"


void ordo_plan_json_blocked(const ordo_plan *p, ordo_jw *w)
{
	ordo_jw_array_begin(w);
	for (uint32_t i = 0; i < p->nblocked; i++) {
		const ordo_blocked *b = &p->blocked[i];
		ordo_jw_object_begin(w);
		ordo_jw_key(w, "component");
		ordo_jw_string(w, b->component->id);
		ordo_jw_key(w, "by");
		ordo_jw_array_begin(w);
		for (uint32_t k = 0; k < b->n; k++) {
			const ordo_finding *f = b->by[k];
			ordo_jw_object_begin(w);
			ordo_jw_key(w, "id");
			ordo_jw_string(w, f->id);
			ordo_jw_key(w, "component");
			ordo_jw_string(w, f->component ? f->component->id : NULL);
			ordo_jw_key(w, "title");
			ordo_jw_string(w, f->title);
			ordo_jw_key(w, "unblock");
			ordo_jw_string(w, f->nremediation ? f->remediation[0].text : NULL);
			ordo_jw_object_end(w);
		}
		ordo_jw_array_end(w);
		ordo_jw_object_end(w);
	}
	ordo_jw_array_end(w);
}

void ordo_plan_json_steps(const ordo_plan *p, ordo_jw *w)
{
	ordo_jw_array_begin(w);
	for (uint32_t i = 0; i < p->nsteps; i++) {
		const ordo_step *s = p->steps[i];
		ordo_jw_object_begin(w);
		ordo_jw_key(w, "id");
		ordo_jw_int(w, s->id);
		ordo_jw_key(w, "wave");
		ordo_jw_int(w, s->wave);
		ordo_jw_key(w, "phase");
		ordo_jw_string(w, ordo_phase_name(s->phase));
		ordo_jw_key(w, "component");
		ordo_jw_string(w, ordo_step_component_id(s));
		ordo_jw_key(w, "product");
		ordo_jw_string(w, ordo_step_product_id(s));
		ordo_jw_key(w, "role");
		ordo_jw_string(w, s->role);
		ordo_jw_key(w, "servers");
		ordo_jw_string_list(w, s->servers, s->nservers);
		if (s->members) {
			ordo_jw_key(w, "members");
			ordo_jw_int(w, (long long)s->members);
		}
		if (s->instance) {
			ordo_jw_key(w, "instance");
			ordo_jw_string(w, s->instance->name);
			ordo_jw_key(w, "for");
			ordo_jw_array_begin_flat(w);
			for (uint32_t k = 0; k < s->nserves; k++)
				ordo_jw_string(w, s->serves[k]->id);
			ordo_jw_array_end(w);
		}
		if (s->os_to.scale) {
			ordo_jw_key(w, "os_from");
			ordo_jw_version(w, &s->os_from);
			ordo_jw_key(w, "os_to");
			ordo_jw_version(w, &s->os_to);
		}
		if (s->pack_for) {
			ordo_jw_key(w, "for");
			ordo_jw_string(w, s->pack_for->id);
			ordo_jw_key(w, "pack_version");
			ordo_jw_version(w, &s->pack_version);
		}
		ordo_jw_key(w, "from");
		ordo_jw_version(w, &s->from);
		ordo_jw_key(w, "to");
		ordo_jw_version(w, &s->to);
		ordo_jw_key(w, "action");
		ordo_jw_string(w, s->action);
		ordo_jw_key(w, "manual");
		ordo_jw_bool(w, s->manual);
		ordo_jw_key(w, "title");
		ordo_jw_string(w, s->title);
		ordo_jw_key(w, "after");
		ordo_jw_array_begin_flat(w);
		for (uint32_t k = 0; k < s->nafter; k++)
			ordo_jw_int(w, s->after[k]);
		ordo_jw_array_end(w);
		ordo_jw_key(w, "why");
		ordo_jw_array_begin(w);
		for (uint32_t k = 0; k < s->nwhy; k++)
			ordo_jw_string(w, s->why[k]);
		ordo_jw_array_end(w);
		ordo_jw_key(w, "sources");
		ordo_jw_array_begin(w);
		for (uint32_t k = 0; k < s->sources.n; k++)
			ordo_jw_string(w, s->sources.items[k]);
		ordo_jw_array_end(w);
		if (s->nblocked) {
			ordo_jw_key(w, "blocked_by");
			ordo_jw_array_begin_flat(w);
			for (uint32_t k = 0; k < s->nblocked; k++)
				ordo_jw_string(w, s->blocked_by[k]);
			ordo_jw_array_end(w);
		}
		ordo_jw_object_end(w);
	}
	ordo_jw_array_end(w);
}

/* "VMM01, VMM02 and 3 more" or "200 members" */
static void targets(ordo_buf *out, const ordo_step *s, uint32_t max)
{
	for (uint32_t k = 0; k < s->nservers && k < max; k++)
		ordo_buf_printf(out, "%s%s", k ? ", " : "", s->servers[k]);
	if (s->nservers > max)
		ordo_buf_printf(out, " and %u more", s->nservers - max);
	if (s->members)
		ordo_buf_printf(out, "%s%llu member%s", s->nservers ? " + " : "",
				(unsigned long long)s->members, s->members == 1 ? "" : "s");
}

void ordo_render_plan_text(ordo_buf *out, const ordo_plan *p, const void *opts)
{
	const ordo_render_options *o = opts;
	if (!p->nsteps) {
		ordo_buf_puts(out, "\nPlan: nothing to do, every component is at its target\n");
		return;
	}
	ordo_buf_printf(out, "\nPlan: %u step%s in %u wave%s\n", p->nsteps, p->nsteps == 1 ? "" : "s",
			p->nwaves, p->nwaves == 1 ? "" : "s");
	uint32_t wave = 0;
	for (uint32_t i = 0; i < p->nsteps; i++) {
		const ordo_step *s = p->steps[i];
		if (s->wave != wave) {
			wave = s->wave;
			uint32_t n = 0;
			for (uint32_t j = i; j < p->nsteps && p->steps[j]->wave == wave; j++)
				n++;
			ordo_buf_printf(out, "\n  wave %u%s\n", wave, n > 1 ? " (these may run at the same time)" : "");
		}
		ordo_buf_printf(out, "  %4u. [%s] %s%s", s->id, ordo_step_subject(s), s->title,
				s->manual ? "" : " (automatic)");
		ordo_buf_puts(out, "\n        ");
		ordo_buf_printf(out, "%s", s->action);
		if (s->role)
			ordo_buf_printf(out, " %s", s->role);
		if (s->nservers || s->members) {
			ordo_buf_puts(out, " on ");
			targets(out, s, 4);
		}
		if (s->nafter) {
			ordo_buf_puts(out, "; after ");
			for (uint32_t k = 0; k < s->nafter && k < 6; k++)
				ordo_buf_printf(out, "%s%u", k ? ", " : "", s->after[k]);
			if (s->nafter > 6)
				ordo_buf_printf(out, " and %u more", s->nafter - 6);
		}
		ordo_buf_putc(out, '\n');
		if (s->nblocked) {
			ordo_buf_puts(out, "        blocked by ");
			for (uint32_t k = 0; k < s->nblocked; k++)
				ordo_buf_printf(out, "%s%s", k ? ", " : "", s->blocked_by[k]);
			ordo_buf_putc(out, '\n');
		}
		if (o && o->verbose)
			for (uint32_t k = 0; k < s->nwhy; k++)
				ordo_buf_printf(out, "        why: %s\n", s->why[k]);
	}
	uint32_t nv;
	const ordo_violation *v = ordo_plan_violations(p, &nv);
	if (nv) {
		ordo_buf_printf(out, "\nThis plan is NOT valid: %u rule%s broken when it is replayed\n",
				nv, nv == 1 ? "" : "s");
		for (uint32_t i = 0; i < nv && i < 50; i++)
			ordo_buf_printf(out, "  after step %u: %s: %s\n", v[i].step, v[i].rule,
					v[i].message);
	}
}

/* ---- Markdown ---- */

/* Markdown table cells: escape the characters that would break the table
 * or be read as markup. */
static void md(ordo_buf *out, const char *s)
{
	for (; s && *s; s++) {
		if (strchr("|\\`*_[]<>#", *s))
			ordo_buf_putc(out, '\\');
		if (*s == '\n')
			ordo_buf_puts(out, "<br>");
		else
			ordo_buf_putc(out, *s);
	}
}

void ordo_render_markdown(ordo_buf *out, const ordo_report *r, const ordo_plan *p)
{
	char tgt[128] = "";
	char cat[256];
	if (r->estate->target.scale)
		ordo_version_str(&r->estate->target, tgt, sizeof(tgt));
	ordo_tally t;
	ordo_report_tally(r, &t);
	ordo_verdict verdict = ordo_tally_verdict(&t);
	ordo_buf_puts(out, "# Upgrade plan: ");
	md(out, r->estate->name);
	if (*tgt)
		ordo_buf_printf(out, " to %s", tgt);
	ordo_buf_printf(out, "\n\n- **Verdict:** %s (`%s`, exit %d): ", ordo_verdict_headline(verdict),
			ordo_verdict_name(verdict), ordo_verdict_exit_code(verdict));
	ordo_tally_text(out, &t);
	ordo_buf_putc(out, '\n');
	ordo_buf_printf(out, "- **Catalog:** %s\n", ordo_render_catalog_name(r->catalog, cat, sizeof(cat)));
	ordo_buf_printf(out, "- **Fingerprint:** `%s`\n", ordo_report_fingerprint(r));
	if (p)
		ordo_buf_printf(out, "- **Steps:** %u in %u waves%s\n", p->nsteps, p->nwaves,
				ordo_plan_nviolations(p) ? " — **the plan failed verification**" : "");
	ordo_buf_puts(out, "\n## Findings\n\n");
	if (!r->nfindings)
		ordo_buf_puts(out, "None.\n");
	else {
		ordo_buf_puts(out, "| severity | id | component | title | status |\n|---|---|---|---|---|\n");
		for (uint32_t i = 0; i < r->nfindings; i++) {
			const ordo_finding *f = r->findings[i];
			ordo_buf_printf(out, "| %s | `%s` | ", ordo_severity_name(f->severity), f->id);
			md(out, f->component ? f->component->id : "-");
			ordo_buf_puts(out, " | ");
			md(out, f->title);
			ordo_buf_puts(out, " | ");
			if (f->waived) {
				if (!f->accepted)
					ordo_buf_puts(out, "waived: ");
				md(out, f->waive_reason);
			} else if (f->nresolved) {
				ordo_buf_puts(out, "resolved by step");
				for (uint32_t k = 0; k < f->nresolved; k++)
					ordo_buf_printf(out, "%s %u", k ? "," : "", f->resolved_by[k]);
			} else {
				ordo_buf_puts(out, ordo_finding_open_blocker(f) ? "**open**" : "open");
			}
			ordo_buf_puts(out, " |\n");
		}
		for (uint32_t i = 0; i < r->nfindings; i++) {
			const ordo_finding *f = r->findings[i];
			if (f->severity == ORDO_SEV_INFO)
				continue;
			ordo_buf_printf(out, "\n### `%s`", f->id);
			if (f->component) {
				ordo_buf_puts(out, " (");
				md(out, f->component->id);
				ordo_buf_putc(out, ')');
			}
			ordo_buf_puts(out, "\n\n");
			md(out, f->detail);
			ordo_buf_puts(out, "\n");
			for (uint32_t k = 0; k < f->nremediation; k++) {
				ordo_buf_puts(out, "\n- ");
				if (!strcmp(f->remediation[k].type, "command")) {
					ordo_buf_puts(out, "`");
					for (const char *c = f->remediation[k].text; *c; c++)
						ordo_buf_putc(out, *c == '`' ? '\'' : *c);
					ordo_buf_puts(out, "`");
				} else {
					md(out, f->remediation[k].text);
				}
			}
			if (f->nremediation)
				ordo_buf_putc(out, '\n');
			if (f->sources.n) {
				ordo_buf_puts(out, "\nSources: ");
				for (uint32_t k = 0; k < f->sources.n; k++) {
					ordo_buf_puts(out, k ? ", " : "");
					md(out, f->sources.items[k]);
				}
				ordo_buf_putc(out, '\n');
			}
		}
	}
	if (!p)
		return;
	ordo_buf_puts(out, "\n## Plan\n");
	uint32_t wave = 0;
	for (uint32_t i = 0; i < p->nsteps; i++) {
		const ordo_step *s = p->steps[i];
		if (s->wave != wave) {
			wave = s->wave;
			ordo_buf_printf(out, "\n### Wave %u\n\n| # | component | action | servers | step | after | manual |\n|---|---|---|---|---|---|---|\n",
					wave);
		}
		ordo_buf_printf(out, "| %u | ", s->id);
		md(out, ordo_step_subject(s));
		ordo_buf_printf(out, " | %s | ", s->action);
		ordo_buf b = ORDO_BUF_INIT;
		targets(&b, s, 6);
		md(out, ordo_buf_cstr(&b));
		ordo_buf_release(&b);
		ordo_buf_puts(out, " | ");
		md(out, s->title);
		if (s->nblocked) {
			ordo_buf_puts(out, " (blocked by ");
			for (uint32_t k = 0; k < s->nblocked; k++)
				ordo_buf_printf(out, "%s`%s`", k ? ", " : "", s->blocked_by[k]);
			ordo_buf_puts(out, ")");
		}
		ordo_buf_puts(out, " | ");
		for (uint32_t k = 0; k < s->nafter && k < 8; k++)
			ordo_buf_printf(out, "%s%u", k ? ", " : "", s->after[k]);
		if (s->nafter > 8)
			ordo_buf_printf(out, " …");
		ordo_buf_printf(out, " | %s |\n", s->manual ? "yes" : "no");
	}
	uint32_t nv;
	const ordo_violation *v = ordo_plan_violations(p, &nv);
	if (nv) {
		ordo_buf_puts(out, "\n## Verification failed\n\n");
		for (uint32_t i = 0; i < nv; i++) {
			ordo_buf_printf(out, "- after step %u, `%s`: ", v[i].step, v[i].rule);
			md(out, v[i].message);
			ordo_buf_putc(out, '\n');
		}
	}
}

/* ---- DOT ---- */

static void dot_str(ordo_buf *out, const char *s)
{
	ordo_buf_putc(out, '"');
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			ordo_buf_putc(out, '\\');
		if (*s == '\n')
			ordo_buf_puts(out, "\\n");
		else
			ordo_buf_putc(out, *s);
	}
	ordo_buf_putc(out, '"');
}

void ordo_render_dot(ordo_buf *out, const ordo_report *r, const ordo_plan *p)
{
	ordo_buf_puts(out, "digraph plan {\n  rankdir=LR;\n  node [shape=box, fontsize=10];\n  label=");
	dot_str(out, r->estate->name);
	ordo_buf_puts(out, ";\n");
	uint32_t wave = 0;
	for (uint32_t i = 0; i < p->nsteps; i++) {
		const ordo_step *s = p->steps[i];
		if (s->wave != wave) {
			if (wave)
				ordo_buf_puts(out, "  }\n");
			wave = s->wave;
			ordo_buf_printf(out, "  subgraph cluster_wave%u {\n    label=\"wave %u\";\n", wave, wave);
		}
		ordo_buf b = ORDO_BUF_INIT;
		ordo_buf_printf(&b, "%u. %s\n%s", s->id, ordo_step_subject(s), s->action);
		if (s->role)
			ordo_buf_printf(&b, " %s", s->role);
		if (s->nservers || s->members) {
			ordo_buf_puts(&b, "\n");
			targets(&b, s, 3);
		}
		ordo_buf_printf(out, "    s%u [label=", s->id);
		dot_str(out, ordo_buf_cstr(&b));
		ordo_buf_release(&b);
		if (s->nblocked)
			ordo_buf_puts(out, ", color=red");
		else if (!strcmp(s->action, "upgrade"))
			ordo_buf_puts(out, ", style=bold");
		ordo_buf_puts(out, "];\n");
	}
	if (wave)
		ordo_buf_puts(out, "  }\n");
	for (uint32_t i = 0; i < p->nsteps; i++) {
		const ordo_step *s = p->steps[i];
		for (uint32_t k = 0; k < s->nafter; k++)
			ordo_buf_printf(out, "  s%u -> s%u;\n", s->after[k], s->id);
	}
	ordo_buf_puts(out, "}\n");
}
