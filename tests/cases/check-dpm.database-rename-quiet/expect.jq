[.findings[] | select(.id == "dpm.database-rename")] | length == 0
