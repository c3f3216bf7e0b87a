/* SPDX-License-Identifier: MIT */
/*
 * cmd_export.c: `ordo export ansible <estate>`: the plan as an Ansible
 * playbook, for teams whose fleet is driven by Ansible.
 *
 * One play per step, in the plan's order, so wave N has finished before
 * wave N+1 starts (steps of one wave, which may run at the same time, run
 * one after another). A play's hosts are the step's servers; anonymous
 * members become an inventory group `ordo_<component>_<role>` that the
 * user fills, sliced per batch step. `serial` follows the role's mode and
 * batch; `max_fail_percentage` is 0 unless --max-fail-percent says
 * otherwise, so the first failure stops the playbook where ordo run would
 * stop.
 *
 * Steps a runbook executor matches become `ansible.builtin.command` with
 * an argv list (never a shell string); {server} becomes the host the task
 * runs on. Steps no executor matches pause for a person, who types `done`;
 * `-e ordo_skip_manual=true` passes over them. Steps blocked by an open
 * finding fail.
 *
 * Everything from the estate, catalog or runbook is written as a YAML
 * double-quoted scalar, and tagged !unsafe when it holds a brace, so
 * Ansible never evaluates it as a template.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plan.h"
#include "runbook.h"

/* ---- YAML and Jinja ---- */

/* Length of the UTF-8 sequence at s and its code point (the loader has
 * already rejected invalid UTF-8; a stray byte is taken as itself). */
static int utf8(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	int n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 1;
	uint32_t v = n == 4 ? s[0] & 0x07u : n == 3 ? s[0] & 0x0fu : s[0] & 0x1fu;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = s[0];
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3fu);
	}
	*cp = n == 1 ? s[0] : v;
	return n;
}

/* The characters YAML would read as line breaks or not allow as text */
static bool yaml_special(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0xfeff || cp == 0xfffe || cp == 0xffff;
}

/* s[0..len) inside a YAML double-quoted scalar (without the quotes) */
static void yaml_body(ordo_buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		uint32_t cp;
		int n = utf8(p, &cp);
		if (p + n > end)
			n = 1, cp = *p;
		if (cp == '"' || cp == '\\') {
			ordo_buf_putc(out, '\\');
			ordo_buf_putc(out, (char)cp);
		} else if (cp == '\n') {
			ordo_buf_puts(out, "\\n");
		} else if (cp == '\t') {
			ordo_buf_puts(out, "\\t");
		} else if (yaml_special(cp)) {
			if (cp < 0x100)
				ordo_buf_printf(out, "\\x%02X", (unsigned)cp);
			else
				ordo_buf_printf(out, "\\u%04X", (unsigned)cp);
		} else {
			ordo_buf_put(out, (const char *)p, (size_t)n);
		}
		p += n;
	}
}

/* A scalar Ansible will not template: quoted, and !unsafe when it holds a
 * brace (a template starts with "{{", "{%" or "{#"). */
static void yq(ordo_buf *out, const char *s)
{
	if (!s)
		s = "";
	if (strchr(s, '{') || strchr(s, '}'))
		ordo_buf_puts(out, "!unsafe ");
	ordo_buf_putc(out, '"');
	yaml_body(out, s, strlen(s));
	ordo_buf_putc(out, '"');
}

/* Text for a comment line: no line breaks */
static void comment_text(ordo_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		uint32_t cp;
		int n = utf8(p, &cp);
		if (yaml_special(cp))
			ordo_buf_putc(out, ' ');
		else
			ordo_buf_put(out, (const char *)p, (size_t)n);
		p += n;
	}
}

/* s inside a Jinja string literal in single quotes */
static void jinja_str(ordo_buf *out, const char *s, size_t len)
{
	ordo_buf_putc(out, '\'');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\'' || s[i] == '\\')
			ordo_buf_putc(out, '\\');
		if (s[i] == '\n')
			ordo_buf_puts(out, "\\n");
		else if (s[i] == '\r')
			ordo_buf_puts(out, "\\r");
		else
			ordo_buf_putc(out, s[i]);
	}
	ordo_buf_putc(out, '\'');
}

