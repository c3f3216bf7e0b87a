/* SPDX-License-Identifier: MIT */
/*
 * render_text.c: the terminal report. A one-line verdict first, then the
 * findings grouped by severity (blockers first), each with what to do and
 * where the rule is written.
 */
#include <string.h>

#include "plan.h"
#include "render.h"

#define C_RED "\033[31m"
#define C_YEL "\033[33m"
#define C_DIM "\033[2m"
#define C_BOLD "\033[1m"
#define C_OFF "\033[0m"

static void color(ordo_buf *out, const ordo_render_options *o, const char *code)
{
	if (o->color)
		ordo_buf_puts(out, code);
}

/* Wrap text at width, every line indented by indent spaces. */
static void wrap(ordo_buf *out, const char *text, int indent, int width)
{
	const char *p = text;
	while (*p) {
		for (int i = 0; i < indent; i++)
			ordo_buf_putc(out, ' ');
		int room = width - indent;
		const char *nl = strchr(p, '\n');
		size_t left = nl ? (size_t)(nl - p) : strlen(p);
		size_t take = left;
		if ((int)left > room) {
			take = (size_t)room;
			while (take > 0 && p[take] != ' ')
				take--;
			if (take == 0)
				take = (size_t)room;
		}
		ordo_buf_put(out, p, take);
		ordo_buf_putc(out, '\n');
		p += take;
		while (*p == ' ')
			p++;
		if (*p == '\n')
			p++;
	}
}

/* Per component held back: its own open blockers with what would lift
 * them, then the components whose blockers its steps wait for. */
static void blocked_text(ordo_buf *out, const ordo_plan *plan)
{
	for (uint32_t i = 0; i < plan->nblocked; i++) {
		const ordo_blocked *b = &plan->blocked[i];
		ordo_buf_printf(out, "  %s", b->component->id);
		uint32_t k = 0;
		bool own = false;
		for (; k < b->n && b->by[k]->component == b->component; k++) {
			const ordo_finding *f = b->by[k];
			ordo_buf_printf(out, "%s\n    %s: %s", own ? "" : ":", f->id, f->title);
			if (f->nremediation)
				ordo_buf_printf(out, "\n      -> %s", f->remediation[0].text);
			own = true;
		}
		if (k < b->n) {
			ordo_buf_puts(out, own ? "\n    and waits for " : ": waits for ");
			const ordo_component *last = NULL;
			for (uint32_t m = k; m < b->n; m++) {
				const ordo_finding *f = b->by[m];
				if (f->component != last || m == k)
					ordo_buf_printf(out, "%s%s (", m == k ? "" : "), ",
							f->component ? f->component->id : "the estate");
				else
					ordo_buf_puts(out, ", ");
				ordo_buf_puts(out, f->id);
				last = f->component;
			}
			ordo_buf_putc(out, ')');
		}
		ordo_buf_putc(out, '\n');
	}
}

