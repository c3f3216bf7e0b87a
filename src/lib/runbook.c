/* SPDX-License-Identifier: MIT */
#include "runbook.h"

#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "schema.h"

struct ordo_runbook {
	ordo_doc *doc;
	char *dir;
	ordo_executor *ex;
	uint32_t n;
	regex_t *redact;
	uint32_t nredact;
};

static const char *const placeholders[] = {"step",      "action", "phase", "product", "component",
					   "role",      "server", "from",  "to",      "estate",
					   NULL};

/* Password-like settings never reach the journal, whatever the runbook says. */
static const char *const builtin_redact[] = {
	"(password|passwd|pwd|secret|token|api[_-]?key)[[:space:]]*[=:][[:space:]]*[^[:space:]]+",
	"-(password|secret|token)[[:space:]]+[^[:space:]]+",
	NULL};

bool ordo_parse_duration(const char *s, double *out)
{
	double total = 0;
	bool any = false;
	const char *p = s;
	while (*p) {
		if (!isdigit((unsigned char)*p))
			return false;
		double n = 0;
		while (isdigit((unsigned char)*p)) {
			n = n * 10 + (*p - '0');
			if (n > 1e9)
				return false;
			p++;
		}
		double unit = 1;
		if (*p == 's')
			p++;
		else if (*p == 'm')
			unit = 60, p++;
		else if (*p == 'h')
			unit = 3600, p++;
		else if (*p == 'd')
			unit = 86400, p++;
		else if (*p)
			return false;
		total += n * unit;
		any = true;
	}
	if (!any || total <= 0 || total > 30 * 86400.0)
		return false;
	*out = total;
	return true;
}

static bool check_template(ordo_reader *r, const ordo_node *n)
{
	const char *s = n->u.str;
	for (const char *p = s; *p; p++) {
		if (p[0] == '{' && p[1] == '{') {
			p++;
			continue;
		}
		if (p[0] == '}' && p[1] == '}') {
			p++;
			continue;
		}
		if (*p != '{')
			continue;
		const char *end = strchr(p, '}');
		if (!end) {
			ordo_rd_error(r, n, "unterminated '{' in '%s'", s);
			return false;
		}
		size_t len = (size_t)(end - p - 1);
		bool known = false;
		for (const char *const *k = placeholders; *k && !known; k++)
			known = strlen(*k) == len && !strncmp(*k, p + 1, len);
		if (!known) {
			ordo_rd_error(r, n, "unknown placeholder '{%.*s}' (known: {step} {action} {phase} {product} {component} {role} {server} {from} {to} {estate})",
				      (int)len, p + 1);
			return false;
		}
		p = end;
	}
	return true;
}

static bool duration_field(ordo_reader *r, const ordo_node *map, const char *key, double *out)
{
	const ordo_node *n = ordo_node_get(map, key);
	if (!n || n->type == ORDO_NODE_NULL)
		return false;
	const char *s = ordo_rd_scalar(n);
	if (!s || !ordo_parse_duration(s, out)) {
		ordo_rd_error(r, n, "invalid duration '%s' for '%s' (a number with s, m, h or d, e.g. 90s, 30m, 2h)",
			      s ? s : ordo_node_kind(n), key);
		return false;
	}
	return true;
}

static bool retries_field(ordo_reader *r, const ordo_node *map, uint32_t *out)
{
	const ordo_node *n = ordo_node_get(map, "retries");
	if (!n || n->type == ORDO_NODE_NULL)
		return false;
	char *end = NULL;
	long v = n->type == ORDO_NODE_NUMBER ? strtol(n->u.str, &end, 10) : -1;
	if (!end || *end || v < 0 || v > 100) {
		ordo_rd_error(r, n, "'retries' must be a whole number from 0 to 100");
		return false;
	}
	*out = (uint32_t)v;
	return true;
}

