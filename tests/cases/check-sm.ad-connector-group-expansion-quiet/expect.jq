[.findings[] | select(.id == "sm.ad-connector-group-expansion")] | length == 0
