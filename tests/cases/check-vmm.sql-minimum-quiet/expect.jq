[.findings[] | select(.id == "vmm.sql-minimum")] | length == 0
