# facts: BLOCK; ordo: the OS upgrade and the database rename are plan steps that resolve both blockers (resolved_by), so exit 1
.findings[] | select(.id == "os.unsupported") | .component == "dpm1" and .servers == ["DPM01"]
.findings[] | select(.id == "os.unsupported") | (.resolved_by | length >= 1)
.findings[] | select(.id == "dpm.database-rename" and .component == "dpm1") | (.resolved_by | length >= 1)
[.findings[] | select(.id == "dpm.shared-sql-sequential")] | length == 2
.verdict == "planned"
