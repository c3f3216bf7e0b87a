[.findings[] | select(.id == "om.console-compatibility")] | length == 1
.findings[] | select(.id == "om.console-compatibility") | .severity == "warning"
.findings[] | select(.id == "om.console-compatibility") | .component == "om-prod"
