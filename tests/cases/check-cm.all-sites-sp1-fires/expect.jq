[.findings[] | select(.id == "cm.all-sites-sp1")] | length == 1
.findings[] | select(.id == "cm.all-sites-sp1") | .severity == "blocker"
.findings[] | select(.id == "cm.all-sites-sp1") | .component == "cm-cas" and .hop == {"from": "2012 SP1", "to": "2012 R2"}
