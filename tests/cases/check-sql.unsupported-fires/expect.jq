# cli.md: upgrading SQL Server is a plan step that resolves the blocker (resolved_by), so the exit code is 1
[.findings[] | select(.id == "sql.unsupported")] | length == 1
.findings[] | select(.id == "sql.unsupported") | .severity == "blocker" and .component == "vmm"
.findings[] | select(.id == "sql.unsupported") | .hop == {"from": "2022", "to": "2025"}
.findings[] | select(.id == "sql.unsupported") | (.detail | contains("2017") and contains("SQL01"))
.findings[] | select(.id == "sql.unsupported") | .sources == ["SystemCenterDocs/includes/system-reqs-vmm-2025.md"]
.findings[] | select(.id == "sql.unsupported") | (.resolved_by | length >= 1)
.verdict == "planned"
