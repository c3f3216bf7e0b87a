[.findings[] | select(.id == "sm.sql-allow-updates")] | length == 0
