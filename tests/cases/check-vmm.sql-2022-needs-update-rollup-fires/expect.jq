[.findings[] | select(.id == "vmm.sql-2022-needs-update-rollup")] | length == 1
.findings[] | select(.id == "vmm.sql-2022-needs-update-rollup") | .severity == "warning"
[.findings[] | select(.id == "sql.unsupported")] | length == 0
