/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "json_writer.h"
#include "plan.h"
#include "render.h"

const char *ordo_render_catalog_name(const ordo_catalog *c, char *buf, size_t size)
{
	snprintf(buf, size, "%s@%s", c->suite_id ? c->suite_id : "catalog",
		 c->version ? c->version : "0");
	return buf;
}

void ordo_jw_version(ordo_jw *w, const ordo_version *v)
{
	char buf[128];
	if (!v->scale)
		ordo_jw_null(w);
	else
		ordo_jw_string(w, ordo_version_str(v, buf, sizeof(buf)));
}

static void strlist(ordo_jw *w, const ordo_strlist *l)
{
	ordo_jw_array_begin(w);
	for (uint32_t i = 0; i < l->n; i++)
		ordo_jw_string(w, l->items[i]);
	ordo_jw_array_end(w);
}

static void finding(ordo_jw *w, const ordo_finding *f)
{
	ordo_jw_object_begin(w);
	ordo_jw_key(w, "id");
	ordo_jw_string(w, f->id);
	ordo_jw_key(w, "severity");
	ordo_jw_string(w, ordo_severity_name(f->severity));
	ordo_jw_key(w, "waivable");
	ordo_jw_bool(w, f->waivable);
	ordo_jw_key(w, "waived");
	if (f->waived) {
		ordo_jw_object_begin(w);
		ordo_jw_key(w, "reason");
		ordo_jw_string(w, f->waive_reason);
		ordo_jw_key(w, "expires");
		ordo_jw_string(w, f->waive_expires);
		if (f->accepted) {
			/* waived by the estate's recorded decision, not a waiver */
			ordo_jw_key(w, "accepted");
			ordo_jw_bool(w, true);
		}
		ordo_jw_object_end(w);
	} else {
		ordo_jw_null(w);
	}
	ordo_jw_key(w, "component");
	ordo_jw_string(w, f->component ? f->component->id : NULL);
	ordo_jw_key(w, "servers");
	ordo_jw_string_list(w, f->servers, f->nservers);
	ordo_jw_key(w, "hop");
	if (f->has_hop) {
		ordo_jw_object_begin(w);
		ordo_jw_key(w, "from");
		ordo_jw_version(w, &f->hop_from);
		ordo_jw_key(w, "to");
		ordo_jw_version(w, &f->hop_to);
		ordo_jw_object_end(w);
	} else {
		ordo_jw_null(w);
	}
	ordo_jw_key(w, "title");
	ordo_jw_string(w, f->title);
	ordo_jw_key(w, "detail");
	ordo_jw_string(w, f->detail);
	ordo_jw_key(w, "remediation");
	ordo_jw_array_begin(w);
	for (uint32_t i = 0; i < f->nremediation; i++) {
		ordo_jw_object_begin(w);
		ordo_jw_key(w, "type");
		ordo_jw_string(w, f->remediation[i].type);
		ordo_jw_key(w, "text");
		ordo_jw_string(w, f->remediation[i].text);
		ordo_jw_object_end(w);
	}
	ordo_jw_array_end(w);
	ordo_jw_key(w, "sources");
	strlist(w, &f->sources);
	ordo_jw_key(w, "resolved_by");
	ordo_jw_array_begin_flat(w);
	for (uint32_t i = 0; i < f->nresolved; i++)
		ordo_jw_int(w, f->resolved_by[i]);
	ordo_jw_array_end(w);
	ordo_jw_object_end(w);
}

void ordo_render_json(ordo_buf *out, const ordo_report *r, const struct ordo_plan *plan)
{
	ordo_jw w;
	char buf[256];
	ordo_jw_init(&w, out, true);
	ordo_jw_object_begin(&w);
	ordo_jw_key(&w, "ordo");
	ordo_jw_int(&w, 1);
	ordo_jw_key(&w, "estate");
	ordo_jw_string(&w, r->estate->name);
	ordo_jw_key(&w, "catalog");
	ordo_jw_string(&w, ordo_render_catalog_name(r->catalog, buf, sizeof(buf)));
	ordo_jw_key(&w, "target");
	ordo_jw_version(&w, &r->estate->target);
	ordo_jw_key(&w, "fingerprint");
	ordo_jw_string(&w, ordo_report_fingerprint(r));
	ordo_jw_key(&w, "verdict");
	ordo_jw_string(&w, ordo_verdict_name(ordo_report_verdict(r)));
	ordo_jw_key(&w, "findings");
	ordo_jw_array_begin(&w);
	for (uint32_t i = 0; i < r->nfindings; i++)
		finding(&w, r->findings[i]);
	ordo_jw_array_end(&w);
	if (plan && plan->nblocked) {
		/* not in the contract's key list: why components are held back */
		ordo_jw_key(&w, "blocked");
		ordo_plan_json_blocked(plan, &w);
	}
	if (plan) {
		ordo_jw_key(&w, "steps");
		ordo_plan_json_steps(plan, &w);
		uint32_t nv;
		const ordo_violation *v = ordo_plan_violations(plan, &nv);
		if (nv) {
			/* not in the contract's key list: only present when the plan
			 * failed its own verification, which is a bug to report */
			ordo_jw_key(&w, "violations");
			ordo_jw_array_begin(&w);
			for (uint32_t i = 0; i < nv; i++) {
				ordo_jw_object_begin(&w);
				ordo_jw_key(&w, "step");
				ordo_jw_int(&w, v[i].step);
				ordo_jw_key(&w, "rule");
				ordo_jw_string(&w, v[i].rule);
				ordo_jw_key(&w, "message");
				ordo_jw_string(&w, v[i].message);
				ordo_jw_object_end(&w);
			}
			ordo_jw_array_end(&w);
		}
	}
	ordo_jw_object_end(&w);
	ordo_buf_putc(out, '\n');
}
