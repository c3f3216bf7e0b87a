# facts: BLOCK (order); ordo takes the order from the catalog, not from the estate, and says so with sm.upgrade-order (info)
.findings[] | select(.id == "sm.upgrade-order") | .severity == "info" and (.title | contains("Data warehouse first"))
.verdict == "ok"
