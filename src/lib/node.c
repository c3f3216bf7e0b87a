/* SPDX-License-Identifier: MIT */
#include "node.h"

#include <string.h>

const ordo_node *ordo_node_get(const ordo_node *map, const char *key)
{
	if (!map || map->type != ORDO_NODE_MAP)
		return NULL;
	size_t klen = strlen(key);
	for (uint32_t i = 0; i < map->len; i++) {
		const ordo_node *k = ordo_node_key(map, i);
		if (k->len == klen && memcmp(k->u.str, key, klen) == 0)
			return ordo_node_val(map, i);
	}
	return NULL;
}

const char *ordo_node_kind(const ordo_node *n)
{
	if (!n)
		return "nothing";
	switch (n->type) {
	case ORDO_NODE_NULL:
		return "null";
	case ORDO_NODE_BOOL:
		return "a boolean";
	case ORDO_NODE_NUMBER:
		return "a number";
	case ORDO_NODE_STRING:
		return "a string";
	case ORDO_NODE_MAP:
		return "a mapping";
	case ORDO_NODE_SEQ:
		return "a list";
	}
	return "unknown";
}
