[.findings[] | select(.id == "sm.silverlight-portal-cohosted")] | length == 1
.findings[] | select(.id == "sm.silverlight-portal-cohosted") | .severity == "blocker"
.verdict == "blocked"
