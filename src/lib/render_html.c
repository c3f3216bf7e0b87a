/* SPDX-License-Identifier: MIT */
/*
 * render_html.c: one self-contained HTML page for people who approve or
 * follow a plan: the verdict, the findings (blockers first), the plan as
 * waves with an SVG timeline of waves by component, and, for a run, the
 * state of every step.
 *
 * The page is a view of the JSON document of cli.md: check and plan render
 * that document, status renders the copy the journal holds, so the three
 * pages say the same thing in the same words. Nothing is fetched (inline
 * CSS and SVG, no scripts, a Content-Security-Policy that forbids every
 * request), and every string that comes from an estate, the catalog or a
 * journal goes through esc().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"
#include "loader.h"
#include "plan.h"
#include "render.h"

#ifndef ORDO_VERSION_STRING
#define ORDO_VERSION_STRING "0.0.0"
#endif

/* servers shown before "and N more" */
#define FOLD 6

/* The one escape for text and attribute values. Control characters that
 * HTML does not allow become U+FFFD; invalid UTF-8 cannot reach here (the
 * loader rejects it and the JSON writer replaces it). */
static void esc(ordo_buf *out, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '&':
			ordo_buf_puts(out, "&amp;");
			break;
		case '<':
			ordo_buf_puts(out, "&lt;");
			break;
		case '>':
			ordo_buf_puts(out, "&gt;");
			break;
		case '"':
			ordo_buf_puts(out, "&quot;");
			break;
		case '\'':
			ordo_buf_puts(out, "&#39;");
			break;
		default:
			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
				ordo_buf_puts(out, "\xef\xbf\xbd");
			else
				ordo_buf_putc(out, (char)c);
		}
	}
}

/* ---- reading the document ---- */

static const char *txt(const ordo_node *map, const char *key)
{
	const ordo_node *v = ordo_node_get(map, key);
	return v && ordo_node_is_scalar(v) && v->type != ORDO_NODE_NULL ? v->u.str : NULL;
}

static uint32_t num(const ordo_node *map, const char *key)
{
	const char *s = txt(map, key);
	return s ? (uint32_t)strtoul(s, NULL, 10) : 0;
}

static bool flag(const ordo_node *map, const char *key)
{
	const ordo_node *v = ordo_node_get(map, key);
	return v && v->type == ORDO_NODE_BOOL && v->boolean;
}

static const ordo_node *seq(const ordo_node *map, const char *key)
{
	const ordo_node *v = ordo_node_get(map, key);
	return v && v->type == ORDO_NODE_SEQ ? v : NULL;
}

static uint32_t seq_len(const ordo_node *s)
{
	return s ? s->len : 0;
}

static const char *item(const ordo_node *s, uint32_t i)
{
	const ordo_node *v = &s->u.items[i];
	return ordo_node_is_scalar(v) && v->type != ORDO_NODE_NULL ? v->u.str : "";
}

typedef struct {
	const ordo_node *doc;
	const ordo_node *findings, *steps;
	const ordo_html_run *run;
	uint32_t nwaves;
	uint32_t cur_wave;                /* status: first wave not finished (0: none) */
	const ordo_jstep **state;         /* status: per step of the document, or NULL */
	const char **output;              /* status: per step, or NULL */
	ordo_map first_finding;           /* finding id -> its first index + 1 */
} page;

static bool open_blocker(const ordo_node *f)
{
	const char *sev = txt(f, "severity");
	const ordo_node *w = ordo_node_get(f, "waived");
	return sev && !strcmp(sev, "blocker") && !(w && w->type == ORDO_NODE_MAP) &&
	       !seq_len(seq(f, "resolved_by"));
}

static bool waived(const ordo_node *f)
{
	const ordo_node *w = ordo_node_get(f, "waived");
	return w && w->type == ORDO_NODE_MAP;
}

/* waived by the estate's recorded decision (the check's accepted_by) */
static bool accepted(const ordo_node *f)
{
	const ordo_node *a = ordo_node_get(ordo_node_get(f, "waived"), "accepted");
	return a && a->type == ORDO_NODE_BOOL && a->boolean;
}

/* ---- small pieces ---- */

