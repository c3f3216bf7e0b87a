[.findings[] | select(.id == "estate.unknown" and (.detail | startswith("vmm.sql-minimum ")))] == []
[.findings[] | select(.id == "estate.unknown" and (.detail | startswith("sql.unsupported ")))] == []
