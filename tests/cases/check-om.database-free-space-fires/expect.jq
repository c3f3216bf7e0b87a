[.findings[] | select(.id == "om.database-free-space")] | length == 1
.findings[] | select(.id == "om.database-free-space") | .severity == "blocker"
# more than half of the database must be free: exactly 50% is not enough
.findings[] | select(.id == "om.database-free-space") | (.detail | contains("50%"))
.verdict == "blocked"
