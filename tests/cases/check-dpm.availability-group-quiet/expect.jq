[.findings[] | select(.id == "dpm.availability-group")] | length == 0
