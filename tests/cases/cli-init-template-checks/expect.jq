# estate.yaml is the output of 'ordo init vmm operations_manager', committed unchanged: the template checks cleanly
.verdict == "ok"
.estate == "my-estate"
[.findings[] | select(.severity != "info")] | length == 0
[.findings[] | select(.id | startswith("estate."))] | length == 0
