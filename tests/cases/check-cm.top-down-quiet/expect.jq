[.findings[] | select(.id == "cm.top-down")] | length == 0
