# cli.md: upgrading SQL Server is a plan step that resolves the blocker, so the exit code is 1
[.findings[] | select(.id == "sql.unsupported")] | length == 1
.findings[] | select(.id == "sql.unsupported") | (.detail | contains("2019 CU7"))
