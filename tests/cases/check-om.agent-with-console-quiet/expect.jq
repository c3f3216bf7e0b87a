[.findings[] | select(.id == "om.agent-with-console")] | length == 0
