[.findings[] | select(.id == "orchestrator.ip-old-version-deployed")] | length == 0