static const char *const css =
	":root{--ink:#1a1a1a;--dim:#555;--line:#c8c8c8;--blocker:#a4001d;--blocker-bg:#fdecee;"
	"--warning:#7a4d00;--warning-bg:#fff3dc;--info:#1f4e79;--info-bg:#eaf1f8;--ok:#1b6530;"
	"--ok-bg:#e7f4ea}\n"
	"*{box-sizing:border-box}\n"
	"body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:var(--ink);"
	"background:#fff;margin:0 auto;max-width:1200px;padding:24px}\n"
	"h1{font-size:1.6em;margin:0 0 .3em}h2{font-size:1.3em;margin:1.6em 0 .5em;border-bottom:2px solid "
	"var(--line);padding-bottom:.2em}h3{font-size:1.05em;margin:1.2em 0 .4em}\n"
	"code,pre{font-family:ui-monospace,'DejaVu Sans Mono',Consolas,monospace;font-size:.9em}\n"
	"code{background:#f3f3f3;border:1px solid #e0e0e0;border-radius:3px;padding:0 .25em;"
	"overflow-wrap:anywhere}\n"
	"pre{background:#f6f6f6;border:1px solid #ddd;padding:.5em;white-space:pre-wrap;"
	"overflow-wrap:anywhere}\n"
	"dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.5em 0;"
	"color:var(--dim)}dl.meta dt{font-weight:600}dl.meta dd{margin:0;overflow-wrap:anywhere}\n"
	".verdict{border:3px solid;border-radius:6px;padding:.8em 1em;margin:1em 0}\n"
	".verdict .word{font-size:1.8em;font-weight:800;letter-spacing:.04em}\n"
	".verdict.blocked{border-color:var(--blocker);background:var(--blocker-bg)}"
	".verdict.blocked .word{color:var(--blocker)}\n"
	".verdict.warnings{border-color:var(--warning);background:var(--warning-bg)}"
	".verdict.warnings .word{color:var(--warning)}\n"
	".verdict.planned{border-color:var(--info);background:var(--info-bg)}"
	".verdict.planned .word{color:var(--info)}\n"
	".verdict.ok{border-color:var(--ok);background:var(--ok-bg)}.verdict.ok .word{color:var(--ok)}\n"
	".badge{display:inline-block;border:1px solid;border-radius:3px;padding:0 .35em;font-size:.8em;"
	"font-weight:700;text-transform:uppercase;letter-spacing:.03em;white-space:nowrap}\n"
	".sev-blocker{color:var(--blocker);background:var(--blocker-bg)}"
	".sev-warning{color:var(--warning);background:var(--warning-bg)}"
	".sev-info{color:var(--info);background:var(--info-bg)}\n"
	".finding{border:1px solid var(--line);border-left:6px solid;border-radius:4px;padding:.6em "
	".9em;margin:.8em 0}\n"
	".finding.blocker{border-left-color:var(--blocker)}.finding.warning{border-left-color:"
	"var(--warning)}.finding.info{border-left-color:var(--info)}\n"
	".finding h3{margin:.2em 0}.finding .where{color:var(--dim);font-size:.92em}\n"
	".finding .detail{white-space:pre-line}.finding ul{margin:.3em 0;padding-left:1.4em}\n"
	".status{font-weight:600}.status.open{color:var(--blocker)}\n"
	".sources{color:var(--dim);font-size:.88em;overflow-wrap:anywhere}\n"
	"table{border-collapse:collapse;width:100%;margin:.4em 0 1em;font-size:.92em}\n"
	"table.steps{table-layout:fixed}table.steps td{overflow-wrap:anywhere}\n"
	".c-id{width:3.2em}.c-comp{width:8%}.c-act{width:9%}.c-role{width:11%}.c-srv{width:11%}"
	".c-after{width:6%}.c-man{width:6.5%}.c-blk{width:11%}.c-state{width:17%}\n"
	"th,td{border:1px solid var(--line);padding:.25em .45em;text-align:left;vertical-align:top}\n"
	"th{background:#f0f0f0}td.num{text-align:right;white-space:nowrap}\n"
	"tr.blocked td{background:#fff5f5}\n"
	".st{display:inline-block;border:1px solid;border-radius:3px;padding:0 .35em;font-weight:700;"
	"font-size:.85em;white-space:nowrap}\n"
	".st-done{color:#1b6530;background:#e7f4ea}.st-failed{color:#a4001d;background:#fdecee}"
	".st-waiting{color:#7a4d00;background:#fff3dc}.st-running{color:#1f4e79;background:#eaf1f8}"
	".st-interrupted{color:#5b2a86;background:#f1e9f8}.st-pending{color:#444;background:#fff}"
	".st-skipped{color:#666;background:#f3f3f3;border-style:dashed}\n"
	".small{font-size:.85em;color:var(--dim)}\n"
	".timeline{overflow-x:auto;border:1px solid var(--line);padding:.5em;margin:.5em 0}\n"
	".timeline svg{display:block;max-width:100%;height:auto}\n"
	".legend{font-size:.88em;color:var(--dim)}.legend span{margin-right:1.2em;white-space:nowrap}\n"
	".key{display:inline-block;width:1.4em;height:.8em;vertical-align:middle;margin-right:.3em;"
	"border:1px solid #333}\n"
	".warnbox{border:2px solid var(--blocker);padding:.5em 1em;background:var(--blocker-bg)}\n"
	"footer{margin-top:2em;color:var(--dim);font-size:.85em}\n"
	"a{color:inherit}\n"
	".badge,.st,.verdict,.key,.timeline svg{-webkit-print-color-adjust:exact;"
	"print-color-adjust:exact}\n"
	"@media print{body{max-width:none;padding:0;font-size:10pt}"
	".verdict{background:none!important}th{background:none}"
	"tr,.finding,.verdict,.timeline{break-inside:avoid;page-break-inside:avoid}"
	"thead{display:table-header-group}h2,h3{break-after:avoid;page-break-after:avoid}"
	".timeline{overflow:visible;border:none}a{text-decoration:none}"
	"@page{margin:14mm}}\n";

/* "VMM01, VMM02, … and 3 more" with "+ 200 members" for anonymous ones */
static void targets(ordo_buf *out, const ordo_node *obj, uint32_t fold)
{
	const ordo_node *sv = seq(obj, "servers");
	uint32_t n = seq_len(sv);
	for (uint32_t k = 0; k < n && k < fold; k++) {
		ordo_buf_puts(out, k ? ", " : "");
		esc(out, item(sv, k));
	}
	if (n > fold)
		ordo_buf_printf(out, " and %u more", n - fold);
	const char *members = txt(obj, "members");
	if (members) {
		ordo_buf_puts(out, n ? " + " : "");
		esc(out, members);
		ordo_buf_puts(out, strcmp(members, "1") ? " members" : " member");
	}
}

static const char *severity_class(const char *sev)
{
	if (sev && !strcmp(sev, "blocker"))
		return "blocker";
	if (sev && !strcmp(sev, "warning"))
		return "warning";
	return "info";
}

static void step_link(ordo_buf *out, const char *id)
{
	ordo_buf_puts(out, "<a href=\"#step-");
	esc(out, id);
	ordo_buf_puts(out, "\">");
	esc(out, id);
	ordo_buf_puts(out, "</a>");
}

static void finding_link(ordo_buf *out, const page *pg, const char *id)
{
	if (ordo_map_get(&pg->first_finding, id, strlen(id))) {
		ordo_buf_puts(out, "<a href=\"#finding-");
		esc(out, id);
		ordo_buf_puts(out, "\"><code>");
		esc(out, id);
		ordo_buf_puts(out, "</code></a>");
	} else {
		ordo_buf_puts(out, "<code>");
		esc(out, id);
		ordo_buf_puts(out, "</code>");
	}
}

static const char *state_name(const page *pg, uint32_t i)
{
	return pg->state && pg->state[i] ? ordo_state_name(pg->state[i]->state) : NULL;
}

/* ---- sections ---- */

