[.findings[] | select(.id == "om.acs-reenable")] | length == 0