int ordo_runbook_load(ordo_runbook **out, const char *path, ordo_diag *d)
{
	*out = NULL;
	ordo_doc *doc = NULL;
	ordo_load_options lo = ORDO_LOAD_OPTIONS_INIT;
	int err = ordo_load_file(&doc, path, NULL, &lo, d);
	if (err < 0)
		return err;
	ordo_runbook *rb = ordo_xcalloc(1, sizeof(*rb));
	rb->doc = doc;
	const char *slash = strrchr(path, '/');
	if (slash) {
		rb->dir = ordo_xmalloc((size_t)(slash - path) + 1);
		memcpy(rb->dir, path, (size_t)(slash - path));
		rb->dir[slash - path] = '\0';
	} else {
		rb->dir = ordo_xstrdup(".");
	}
	ordo_reader r = {d, doc, doc->arena, 0};
	const ordo_node *root = doc->root;
	double def_timeout = 2 * 3600;
	uint32_t def_retries = 0;
	bool def_idem = false;
	if (!root) {
		ordo_loc loc = {doc->file, 1, 1};
		ordo_diag_add(d, &loc, "the runbook is empty: it needs 'ordo: 1' and 'executors'");
		r.errors++;
		goto done;
	}
	if (!ordo_rd_is_map(&r, root, "a runbook"))
		goto done;
	static const char *const top[] = {"ordo", "defaults", "executors", "redact", NULL};
	ordo_rd_keys(&r, root, top, "the runbook");
	const ordo_node *fmt = ordo_node_get(root, "ordo");
	if (!fmt || fmt->type != ORDO_NODE_NUMBER || strcmp(fmt->u.str, "1"))
		ordo_rd_error(&r, fmt ? fmt : root, "the runbook needs 'ordo: 1'");
	const ordo_node *defs = ordo_node_get(root, "defaults");
	if (defs && ordo_rd_is_map(&r, defs, "'defaults'")) {
		static const char *const dk[] = {"timeout", "retries", "idempotent", NULL};
		ordo_rd_keys(&r, defs, dk, "'defaults'");
		duration_field(&r, defs, "timeout", &def_timeout);
		retries_field(&r, defs, &def_retries);
		def_idem = ordo_rd_bool(&r, defs, "idempotent", "'defaults'", false);
	}
	const ordo_node *red = ordo_node_get(root, "redact");
	uint32_t nred = red && red->type == ORDO_NODE_SEQ ? red->len : 0;
	rb->redact = ordo_xcalloc(nred + 3, sizeof(regex_t));
	for (const char *const *b = builtin_redact; *b; b++)
		if (regcomp(&rb->redact[rb->nredact], *b, REG_EXTENDED | REG_ICASE) == 0)
			rb->nredact++;
	if (red && ordo_rd_is_seq(&r, red, "'redact'"))
		for (uint32_t i = 0; i < red->len; i++) {
			const char *pat = ordo_rd_scalar(&red->u.items[i]);
			if (!pat) {
				ordo_rd_error(&r, &red->u.items[i], "'redact' must list patterns");
				continue;
			}
			if (regcomp(&rb->redact[rb->nredact], pat, REG_EXTENDED) != 0) {
				ordo_rd_error(&r, &red->u.items[i],
					      "invalid pattern '%s' (POSIX extended regular expression)", pat);
				continue;
			}
			rb->nredact++;
		}
	const ordo_node *ex = ordo_node_get(root, "executors");
	if (!ex) {
		ordo_rd_error(&r, root, "missing 'executors' in the runbook");
		goto done;
	}
	if (!ordo_rd_is_seq(&r, ex, "'executors'"))
		goto done;
	rb->ex = ordo_arena_alloc(doc->arena, sizeof(ordo_executor) * (ex->len + 1));
	for (uint32_t i = 0; i < ex->len; i++) {
		const ordo_node *en = &ex->u.items[i];
		if (!ordo_rd_is_map(&r, en, "an executor"))
			continue;
		static const char *const ek[] = {"match", "run", "timeout", "retries", "idempotent", NULL};
		ordo_rd_keys(&r, en, ek, "an executor");
		ordo_executor *e = &rb->ex[rb->n];
		e->loc = ordo_node_loc(doc, en);
		const ordo_node *m = ordo_node_get(en, "match");
		if (!m) {
			ordo_rd_error(&r, en, "missing 'match' in an executor (use {} to match every step)");
			continue;
		}
		if (!ordo_rd_is_map(&r, m, "'match'"))
			continue;
		static const char *const mk[] = {"action", "product", "component", "role", "phase", NULL};
		ordo_rd_keys(&r, m, mk, "'match'");
		e->action = ordo_rd_text(&r, m, "action", "'match'", false);
		e->product = ordo_rd_text(&r, m, "product", "'match'", false);
		e->component = ordo_rd_text(&r, m, "component", "'match'", false);
		e->role = ordo_rd_text(&r, m, "role", "'match'", false);
		e->phase = ordo_rd_text(&r, m, "phase", "'match'", false);
		e->specificity = (e->action != NULL) + (e->product != NULL) + (e->component != NULL) +
				 (e->role != NULL) + (e->phase != NULL);
		const ordo_node *run = ordo_node_get(en, "run");
		if (!run) {
			ordo_rd_error(&r, en, "missing 'run' in an executor");
			continue;
		}
		if (!ordo_rd_is_seq(&r, run, "'run'"))
			continue;
		if (run->len == 0) {
			ordo_rd_error(&r, run, "'run' must name a program");
			continue;
		}
		e->argv = ordo_arena_alloc(doc->arena, sizeof(char *) * (run->len + 1));
		bool ok = true;
		for (uint32_t k = 0; k < run->len; k++) {
			const ordo_node *an = &run->u.items[k];
			const char *s = ordo_rd_scalar(an);
			if (!s) {
				ordo_rd_error(&r, an, "'run' must list strings, not %s", ordo_node_kind(an));
				ok = false;
				continue;
			}
			if (memchr(s, '\0', an->len) != NULL && strlen(s) != an->len) {
				ordo_rd_error(&r, an, "NUL byte in an argument");
				ok = false;
				continue;
			}
			ok &= check_template(&r, an);
			e->argv[e->argc++] = s;
		}
		if (ok && (!strlen(e->argv[0]) || strchr(e->argv[0], '{'))) {
			ordo_rd_error(&r, &run->u.items[0], "the program of 'run' must be a fixed path, not '%s'",
				      e->argv[0]);
			ok = false;
		}
		e->timeout = def_timeout;
		e->retries = def_retries;
		e->idempotent = def_idem;
		duration_field(&r, en, "timeout", &e->timeout);
		retries_field(&r, en, &e->retries);
		e->idempotent = ordo_rd_bool(&r, en, "idempotent", "an executor", def_idem);
		if (ok)
			rb->n++;
	}
done:
	if (r.errors || d->len) {
		ordo_runbook_free(rb);
		return ORDO_EINVALID;
	}
	*out = rb;
	return 0;
}

