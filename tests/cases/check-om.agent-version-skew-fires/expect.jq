[.findings[] | select(.id == "om.agent-version-skew")] | length == 1
.findings[] | select(.id == "om.agent-version-skew") | .severity == "info"
