[.findings[] | select(.id == "orchestrator.pending-restart")] | length == 1
.findings[] | select(.id == "orchestrator.pending-restart") | .severity == "blocker"
# cli.md: the restart is a plan step that resolves the blocker (resolved_by), so the exit code is 1
.findings[] | select(.id == "orchestrator.pending-restart") | .servers == ["ORCH02"]
.findings[] | select(.id == "orchestrator.pending-restart") | (.detail | contains("runbook_server"))
.findings[] | select(.id == "orchestrator.pending-restart") | (.resolved_by | length >= 1)
