[.findings[] | select(.id == "estate.unknown" and (.detail | startswith("dpm.sql-2022-needs-ur1 ")) and (.detail | contains("needs database.sql_version,")))] | length == 1
[.findings[] | select(.id == "estate.unknown" and (.detail | startswith("sql.unsupported ")) and (.detail | contains("needs database.sql_version,")))] | length == 1
