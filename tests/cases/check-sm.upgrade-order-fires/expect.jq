[.findings[] | select(.id == "sm.upgrade-order")] | length == 1
.findings[] | select(.id == "sm.upgrade-order") | .severity == "info"