static void head(ordo_buf *out, const page *pg, const char *kind)
{
	const char *estate = txt(pg->doc, "estate");
	const char *target = txt(pg->doc, "target");
	ordo_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
			   "style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">\n"
			   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			   "<meta name=\"generator\" content=\"ordo " ORDO_VERSION_STRING "\">\n<title>");
	ordo_buf_puts(out, kind);
	ordo_buf_puts(out, ": ");
	esc(out, estate ? estate : "estate");
	if (target) {
		ordo_buf_puts(out, " to ");
		esc(out, target);
	}
	ordo_buf_puts(out, "</title>\n<style>\n");
	ordo_buf_puts(out, css);
	ordo_buf_puts(out, "</style>\n</head>\n<body>\n<header>\n<h1>");
	ordo_buf_puts(out, kind);
	ordo_buf_puts(out, ": <span class=\"estate\">");
	esc(out, estate ? estate : "estate");
	ordo_buf_puts(out, "</span>");
	if (target) {
		ordo_buf_puts(out, " to <span class=\"target\">");
		esc(out, target);
		ordo_buf_puts(out, "</span>");
	}
	ordo_buf_puts(out, "</h1>\n<dl class=\"meta\">\n");
	const char *cat = txt(pg->doc, "catalog");
	const char *fp = txt(pg->doc, "fingerprint");
	if (cat) {
		ordo_buf_puts(out, "<dt>Catalog</dt><dd>");
		esc(out, cat);
		ordo_buf_puts(out, "</dd>\n");
	}
	if (fp) {
		ordo_buf_puts(out, "<dt>Fingerprint</dt><dd><code>");
		esc(out, fp);
		ordo_buf_puts(out, "</code></dd>\n");
	}
	if (pg->run && pg->run->journal) {
		ordo_buf_puts(out, "<dt>Journal</dt><dd><code>");
		esc(out, pg->run->journal);
		ordo_buf_puts(out, "</code></dd>\n");
	}
	/* a page carries a time only when one is given: the same input gives
	 * the same bytes */
	const char *now = getenv("ORDO_NOW");
	if (now && *now) {
		ordo_buf_puts(out, "<dt>Generated</dt><dd>");
		esc(out, now);
		ordo_buf_puts(out, "</dd>\n");
	}
	ordo_buf_puts(out, "</dl>\n</header>\n");
}

static ordo_severity severity_of(const ordo_node *f)
{
	const char *c = severity_class(txt(f, "severity"));
	return !strcmp(c, "blocker") ? ORDO_SEV_BLOCKER : !strcmp(c, "warning") ? ORDO_SEV_WARNING : ORDO_SEV_INFO;
}

/* The state of step id in a run, or NULL (a step the journal does not
 * know). Steps are numbered 1..n in order, so the index is tried first. */
static const ordo_jstep *run_step(const page *pg, const char *id)
{
	if (!pg->state || !id)
		return NULL;
	uint32_t want = (uint32_t)strtoul(id, NULL, 10), ns = seq_len(pg->steps);
	if (want >= 1 && want <= ns && num(&pg->steps->u.items[want - 1], "id") == want)
		return pg->state[want - 1];
	for (uint32_t i = 0; i < ns; i++)
		if (num(&pg->steps->u.items[i], "id") == want)
			return pg->state[i];
	return NULL;
}

/* Every step that resolves f is done in the run shown. */
static bool resolved_and_done(const page *pg, const ordo_node *f)
{
	const ordo_node *rb = seq(f, "resolved_by");
	if (!pg->state || !seq_len(rb))
		return false;
	for (uint32_t k = 0; k < rb->len; k++) {
		const ordo_jstep *st = run_step(pg, item(rb, k));
		if (!st || (st->state != ORDO_STATE_DONE && st->state != ORDO_STATE_SKIPPED))
			return false;
	}
	return true;
}

/* The headline is counted from the document's findings with the very
 * functions the text and Markdown reports use. */
static void verdict(ordo_buf *out, const page *pg)
{
	ordo_tally t;
	memset(&t, 0, sizeof(t));
	bool all_done = true;
	for (uint32_t i = 0; i < seq_len(pg->findings); i++) {
		const ordo_node *f = &pg->findings->u.items[i];
		bool resolved = seq_len(seq(f, "resolved_by")) > 0;
		ordo_severity sev = severity_of(f);
		ordo_tally_add(&t, sev, waived(f), resolved, accepted(f));
		if (sev == ORDO_SEV_BLOCKER && resolved && !waived(f) && !resolved_and_done(pg, f))
			all_done = false;
	}
	ordo_verdict v = ordo_tally_verdict(&t);
	ordo_buf_printf(out, "<section class=\"verdict %s\" id=\"verdict\">\n<div class=\"word\">Verdict: ",
			ordo_verdict_name(v));
	ordo_buf_puts(out, ordo_verdict_headline(v)); /* a constant with nothing to escape */
	ordo_buf_puts(out, "</div>\n<p>");
	ordo_tally_text(out, &t);
	ordo_buf_puts(out, ".");
	if (v == ORDO_VERDICT_BLOCKED)
		ordo_buf_puts(out, " At least one blocker is neither waived nor resolved by a step of the plan: the "
				   "upgrade must not start until it is fixed.");
	else if (v == ORDO_VERDICT_PLANNED && pg->run && all_done)
		ordo_buf_puts(out, " No blocker is open: the steps of the plan that remove them are done.");
	else if (v == ORDO_VERDICT_PLANNED)
		ordo_buf_puts(out, " No blocker is open: steps of the plan remove every one, so the estate is ready "
				   "once those steps are done, in the plan's order.");
	else if (v == ORDO_VERDICT_WARNINGS)
		ordo_buf_puts(out, " No blocker is open; read the warnings and waivers before the upgrade starts.");
	else
		ordo_buf_puts(out, " Nothing stands in the way of the upgrade.");
	ordo_buf_puts(out, "</p>\n");
	bool any = false;
	for (uint32_t i = 0; i < seq_len(pg->findings); i++) {
		const ordo_node *f = &pg->findings->u.items[i];
		if (!open_blocker(f))
			continue;
		if (!any)
			ordo_buf_puts(out, "<p><strong>What must change first:</strong></p>\n<ul>\n");
		any = true;
		const char *comp = txt(f, "component");
		ordo_buf_puts(out, "<li>");
		esc(out, comp ? comp : txt(pg->doc, "estate"));
		ordo_buf_puts(out, ": ");
		esc(out, txt(f, "title"));
		const ordo_node *rem = seq(f, "remediation");
		if (seq_len(rem)) {
			ordo_buf_puts(out, " &rarr; ");
			esc(out, txt(&rem->u.items[0], "text"));
		}
		ordo_buf_puts(out, " (");
		finding_link(out, pg, txt(f, "id") ? txt(f, "id") : "");
		ordo_buf_puts(out, ")</li>\n");
	}
	if (any)
		ordo_buf_puts(out, "</ul>\n");
	ordo_buf_puts(out, "</section>\n");
}

