[.findings[] | select(.id == "sm.silverlight-portal")] | length == 0