void ordo_runbook_free(ordo_runbook *rb)
{
	if (!rb)
		return;
	for (uint32_t i = 0; i < rb->nredact; i++)
		regfree(&rb->redact[i]);
	free(rb->redact);
	free(rb->dir);
	ordo_doc_free(rb->doc);
	free(rb);
}

static bool field_matches(const char *want, const char *have)
{
	return !want || (have && !strcmp(want, have));
}

const ordo_executor *ordo_runbook_match(const ordo_runbook *rb, const ordo_step_view *s)
{
	const ordo_executor *best = NULL;
	for (uint32_t i = 0; rb && i < rb->n; i++) {
		const ordo_executor *e = &rb->ex[i];
		if (field_matches(e->action, s->action) && field_matches(e->product, s->product) &&
		    field_matches(e->component, s->component) && field_matches(e->role, s->role) &&
		    field_matches(e->phase, s->phase) && (!best || e->specificity > best->specificity))
			best = e;
	}
	return best;
}

static const char *value_of(const ordo_step_view *s, const char *server, const char *name,
			    size_t len, char idbuf[16])
{
#define IS(x) (len == strlen(x) && !strncmp(name, x, len))
	if (IS("step")) {
		snprintf(idbuf, 16, "%u", s->id);
		return idbuf;
	}
	if (IS("action"))
		return s->action;
	if (IS("phase"))
		return s->phase;
	if (IS("product"))
		return s->product;
	if (IS("component"))
		return s->component;
	if (IS("role"))
		return s->role;
	if (IS("server"))
		return server;
	if (IS("from"))
		return s->from;
	if (IS("to"))
		return s->to;
	if (IS("estate"))
		return s->estate;
#undef IS
	return NULL;
}

char **ordo_runbook_argv(const ordo_runbook *rb, const ordo_executor *ex, const ordo_step_view *s,
			 const char *server)
{
	char **argv = ordo_xcalloc(ex->argc + 1, sizeof(char *));
	for (uint32_t i = 0; i < ex->argc; i++) {
		ordo_buf b = ORDO_BUF_INIT;
		const char *t = ex->argv[i];
		if (i == 0 && strchr(t, '/') && t[0] != '/') {
			/* a program relative to the runbook's folder: "./x" there
			 * is "<folder>/x", and "./x" when that folder is "." */
			while (t[0] == '.' && t[1] == '/')
				t += 2;
			if (strcmp(rb->dir, "."))
				ordo_buf_printf(&b, "%s/", rb->dir);
			else
				ordo_buf_puts(&b, "./");
		}
		for (const char *p = t; *p; p++) {
			if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
				ordo_buf_putc(&b, *p++);
				continue;
			}
			if (*p == '{') {
				const char *end = strchr(p, '}');
				char idbuf[16];
				const char *v = value_of(s, server, p + 1, (size_t)(end - p - 1), idbuf);
				ordo_buf_puts(&b, v ? v : "");
				p = end;
				continue;
			}
			ordo_buf_putc(&b, *p);
		}
		argv[i] = ordo_buf_detach(&b);
	}
	return argv;
}

void ordo_argv_free(char **argv)
{
	for (char **p = argv; p && *p; p++)
		free(*p);
	free(argv);
}

char *ordo_runbook_redact(const ordo_runbook *rb, const char *text)
{
	char *cur = ordo_xstrdup(text);
	for (uint32_t i = 0; rb && i < rb->nredact; i++) {
		ordo_buf out = ORDO_BUF_INIT;
		const char *p = cur;
		regmatch_t m;
		int guard = 0;
		while (*p && regexec(&rb->redact[i], p, 1, &m, p == cur ? 0 : REG_NOTBOL) == 0 &&
		       guard++ < 100000) {
			if (m.rm_eo == m.rm_so) { /* an empty match: step over one byte */
				ordo_buf_put(&out, p, (size_t)m.rm_so + 1);
				p += m.rm_so + 1;
				continue;
			}
			ordo_buf_put(&out, p, (size_t)m.rm_so);
			ordo_buf_puts(&out, "[redacted]");
			p += m.rm_eo;
		}
		ordo_buf_puts(&out, p);
		free(cur);
		cur = ordo_buf_detach(&out);
	}
	return cur;
}