static void finding(ordo_buf *out, page *pg, const ordo_node *f)
{
	const char *id = txt(f, "id") ? txt(f, "id") : "";
	const char *sev = severity_class(txt(f, "severity"));
	ordo_buf_printf(out, "<article class=\"finding %s\"", sev);
	uintptr_t first = (uintptr_t)ordo_map_get(&pg->first_finding, id, strlen(id));
	if (first == (uintptr_t)(f - pg->findings->u.items) + 1) {
		ordo_buf_puts(out, " id=\"finding-");
		esc(out, id);
		ordo_buf_putc(out, '"');
	}
	ordo_buf_printf(out, ">\n<p><span class=\"badge sev-%s\">%s</span> <code class=\"fid\">", sev, sev);
	esc(out, id);
	ordo_buf_puts(out, "</code> &middot; <span class=\"status");
	if (waived(f)) {
		const ordo_node *w = ordo_node_get(f, "waived");
		ordo_buf_puts(out, accepted(f) ? "\">accepted" : "\">waived");
		if (txt(w, "expires")) {
			ordo_buf_puts(out, " until ");
			esc(out, txt(w, "expires"));
		}
		ordo_buf_puts(out, "</span>");
	} else if (seq_len(seq(f, "resolved_by"))) {
		const ordo_node *rb = seq(f, "resolved_by");
		ordo_buf_printf(out, "\">resolved by plan step%s ", rb->len == 1 ? "" : "s");
		for (uint32_t k = 0; k < rb->len; k++) {
			ordo_buf_puts(out, k ? ", " : "");
			step_link(out, item(rb, k));
		}
		if (pg->state)
			ordo_buf_puts(out, resolved_and_done(pg, f) ? " (done)" : " (not done yet)");
		ordo_buf_puts(out, "</span>");
	} else if (open_blocker(f)) {
		ordo_buf_puts(out, " open\">open: blocks the upgrade</span>");
	} else {
		ordo_buf_puts(out, strcmp(sev, "info") ? "\">open</span>" : "\">for information</span>");
	}
	ordo_buf_puts(out, "</p>\n<h3>");
	esc(out, txt(f, "title"));
	ordo_buf_puts(out, "</h3>\n");
	const char *comp = txt(f, "component");
	const ordo_node *hop = ordo_node_get(f, "hop");
	if (comp || seq_len(seq(f, "servers")) || (hop && hop->type == ORDO_NODE_MAP)) {
		ordo_buf_puts(out, "<p class=\"where\">");
		if (comp) {
			ordo_buf_puts(out, "component <strong>");
			esc(out, comp);
			ordo_buf_puts(out, "</strong>");
		} else {
			ordo_buf_puts(out, "the whole estate");
		}
		if (seq_len(seq(f, "servers"))) {
			ordo_buf_puts(out, " &middot; servers ");
			targets(out, f, FOLD);
		}
		if (hop && hop->type == ORDO_NODE_MAP) {
			ordo_buf_puts(out, " &middot; hop ");
			esc(out, txt(hop, "from") ? txt(hop, "from") : "?");
			ordo_buf_puts(out, " &rarr; ");
			esc(out, txt(hop, "to") ? txt(hop, "to") : "?");
		}
		ordo_buf_puts(out, "</p>\n");
	}
	if (waived(f)) {
		const ordo_node *w = ordo_node_get(f, "waived");
		ordo_buf_puts(out, accepted(f) ? "<p><strong>Accepted:</strong> " : "<p><strong>Waived:</strong> ");
		esc(out, txt(w, "reason"));
		if (txt(w, "expires")) {
			ordo_buf_puts(out, " (until ");
			esc(out, txt(w, "expires"));
			ordo_buf_puts(out, ")");
		}
		ordo_buf_puts(out, "</p>\n");
	}
	if (txt(f, "detail") && *txt(f, "detail")) {
		ordo_buf_puts(out, "<p class=\"detail\">");
		esc(out, txt(f, "detail"));
		ordo_buf_puts(out, "</p>\n");
	}
	const ordo_node *rem = seq(f, "remediation");
	if (seq_len(rem)) {
		ordo_buf_puts(out, "<p><strong>What to do:</strong></p>\n<ul class=\"remediation\">\n");
		for (uint32_t k = 0; k < rem->len; k++) {
			const ordo_node *r = &rem->u.items[k];
			const char *type = txt(r, "type") ? txt(r, "type") : "hint";
			ordo_buf_puts(out, "<li>");
			if (!strcmp(type, "command")) {
				ordo_buf_puts(out, "run <code>");
				esc(out, txt(r, "text"));
				ordo_buf_puts(out, "</code>");
			} else {
				esc(out, txt(r, "text"));
			}
			ordo_buf_puts(out, "</li>\n");
		}
		ordo_buf_puts(out, "</ul>\n");
	}
	const ordo_node *src = seq(f, "sources");
	if (seq_len(src)) {
		ordo_buf_puts(out, "<p class=\"sources\">Sources: ");
		for (uint32_t k = 0; k < src->len; k++) {
			ordo_buf_puts(out, k ? "; " : "");
			esc(out, item(src, k));
		}
		ordo_buf_puts(out, "</p>\n");
	}
	ordo_buf_puts(out, "</article>\n");
}

