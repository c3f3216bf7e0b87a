[.findings[] | select(.id == "om.agents-push")] | length == 1
.findings[] | select(.id == "om.agents-push") | .severity == "info"
[.findings[] | select(.id == "om.agents-manual")] | length == 0
