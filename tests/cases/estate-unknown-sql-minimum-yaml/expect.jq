[.findings[] | select(.id == "estate.unknown" and (.detail | startswith("vmm.sql-minimum ")) and (.detail | contains("needs database.sql_version,")))] | length == 1
[.findings[] | select(.id == "estate.unknown" and (.detail | startswith("vmm.sql-2022-needs-update-rollup ")))] == []
