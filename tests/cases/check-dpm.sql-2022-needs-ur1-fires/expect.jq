[.findings[] | select(.id == "dpm.sql-2022-needs-ur1")] | length == 1
.findings[] | select(.id == "dpm.sql-2022-needs-ur1") | .severity == "warning"
