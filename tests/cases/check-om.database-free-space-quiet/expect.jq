[.findings[] | select(.id == "om.database-free-space")] | length == 0
