[.findings[] | select(.id == "estate.unknown" and (.detail | startswith("sql.unsupported ")) and (.detail | contains("needs database.sql_version,")))] | length == 1
[.findings[] | select(.id == "estate.unknown" and (.detail | startswith("vmm.sql-2022-needs-update-rollup ")) and (.detail | contains("needs database.sql_version,")))] | length == 1
[.findings[] | select(.id == "estate.unknown")] | length == 2
