[.findings[] | select(.id == "om.agents-manual")] | length == 1
.findings[] | select(.id == "om.agents-manual") | .severity == "info"
[.findings[] | select(.id == "om.agents-push")] | length == 0
