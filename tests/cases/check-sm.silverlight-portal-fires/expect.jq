[.findings[] | select(.id == "sm.silverlight-portal")] | length == 1
.findings[] | select(.id == "sm.silverlight-portal") | .severity == "blocker"
# cli.md: uninstalling the portal is a plan step that resolves the blocker (resolved_by), so the exit code is 1
.findings[] | select(.id == "sm.silverlight-portal") | .waivable == false
.findings[] | select(.id == "sm.silverlight-portal") | (.resolved_by | length >= 1)
[.findings[] | select(.id == "sm.silverlight-portal-cohosted")] | length == 0