static void findings(ordo_buf *out, page *pg)
{
	ordo_buf_puts(out, "<section id=\"findings\">\n<h2>Findings</h2>\n");
	if (!seq_len(pg->findings)) {
		ordo_buf_puts(out, "<p>None: the catalog has nothing to say about this estate.</p>\n</section>\n");
		return;
	}
	static const char *const sevs[3] = {"blocker", "warning", "info"};
	static const char *const heads[3] = {"Blockers", "Warnings", "Information"};
	for (int s = 0; s < 3; s++) {
		uint32_t n = 0;
		for (uint32_t i = 0; i < pg->findings->len; i++)
			if (!strcmp(severity_class(txt(&pg->findings->u.items[i], "severity")), sevs[s]))
				n++;
		if (!n)
			continue;
		ordo_buf_printf(out, "<h3>%s (%u)</h3>\n", heads[s], n);
		for (uint32_t i = 0; i < pg->findings->len; i++) {
			const ordo_node *f = &pg->findings->u.items[i];
			if (!strcmp(severity_class(txt(f, "severity")), sevs[s]))
				finding(out, pg, f);
		}
	}
	ordo_buf_puts(out, "</section>\n");
}

/* ---- the timeline ---- */

static const char *const state_fill[ORDO_STATE_N] = {
	"#ffffff", /* pending */
	"#5b9bd5", /* running */
	"#2e8b57", /* done */
	"#c0392b", /* failed */
	"#f0b429", /* waiting */
	"#8e5bb5", /* interrupted */
	"#d9d9d9", /* skipped */
};

/* which state a cell shows when several steps share it: the one that most
 * needs a person */
static int state_rank(ordo_state s)
{
	static const int rank[ORDO_STATE_N] = {2, 4, 1, 6, 5, 5, 0};
	return rank[s];
}

static void timeline(ordo_buf *out, page *pg)
{
	uint32_t ns = seq_len(pg->steps);
	if (!ns || !pg->nwaves)
		return;
	/* rows: components in order of their first step */
	const char **comps = ordo_xcalloc(ns, sizeof(*comps));
	uint32_t nc = 0;
	ordo_map row = ORDO_MAP_INIT;
	for (uint32_t i = 0; i < ns; i++) {
		const char *c = txt(&pg->steps->u.items[i], "component");
		if (!c)
			c = "";
		if (!ordo_map_get(&row, c, strlen(c))) {
			comps[nc] = c;
			ordo_map_put(&row, c, strlen(c), (void *)(uintptr_t)++nc);
		}
	}
	const double label = 150, top = 28, rowh = 24, plotw = 880;
	double cw = plotw / pg->nwaves;
	if (cw > 48)
		cw = 48;
	double width = label + cw * pg->nwaves + 12, height = top + rowh * nc + 10;
	uint32_t tick = 1;
	static const uint32_t steps125[] = {1, 2, 5};
	for (uint32_t m = 1, k = 0; cw * tick < 30; k++) {
		if (k == 3) {
			k = 0;
			m *= 10;
		}
		tick = steps125[k] * m;
	}
	ordo_buf_puts(out, "<figure class=\"timeline\">\n");
	ordo_buf_printf(out, "<svg viewBox=\"0 0 %.1f %.1f\" width=\"%.1f\" height=\"%.1f\" role=\"img\" "
			     "aria-labelledby=\"timeline-title\" font-family=\"system-ui, Arial, sans-serif\" "
			     "font-size=\"11\">\n",
			width, height, width, height);
	ordo_buf_printf(out, "<title id=\"timeline-title\">Waves 1 to %u by component</title>\n", pg->nwaves);
	/* row bands, then the grid and wave numbers over them */
	for (uint32_t c = 1; c < nc; c += 2)
		ordo_buf_printf(out, "<rect x=\"0\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#f6f6f6\"/>\n",
				top + rowh * c, width, rowh);
	/* grid and wave numbers */
	for (uint32_t w = 1; w <= pg->nwaves; w++) {
		double x = label + cw * (w - 1);
		if (pg->cur_wave == w)
			ordo_buf_printf(out, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"#fff3dc\" "
					     "stroke=\"#7a4d00\" stroke-dasharray=\"3 2\"><title>current wave %u</title></rect>\n",
					x, top - 4, cw, rowh * nc + 6, w);
		if (w == 1 || w % tick == 0) {
			ordo_buf_printf(out, "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"#e3e3e3\"/>\n",
					x, top - 4, x, top + rowh * nc);
			ordo_buf_printf(out, "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#555\">%u</text>\n",
					x + cw / 2, top - 10, w);
		}
	}
	ordo_buf_printf(out, "<text x=\"4\" y=\"%.1f\" fill=\"#555\">wave</text>\n", top - 10);
	for (uint32_t c = 0; c < nc; c++) {
		double y = top + rowh * c;
		ordo_buf_printf(out, "<text x=\"4\" y=\"%.1f\" fill=\"#1a1a1a\">", y + rowh / 2 + 4);
		/* long names are cut, never allowed to run into the bars */
		size_t len = strlen(comps[c]);
		if (len > 22) {
			char cut[23];
			memcpy(cut, comps[c], 21);
			cut[21] = '\0';
			esc(out, cut);
			ordo_buf_puts(out, "\xe2\x80\xa6");
		} else {
			esc(out, comps[c]);
		}
		ordo_buf_puts(out, "</text>\n");
	}
	/* one mark per (wave, component): the steps there */
	for (uint32_t i = 0; i < ns;) {
		const ordo_node *s = &pg->steps->u.items[i];
		uint32_t wave = num(s, "wave");
		const char *c = txt(s, "component") ? txt(s, "component") : "";
		uint32_t j = i, n = 0, nup = 0, nblocked = 0;
		int worst = -1;
		ordo_buf tip = ORDO_BUF_INIT;
		ordo_buf_printf(&tip, "wave %u, %s:", wave, c);
		/* the steps of this cell: same wave and component, possibly not adjacent */
		for (; j < ns && num(&pg->steps->u.items[j], "wave") == wave; j++) {
			const ordo_node *t = &pg->steps->u.items[j];
			const char *tc = txt(t, "component") ? txt(t, "component") : "";
			if (strcmp(tc, c))
				continue;
			n++;
			if (txt(t, "action") && !strcmp(txt(t, "action"), "upgrade"))
				nup++;
			if (seq_len(seq(t, "blocked_by")))
				nblocked++;
			if (pg->state && pg->state[j] &&
			    (worst < 0 || state_rank(pg->state[j]->state) > state_rank((ordo_state)worst)))
				worst = (int)pg->state[j]->state;
			ordo_buf_printf(&tip, "\nstep %s: %s", txt(t, "id") ? txt(t, "id") : "?",
					txt(t, "title") ? txt(t, "title") : "");
			if (state_name(pg, j))
				ordo_buf_printf(&tip, " (%s)", state_name(pg, j));
		}
		uintptr_t r = (uintptr_t)ordo_map_get(&row, c, strlen(c));
		/* draw the cell only at the first step of its component in this wave */
		bool first = true;
		for (uint32_t k = i; k > 0 && num(&pg->steps->u.items[k - 1], "wave") == wave; k--) {
			const char *pc = txt(&pg->steps->u.items[k - 1], "component");
			if (!strcmp(pc ? pc : "", c))
				first = false;
		}
		if (first && r) {
			double x = label + cw * (wave - 1) + (cw > 4 ? 1 : 0.1);
			double y = top + rowh * (double)(r - 1) + 4;
			double w = cw > 4 ? cw - 2 : cw * 0.8;
			const char *fill, *stroke = "#333", *dash = "";
			if (worst >= 0) {
				fill = state_fill[worst];
				if (worst == ORDO_STATE_SKIPPED)
					dash = " stroke-dasharray=\"2 2\"";
			} else if (nblocked) {
				fill = "#ffffff";
				stroke = "#a4001d";
				dash = " stroke-dasharray=\"3 2\" stroke-width=\"2\"";
			} else {
				fill = nup ? "#1f4e79" : "#9dc3e6";
			}
			ordo_buf_printf(out, "<rect class=\"step\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" "
					     "fill=\"%s\" stroke=\"%s\"%s><title>",
					x, y, w, rowh - 8, fill, stroke, dash);
			esc(out, ordo_buf_cstr(&tip));
			ordo_buf_puts(out, "</title></rect>\n");
			if (n > 1 && cw >= 16)
				ordo_buf_printf(out, "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\" "
						     "fill=\"%s\">%u</text>\n",
						x + w / 2, y + rowh / 2 + 0.5,
						(worst < 0 && nup && !nblocked) || worst == ORDO_STATE_FAILED ||
								worst == ORDO_STATE_DONE
							? "#fff"
							: "#000",
						n);
		}
		ordo_buf_release(&tip);
		/* next step not yet drawn: skip ahead one */
		i++;
	}
	ordo_buf_puts(out, "</svg>\n<figcaption class=\"legend\">");
	if (pg->state) {
		for (int s = 0; s < ORDO_STATE_N; s++)
			ordo_buf_printf(out, "<span><i class=\"key\" style=\"background:%s%s\"></i>%s</span>",
					state_fill[s], s == ORDO_STATE_SKIPPED ? ";border-style:dashed" : "",
					ordo_state_name((ordo_state)s));
		if (pg->cur_wave)
			ordo_buf_printf(out, "<span>dashed band: the current wave (%u)</span>", pg->cur_wave);
	} else {
		ordo_buf_puts(out, "<span><i class=\"key\" style=\"background:#1f4e79\"></i>an upgrade step</span>"
				   "<span><i class=\"key\" style=\"background:#9dc3e6\"></i>other steps</span>"
				   "<span><i class=\"key\" style=\"background:#fff;border:2px dashed #a4001d\"></i>"
				   "blocked by an open finding</span>");
	}
	ordo_buf_puts(out, "<span>a number: steps of that component in that wave</span></figcaption>\n</figure>\n");
	ordo_map_release(&row);
	free(comps);
}

