[.findings[] | select(.id == "om.2019-from-semi-annual")] | length == 1
.findings[] | select(.id == "om.2019-from-semi-annual") | .severity == "warning"
[.findings[] | select(.id == "path.none")] | length == 0
