[.findings[] | select(.id == "vmm.sql-minimum")] | length == 1
.findings[] | select(.id == "vmm.sql-minimum") | .severity == "blocker"
# cli.md: upgrading SQL Server is a plan step that resolves the blocker (resolved_by), so the exit code is 1
.findings[] | select(.id == "vmm.sql-minimum") | .hop == {"from": "2012 SP1", "to": "2012 R2"}
.findings[] | select(.id == "vmm.sql-minimum") | (.resolved_by | length >= 1)
