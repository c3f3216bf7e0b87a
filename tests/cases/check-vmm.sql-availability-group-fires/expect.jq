[.findings[] | select(.id == "vmm.sql-availability-group")] | length == 1
.findings[] | select(.id == "vmm.sql-availability-group") | .severity == "blocker"
# cli.md: taking the database out of the group is a plan step that resolves the blocker (resolved_by), so the exit code is 1
.findings[] | select(.id == "vmm.sql-availability-group") | (.detail | contains("SQLAG01"))
.findings[] | select(.id == "vmm.sql-availability-group") | (.resolved_by | length >= 1)
