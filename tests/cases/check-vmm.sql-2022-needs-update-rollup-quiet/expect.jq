[.findings[] | select(.id == "vmm.sql-2022-needs-update-rollup")] | length == 0