void ordo_render_text(ordo_buf *out, const ordo_report *r, const struct ordo_plan *plan,
		      const ordo_render_options *o)
{
	static const ordo_render_options defaults = ORDO_RENDER_OPTIONS_INIT;
	if (!o)
		o = &defaults;
	ordo_tally t;
	ordo_report_tally(r, &t);
	ordo_verdict verdict = ordo_tally_verdict(&t);
	uint32_t n[3] = {0, 0, 0};
	for (uint32_t i = 0; i < r->nfindings; i++)
		n[r->findings[i]->severity]++;
	char tgt[128] = "";
	if (r->estate->target.scale)
		ordo_version_str(&r->estate->target, tgt, sizeof(tgt));

	color(out, o, C_BOLD);
	if (verdict == ORDO_VERDICT_BLOCKED)
		color(out, o, C_RED);
	else if (verdict != ORDO_VERDICT_OK)
		color(out, o, C_YEL);
	ordo_buf_printf(out, "%s: %s", r->estate->name, ordo_verdict_headline(verdict));
	color(out, o, C_OFF);
	if (*tgt)
		ordo_buf_printf(out, " for %s", tgt);
	ordo_buf_puts(out, " (");
	ordo_tally_text(out, &t);
	ordo_buf_puts(out, ")\n");

	static const char *const heads[3] = {"Info", "Warnings", "Blockers"};
	for (int sev = 2; sev >= 0; sev--) {
		if (!n[sev])
			continue;
		ordo_buf_putc(out, '\n');
		color(out, o, C_BOLD);
		ordo_buf_printf(out, "%s\n", heads[sev]);
		color(out, o, C_OFF);
		for (uint32_t i = 0; i < r->nfindings; i++) {
			const ordo_finding *f = r->findings[i];
			if ((int)f->severity != sev)
				continue;
			const char *mark = sev == 2 ? "x" : sev == 1 ? "!" : "-";
			if (f->waived || f->nresolved)
				mark = "~";
			ordo_buf_printf(out, "  %s ", mark);
			color(out, o, sev == 2 ? C_RED : sev == 1 ? C_YEL : "");
			ordo_buf_puts(out, f->id);
			color(out, o, C_OFF);
			if (f->component) {
				ordo_buf_printf(out, " [%s", f->component->id);
				for (uint32_t s = 0; s < f->nservers && s < 5; s++)
					ordo_buf_printf(out, "%s%s", s ? ", " : ": ", f->servers[s]);
				if (f->nservers > 5)
					ordo_buf_printf(out, " and %u more", f->nservers - 5);
				if (f->has_hop) {
					char a[64], b[64];
					ordo_buf_printf(out, "; %s -> %s",
							ordo_version_str(&f->hop_from, a, sizeof(a)),
							ordo_version_str(&f->hop_to, b, sizeof(b)));
				}
				ordo_buf_putc(out, ']');
			}
			ordo_buf_printf(out, ": %s\n", f->title);
			if (sev == 0 && !o->verbose)
				continue;
			if (f->accepted) {
				ordo_buf_printf(out, "    %s\n", f->waive_reason ? f->waive_reason : "accepted");
			} else if (f->waived) {
				ordo_buf_printf(out, "    waived: %s", f->waive_reason ? f->waive_reason : "");
				if (f->waive_expires)
					ordo_buf_printf(out, " (until %s)", f->waive_expires);
				ordo_buf_putc(out, '\n');
			}
			if (f->detail && *f->detail)
				wrap(out, f->detail, 4, 100);
			for (uint32_t k = 0; k < f->nremediation; k++) {
				const ordo_remedy *rm = &f->remediation[k];
				ordo_buf_printf(out, "    %s ", !strcmp(rm->type, "command") ? "$" : "->");
				ordo_buf_puts(out, rm->text);
				ordo_buf_putc(out, '\n');
			}
			if (f->nresolved) {
				ordo_buf_puts(out, "    resolved by plan step");
				for (uint32_t k = 0; k < f->nresolved; k++)
					ordo_buf_printf(out, "%s %u", k ? "," : "", f->resolved_by[k]);
				ordo_buf_putc(out, '\n');
			}
			if (f->sources.n) {
				color(out, o, C_DIM);
				ordo_buf_puts(out, "    source: ");
				for (uint32_t k = 0; k < f->sources.n; k++)
					ordo_buf_printf(out, "%s%s", k ? ", " : "", f->sources.items[k]);
				ordo_buf_putc(out, '\n');
				color(out, o, C_OFF);
			}
		}
	}
	/* what stands in the way, per component, and what would unblock it */
	bool open = false;
	for (uint32_t i = 0; i < r->nfindings; i++)
		open |= ordo_finding_open_blocker(r->findings[i]);
	if (open) {
		ordo_buf_puts(out, "\n");
		color(out, o, C_BOLD);
		ordo_buf_puts(out, plan && plan->complete ? "What must change before the plan can run\n"
							  : "Why no complete plan exists\n");
		color(out, o, C_OFF);
		if (plan && plan->nblocked)
			blocked_text(out, plan);
		for (uint32_t i = 0; !(plan && plan->nblocked) && i < r->nfindings; i++) {
			const ordo_finding *f = r->findings[i];
			if (!ordo_finding_open_blocker(f))
				continue;
			ordo_buf_printf(out, "  %s: %s", f->component ? f->component->id : r->estate->name,
					f->title);
			if (f->nremediation)
				ordo_buf_printf(out, " -> %s", f->remediation[0].text);
			ordo_buf_printf(out, " (%s)\n", f->id);
		}
	}
	if (plan)
		ordo_render_plan_text(out, plan, o);
}
