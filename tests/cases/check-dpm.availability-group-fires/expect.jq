[.findings[] | select(.id == "dpm.availability-group")] | length == 1
.findings[] | select(.id == "dpm.availability-group") | .severity == "blocker"
.findings[] | select(.id == "dpm.availability-group") | .waivable == false
