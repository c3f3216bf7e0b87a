[.findings[] | select(.id == "dpm.database-rename")] | length == 1
.findings[] | select(.id == "dpm.database-rename") | .severity == "blocker"
# cli.md: renaming the database is a plan step that resolves the blocker (resolved_by), so the exit code is 1
.findings[] | select(.id == "dpm.database-rename") | (.detail | contains("DPMDB"))
.findings[] | select(.id == "dpm.database-rename") | (.resolved_by | length >= 1)
