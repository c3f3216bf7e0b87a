/* SPDX-License-Identifier: MIT */
#include "schema.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void ordo_rd_error(ordo_reader *r, const ordo_node *at, const char *fmt, ...)
{
	va_list ap;
	ordo_loc loc = ordo_node_loc(r->doc, at);
	va_start(ap, fmt);
	ordo_diag_vadd(r->d, &loc, fmt, ap);
	va_end(ap);
	r->errors++;
}

void ordo_rd_keys(ordo_reader *r, const ordo_node *map, const char *const *allowed, const char *where)
{
	if (!map || map->type != ORDO_NODE_MAP)
		return;
	for (uint32_t i = 0; i < map->len; i++) {
		const ordo_node *k = ordo_node_key(map, i);
		bool ok = false;
		for (const char *const *a = allowed; *a; a++)
			if (ordo_streq(k->u.str, k->len, *a)) {
				ok = true;
				break;
			}
		if (!ok) {
			ordo_buf m = ORDO_BUF_INIT;
			ordo_buf_printf(&m, "unknown key '%s' in %s", k->u.str, where);
			ordo_buf_did_you_mean(&m, k->u.str, k->len, allowed, SIZE_MAX);
			ordo_buf_puts(&m, " (valid keys: ");
			for (const char *const *a = allowed; *a; a++)
				ordo_buf_printf(&m, "%s%s", a == allowed ? "" : ", ", *a);
			ordo_buf_puts(&m, ")");
			ordo_rd_error(r, k, "%s", ordo_buf_cstr(&m));
			ordo_buf_release(&m);
		}
	}
}

bool ordo_rd_is_map(ordo_reader *r, const ordo_node *n, const char *what)
{
	if (n && n->type == ORDO_NODE_MAP)
		return true;
	ordo_rd_error(r, n, "%s must be a mapping, not %s", what, ordo_node_kind(n));
	return false;
}

bool ordo_rd_is_seq(ordo_reader *r, const ordo_node *n, const char *what)
{
	if (n && n->type == ORDO_NODE_SEQ)
		return true;
	ordo_rd_error(r, n, "%s must be a list, not %s", what, ordo_node_kind(n));
	return false;
}

const char *ordo_rd_scalar(const ordo_node *n)
{
	if (n && (n->type == ORDO_NODE_STRING || n->type == ORDO_NODE_NUMBER))
		return n->u.str;
	return NULL;
}

const char *ordo_rd_text(ordo_reader *r, const ordo_node *map, const char *key, const char *where,
			 bool required)
{
	const ordo_node *n = ordo_node_get(map, key);
	if (!n || n->type == ORDO_NODE_NULL) {
		if (required)
			ordo_rd_error(r, map, "missing '%s' in %s", key, where);
		return NULL;
	}
	const char *s = ordo_rd_scalar(n);
	if (!s) {
		ordo_rd_error(r, n, "'%s' in %s must be a string, not %s", key, where, ordo_node_kind(n));
		return NULL;
	}
	if (n->len == 0 && required) {
		ordo_rd_error(r, n, "'%s' in %s must not be empty", key, where);
		return NULL;
	}
	return s;
}

bool ordo_rd_bool(ordo_reader *r, const ordo_node *map, const char *key, const char *where, bool def)
{
	const ordo_node *n = ordo_node_get(map, key);
	if (!n || n->type == ORDO_NODE_NULL)
		return def;
	if (n->type != ORDO_NODE_BOOL) {
		ordo_rd_error(r, n, "'%s' in %s must be true or false, not %s", key, where,
			      ordo_node_kind(n));
		return def;
	}
	return n->boolean;
}

bool ordo_rd_number(ordo_reader *r, const ordo_node *map, const char *key, const char *where,
		    bool required, double *out)
{
	const ordo_node *n = ordo_node_get(map, key);
	if (!n || n->type == ORDO_NODE_NULL) {
		if (required)
			ordo_rd_error(r, map, "missing '%s' in %s", key, where);
		return false;
	}
	if (n->type != ORDO_NODE_NUMBER) {
		ordo_rd_error(r, n, "'%s' in %s must be a number, not %s", key, where,
			      ordo_node_kind(n));
		return false;
	}
	errno = 0;
	char *end;
	double v = strtod(n->u.str, &end);
	if (errno || *end || !isfinite(v)) {
		ordo_rd_error(r, n, "'%s' in %s is out of range: %s", key, where, n->u.str);
		return false;
	}
	*out = v;
	return true;
}

bool ordo_rd_strlist(ordo_reader *r, const ordo_node *map, const char *key, const char *where,
		     bool required, const char ***items, uint32_t *n)
{
	const ordo_node *v = ordo_node_get(map, key);
	*items = NULL;
	*n = 0;
	if (!v || v->type == ORDO_NODE_NULL) {
		if (required)
			ordo_rd_error(r, map, "missing '%s' in %s", key, where);
		return !required;
	}
	if (ordo_rd_scalar(v)) {
		*items = ordo_arena_alloc(r->a, sizeof(char *));
		(*items)[0] = v->u.str;
		*n = 1;
		return true;
	}
	if (v->type != ORDO_NODE_SEQ) {
		ordo_rd_error(r, v, "'%s' in %s must be a list of strings, not %s", key, where,
			      ordo_node_kind(v));
		return false;
	}
	*items = ordo_arena_alloc(r->a, sizeof(char *) * (v->len ? v->len : 1));
	bool ok = true;
	for (uint32_t i = 0; i < v->len; i++) {
		const char *s = ordo_rd_scalar(&v->u.items[i]);
		if (!s) {
			ordo_rd_error(r, &v->u.items[i], "'%s' in %s must list strings, not %s", key,
				      where, ordo_node_kind(&v->u.items[i]));
			ok = false;
			continue;
		}
		(*items)[(*n)++] = s;
	}
	return ok;
}
