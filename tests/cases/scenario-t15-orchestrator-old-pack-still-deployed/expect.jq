# facts: BLOCK; ordo: orchestrator.ip-old-version-deployed, resolved by the plan's unregister step (resolved_by), so exit 1
.findings[] | select(.id == "orchestrator.ip-old-version-deployed") | .severity == "blocker" and (.detail | contains("2012 SP1"))
.findings[] | select(.id == "orchestrator.ip-old-version-deployed") | (.resolved_by | length >= 1)
.verdict == "planned"
