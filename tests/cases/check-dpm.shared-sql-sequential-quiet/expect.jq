[.findings[] | select(.id == "dpm.shared-sql-sequential")] | length == 0
