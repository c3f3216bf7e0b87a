# estate.yaml is the output of 'ordo init vmm operations_manager', committed unchanged: the template checks cleanly
(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
.estate == "my-estate"
[.findings[] | select(.severity != "info" and .id != "estate.unknown")] | length == 0
[.findings[] | select(.id | startswith("estate.") and . != "estate.unknown")] | length == 0