/* ---- the waves ---- */

static void id_list(ordo_buf *out, const ordo_node *s, uint32_t fold)
{
	for (uint32_t k = 0; k < seq_len(s) && k < fold; k++) {
		ordo_buf_puts(out, k ? ", " : "");
		step_link(out, item(s, k));
	}
	if (seq_len(s) > fold)
		ordo_buf_printf(out, " and %u more", s->len - fold);
}

static void run_cell(ordo_buf *out, const page *pg, uint32_t i)
{
	const ordo_jstep *js = pg->state ? pg->state[i] : NULL;
	if (!js) {
		ordo_buf_puts(out, "<td><span class=\"small\">not in the journal</span></td>");
		return;
	}
	const char *name = ordo_state_name(js->state);
	ordo_buf_printf(out, "<td><span class=\"st st-%s\">%s</span>", name, name);
	if (js->attempts > 1)
		ordo_buf_printf(out, " <span class=\"small\">%u attempts</span>", js->attempts);
	if (js->by || js->finished || js->started) {
		ordo_buf_puts(out, "<br><span class=\"small\">");
		if (js->by) {
			ordo_buf_puts(out, "by ");
			esc(out, js->by);
			ordo_buf_puts(out, " ");
		}
		if (js->finished) {
			ordo_buf_puts(out, "finished ");
			esc(out, js->finished);
		} else if (js->started) {
			ordo_buf_puts(out, "started ");
			esc(out, js->started);
		}
		ordo_buf_puts(out, "</span>");
	}
	if (js->reason && *js->reason) {
		ordo_buf_puts(out, "<br>");
		esc(out, js->reason);
	}
	if (js->state == ORDO_STATE_WAITING)
		ordo_buf_printf(out, "<br><span class=\"small\">when it is done: <code>ordo ack %u --by &lt;name&gt;</code></span>",
				js->id);
	if (js->note && *js->note) {
		ordo_buf_puts(out, "<br><span class=\"small\">note: ");
		esc(out, js->note);
		ordo_buf_puts(out, "</span>");
	}
	if (pg->output && pg->output[i] && *pg->output[i]) {
		/* the last lines say most about a failure */
		const char *text = pg->output[i], *p = text + strlen(text);
		int lines = 0;
		while (p > text && lines <= 40)
			if (*--p == '\n' && p[1])
				lines++;
		if (p != text)
			p++;
		ordo_buf_puts(out, "<pre>");
		if (p != text)
			ordo_buf_puts(out, "[…]\n");
		esc(out, p);
		ordo_buf_puts(out, "</pre>");
	}
	ordo_buf_puts(out, "</td>");
}

