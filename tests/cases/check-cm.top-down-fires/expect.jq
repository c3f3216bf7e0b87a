[.findings[] | select(.id == "cm.top-down")] | length == 1
.findings[] | select(.id == "cm.top-down") | .severity == "info"
