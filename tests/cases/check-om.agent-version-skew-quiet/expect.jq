[.findings[] | select(.id == "om.agent-version-skew")] | length == 0
