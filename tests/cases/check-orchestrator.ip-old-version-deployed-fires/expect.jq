[.findings[] | select(.id == "orchestrator.ip-old-version-deployed")] | length == 1
.findings[] | select(.id == "orchestrator.ip-old-version-deployed") | .severity == "blocker"
# cli.md: unregistering the old pack is a plan step that resolves the blocker (resolved_by), so the exit code is 1
.findings[] | select(.id == "orchestrator.ip-old-version-deployed") | .component == "orch" and (.detail | contains("2016"))
.findings[] | select(.id == "orchestrator.ip-old-version-deployed") | (.resolved_by | length >= 1)
[.findings[] | select(.id == "orchestrator.ip-unsupported")] | length == 0
