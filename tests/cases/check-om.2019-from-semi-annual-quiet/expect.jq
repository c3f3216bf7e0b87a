[.findings[] | select(.id == "om.2019-from-semi-annual")] | length == 0
