[.findings[] | select(.id == "om.agent-with-console")] | length == 1
.findings[] | select(.id == "om.agent-with-console") | .severity == "warning"
