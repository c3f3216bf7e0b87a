.verdict == "ok"
[.findings[] | select(.severity != "info")] | length == 0
[.findings[] | select(.id == "om.agents-push")] | length == 1
[.findings[] | select(.id == "om.acs-reenable")] | length == 1
