[.findings[] | select(.id == "om.acs-reenable")] | length == 1
.findings[] | select(.id == "om.acs-reenable") | .severity == "info"