static void waves(ordo_buf *out, page *pg)
{
	uint32_t ns = seq_len(pg->steps);
	ordo_buf_puts(out, "<section id=\"plan\">\n<h2>Plan</h2>\n");
	if (!ns) {
		ordo_buf_puts(out, "<p>Nothing to do: every component is at its target.</p>\n</section>\n");
		return;
	}
	ordo_buf_printf(out, "<p>%u step%s in %u wave%s. Steps of one wave may run at the same time; a wave "
			     "starts when the steps it depends on (<em>after</em>) are done.</p>\n",
			ns, ns == 1 ? "" : "s", pg->nwaves, pg->nwaves == 1 ? "" : "s");
	const ordo_node *viol = seq(pg->doc, "violations");
	if (seq_len(viol)) {
		ordo_buf_printf(out, "<div class=\"warnbox\"><p><strong>This plan is NOT valid:</strong> %u rule%s "
				     "broken when it is replayed.</p>\n<ul>\n",
				viol->len, viol->len == 1 ? "" : "s");
		for (uint32_t i = 0; i < viol->len; i++) {
			const ordo_node *v = &viol->u.items[i];
			ordo_buf_puts(out, "<li>after step ");
			esc(out, txt(v, "step"));
			ordo_buf_puts(out, ", <code>");
			esc(out, txt(v, "rule"));
			ordo_buf_puts(out, "</code>: ");
			esc(out, txt(v, "message"));
			ordo_buf_puts(out, "</li>\n");
		}
		ordo_buf_puts(out, "</ul></div>\n");
	}
	ordo_buf_puts(out, "<h3>Timeline</h3>\n");
	timeline(out, pg);
	for (uint32_t i = 0; i < ns;) {
		uint32_t wave = num(&pg->steps->u.items[i], "wave"), end = i;
		while (end < ns && num(&pg->steps->u.items[end], "wave") == wave)
			end++;
		ordo_buf_printf(out, "<section class=\"wave\" id=\"wave-%u\">\n<h3>Wave %u", wave, wave);
		if (end - i > 1)
			ordo_buf_printf(out, " <span class=\"small\">(%u steps that may run at the same time)</span>",
					end - i);
		if (pg->cur_wave == wave)
			ordo_buf_puts(out, " <span class=\"st st-waiting\">current wave</span>");
		ordo_buf_puts(out, "</h3>\n<table class=\"steps\">\n<colgroup><col class=\"c-id\">"
				   "<col class=\"c-comp\"><col class=\"c-act\"><col class=\"c-role\">"
				   "<col class=\"c-srv\"><col><col class=\"c-after\"><col class=\"c-man\">"
				   "<col class=\"c-blk\">");
		if (pg->run)
			ordo_buf_puts(out, "<col class=\"c-state\">");
		ordo_buf_puts(out, "</colgroup>\n<thead><tr><th>#</th><th>component</th><th>action</th>"
				   "<th>role</th><th>servers</th><th>step</th><th>after</th><th>manual</th>"
				   "<th>blocked by</th>");
		if (pg->run)
			ordo_buf_puts(out, "<th>state</th>");
		ordo_buf_puts(out, "</tr></thead>\n<tbody>\n");
		for (; i < end; i++) {
			const ordo_node *s = &pg->steps->u.items[i];
			const ordo_node *blocked = seq(s, "blocked_by");
			ordo_buf_printf(out, "<tr id=\"step-%u\"%s><td class=\"num\">%u</td><td>", num(s, "id"),
					seq_len(blocked) ? " class=\"blocked\"" : "", num(s, "id"));
			esc(out, txt(s, "component"));
			ordo_buf_puts(out, "</td><td>");
			esc(out, txt(s, "action"));
			ordo_buf_puts(out, "</td><td>");
			esc(out, txt(s, "role") ? txt(s, "role") : "");
			if (txt(s, "for")) {
				ordo_buf_puts(out, " for ");
				esc(out, txt(s, "for"));
			}
			ordo_buf_puts(out, "</td><td>");
			targets(out, s, FOLD);
			ordo_buf_puts(out, "</td><td>");
			esc(out, txt(s, "title"));
			if (txt(s, "from") && txt(s, "to")) {
				ordo_buf_puts(out, "<br><span class=\"small\">");
				esc(out, txt(s, "from"));
				ordo_buf_puts(out, " &rarr; ");
				esc(out, txt(s, "to"));
				ordo_buf_puts(out, "</span>");
			}
			ordo_buf_puts(out, "</td><td>");
			id_list(out, seq(s, "after"), 8);
			ordo_buf_printf(out, "</td><td>%s</td><td>", flag(s, "manual") ? "yes" : "no");
			for (uint32_t k = 0; k < seq_len(blocked); k++) {
				ordo_buf_puts(out, k ? ", " : "");
				finding_link(out, pg, item(blocked, k));
			}
			ordo_buf_puts(out, "</td>");
			if (pg->run)
				run_cell(out, pg, i);
			ordo_buf_puts(out, "</tr>\n");
		}
		ordo_buf_puts(out, "</tbody>\n</table>\n</section>\n");
	}
	ordo_buf_puts(out, "</section>\n");
}

