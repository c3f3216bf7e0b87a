# cli.md: registering the right pack is a plan step that resolves the blocker (resolved_by), so the exit code is 1
[.findings[] | select(.id == "orchestrator.ip-unsupported")] | length == 1
.findings[] | select(.id == "orchestrator.ip-unsupported") | .severity == "blocker" and .component == "orch"
.findings[] | select(.id == "orchestrator.ip-unsupported") | (.detail | contains("2012 SP1") and contains("vmm"))
.findings[] | select(.id == "orchestrator.ip-unsupported") | (.resolved_by | length >= 1)
.verdict == "planned"
