[.findings[] | select(.id == "orchestrator.pending-restart")] | length == 0
