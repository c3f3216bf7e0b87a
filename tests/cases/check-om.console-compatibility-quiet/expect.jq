[.findings[] | select(.id == "om.console-compatibility")] | length == 0