static void run_summary(ordo_buf *out, const page *pg)
{
	const ordo_html_run *run = pg->run;
	uint32_t counts[ORDO_STATE_N] = {0};
	for (uint32_t i = 0; i < run->nsteps; i++)
		counts[run->steps[i].state]++;
	const char *state = run->state ? run->state : "waiting";
	const char *cls = !strcmp(state, "done")      ? "done"
			  : !strcmp(state, "failed")  ? "failed"
			  : !strcmp(state, "running") ? "running"
						      : "waiting";
	ordo_buf_printf(out, "<section id=\"run\">\n<h2>Run</h2>\n<p><span class=\"st st-%s\">", cls);
	esc(out, state);
	ordo_buf_printf(out, "</span> %u of %u steps done", counts[ORDO_STATE_DONE] + counts[ORDO_STATE_SKIPPED],
			run->nsteps);
	if (pg->cur_wave)
		ordo_buf_printf(out, ", at <a href=\"#wave-%u\">wave %u</a> of %u", pg->cur_wave, pg->cur_wave,
				pg->nwaves);
	ordo_buf_puts(out, ".</p>\n<table class=\"counts\" style=\"width:auto\">\n<thead><tr><th>state</th>"
			   "<th>steps</th></tr></thead>\n<tbody>\n");
	for (int s = 0; s < ORDO_STATE_N; s++) {
		const char *name = ordo_state_name((ordo_state)s);
		ordo_buf_printf(out, "<tr><td><span class=\"st st-%s\">%s</span></td><td class=\"num\">%u</td></tr>\n",
				name, name, counts[s]);
	}
	ordo_buf_puts(out, "</tbody>\n</table>\n");
	/* what needs a person, first */
	bool any = false;
	for (uint32_t i = 0; i < seq_len(pg->steps); i++) {
		const ordo_jstep *js = pg->state ? pg->state[i] : NULL;
		if (!js || (js->state != ORDO_STATE_WAITING && js->state != ORDO_STATE_FAILED &&
			    js->state != ORDO_STATE_INTERRUPTED))
			continue;
		const ordo_node *s = &pg->steps->u.items[i];
		if (!any)
			ordo_buf_puts(out, "<h3>Needs attention</h3>\n<ul>\n");
		any = true;
		const char *name = ordo_state_name(js->state);
		ordo_buf_printf(out, "<li><span class=\"st st-%s\">%s</span> step ", name, name);
		step_link(out, txt(s, "id") ? txt(s, "id") : "?");
		ordo_buf_puts(out, ": ");
		esc(out, txt(s, "title"));
		if (js->reason && *js->reason) {
			ordo_buf_puts(out, " &mdash; ");
			esc(out, js->reason);
		}
		ordo_buf_puts(out, "</li>\n");
	}
	if (any)
		ordo_buf_puts(out, "</ul>\n");
	ordo_buf_puts(out, "</section>\n");
}

void ordo_render_html_doc(ordo_buf *out, const ordo_node *doc, const ordo_html_run *run)
{
	page pg;
	memset(&pg, 0, sizeof(pg));
	pg.doc = doc;
	pg.findings = seq(doc, "findings");
	pg.steps = seq(doc, "steps");
	pg.run = run;
	pg.first_finding = (ordo_map)ORDO_MAP_INIT;
	uint32_t ns = seq_len(pg.steps);
	for (uint32_t i = 0; i < seq_len(pg.findings); i++) {
		const char *id = txt(&pg.findings->u.items[i], "id");
		if (id && !ordo_map_get(&pg.first_finding, id, strlen(id)))
			ordo_map_put(&pg.first_finding, id, strlen(id), (void *)(uintptr_t)(i + 1));
	}
	/* a plan has at most one wave per step: a larger number (a journal
	 * edited by hand) must not have the timeline draw billions of waves */
	for (uint32_t i = 0; i < ns; i++) {
		uint32_t w = num(&pg.steps->u.items[i], "wave");
		if (w > pg.nwaves && w <= ns)
			pg.nwaves = w;
	}
	if (run) {
		pg.state = ordo_xcalloc(ns + 1, sizeof(*pg.state));
		pg.output = ordo_xcalloc(ns + 1, sizeof(*pg.output));
		/* both lists are in id order: a merge, not a search per step */
		for (uint32_t i = 0, k = 0; i < ns; i++) {
			uint32_t id = num(&pg.steps->u.items[i], "id");
			while (k < run->nsteps && run->steps[k].id < id)
				k++;
			if (k < run->nsteps && run->steps[k].id == id) {
				pg.state[i] = &run->steps[k];
				pg.output[i] = run->outputs ? run->outputs[k] : NULL;
			}
		}
		for (uint32_t i = 0; i < ns && !pg.cur_wave; i++)
			if (pg.state[i] && pg.state[i]->state != ORDO_STATE_DONE &&
			    pg.state[i]->state != ORDO_STATE_SKIPPED)
				pg.cur_wave = num(&pg.steps->u.items[i], "wave");
	}
	head(out, &pg, run ? "Run status" : pg.steps ? "Upgrade plan" : "Readiness check");
	verdict(out, &pg);
	if (run)
		run_summary(out, &pg);
	findings(out, &pg);
	if (pg.steps)
		waves(out, &pg);
	ordo_buf_puts(out, "<footer>Made by ordo " ORDO_VERSION_STRING " from the ");
	ordo_buf_puts(out, run ? "plan held in the run's journal" : "estate and catalog named above");
	ordo_buf_puts(out, ".</footer>\n</body>\n</html>\n");
	ordo_map_release(&pg.first_finding);
	free(pg.state);
	free(pg.output);
}

int ordo_render_html(ordo_buf *out, const ordo_report *r, const struct ordo_plan *plan)
{
	ordo_buf json = ORDO_BUF_INIT;
	ordo_render_json(&json, r, plan);
	ordo_doc *doc = NULL;
	ordo_diag d = ORDO_DIAG_INIT;
	ordo_load_options lo = ORDO_LOAD_OPTIONS_INIT;
	lo.syntax = ORDO_SYNTAX_JSON;
	int rc = json.oom ? ORDO_ERROR
			  : ordo_load_buffer(&doc, ordo_buf_cstr(&json), json.len, "report", &lo, &d);
	if (rc == 0 && doc && doc->root)
		ordo_render_html_doc(out, doc->root, NULL);
	else
		rc = ORDO_ERROR;
	ordo_diag_release(&d);
	ordo_doc_free(doc);
	ordo_buf_release(&json);
	return rc;
}
