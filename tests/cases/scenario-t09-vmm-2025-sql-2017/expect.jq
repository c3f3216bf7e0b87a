# facts: BLOCK, plan upgrades SQL first; ordo: sql.unsupported is resolved by that plan step (resolved_by), so exit 1
.findings[] | select(.id == "sql.unsupported") | .severity == "blocker" and .hop == {"from": "2022", "to": "2025"}
.findings[] | select(.id == "sql.unsupported") | (.resolved_by | length >= 1)
.verdict == "planned"
