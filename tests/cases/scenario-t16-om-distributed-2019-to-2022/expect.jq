(.verdict == "warnings" and ([.findings[] | select(.severity != "info") | .id] | unique) == ["estate.unknown"])
[.findings[] | select(.severity != "info" and .id != "estate.unknown")] | length == 0
[.findings[] | select(.id == "om.agents-push")] | length == 1
[.findings[] | select(.id == "om.acs-reenable")] | length == 1
