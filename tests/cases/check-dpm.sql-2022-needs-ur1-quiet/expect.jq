[.findings[] | select(.id == "dpm.sql-2022-needs-ur1")] | length == 0
