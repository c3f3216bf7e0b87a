[.findings[] | select(.id == "cm.technical-preview")] | length == 1
.findings[] | select(.id == "cm.technical-preview") | .severity == "blocker"
.findings[] | select(.id == "cm.technical-preview") | .waivable == false
