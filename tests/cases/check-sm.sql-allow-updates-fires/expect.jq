[.findings[] | select(.id == "sm.sql-allow-updates")] | length == 1
.findings[] | select(.id == "sm.sql-allow-updates") | .severity == "blocker"
# cli.md: the setting is changed by a plan step that resolves the blocker (resolved_by), so the exit code is 1
.findings[] | select(.id == "sm.sql-allow-updates") | [.remediation[] | select(.type == "command")] | length == 1
.findings[] | select(.id == "sm.sql-allow-updates") | (.resolved_by | length >= 1)
