.verdict == "ok"
[.findings[] | select(.id == "orchestrator.ip-unsupported")] | length == 0
