.verdict == "blocked"
.findings[] | select(.id == "sql.unsupported") | .severity == "blocker" and (.detail | contains("2019"))
.findings[] | select(.id == "om.database-free-space") | .severity == "blocker" and (.detail | contains("35%"))