/* An argv element: literal text where '\0' marks {server}. Without a
 * server it is a plain unsafe-if-needed scalar; with one, the host name
 * comes from Ansible and the literal parts stay literal. */
static void argv_item(ordo_buf *out, const char *s, size_t len)
{
	if (!memchr(s, '\0', len)) {
		yq(out, s);
		return;
	}
	bool braces = memchr(s, '{', len) || memchr(s, '}', len);
	ordo_buf expr = ORDO_BUF_INIT;
	if (!braces) {
		for (size_t i = 0; i < len; i++) {
			if (s[i])
				ordo_buf_putc(&expr, s[i]);
			else
				ordo_buf_puts(&expr, "{{ inventory_hostname }}");
		}
	} else {
		/* {{ 'lit' ~ inventory_hostname ~ 'lit' }}: the braces are inside
		 * string literals, where Jinja does not look for markup */
		ordo_buf_puts(&expr, "{{ ");
		size_t start = 0;
		bool first = true;
		for (size_t i = 0; i <= len; i++) {
			if (i < len && s[i])
				continue;
			if (i > start) {
				ordo_buf_puts(&expr, first ? "" : " ~ ");
				jinja_str(&expr, s + start, i - start);
				first = false;
			}
			if (i < len) {
				ordo_buf_puts(&expr, first ? "inventory_hostname" : " ~ inventory_hostname");
				first = false;
			}
			start = i + 1;
		}
		ordo_buf_puts(&expr, " }}");
	}
	ordo_buf_putc(out, '"');
	yaml_body(out, expr.ptr, expr.len);
	ordo_buf_putc(out, '"');
	ordo_buf_release(&expr);
}

/* Expand one executor template as runbook.c does, with {server} left as a
 * '\0' marker for argv_item(). */
static void expand(ordo_buf *b, const char *t, const ordo_step_view *v)
{
	for (const char *p = t; *p; p++) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			ordo_buf_putc(b, *p++);
			continue;
		}
		const char *end = *p == '{' ? strchr(p, '}') : NULL;
		if (!end) {
			ordo_buf_putc(b, *p);
			continue;
		}
		size_t n = (size_t)(end - p - 1);
		const char *name = p + 1;
#define IS(x) (n == strlen(x) && !strncmp(name, x, n))
		if (IS("server"))
			ordo_buf_put(b, "", 1);
		else if (IS("step"))
			ordo_buf_printf(b, "%u", v->id);
		else if (IS("action"))
			ordo_buf_puts(b, v->action ? v->action : "");
		else if (IS("phase"))
			ordo_buf_puts(b, v->phase ? v->phase : "");
		else if (IS("product"))
			ordo_buf_puts(b, v->product ? v->product : "");
		else if (IS("component"))
			ordo_buf_puts(b, v->component ? v->component : "");
		else if (IS("role"))
			ordo_buf_puts(b, v->role ? v->role : "");
		else if (IS("from"))
			ordo_buf_puts(b, v->from ? v->from : "");
		else if (IS("to"))
			ordo_buf_puts(b, v->to ? v->to : "");
		else if (IS("estate"))
			ordo_buf_puts(b, v->estate ? v->estate : "");
#undef IS
		p = end;
	}
}

/* ---- the playbook ---- */

