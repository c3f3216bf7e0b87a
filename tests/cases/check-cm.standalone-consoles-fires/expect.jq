[.findings[] | select(.id == "cm.standalone-consoles")] | length == 1
.findings[] | select(.id == "cm.standalone-consoles") | .severity == "info"
