[.findings[] | select(.id == "om.ad-integration-rules")] | length == 0
