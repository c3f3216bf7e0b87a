[.findings[] | select(.id == "sm.ad-connector-group-expansion")] | length == 1
.findings[] | select(.id == "sm.ad-connector-group-expansion") | .severity == "info"
.findings[] | select(.id == "sm.ad-connector-group-expansion") | .hop == {"from": "2012 R2 UR9", "to": "2016"}
