[.findings[] | select(.id == "om.agents-manual")] | length == 0
