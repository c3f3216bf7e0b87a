[.findings[] | select(.id == "om.agents-push")] | length == 0
