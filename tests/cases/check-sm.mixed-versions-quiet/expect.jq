[.findings[] | select(.id == "sm.mixed-versions")] | length == 0
