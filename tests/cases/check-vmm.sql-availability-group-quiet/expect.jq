[.findings[] | select(.id == "vmm.sql-availability-group")] | length == 0
