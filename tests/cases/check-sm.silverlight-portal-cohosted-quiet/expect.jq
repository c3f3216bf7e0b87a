[.findings[] | select(.id == "sm.silverlight-portal-cohosted")] | length == 0
