[.findings[] | select(.id == "vmm.pending-restart")] | length == 1
.findings[] | select(.id == "vmm.pending-restart") | .severity == "blocker"
# cli.md: the restart is a plan step that resolves the blocker (resolved_by), so the exit code is 1
.findings[] | select(.id == "vmm.pending-restart") | .servers == ["VMM01"]
.findings[] | select(.id == "vmm.pending-restart") | (.resolved_by | length >= 1)
