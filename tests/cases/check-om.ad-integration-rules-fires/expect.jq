[.findings[] | select(.id == "om.ad-integration-rules")] | length == 1
.findings[] | select(.id == "om.ad-integration-rules") | .severity == "warning"
.findings[] | select(.id == "om.ad-integration-rules") | .hop == {"from": "2016 UR6", "to": "2019"}