/* ordo_<component>_<role>, in the characters Ansible allows in a group name */
static void group_name(ordo_buf *out, const ordo_step *s)
{
	ordo_buf_puts(out, "ordo_");
	for (const char *p = ordo_step_subject(s); *p; p++)
		ordo_buf_putc(out, (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
						   (*p >= '0' && *p <= '9')
					   ? *p
					   : '_');
	ordo_buf_putc(out, '_');
	for (const char *p = s->role ? s->role : "members"; *p; p++)
		ordo_buf_putc(out, (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
						   (*p >= '0' && *p <= '9')
					   ? *p
					   : '_');
}

typedef struct {
	const ordo_plan *p;
	const ordo_runbook *rb;
	const char *estate_path;
	double max_fail;
	uint64_t *slice_from; /* per step: first member of its batch, or UINT64_MAX (the whole group) */
} exporter;

static uint64_t role_count(const ordo_step *s)
{
	const ordo_role_members *rm = s->role ? ordo_component_role(s->component, s->role) : NULL;
	return rm && !rm->named ? rm->count : 0;
}

/* Which members of its group each batch step covers: batches of one role
 * and action follow each other until the role's count is reached. */
static void slices(exporter *x)
{
	const ordo_plan *p = x->p;
	x->slice_from = ordo_xcalloc(p->nsteps + 1, sizeof(uint64_t));
	ordo_map next = ORDO_MAP_INIT;
	ordo_vec keys = ORDO_VEC_INIT;
	for (uint32_t i = 0; i < p->nsteps; i++) {
		const ordo_step *s = p->steps[i];
		uint64_t count = role_count(s);
		x->slice_from[i] = UINT64_MAX;
		if (!s->members || !count || s->members >= count)
			continue;
		ordo_buf k = ORDO_BUF_INIT;
		ordo_buf_printf(&k, "%s|%s|%s|%d", ordo_step_subject(s), s->role, s->action, s->hop_index);
		char *key = ordo_buf_detach(&k);
		uint64_t *off = ordo_map_get(&next, key, strlen(key));
		if (!off) {
			off = ordo_xcalloc(1, sizeof(*off));
			ordo_map_put(&next, key, strlen(key), off);
			ordo_vec_push(&keys, key);
			ordo_vec_push(&keys, off);
		} else {
			free(key);
		}
		if (*off + s->members > count)
			*off = 0;
		x->slice_from[i] = *off;
		*off += s->members;
		if (*off >= count)
			*off = 0;
	}
	for (size_t i = 0; i < keys.len; i++)
		free(keys.items[i]);
	ordo_vec_release(&keys);
	ordo_map_release(&next);
}

static void view_of(ordo_step_view *v, const ordo_step *s, const char *estate, char from[64],
		    char to[64])
{
	memset(v, 0, sizeof(*v));
	v->id = s->id;
	v->action = s->action;
	v->phase = ordo_phase_name(s->phase);
	v->product = ordo_step_product_id(s);
	v->component = s->component ? ordo_step_subject(s) : "";
	v->role = s->role;
	v->from = s->from.scale ? ordo_version_str(&s->from, from, 64) : "";
	v->to = s->to.scale ? ordo_version_str(&s->to, to, 64) : "";
	v->estate = estate;
}

static void hosts(ordo_buf *out, const exporter *x, uint32_t i)
{
	const ordo_step *s = x->p->steps[i];
	ordo_buf_puts(out, "  hosts:\n");
	for (uint32_t k = 0; k < s->nservers; k++) {
		ordo_buf_puts(out, "    - ");
		yq(out, s->servers[k]);
		ordo_buf_putc(out, '\n');
	}
	if (s->members) {
		ordo_buf g = ORDO_BUF_INIT;
		group_name(&g, s);
		if (x->slice_from[i] != UINT64_MAX)
			ordo_buf_printf(&g, "[%llu:%llu]", (unsigned long long)x->slice_from[i],
					(unsigned long long)(x->slice_from[i] + s->members - 1));
		ordo_buf_puts(out, "    - ");
		yq(out, ordo_buf_cstr(&g));
		ordo_buf_printf(out, "  # %llu anonymous member%s\n", (unsigned long long)s->members,
				s->members == 1 ? "" : "s");
		ordo_buf_release(&g);
	}
	if (!s->nservers && !s->members)
		ordo_buf_puts(out, "    - localhost  # the step names no server: it runs on the control node\n");
}

static uint64_t serial(const ordo_step *s)
{
	const ordo_cat_role *role = s->role && s->component ? ordo_product_role(s->component->product, s->role) : NULL;
	uint64_t all = s->nservers + s->members;
	if (!all)
		return 1;
	if (role && role->mode == ORDO_MODE_BATCH && role->batch)
		return role->batch < all ? role->batch : all;
	if (role && (role->mode == ORDO_MODE_SEQUENTIAL || role->mode == ORDO_MODE_ALONE))
		return 1;
	return all;
}

static void tags(ordo_buf *out, const ordo_step *s)
{
	ordo_buf_printf(out, "      tags: [\"step-%u\", \"wave-%u\"]\n", s->id, s->wave);
}

static void task_name(ordo_buf *out, const ordo_step *s, const char *suffix)
{
	ordo_buf b = ORDO_BUF_INIT;
	ordo_buf_printf(&b, "step %u: %s%s", s->id, s->title, suffix);
	ordo_buf_puts(out, "    - name: ");
	yq(out, ordo_buf_cstr(&b));
	ordo_buf_putc(out, '\n');
	ordo_buf_release(&b);
}

static void step_play(ordo_buf *out, const exporter *x, uint32_t i)
{
	const ordo_step *s = x->p->steps[i];
	ordo_buf b = ORDO_BUF_INIT;
	ordo_buf_printf(&b, "wave %u, step %u: %s", s->wave, s->id, s->title);
	ordo_buf_puts(out, "\n- name: ");
	yq(out, ordo_buf_cstr(&b));
	ordo_buf_release(&b);
	ordo_buf_putc(out, '\n');
	hosts(out, x, i);
	ordo_buf_printf(out, "  gather_facts: false\n  serial: %llu\n", (unsigned long long)serial(s));
	ordo_buf_printf(out, "  max_fail_percentage: %g\n", x->max_fail);
	ordo_buf_puts(out, "  tasks:\n");
	if (s->nblocked) {
		task_name(out, s, " (blocked)");
		ordo_buf_puts(out, "      ansible.builtin.fail:\n        msg: ");
		ordo_buf bm = ORDO_BUF_INIT;
		ordo_buf_printf(&bm, "step %u is blocked by ", s->id);
		for (uint32_t k = 0; k < s->nblocked; k++)
			ordo_buf_printf(&bm, "%s%s", k ? ", " : "", s->blocked_by[k]);
		ordo_buf_puts(&bm, ": fix the estate, then export the playbook again");
		yq(out, ordo_buf_cstr(&bm));
		ordo_buf_release(&bm);
		ordo_buf_puts(out, "\n      run_once: true\n");
		tags(out, s);
		return;
	}
	char from[64], to[64];
	ordo_step_view v;
	view_of(&v, s, x->estate_path, from, to);
	const ordo_executor *ex = x->rb ? ordo_runbook_match(x->rb, &v) : NULL;
	if (!ex) {
		/* a person does it: the play waits until they say so */
		task_name(out, s, "");
		ordo_buf pr = ORDO_BUF_INIT;
		ordo_buf_printf(&pr, "step %u is done by a person%s: %s\nType 'done' when it is done",
				s->id, s->manual ? "" : " (no executor in the runbook)", s->title);
		ordo_buf_puts(out, "      ansible.builtin.pause:\n        prompt: ");
		yq(out, ordo_buf_cstr(&pr));
		ordo_buf_release(&pr);
		ordo_buf_puts(out, "\n      register: ordo_ack\n"
				   "      when: not (ordo_skip_manual | default(false) | bool)\n");
		tags(out, s);
		task_name(out, s, " (acknowledged)");
		ordo_buf_puts(out, "      ansible.builtin.assert:\n"
				   "        that: \"(ordo_ack.user_input | default('') | trim | lower) == 'done'\"\n");
		ordo_buf_printf(out, "        fail_msg: \"step %u was not acknowledged: run the playbook from a "
				     "terminal and type done when the step is done, or pass -e "
				     "ordo_skip_manual=true\"\n",
				s->id);
		ordo_buf_puts(out, "        quiet: true\n      run_once: true\n"
				   "      when: not (ordo_skip_manual | default(false) | bool)\n");
		tags(out, s);
		return;
	}
	task_name(out, s, "");
	ordo_buf_puts(out, "      ansible.builtin.command:\n        argv:\n");
	/* run[0] is resolved against the runbook's folder as ordo run does:
	 * take that prefix from the library's own expansion */
	char **resolved = ordo_runbook_argv(x->rb, ex, &v, "");
	for (uint32_t k = 0; k < ex->argc; k++) {
		ordo_buf a = ORDO_BUF_INIT;
		expand(&a, ex->argv[k], &v);
		if (k == 0 && !memchr(a.ptr ? a.ptr : "", '\0', a.len)) {
			ordo_buf_clear(&a);
			ordo_buf_puts(&a, resolved[0]);
		}
		ordo_buf_puts(out, "          - ");
		argv_item(out, a.ptr ? a.ptr : "", a.len);
		ordo_buf_putc(out, '\n');
		ordo_buf_release(&a);
	}
	ordo_argv_free(resolved);
	/* the variables ordo run gives its executors */
	ordo_buf_printf(out, "      environment:\n        ORDO_STEP: \"%u\"\n        ORDO_ACTION: ", s->id);
	yq(out, s->action);
	ordo_buf_puts(out, "\n        ORDO_COMPONENT: ");
	yq(out, ordo_step_subject(s));
	ordo_buf_puts(out, "\n        ORDO_SERVER: \"{{ inventory_hostname }}\"\n");
	if (ex->timeout > 0)
		ordo_buf_printf(out, "      timeout: %.0f\n", ex->timeout);
	if (ex->retries)
		ordo_buf_printf(out, "      register: ordo_result\n      until: ordo_result is succeeded\n"
				     "      retries: %u\n      delay: 10\n",
				ex->retries);
	tags(out, s);
}

/* The first play: the inventory holds what the plays name, so no play is
 * silently skipped for want of hosts. */
static void preflight(ordo_buf *out, const exporter *x)
{
	const ordo_plan *p = x->p;
	ordo_buf_puts(out, "\n- name: \"check that the inventory holds every server and group of the plan\"\n"
			   "  hosts: localhost\n  gather_facts: false\n  tasks:\n");
	ordo_map seen = ORDO_MAP_INIT;
	ordo_vec owned = ORDO_VEC_INIT;
	bool any = false;
	for (uint32_t i = 0; i < p->nsteps; i++) {
		const ordo_step *s = p->steps[i];
		for (uint32_t k = 0; k < s->nservers; k++) {
			const char *name = s->servers[k];
			if (ordo_map_get(&seen, name, strlen(name)))
				continue;
			ordo_map_put(&seen, name, strlen(name), (void *)1);
			if (!any)
				ordo_buf_puts(out, "    - name: \"every server of the plan is in the inventory\"\n"
						   "      ansible.builtin.assert:\n        that:\n");
			any = true;
			ordo_buf b = ORDO_BUF_INIT;
			ordo_buf_printf(&b, "'%s' in groups['all']", name); /* names are [A-Za-z0-9._-] */
			ordo_buf_puts(out, "          - ");
			yq(out, ordo_buf_cstr(&b));
			ordo_buf_putc(out, '\n');
			ordo_buf_release(&b);
		}
	}
	if (any)
		ordo_buf_puts(out, "        fail_msg: \"the inventory lacks a server the plan names\"\n"
				   "        quiet: true\n      tags: [always]\n");
	for (uint32_t i = 0; i < p->nsteps; i++) {
		const ordo_step *s = p->steps[i];
		if (!s->members)
			continue;
		ordo_buf g = ORDO_BUF_INIT;
		group_name(&g, s);
		char *name = ordo_buf_detach(&g);
		if (ordo_map_get(&seen, name, strlen(name))) {
			free(name);
			continue;
		}
		ordo_map_put(&seen, name, strlen(name), (void *)1);
		ordo_vec_push(&owned, name);
		uint64_t count = role_count(s);
		if (!count)
			count = s->members;
		ordo_buf_printf(out, "    - name: \"group %s holds the %llu %s members of %s\"\n", name,
				(unsigned long long)count, s->role ? s->role : "", ordo_step_subject(s));
		ordo_buf_printf(out, "      ansible.builtin.assert:\n        that: \"groups['%s'] | default([]) | "
				     "length == %llu\"\n",
				name, (unsigned long long)count);
		ordo_buf_printf(out, "        fail_msg: \"list the %llu %s members of %s in inventory group %s (the "
				     "estate counts them; the plan upgrades them in slices of that group)\"\n",
				(unsigned long long)count, s->role ? s->role : "", ordo_step_subject(s), name);
		ordo_buf_puts(out, "        quiet: true\n      tags: [always]\n");
		any = true;
	}
	if (!any)
		ordo_buf_puts(out, "    - name: \"nothing to check\"\n      ansible.builtin.meta: noop\n"
				   "      tags: [always]\n");
	for (size_t i = 0; i < owned.len; i++)
		free(owned.items[i]);
	ordo_vec_release(&owned);
	ordo_map_release(&seen);
}

static void playbook(ordo_buf *out, const exporter *x)
{
	const ordo_plan *p = x->p;
	const ordo_report *r = p->report;
	char tgt[128] = "", cat[256];
	if (r->estate->target.scale)
		ordo_version_str(&r->estate->target, tgt, sizeof(tgt));
	ordo_buf_puts(out, "# Ansible playbook for the upgrade plan of ");
	comment_text(out, r->estate->name);
	if (*tgt)
		ordo_buf_printf(out, " to %s", tgt);
	ordo_buf_printf(out, "\n# written by ordo export ansible; catalog %s, %s\n",
			ordo_render_catalog_name(r->catalog, cat, sizeof(cat)), ordo_report_fingerprint(r));
	ordo_tally t;
	ordo_report_tally(r, &t);
	ordo_buf_printf(out, "# verdict: %s (", ordo_verdict_headline(ordo_tally_verdict(&t)));
	ordo_tally_text(out, &t);
	ordo_buf_printf(out, "); %u step%s in %u wave%s\n", p->nsteps, p->nsteps == 1 ? "" : "s", p->nwaves,
			p->nwaves == 1 ? "" : "s");
	ordo_buf_puts(out,
		      "#\n"
		      "# One play per step, in the plan's order: wave N finishes before wave N+1 starts.\n"
		      "# Steps without an executor in the runbook pause until a person types 'done';\n"
		      "# -e ordo_skip_manual=true passes over them. Steps blocked by an open finding fail.\n"
		      "# Anonymous members are inventory groups ordo_<component>_<role> you fill.\n"
		      "# Resume with --start-at-task \"step N: ...\" or pick steps with --tags step-N.\n"
		      "---\n");
	preflight(out, x);
	for (uint32_t i = 0; i < p->nsteps; i++)
		step_play(out, x, i);
}

static void inventory(ordo_buf *out, const exporter *x)
{
	const ordo_plan *p = x->p;
	ordo_buf_puts(out, "# Inventory for the playbook ordo exported for ");
	comment_text(out, p->report->estate->name);
	ordo_buf_puts(out, "\n# Add connection settings (ansible_host, ansible_connection, ...) per host.\n"
			   "all:\n  hosts:\n");
	ordo_map seen = ORDO_MAP_INIT;
	ordo_vec owned = ORDO_VEC_INIT;
	bool any = false;
	for (uint32_t i = 0; i < p->nsteps; i++)
		for (uint32_t k = 0; k < p->steps[i]->nservers; k++) {
			const char *name = p->steps[i]->servers[k];
			if (ordo_map_get(&seen, name, strlen(name)))
				continue;
			ordo_map_put(&seen, name, strlen(name), (void *)1);
			ordo_buf_puts(out, "    ");
			yq(out, name);
			ordo_buf_puts(out, ": {}\n");
			any = true;
		}
	if (!any)
		ordo_buf_puts(out, "    {}\n");
	bool groups = false;
	for (uint32_t i = 0; i < p->nsteps; i++) {
		const ordo_step *s = p->steps[i];
		if (!s->members)
			continue;
		ordo_buf g = ORDO_BUF_INIT;
		group_name(&g, s);
		char *name = ordo_buf_detach(&g);
		if (ordo_map_get(&seen, name, strlen(name))) {
			free(name);
			continue;
		}
		ordo_map_put(&seen, name, strlen(name), (void *)1);
		ordo_vec_push(&owned, name);
		if (!groups)
			ordo_buf_puts(out, "  children:\n");
		groups = true;
		uint64_t count = role_count(s);
		ordo_buf_printf(out, "    %s:\n      # the estate counts %llu %s members of %s: list them here\n"
				     "      hosts: {}\n",
				name, (unsigned long long)(count ? count : s->members), s->role ? s->role : "",
				ordo_step_subject(s));
	}
	for (size_t i = 0; i < owned.len; i++)
		free(owned.items[i]);
	ordo_vec_release(&owned);
	ordo_map_release(&seen);
}

int cmd_export(cli_opts *o)
{
	if (o->nargs < 1)
		return cli_usage_error(o, "missing what to export (ansible)");
	if (strcmp(o->args[0], "ansible"))
		return cli_usage_error(o, "cannot export '%s' (ordo exports: ansible)", o->args[0]);
	for (int i = 1; i < o->nargs; i++)
		o->args[i - 1] = o->args[i];
	o->nargs--;
	ordo_catalog *cat;
	ordo_estate *est;
	int rc = cli_load_estate(o, &cat, &est);
	if (rc)
		return rc;
	ordo_runbook *rb = NULL;
	ordo_report *r = NULL;
	ordo_plan *plan = NULL;
	exporter x;
	memset(&x, 0, sizeof(x));
	if (o->runbook) {
		ordo_diag d = ORDO_DIAG_INIT;
		int err = ordo_runbook_load(&rb, o->runbook, &d);
		rc = cli_exit_for(err, &d);
		ordo_diag_release(&d);
		if (rc)
			goto done;
	}
	ordo_check_run(&r, est, NULL);
	ordo_plan_build(&plan, r);
	if (ordo_plan_nviolations(plan)) {
		fprintf(stderr, "ordo: internal error: the plan failed verification; nothing was exported\n");
		rc = CLI_EXIT_SOFTWARE;
		goto done;
	}
	x.p = plan;
	x.rb = rb;
	x.estate_path = o->args[0];
	x.max_fail = o->max_fail_percent;
	slices(&x);
	ordo_buf out = ORDO_BUF_INIT;
	playbook(&out, &x);
	rc = cli_emit(o, &out);
	ordo_buf_release(&out);
	if (!rc && o->inventory) {
		ordo_buf inv = ORDO_BUF_INIT;
		inventory(&inv, &x);
		cli_opts io = *o;
		io.output = o->inventory;
		rc = cli_emit(&io, &inv);
		ordo_buf_release(&inv);
	}
	if (!rc)
		rc = ordo_report_exit_code(r);
done:
	free(x.slice_from);
	ordo_plan_free(plan);
	ordo_report_free(r);
	ordo_runbook_free(rb);
	ordo_estate_free(est);
	ordo_catalog_free(cat);
	return rc;
}
